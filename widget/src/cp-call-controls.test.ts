import { expect, fixture, html } from '@open-wc/testing';
import './cp-call-controls.ts';
import type { CpCallControls } from './cp-call-controls.ts';
import type { CallQuality, InteractionView } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { useAgentLanguage } from './catalogue/catalogue.ts';
import { NOW, connected } from '../test-support/snapshots.ts';
import { findByRole, focused, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';

/** Bob Jones's call, connected 2 min 5 s ago, with its in-call controls. */
const live: InteractionView = { ...connected, actions: ['release', 'hold', 'consult', 'transfer', 'mute', 'send-dtmf'] };
const good: CallQuality = { lossPercent: 0, jitterMs: 4, roundTripMs: 30, level: 'good', cause: undefined };

async function controls(view: InteractionView, clock = new FakeClock(NOW)): Promise<CpCallControls> {
  const element = await fixture<CpCallControls>(html`<cp-call-controls .view=${view} .clock=${clock}></cp-call-controls>`);
  await element.updateComplete;
  return element;
}

async function show(element: CpCallControls, view: InteractionView): Promise<void> {
  element.view = view;
  await element.updateComplete;
}

describe('<cp-call-controls>', () => {
  afterEach(() => useAgentLanguage({ language: '', locale: '' }));

  it('speaks the agent\'s language: Spanish for a Spanish-speaking agent, keypad and line details included', async () => {
    await useAgentLanguage({ language: 'es', locale: 'es-ES' });
    const element = await controls({ ...live, muted: true, actions: ['unmute', 'send-dtmf'], quality: good });
    const group = getByRole(element, 'group', { name: 'Controles de la llamada' });
    expect(getByRole(group, 'timer').getAttribute('aria-label')).to.equal('Duración de la llamada 02:05');
    expect(shownText(group)).to.contain('Silenciado');
    expect(getByRole(group, 'button', { name: 'Silenciar' }).getAttribute('aria-pressed')).to.equal('true');
    const indicator = getByRole(group, 'button', { name: 'Calidad de la línea buena: 0 % del audio del llamante perdido, variación del retardo 4 ms, ida y vuelta 30 ms' });
    indicator.click();
    expect(shownText(await findByRole(element, 'region', { name: 'Detalles de la línea: Buena' }))).to.contain('Ida y vuelta 30 ms');
    getByRole(group, 'button', { name: 'Teclado' }).click();
    const keypad = await findByRole(element, 'group', { name: 'Teclado' });
    expect(getByRole(keypad, 'button', { name: 'Almohadilla' }).textContent).to.equal('#');
  });

  it('shows how long the call has been connected, counting each second, through hold, and h:mm:ss from an hour on', async () => {
    const clock = new FakeClock(NOW);
    const element = await controls(live, clock);
    const timer = getByRole(element, 'timer');
    expect(timer.textContent).to.equal('02:05');
    expect(timer.getAttribute('aria-label')).to.equal('Call time 02:05');
    clock.advance(1000);
    await element.updateComplete;
    expect(getByRole(element, 'timer').textContent).to.equal('02:06');

    const held: InteractionView = { ...live, interaction: { ...live.interaction, state: 'held' }, actions: ['retrieve', 'release', 'mute'] };
    await show(element, held);
    clock.advance(1000);
    await element.updateComplete;
    expect(getByRole(element, 'timer').textContent, 'hold does not reset it').to.equal('02:07');

    clock.advance(3600_000 - 127_000 + 5_000);
    await element.updateComplete;
    expect(getByRole(element, 'timer').textContent).to.equal('1:00:05');
  });

  it('has a Mute toggle: not pressed on a new call, and a click asks to mute this call', async () => {
    const element = await controls(live);
    const mute = getByRole(element, 'button', { name: 'Mute' });
    expect(mute.getAttribute('aria-pressed')).to.equal('false');
    expect(shownText(element)).not.to.contain('Muted');
    const fired = recordIntents(element);
    mute.click();
    expect(fired.intents).to.deep.equal([{ type: 'mute', interactionId: 'ci-5512be07' }]);
  });

  it('shows a muted call as Muted with the toggle pressed, asks to unmute on a click, and shows it unmuted again', async () => {
    const element = await controls(live);
    await show(element, { ...live, muted: true, actions: ['release', 'hold', 'consult', 'transfer', 'unmute', 'send-dtmf'] });
    expect(shownText(element)).to.contain('Muted');
    const mute = getByRole(element, 'button', { name: 'Mute' });
    expect(mute.getAttribute('aria-pressed')).to.equal('true');

    const fired = recordIntents(element);
    mute.click();
    expect(fired.intents).to.deep.equal([{ type: 'unmute', interactionId: 'ci-5512be07' }]);
    await show(element, live);
    expect(getByRole(element, 'button', { name: 'Mute' }).getAttribute('aria-pressed')).to.equal('false');
    expect(shownText(element)).not.to.contain('Muted');
  });

  it('shows the line\'s quality once measured, its figures in its name, and its details on a click', async () => {
    const element = await controls(live);
    expect(queryAllByRole(element, 'button', { name: /^Line quality/ }), 'nothing before the first reading').to.have.length(0);
    await show(element, { ...live, quality: good });
    const indicator = getByRole(element, 'button', { name: "Line quality good: 0 % of the caller's audio lost, jitter 4 ms, round trip 30 ms" });
    expect(shownText(indicator)).to.equal('Good');
    expect(indicator.getAttribute('aria-expanded')).to.equal('false');
    indicator.click();
    const details = await findByRole(element, 'region', { name: 'Line details: Good' });
    expect(shownText(details)).to.equal("Line details: Good Caller's audio lost 0 % Jitter 4 ms Round trip 30 ms");
    expect(indicator.getAttribute('aria-expanded')).to.equal('true');

    await show(element, { ...live, quality: { lossPercent: 8, jitterMs: 12, roundTripMs: 40, level: 'poor', cause: 'loss' } });
    expect(shownText(getByRole(element, 'button', { name: /^Line quality poor: 8 % of the caller's audio lost/ }))).to.equal('Poor');
  });

  it('opens the keypad with focus on its first key; Escape closes it and gives focus back to Keypad', async () => {
    const element = await controls(live);
    const keypad = getByRole(element, 'button', { name: 'Keypad' });
    expect(keypad.getAttribute('aria-expanded')).to.equal('false');
    keypad.click();
    const group = await findByRole(element, 'group', { name: 'Keypad' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await element.updateComplete;
    expect(focused()?.textContent, 'focus on the first key').to.equal('1');
    expect(keypad.getAttribute('aria-expanded')).to.equal('true');

    (focused() as HTMLElement).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await element.updateComplete;
    await element.updateComplete;
    expect(group.isConnected, 'closed').to.equal(false);
    expect(focused()).to.equal(getByRole(element, 'button', { name: 'Keypad' }));
  });

  it('offers no keypad on a held call, and closes an open one when the call is held, focus moving to Mute', async () => {
    const element = await controls(live);
    getByRole(element, 'button', { name: 'Keypad' }).click();
    await findByRole(element, 'group', { name: 'Keypad' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(focused()?.textContent, 'focus in the keypad').to.equal('1');
    await show(element, { ...live, interaction: { ...live.interaction, state: 'held' }, actions: ['retrieve', 'release', 'mute'] });
    expect(queryAllByRole(element, 'button', { name: 'Keypad' })).to.have.length(0);
    expect(queryAllByRole(element, 'group', { name: 'Keypad' })).to.have.length(0);
    expect(focused(), 'mute still offered while held, and focused').to.equal(getByRole(element, 'button', { name: 'Mute' }));
  });
});
