import { expect, fixture, html } from '@open-wc/testing';
import './cp-voicemail-drop.ts';
import type { CpVoicemailDrop } from './cp-voicemail-drop.ts';
import type { InteractionView, VoicemailDropView } from '../../adapter/src/store.ts';
import { HOSTILE_TEXT, view } from '../test-support/snapshots.ts';
import { deepQueryAll, focused, getByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';

const MESSAGES = [
  { id: 'Appointment', label: 'About your appointment' },
  { id: 'Call_Us_Back', label: 'Please call us back' },
];

/** The agent's call to a number, answered by a voicemail, with the drop as `drop`. */
const outbound = (drop: VoicemailDropView): InteractionView =>
  view({ id: 'out-1', direction: 'outbound', state: 'connected', callerName: '', callerNumber: '+1 415 555 0142', answeredAt: Date.now() }, { voicemailDrop: drop });

async function dropper(callView: InteractionView): Promise<CpVoicemailDrop> {
  const element = await fixture<CpVoicemailDrop>(html`<cp-voicemail-drop .view=${callView}></cp-voicemail-drop>`);
  await element.updateComplete;
  return element;
}

describe('<cp-voicemail-drop>', () => {
  it('lists the admin\'s messages, the first chosen, and drops the chosen one into this call', async () => {
    const element = await dropper(outbound({ messages: MESSAGES }));
    const group = getByRole(element, 'group', { name: 'Voicemail drop' });
    const list = getByRole(group, 'combobox', { name: 'Message' }) as HTMLSelectElement;
    expect([...list.options].map((option) => option.textContent)).to.deep.equal(['About your appointment', 'Please call us back']);
    expect(list.value).to.equal('Appointment');
    list.value = 'Call_Us_Back';
    list.dispatchEvent(new Event('change'));
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Drop voicemail' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'drop-voicemail', interactionId: 'out-1', messageId: 'Call_Us_Back' }]);
  });

  it('says what Drop does to a screen reader', async () => {
    const element = await dropper(outbound({ messages: MESSAGES }));
    const button = getByRole(element, 'button', { name: 'Drop voicemail' });
    const hint = element.shadowRoot!.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).to.equal('Plays the message to the voicemail and frees you at once; the call ends when the message does.');
  });

  it('while the message loads: the button says so and waits in place, focus kept, no second drop', async () => {
    const element = await dropper(outbound({ messages: MESSAGES }));
    const button = getByRole(element, 'button', { name: 'Drop voicemail' });
    button.focus();
    element.view = outbound({ messages: MESSAGES, dropping: 'Appointment' });
    await element.updateComplete;
    expect(button.textContent?.trim()).to.equal('Dropping voicemail…');
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(focused()).to.equal(button);
    const fired = recordIntents(element);
    button.click();
    expect(fired.intents).to.deep.equal([]);
    // It could not load: the notices say why, and Drop is back.
    element.view = outbound({ messages: MESSAGES });
    await element.updateComplete;
    expect(button.textContent?.trim()).to.equal('Drop voicemail');
    expect(button.getAttribute('aria-disabled')).to.equal('false');
  });

  it('speaks the agent\'s language: Spanish for a Spanish-speaking agent (the messages keep the admin\'s labels)', async () => {
    await useAgentLanguage({ language: 'es', locale: 'es_ES' });
    try {
      const element = await dropper(outbound({ messages: MESSAGES }));
      const group = getByRole(element, 'group', { name: 'Mensaje pregrabado' });
      expect(getByRole(group, 'combobox', { name: 'Mensaje' })).to.exist;
      expect(getByRole(group, 'button', { name: 'Dejar el mensaje' })).to.exist;
      expect(shownText(group)).to.equal('Mensaje About your appointment Dejar el mensaje');
    } finally {
      useAgentLanguage({ language: 'en', locale: 'en_US' });
    }
  });

  it('shows labels as text, and nothing without messages', async () => {
    const element = await dropper(outbound({ messages: [{ id: 'Odd', label: HOSTILE_TEXT }] }));
    expect(shownText(element)).to.contain(HOSTILE_TEXT);
    expect(deepQueryAll(element, 'img')).to.have.length(0);
    const empty = await dropper(outbound({ messages: [] }));
    expect(shownText(empty)).to.equal('');
  });
});
