import { expect, fixture, html } from '@open-wc/testing';
import './cp-call-pop.ts';
import type { CpCallPop } from './cp-call-pop.ts';
import type { InteractionView } from '../../adapter/src/store.ts';
import { HOSTILE_TEXT, ringing, view } from './fixtures/snapshots.ts';
import { deepQueryAll, getByRole, queryAllByRole, recordIntents, shownText } from './fixtures/queries.ts';

async function pop(callView: InteractionView): Promise<CpCallPop> {
  return fixture<CpCallPop>(html`<cp-call-pop .view=${callView}></cp-call-pop>`);
}

function field(element: CpCallPop, className: string): string {
  const found = element.shadowRoot!.querySelector(`.${className}`);
  if (!found) throw new Error(`no .${className}`);
  return shownText(found);
}

describe('<cp-call-pop>', () => {
  it('shows the kind, caller, label, Call To, queue and ad source of a ringing call', async () => {
    const element = await pop(ringing);
    const text = shownText(element);
    expect(text).to.equal(
      'Voice call Lead Ann Smith +1 415 555 0100 Call To San Francisco showroom Queue Sales Ad Source Google Ads — Spring Sale Accept Reject',
    );
    expect(getByRole(element, 'region').getAttribute('aria-label')).to.equal('Incoming voice call from Ann Smith, +1 415 555 0100, queue Sales');
  });

  it('accepts and rejects its own interaction through buttons named Accept and Reject', async () => {
    const element = await pop(ringing);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Accept' }).click();
    getByRole(element, 'button', { name: 'Reject' }).click();
    expect(fired.intents).to.deep.equal([
      { type: 'accept', interactionId: 'ci-7f3a2c10' },
      { type: 'reject', interactionId: 'ci-7f3a2c10' },
    ]);
  });

  it('names video calls and callbacks by their kind', async () => {
    expect(field(await pop(view({ channel: 'video' })), 'kind')).to.equal('Video call');
    expect(field(await pop(view({ channel: 'callback' })), 'kind')).to.equal('Callback');
  });

  it('leaves missing caller name, queue, Call To and ad source blank, with no placeholder text', async () => {
    const element = await pop(view({ callerName: '', queue: '', location: '', adSource: '' }));
    expect(field(element, 'name')).to.equal('');
    expect(field(element, 'queue')).to.equal('');
    expect(field(element, 'location')).to.equal('');
    expect(field(element, 'ad-source')).to.equal('');
    expect(field(element, 'number')).to.equal('+1 415 555 0100');
    const text = shownText(element);
    for (const filler of ['undefined', 'null', 'N/A', 'Unknown caller']) expect(text).not.to.contain(filler);
    expect(getByRole(element, 'region').getAttribute('aria-label')).to.equal('Incoming voice call from +1 415 555 0100');
  });

  it('shows every label the lookup earned, coloured by what it means', async () => {
    const element = await pop(
      view({}, { caller: { state: 'done', labels: ['Customer', 'Previous Customer'], matches: [] } }),
    );
    const labels = getByRole(element, 'list', { name: 'Caller label' });
    expect(queryAllByRole(labels, 'listitem').map((item) => item.textContent)).to.deep.equal(['Customer', 'Previous Customer']);
    const colour = (text: string) => getComputedStyle(queryAllByRole(labels, 'listitem').find((item) => item.textContent === text)!).backgroundColor;
    expect(colour('Customer')).to.equal('rgb(254, 147, 57)');
    expect(colour('Previous Customer')).to.equal('rgb(229, 229, 229)');
    const lead = await pop(ringing);
    expect(getComputedStyle(queryAllByRole(lead, 'listitem')[0]!).backgroundColor).to.equal('rgb(46, 132, 74)');
    const unknown = await pop(view({}, { caller: { state: 'done', labels: ['Unknown'], matches: [] } }));
    expect(getComputedStyle(queryAllByRole(unknown, 'listitem')[0]!).backgroundColor).to.equal('rgb(229, 229, 229)');
  });

  it('says the caller is being looked up while Salesforce has not answered', async () => {
    const element = await pop(view({}, { caller: { state: 'pending' } }));
    expect(shownText(element)).to.contain('Looking up caller…');
    expect(queryAllByRole(element, 'list', { name: 'Caller label' })).to.have.length(0);
  });

  it('shows a failed lookup as an alert and still lets the agent accept the call', async () => {
    const element = await pop(
      view({}, { caller: { state: 'failed', code: 'CRM_SESSION_EXPIRED', message: 'Salesforce session expired: caller not looked up.' } }),
    );
    expect(getByRole(element, 'alert').textContent).to.equal('Salesforce session expired: caller not looked up.');
    const fired = recordIntents(element);
    const accept = getByRole(element, 'button', { name: 'Accept' }) as HTMLButtonElement;
    expect(accept.disabled).to.equal(false);
    accept.click();
    expect(fired.intents).to.deep.equal([{ type: 'accept', interactionId: 'ci-7f3a2c10' }]);
  });

  it('renders markup in caller-supplied fields as plain text and creates no element from it', async () => {
    const element = await pop(
      view({ callerName: HOSTILE_TEXT, callerNumber: '<b>555</b>', queue: HOSTILE_TEXT, location: '<script>alert(1)</script>', adSource: HOSTILE_TEXT }),
    );
    expect(field(element, 'name')).to.equal(HOSTILE_TEXT);
    expect(field(element, 'number')).to.equal('<b>555</b>');
    expect(field(element, 'location')).to.equal('<script>alert(1)</script>');
    expect(field(element, 'ad-source')).to.equal(HOSTILE_TEXT);
    expect(deepQueryAll(element, 'img, b, script')).to.have.length(0);
    expect((window as unknown as { __pwned?: boolean }).__pwned).to.equal(undefined);
  });
});
