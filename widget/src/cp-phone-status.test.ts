import { expect, fixture, html } from '@open-wc/testing';
import './cp-phone-status.ts';
import type { CpPhoneStatus } from './cp-phone-status.ts';
import type { PhoneConnection } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { HOSTILE_TEXT, NOW } from '../test-support/snapshots.ts';
import { deepQueryAll, getByRole, shownText } from '../test-support/queries.ts';

async function banner(phone: PhoneConnection, clock = new FakeClock(NOW)): Promise<CpPhoneStatus> {
  return fixture<CpPhoneStatus>(html`<cp-phone-status .phone=${phone} .clock=${clock}></cp-phone-status>`);
}

describe('<cp-phone-status>', () => {
  it('says the phone is ready once registered', async () => {
    expect(shownText(await banner({ state: 'registered' }))).to.equal('Phone ready');
  });

  it('says in words that it is connecting', async () => {
    const element = await banner({ state: 'connecting' });
    expect(shownText(element)).to.equal('Connecting to phone server…');
  });

  it('says why the phone server cannot be reached and counts down to the next try', async () => {
    const clock = new FakeClock(NOW);
    const element = await banner({ state: 'unreachable', reason: 'WebSocket closed (1006)', retryAt: NOW + 5_000 }, clock);
    expect(shownText(element)).to.equal('Cannot reach phone server: WebSocket closed (1006). Retrying in 5 s');
    clock.advance(1_000);
    await element.updateComplete;
    expect(shownText(element)).to.equal('Cannot reach phone server: WebSocket closed (1006). Retrying in 4 s');
    clock.advance(10_000);
    await element.updateComplete;
    expect(shownText(element)).to.equal('Cannot reach phone server: WebSocket closed (1006). Retrying now…');
  });

  it('announces the problem politely, without reading the countdown every second', async () => {
    const element = await banner({ state: 'refused', reason: '403 Forbidden', retryAt: NOW + 30_000 });
    expect(shownText(element)).to.equal('Phone server refused this agent: 403 Forbidden. Retrying in 30 s');
    expect(getByRole(element, 'status').textContent).to.equal('Phone server refused this agent: 403 Forbidden.');
  });

  it('says in the reason\'s words why the phone has no SIP credential, with the countdown to the next try', async () => {
    const reason = 'The phone cannot register without a SIP credential from Salesforce: this agent\'s User record has no ContactPad SIP User. A Salesforce admin fills it.';
    const clock = new FakeClock(NOW);
    const element = await banner({ state: 'no-credential', reason, retryAt: NOW + 120_000 }, clock);
    expect(shownText(element)).to.equal(`${reason} Retrying in 120 s`);
    expect(getByRole(element, 'status').textContent).to.equal(reason);
    expect(clock.pending.length).to.equal(1);
    expect(shownText(await banner({ state: 'no-credential', reason: '', retryAt: NOW + 2_000 }))).to.equal('The phone has no SIP credential from Salesforce. Retrying in 2 s');
  });

  it('runs its timer only while waiting to retry', async () => {
    const clock = new FakeClock(NOW);
    const element = await banner({ state: 'unreachable', reason: 'timeout', retryAt: NOW + 5_000 }, clock);
    expect(clock.pending.length).to.equal(1);
    element.phone = { state: 'registered' };
    await element.updateComplete;
    expect(clock.pending.length).to.equal(0);
  });

  it('shows a reason with markup as text and no dangling colon without one', async () => {
    const hostile = await banner({ state: 'refused', reason: HOSTILE_TEXT, retryAt: NOW + 1_000 });
    expect(shownText(hostile)).to.contain(HOSTILE_TEXT);
    expect(deepQueryAll(hostile, 'img')).to.have.length(0);
    expect(shownText(await banner({ state: 'unreachable', reason: '', retryAt: NOW + 2_000 }))).to.equal(
      'Cannot reach phone server. Retrying in 2 s',
    );
  });
});
