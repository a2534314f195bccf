import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './contact-pad.ts';
import type { ContactPad } from './contact-pad.ts';
import type { ContactPadSnapshot } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { waitFor } from '../../adapter/test-support/wait-for.ts';
import { NOW, connected, ringing, snapshot, view, wrappingUp } from '../test-support/snapshots.ts';
import { afterFirstPaint } from '../test-support/first-paint.ts';
import { deepQueryAll, findByRole, focused, getByRole, recordIntents } from '../test-support/queries.ts';

async function pad(state: ContactPadSnapshot): Promise<ContactPad> {
  return afterFirstPaint(await fixture<ContactPad>(html`<contact-pad .snapshot=${state} .clock=${new FakeClock(NOW)}></contact-pad>`));
}

/** The agent status control (its name says what it does next). */
function agentStatus(element: ContactPad): HTMLElement {
  return deepQueryAll(element, 'cp-agent-status-choice')[0]!.shadowRoot!.querySelector('select')!;
}

async function publish(element: ContactPad, next: ContactPadSnapshot): Promise<void> {
  element.snapshot = next;
  await element.updateComplete;
  for (const child of deepQueryAll<HTMLElement & { updateComplete?: Promise<unknown> }>(element, '*')) await child.updateComplete;
}

/** What the polite live regions say now (the announcer's two regions take turns). */
function said(element: ContactPad): string {
  return deepQueryAll(element, '[aria-live=polite]').map((region) => region.textContent ?? '').join('');
}

const answered = view({ ...ringing.interaction, state: 'connected', answeredAt: NOW }, { actions: ['release', 'hold', 'consult', 'transfer'] });
const onHold = view({ ...answered.interaction, state: 'held' }, { actions: ['release', 'retrieve'] });

describe('<contact-pad> from the keyboard', () => {
  it('Alt+Shift+A accepts the ringing call while the focus is anywhere in ContactPad, and says so', async () => {
    const element = await pad(snapshot({ interactions: [ringing] }));
    agentStatus(element).focus();
    const fired = recordIntents(element);
    await sendKeys({ press: 'Alt+Shift+KeyA' });
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'accept', interactionId: ringing.interaction.id }]);
    await element.updateComplete;
    expect(said(element)).to.equal('Accepted: Voice call with Ann Smith');
  });

  it('does nothing by a shortcut when two calls could be meant, and says to select one', async () => {
    const held = view({ id: 'ci-held', callerName: 'Eve Stone', state: 'held', answeredAt: NOW - 60_000 }, { actions: ['release', 'retrieve'] });
    const element = await pad(snapshot({ interactions: [connected, held] }));
    agentStatus(element).focus();
    const fired = recordIntents(element);
    await sendKeys({ press: 'Alt+Shift+KeyE' });
    fired.stop();
    expect(fired.intents).to.deep.equal([]);
    await element.updateComplete;
    expect(said(element)).to.equal('More than one call: select the call first.');
  });

  it("after Accept, the focus is on the accepted call's entry instead of lost with the call pop", async () => {
    const element = await pad(snapshot({ interactions: [ringing] }));
    getByRole(getByRole(element, 'region', { name: /^Incoming voice call/ }), 'button', { name: 'Accept' }).focus();
    await publish(element, snapshot({ interactions: [answered], selectedId: answered.interaction.id }));
    const entry = await waitFor('the focus to land', () => {
      const now = focused();
      return now && now !== document.body ? now : undefined;
    });
    expect(entry.closest('li')?.getAttribute('data-id')).to.equal(answered.interaction.id);
  });

  it("when one of two ringing calls goes, the focus on the other call's Reject stays with that call (never another call's button)", async () => {
    const later = view({ ...ringing.interaction, id: 'call-2', callerName: 'Daniel Kim', callerNumber: '+14155550101' });
    // Newest first: Daniel Kim's pop is above Ann Smith's.
    const element = await pad(snapshot({ interactions: [later, ringing] }));
    getByRole(getByRole(element, 'region', { name: /Ann Smith/ }), 'button', { name: 'Reject' }).focus();
    await publish(element, snapshot({ interactions: [ringing] }));
    const now = await waitFor('the focus to land', () => {
      const active = focused();
      return active && active !== document.body ? active : undefined;
    });
    const root = now.getRootNode();
    const pop = now.localName === 'cp-call-pop' ? now : root instanceof ShadowRoot ? root.host : undefined;
    expect(pop?.localName).to.equal('cp-call-pop');
    expect((pop as HTMLElement & { view?: { interaction: { id: string } } }).view?.interaction.id).to.equal(ringing.interaction.id);
  });

  it('after Release the focus goes to the wrap-up form, and after Done to the agent status', async () => {
    const element = await pad(snapshot({ interactions: [connected], selectedId: connected.interaction.id }));
    getByRole(element, 'button', { name: 'Release' }).focus();
    const { interaction: _carla, ...wrapUpView } = wrappingUp;
    const inWrapUp = view({ ...wrappingUp.interaction, id: connected.interaction.id, callerName: 'Bob Jones' }, wrapUpView);
    await publish(element, snapshot({ interactions: [inWrapUp], selectedId: inWrapUp.interaction.id }));
    const form = await findByRole(element, 'form', { name: 'Wrap up: Bob Jones' });
    await waitFor('the focus in the wrap-up form', () => form.contains(focused()) || undefined);
    getByRole(element, 'button', { name: 'Done' }).focus();
    await publish(element, snapshot({ interactions: [] }));
    await waitFor('the focus on the agent status', () => focused() === agentStatus(element) || undefined);
  });

  it('announces a call put on hold, back, and on hold again: the same words twice are said twice', async () => {
    const element = await pad(snapshot({ interactions: [answered] }));
    const regions = deepQueryAll(element, '[aria-live=polite]');
    const texts: string[] = [];
    for (const next of [onHold, answered, onHold]) {
      await publish(element, snapshot({ interactions: [next] }));
      texts.push(regions.map((region) => region.textContent ?? '').join('|'));
    }
    // The regions are the same nodes throughout (a re-created region is not listened to) ...
    expect(deepQueryAll(element, '[aria-live=polite]')).to.deep.equal(regions);
    // ... and take turns, so the repeated "On Hold" is a change a screen reader hears.
    expect(texts).to.deep.equal(['|Voice call with Ann Smith: On Hold.', 'Voice call with Ann Smith: Connected.|', '|Voice call with Ann Smith: On Hold.']);
  });
});
