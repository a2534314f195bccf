import { expect, fixture, html } from '@open-wc/testing';
import './cp-phone-status.ts';
import type { CpPhoneStatus } from './cp-phone-status.ts';
import type { PhoneConnection, PhoneTabState } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { HOSTILE_TEXT, NOW } from '../test-support/snapshots.ts';
import { deepQueryAll, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';

async function banner(phone: PhoneConnection, clock = new FakeClock(NOW), tab?: PhoneTabState): Promise<CpPhoneStatus> {
  return fixture<CpPhoneStatus>(html`<cp-phone-status .phone=${phone} .tab=${tab} .clock=${clock}></cp-phone-status>`);
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

  describe('another tab or window of the agent has the phone', () => {
    afterEach(() => useAgentLanguage({ language: '', locale: '' }));

    it('says so instead of "Phone off", and "Use the phone here" asks to take it over', async () => {
      const element = await banner({ state: 'stopped' }, new FakeClock(NOW), 'active-elsewhere');
      expect(getByRole(element, 'status').textContent).to.equal('Phone active in another tab or window');
      expect(shownText(element)).to.not.contain('Phone off');
      const fired = recordIntents(element);
      getByRole(element, 'button', { name: 'Use the phone here' }).click();
      expect(fired.intents).to.deep.equal([{ type: 'take-over-phone' }]);
    });

    it('says the phone is on its way while taking it over, or handing it over, with nothing to press', async () => {
      const taking = await banner({ state: 'stopped' }, new FakeClock(NOW), 'taking-over');
      expect(shownText(taking)).to.equal('Taking the phone over from the other tab or window…');
      expect(queryAllByRole(taking, 'button')).to.have.length(0);
      const handing = await banner({ state: 'registered' }, new FakeClock(NOW), 'stepping-down');
      expect(shownText(handing)).to.equal('Handing the phone over to another tab or window…');
    });

    it('shows the phone as usual in the page that has it (or is still asking for it)', async () => {
      expect(shownText(await banner({ state: 'registered' }, new FakeClock(NOW), 'active-here'))).to.equal('Phone ready');
      expect(shownText(await banner({ state: 'stopped' }, new FakeClock(NOW), 'electing'))).to.equal('Phone off');
    });

    it('says it in Spanish to a Spanish-speaking agent', async () => {
      await useAgentLanguage({ language: 'es', locale: 'es-ES' });
      const element = await banner({ state: 'stopped' }, new FakeClock(NOW), 'active-elsewhere');
      expect(getByRole(element, 'status').textContent).to.equal('Teléfono activo en otra pestaña o ventana');
      expect(getByRole(element, 'button', { name: 'Usar el teléfono aquí' })).to.exist;
      expect(shownText(await banner({ state: 'stopped' }, new FakeClock(NOW), 'taking-over'))).to.equal('Pasando el teléfono desde la otra pestaña o ventana…');
    });
  });
});
