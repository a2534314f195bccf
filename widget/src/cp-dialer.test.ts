import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './cp-dialer.ts';
import type { CpDialer } from './cp-dialer.ts';
import type { DialHistory, InteractionView } from '../../adapter/src/store.ts';
import { getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { FAILED_CALL_REASONS, view } from '../test-support/snapshots.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';

const MARIA = { recordId: '00Q000000000001AAA', objectType: 'Lead', name: 'Maria Lopez' };
const HISTORY: DialHistory = {
  recent: [
    { number: '+14155550100', at: 3, record: MARIA },
    { number: '+442079460958', at: 2 },
  ],
  favourites: [{ number: '+442079460958', at: 2 }],
};

async function typeNumber(dialer: CpDialer, text: string): Promise<void> {
  const input = getByRole(dialer, 'textbox', { name: 'Number to call' }) as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await dialer.updateComplete;
}

async function dialer(template = html`<cp-dialer registered></cp-dialer>`): Promise<CpDialer> {
  return fixture<CpDialer>(template);
}

function failedCall(extra: Partial<NonNullable<InteractionView['placed']>> = {}): InteractionView {
  const base = view({ id: 'out-1', direction: 'outbound', state: 'failed', callerName: 'Maria Lopez', callerNumber: '+14155550100' });
  return { ...base, placed: { extension: '', failure: { kind: 'busy', detail: 'Busy (486 Busy Here)' }, ...extra } };
}

describe('<cp-dialer>', () => {
  it('dials the typed number when the agent presses Call', async () => {
    const element = await dialer();
    const fired = recordIntents(element);
    await typeNumber(element, '  +1 (415) 555-0100 ');
    getByRole(element, 'button', { name: 'Call' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'dial', number: '+1 (415) 555-0100' }]);
  });

  it('dials on Enter in the number field and clears it for the next call', async () => {
    const element = await dialer();
    const fired = recordIntents(element);
    await typeNumber(element, '2125550147');
    const input = getByRole(element, 'textbox', { name: 'Number to call' }) as HTMLInputElement;
    input.form?.requestSubmit();
    await element.updateComplete;
    expect(fired.intents).to.deep.equal([{ type: 'dial', number: '2125550147' }]);
    expect(input.value).to.equal('');
  });

  it('cannot call while the phone is not registered', async () => {
    const element = await dialer(html`<cp-dialer></cp-dialer>`);
    const fired = recordIntents(element);
    await typeNumber(element, '2125550147');
    const call = getByRole(element, 'button', { name: 'Call' }) as HTMLButtonElement;
    expect(call.disabled).to.equal(true);
    call.form?.requestSubmit();
    expect(fired.intents).to.deep.equal([]);
    expect(shownText(element)).to.contain('Calling is possible once the phone is ready.');
  });

  it('says there is nothing to dial for an empty number, and sends nothing', async () => {
    const element = await dialer();
    const fired = recordIntents(element);
    await typeNumber(element, '   ');
    getByRole(element, 'button', { name: 'Call' }).click();
    await element.updateComplete;
    expect(fired.intents).to.deep.equal([]);
    expect(getByRole(element, 'alert').textContent).to.equal('Type a number to call.');
    await typeNumber(element, '4');
    expect(queryAllByRole(element, 'alert')).to.deep.equal([]);
  });

  it('builds the number on the dial pad: digits, star, pound, plus, and delete', async () => {
    const element = await dialer();
    const fired = recordIntents(element);
    const toggle = getByRole(element, 'button', { name: 'Dial pad' });
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await element.updateComplete;
    const pad = getByRole(element, 'group', { name: 'Dial pad' });
    for (const key of ['Plus', '4', '4', 'Star', 'Pound', 'Delete last character', 'Delete last character', '2', '0']) {
      getByRole(pad, 'button', { name: key }).click();
      await element.updateComplete;
    }
    expect((getByRole(element, 'textbox', { name: 'Number to call' }) as HTMLInputElement).value).to.equal('+4420');
    getByRole(element, 'button', { name: 'Call' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'dial', number: '+4420' }]);
  });

  it('redials the last number called, with the record it was called from; nothing to redial before a first call', async () => {
    const empty = await dialer();
    expect((getByRole(empty, 'button', { name: 'Redial' }) as HTMLButtonElement).disabled).to.equal(true);
    expect(shownText(empty)).to.contain('No calls placed yet.');
    const element = await dialer(html`<cp-dialer registered .history=${HISTORY}></cp-dialer>`);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Redial' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'dial', number: '+14155550100', record: MARIA }]);
  });

  it('lists the recent numbers and favourites; one click calls, the star favours or unfavours', async () => {
    const element = await dialer(html`<cp-dialer registered .history=${HISTORY}></cp-dialer>`);
    const fired = recordIntents(element);
    const recent = getByRole(element, 'list', { name: 'Recent numbers' });
    expect(queryAllByRole(recent, 'button').map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Call Maria Lopez (+14155550100)',
      'Favourite Maria Lopez (+14155550100)',
      'Call +442079460958',
      'Favourite +442079460958',
    ]);
    expect(getByRole(recent, 'button', { name: 'Favourite +442079460958' }).getAttribute('aria-pressed')).to.equal('true');
    getByRole(recent, 'button', { name: 'Call Maria Lopez (+14155550100)' }).click();
    getByRole(recent, 'button', { name: 'Favourite Maria Lopez (+14155550100)' }).click();
    const favourites = getByRole(element, 'list', { name: 'Favourites' });
    getByRole(favourites, 'button', { name: 'Call +442079460958' }).click();
    getByRole(favourites, 'button', { name: 'Remove +442079460958 from favourites' }).click();
    expect(fired.intents).to.deep.equal([
      { type: 'dial', number: '+14155550100', record: MARIA },
      { type: 'favourite-number', number: '+14155550100', starred: true },
      { type: 'dial', number: '+442079460958' },
      { type: 'favourite-number', number: '+442079460958', starred: false },
    ]);
  });

  it('says why the last call placed did not connect and records the agent\'s reason', async () => {
    const element = await dialer(html`<cp-dialer registered .failedCallReasons=${FAILED_CALL_REASONS} .interactions=${[failedCall()]}></cp-dialer>`);
    const fired = recordIntents(element);
    const failed = getByRole(element, 'region', { name: 'Call not connected' });
    expect(shownText(failed)).to.contain('Call to Maria Lopez not connected: Busy (486 Busy Here).');
    const save = getByRole(failed, 'button', { name: 'Save reason' }) as HTMLButtonElement;
    expect(save.disabled).to.equal(true);
    const reason = getByRole(failed, 'combobox', { name: 'Reason' }) as HTMLSelectElement;
    reason.value = 'Wrong number';
    reason.dispatchEvent(new Event('change'));
    await element.updateComplete;
    await element.renderRoot.querySelector('cp-failed-call')?.updateComplete;
    save.click();
    expect(fired.intents).to.deep.equal([{ type: 'failed-call-reason', interactionId: 'out-1', reason: 'Wrong number' }]);
  });

  it('"Scheduled calls" beside the calling list: opens the agent\'s scheduled calls (loaded on first use), and closes them', async () => {
    const element = await dialer();
    const button = getByRole(element, 'button', { name: 'Scheduled calls' });
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    const fired = recordIntents(element);
    button.click();
    await waitUntil(() => fired.intents.length === 1);
    expect(customElements.get('cp-scheduled-calls'), 'loaded on first use').to.exist;
    element.scheduledCalls = { state: 'listed', calls: [{ id: 'a0C000000000001AAA', at: Date.UTC(2027, 0, 6, 17), number: '+14155550100', name: 'Maria Lopez', recordId: '', customerZone: '', due: false }] };
    await element.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(shownText(getByRole(element, 'list', { name: 'Your scheduled calls' }))).to.contain('Maria Lopez');
    button.click();
    fired.stop();
    expect(fired.intents).to.deep.equal([
      { type: 'callback', ask: { to: 'show-scheduled' } },
      { type: 'callback', ask: { to: 'hide-scheduled' } },
    ]);
  });

  it('speaks the agent\'s language: Spanish for a Spanish-speaking agent', async () => {
    await useAgentLanguage({ language: 'es', locale: 'es_ES' });
    try {
      const element = await dialer(html`<cp-dialer registered .history=${HISTORY} .failedCallReasons=${FAILED_CALL_REASONS} .interactions=${[failedCall()]}></cp-dialer>`);
      expect(getByRole(element, 'textbox', { name: 'Número al que llamar' })).to.exist;
      expect(getByRole(element, 'button', { name: 'Rellamar' })).to.exist;
      expect(getByRole(element, 'list', { name: 'Números recientes' })).to.exist;
      expect(shownText(getByRole(element, 'region', { name: 'Llamada no conectada' }))).to.contain('La llamada a Maria Lopez no se conectó');
    } finally {
      useAgentLanguage({ language: 'en', locale: 'en_US' });
    }
  });

  it('shows the recorded reason instead of the picker; a newer call placed clears it and shows its extension while under way', async () => {
    const recorded = await dialer(html`<cp-dialer registered .interactions=${[failedCall({ reason: 'Try again later' })]}></cp-dialer>`);
    expect(shownText(getByRole(recorded, 'region', { name: 'Call not connected' }))).to.contain('Reason recorded: Try again later');
    const ringing = { ...view({ id: 'out-2', direction: 'outbound', state: 'alerting', callerNumber: '+14155550100' }), placed: { extension: '12' } };
    const element = await dialer(html`<cp-dialer registered .interactions=${[ringing, failedCall()]}></cp-dialer>`);
    expect(queryAllByRole(element, 'region', { name: 'Call not connected' })).to.deep.equal([]);
    expect(shownText(element)).to.contain('Extension 12: key it in once the call is answered.');
  });
});
