import { expect, fixture, html } from '@open-wc/testing';
import './cp-call-recording.ts';
import type { CpCallRecording } from './cp-call-recording.ts';
import type { InteractionView, RecordingView } from '../../adapter/src/store.ts';
import { connected } from '../test-support/snapshots.ts';
import { focused, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';

/** Bob Jones's connected call with its recording as `recording`. */
const call = (recording: RecordingView): InteractionView => ({ ...connected, recording });

async function controls(view: InteractionView): Promise<CpCallRecording> {
  const element = await fixture<CpCallRecording>(html`<cp-call-recording .view=${view}></cp-call-recording>`);
  await element.updateComplete;
  return element;
}

async function show(element: CpCallRecording, view: InteractionView): Promise<void> {
  element.view = view;
  await element.updateComplete;
}

/** What the status region says now (what a screen reader announces). */
function announced(element: CpCallRecording): string {
  return queryAllByRole(element, 'status').map((status) => status.textContent?.trim() ?? '').join(' ');
}

function buttonNames(element: CpCallRecording): string[] {
  return queryAllByRole(element, 'button').map((button) => button.textContent?.trim() ?? '');
}

describe('<cp-call-recording>', () => {
  it('says Not recording and offers Record; a click asks to start this call\'s recording', async () => {
    const element = await controls(call({ state: 'off', commands: ['start'] }));
    const group = getByRole(element, 'group', { name: 'Call recording' });
    expect(shownText(group)).to.equal('Not recording Record');
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Record' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'recording', interactionId: 'ci-5512be07', command: 'start' }]);
  });

  it('shows Recording with a filled marker, Pause and Stop; Recording paused with Resume and Stop', async () => {
    const element = await controls(call({ state: 'recording', commands: ['pause', 'stop'] }));
    expect(shownText(element)).to.equal('Recording Pause recording Stop recording');
    expect(element.shadowRoot!.querySelector('.marker')!.classList.contains('state-recording')).to.equal(true);
    await show(element, call({ state: 'paused', commands: ['resume', 'stop'] }));
    expect(shownText(element)).to.equal('Recording paused Resume recording Stop recording');
    expect(element.shadowRoot!.querySelector('.marker')!.classList.contains('state-paused')).to.equal(true);
  });

  it('while the platform has not answered: the pressed button says so and waits in place (focus kept), nothing more is sent', async () => {
    const element = await controls(call({ state: 'recording', commands: ['pause', 'stop'] }));
    const pause = getByRole(element, 'button', { name: 'Pause recording' });
    pause.focus();
    await show(element, call({ state: 'recording', pending: 'pause', commands: [] }));
    expect(buttonNames(element)).to.deep.equal(['Pausing recording…', 'Stop recording']);
    expect(queryAllByRole(element, 'button').map((button) => button.getAttribute('aria-disabled'))).to.deep.equal(['true', 'true']);
    expect(focused(), 'the same button keeps focus').to.equal(pause);
    const fired = recordIntents(element);
    for (const button of queryAllByRole(element, 'button')) button.click();
    expect(fired.intents).to.deep.equal([]);
    await show(element, call({ state: 'paused', commands: ['resume', 'stop'] }));
    expect(buttonNames(element)).to.deep.equal(['Resume recording', 'Stop recording']);
    expect(focused(), 'and still has it, now Resume').to.equal(pause);
  });

  it('announces every change the platform confirmed, the same words again too, and not a pending command', async () => {
    const element = await controls(call({ state: 'off', commands: ['start'] }));
    expect(announced(element)).to.equal('');
    await show(element, call({ state: 'off', pending: 'start', commands: [] }));
    expect(announced(element)).to.equal('');
    await show(element, call({ state: 'recording', commands: ['pause', 'stop'] }));
    expect(announced(element)).to.equal('Recording: the call is being recorded.');
    const first = element.shadowRoot!.querySelector('[role=status] span');
    await show(element, call({ state: 'paused', commands: ['resume', 'stop'] }));
    expect(announced(element)).to.equal('Recording paused.');
    await show(element, call({ state: 'recording', commands: ['pause', 'stop'] }));
    expect(announced(element)).to.equal('Recording: the call is being recorded.');
    expect(element.shadowRoot!.querySelector('[role=status] span'), 'a new node, so it is said again').not.to.equal(first);
    await show(element, call({ state: 'stopped', commands: ['start'] }));
    expect(announced(element)).to.equal('Recording stopped.');
  });

  it('a refused command: the buttons are back as they were, nothing announced (the notice says why)', async () => {
    const element = await controls(call({ state: 'recording', commands: ['pause', 'stop'] }));
    await show(element, call({ state: 'recording', pending: 'stop', commands: [] }));
    expect(buttonNames(element)).to.deep.equal(['Pause recording', 'Stopping recording…']);
    await show(element, call({ state: 'recording', commands: ['pause', 'stop'] }));
    expect(buttonNames(element)).to.deep.equal(['Pause recording', 'Stop recording']);
    expect(announced(element)).to.equal('');
  });

  it('a recording started on its own, without controls: the marker and words only, "Starting recording…" until confirmed', async () => {
    const element = await controls(call({ state: 'off', pending: 'start', commands: [] }));
    expect(shownText(element)).to.equal('Not recording Starting recording…');
    expect(queryAllByRole(element, 'button')).to.have.length(0);
    await show(element, call({ state: 'recording', commands: [] }));
    expect(shownText(element)).to.equal('Recording');
    expect(announced(element)).to.equal('Recording: the call is being recorded.');
  });

  it('speaks the agent\'s language: Spanish for a Spanish-speaking agent', async () => {
    await useAgentLanguage({ language: 'es', locale: 'es_ES' });
    try {
      const element = await controls(call({ state: 'recording', commands: ['pause', 'stop'] }));
      expect(shownText(getByRole(element, 'group', { name: 'Grabación de la llamada' }))).to.equal('Grabando Pausar la grabación Detener la grabación');
      await show(element, call({ state: 'paused', commands: ['resume', 'stop'] }));
      expect(announced(element)).to.equal('Grabación en pausa.');
    } finally {
      useAgentLanguage({ language: 'en', locale: 'en_US' });
    }
  });

  it('another call starts afresh: no announcement carried over', async () => {
    const element = await controls(call({ state: 'recording', commands: ['pause', 'stop'] }));
    await show(element, { ...connected, interaction: { ...connected.interaction, id: 'other' }, recording: { state: 'off', commands: ['start'] } });
    expect(announced(element)).to.equal('');
    expect(shownText(element)).to.equal('Not recording Record');
  });
});
