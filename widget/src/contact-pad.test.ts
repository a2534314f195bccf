import { expect, fixture, html } from '@open-wc/testing';
import './contact-pad.ts';
import type { ContactPad } from './contact-pad.ts';
import type { ContactPadSnapshot } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import {
  NOW,
  busyShift,
  caseConnected,
  chatAlerting,
  chatConnected,
  connected,
  lookup,
  missed,
  omniShift,
  phoneDown,
  recentJourney,
  ringing,
  sharedNumberMatches,
  snapshot,
  view,
  wrappingUp,
} from '../test-support/snapshots.ts';
import { afterFirstPaint } from '../test-support/first-paint.ts';
import { deepQueryAll, findByRole, getByRole, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';

async function pad(state: ContactPadSnapshot | undefined, clock = new FakeClock(NOW)): Promise<ContactPad> {
  return afterFirstPaint(await fixture<ContactPad>(html`<contact-pad .snapshot=${state} .clock=${clock}></contact-pad>`));
}

/** Sets a new snapshot and waits until every element below has rendered it. */
async function publish(element: ContactPad, next: ContactPadSnapshot): Promise<void> {
  element.snapshot = next;
  await element.updateComplete;
  for (const child of deepQueryAll<HTMLElement & { updateComplete?: Promise<unknown> }>(element, '*')) await child.updateComplete;
}

function liveRegion(element: ContactPad): HTMLElement {
  const regions = deepQueryAll(element, '[aria-live=assertive]');
  expect(regions).to.have.length(1);
  return regions[0]!;
}

describe('<contact-pad>', () => {
  it('prepares the first call before it rings, showing, announcing and sending nothing, and leaving nothing behind', async () => {
    const quiet = snapshot({});
    const element = await pad(quiet);
    await publish(element, quiet);
    const intents = recordIntents(element);
    const before = deepQueryAll(element, '*').length;
    const seen = new Set<HTMLElement>();
    const watch = new MutationObserver(() => deepQueryAll(element, '.template-warm-up').forEach((block) => seen.add(block)));
    watch.observe(element.shadowRoot!, { childList: true, subtree: true });
    await element.prepareFirstCall();
    watch.disconnect();
    expect(seen.size, 'the made-up call was rendered').to.equal(1);
    const [block] = [...seen];
    expect(block!.hidden && block!.inert && block!.getAttribute('aria-hidden') === 'true').to.equal(true);
    expect(deepQueryAll(block!, 'cp-call-pop')).to.have.length(1);
    expect(deepQueryAll(element, '.template-warm-up')).to.have.length(0);
    expect(deepQueryAll(element, '*').length).to.equal(before);
    expect(shownText(liveRegion(element))).to.equal('');
    expect(intents.intents).to.deep.equal([]);
    intents.stop();
    // A real call afterwards pops as ever.
    await publish(element, snapshot({ interactions: [ringing] }));
    expect(getByRole(element, 'region', { name: 'Incoming voice call from Ann Smith, +1 415 555 0100, queue Sales' })).to.exist;
  });

  it('says in words that it is starting, before the first snapshot', async () => {
    const element = await pad(undefined);
    expect(shownText(element)).to.equal('Starting…');
  });

  it('renders a whole shift: phone, agent state, notice, call pop, wrap up of the selected call, list and dial box', async () => {
    const element = await pad(busyShift);
    await publish(element, busyShift);
    expect(queryAllByRole(element, 'status').map(shownText)).to.include('Phone ready');
    expect(getByRole(element, 'combobox', { name: 'Next' })).to.exist;
    expect(queryAllByRole(element, 'alert').map(shownText)).to.deep.equal(['Salesforce did not answer. The call log will be retried. CRM_UNAVAILABLE']);
    expect(getByRole(element, 'region', { name: 'Incoming voice call from Ann Smith, +1 415 555 0100, queue Sales' })).to.exist;
    expect(await findByRole(element, 'form', { name: 'Wrap up: Carla Diaz' })).to.exist;
    expect(queryAllByRole(getByRole(element, 'list', { name: 'Interactions' }), 'listitem')).to.have.length(4);
    expect(((await findByRole(element, 'button', { name: 'Call' })) as HTMLButtonElement).disabled).to.equal(false);
  });

  it('shows one call pop for every ringing interaction', async () => {
    const second = view({ id: 'ci-second', callerName: 'Eve Adams', callerNumber: '+1 646 555 0188', queue: 'Support' });
    const element = await pad(snapshot({ interactions: [second, ringing, connected] }));
    const pops = queryAllByRole(element, 'region', { name: /^Incoming voice call/ });
    expect(pops).to.have.length(2);
    expect(pops.map((pop) => queryAllByRole(pop, 'button').map(shownText))).to.deep.equal([
      ['Accept', 'Reject'],
      ['Accept', 'Reject'],
    ]);
    expect(deepQueryAll(element, 'cp-call-pop')).to.have.length(2);
  });

  it('brings a new call\'s pop into view when the agent had scrolled down to the dial box, without taking the focus from it', async () => {
    const finished = Array.from({ length: 30 }, (_, i) => ({ ...missed, interaction: { ...missed.interaction, id: `ci-old-${i}` } }));
    const element = await pad(snapshot({ interactions: finished }));
    const dialBox = (await findByRole(element, 'textbox', { name: 'Number to call' })) as HTMLInputElement;
    dialBox.focus();
    window.scrollTo(0, document.documentElement.scrollHeight);
    expect(window.scrollY, 'the pad is taller than the window').to.be.greaterThan(0);
    await publish(element, snapshot({ interactions: [ringing, ...finished] }));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const accept = getByRole(getByRole(element, 'region', { name: /^Incoming voice call/ }), 'button', { name: 'Accept' }).getBoundingClientRect();
    expect(accept.top >= 0 && accept.bottom <= window.innerHeight, `Accept at ${accept.top}..${accept.bottom} in a ${window.innerHeight} px window`).to.equal(true);
    expect(dialBox.matches(':focus'), 'the dial box keeps the focus').to.equal(true);
    window.scrollTo(0, 0);
  });

  it('announces an incoming call to screen readers once, when it starts ringing', async () => {
    const element = await pad(snapshot());
    expect(liveRegion(element).textContent?.trim()).to.equal('');
    await publish(element, snapshot({ interactions: [ringing] }));
    expect(liveRegion(element).textContent?.trim()).to.equal('Incoming voice call from Ann Smith, +1 415 555 0100, queue Sales');
    await publish(element, snapshot({ interactions: [{ ...ringing, caller: { state: 'pending' } }] }));
    expect(liveRegion(element).textContent?.trim()).to.equal('Incoming voice call from Ann Smith, +1 415 555 0100, queue Sales');
    await publish(element, snapshot({ interactions: [{ ...ringing, interaction: { ...ringing.interaction, state: 'connected', answeredAt: NOW } }] }));
    expect(liveRegion(element).textContent?.trim()).to.equal('');
  });

  it('lets every intent out through the shadow roots to the page', async () => {
    const element = await pad(busyShift);
    await findByRole(element, 'form', { name: /^Wrap up/ });
    const fired = recordIntents(document.body);
    const pop = getByRole(element, 'region', { name: /^Incoming voice call/ });
    getByRole(pop, 'button', { name: 'Accept' }).click();
    getByRole(pop, 'button', { name: 'Reject' }).click();
    getByRole(element, 'button', { name: 'Release' }).click();
    getByRole(element, 'button', { name: /^Voice call, Bob Jones/ }).click();
    getByRole(element, 'button', { name: 'Done' }).click();
    getByRole(element, 'button', { name: /^Dismiss/ }).click();
    const next = getByRole(element, 'combobox', { name: 'Next' }) as HTMLSelectElement;
    next.value = Array.from(next.options).find((option) => option.text === 'Ready')!.value;
    next.dispatchEvent(new Event('change'));
    const number = (await findByRole(element, 'textbox', { name: 'Number to call' })) as HTMLInputElement;
    number.value = '+1 212 555 0147';
    number.dispatchEvent(new Event('input'));
    await publish(element, busyShift);
    getByRole(element, 'button', { name: 'Call' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([
      { type: 'accept', interactionId: 'ci-7f3a2c10' },
      { type: 'reject', interactionId: 'ci-7f3a2c10' },
      { type: 'release', interactionId: 'ci-5512be07' },
      { type: 'select', interactionId: 'ci-5512be07' },
      { type: 'wrap-up-done', interactionId: 'ci-09c4d7e2', disposition: '', notes: '' },
      { type: 'dismiss-notice', noticeId: 3 },
      { type: 'set-agent-status', choice: { status: 'ready' } },
      { type: 'dial', number: '+1 212 555 0147' },
    ]);
  });

  it('shows the wrap-up form only for the selected interaction when it is in wrap up', async () => {
    const element = await pad({ ...busyShift, selectedId: connected.interaction.id });
    expect(queryAllByRole(element, 'form', { name: /^Wrap up/ })).to.have.length(0);
    await publish(element, { ...busyShift, selectedId: undefined });
    expect(await findByRole(element, 'form', { name: 'Wrap up: Carla Diaz' })).to.exist;
  });

  it('keeps the notes being typed when the next snapshot arrives (a call is accepted meanwhile)', async () => {
    const element = await pad(busyShift);
    const notes = (await findByRole(element, 'textbox', { name: 'Notes' })) as HTMLTextAreaElement;
    notes.value = 'Asked about the renewal disc';
    notes.dispatchEvent(new Event('input'));
    const accepted = { ...ringing, interaction: { ...ringing.interaction, state: 'connected' as const, answeredAt: NOW } };
    await publish(element, { ...busyShift, interactions: [accepted, connected, { ...wrappingUp, log: 'saved' }] });
    expect((getByRole(element, 'textbox', { name: 'Notes' }) as HTMLTextAreaElement).value).to.equal('Asked about the renewal disc');
  });

  it('shows the phone server problem with a live countdown and disables dialling', async () => {
    const clock = new FakeClock(NOW);
    const element = await pad(phoneDown, clock);
    expect(shownText(element)).to.contain('Cannot reach phone server: WebSocket closed (1006). Retrying in 5 s');
    clock.advance(2_000);
    await publish(element, phoneDown);
    expect(shownText(element)).to.contain('Retrying in 3 s');
    expect(((await findByRole(element, 'button', { name: 'Call' })) as HTMLButtonElement).disabled).to.equal(true);
  });

  it('shows the connecting line while the phone registers', async () => {
    const element = await pad(snapshot({ phone: { state: 'connecting' } }));
    expect(shownText(element)).to.contain('Connecting to phone server…');
  });

  it('shows the caller detail of the selected connected interaction, and of the wrap-up one', async () => {
    const element = await pad({ ...busyShift, selectedId: connected.interaction.id });
    expect(getByRole(element, 'region', { name: 'Caller: Bob Jones' })).to.exist;
    await publish(element, busyShift);
    expect(getByRole(element, 'region', { name: 'Caller: Carla Diaz' })).to.exist;
    expect(queryAllByRole(element, 'region', { name: 'Caller: Bob Jones' })).to.have.length(0);
  });

  it('shows no caller detail while a ringing or finished interaction is selected', async () => {
    const element = await pad({ ...busyShift, selectedId: ringing.interaction.id });
    expect(queryAllByRole(element, 'region', { name: /^Caller/ })).to.have.length(0);
    await publish(element, { ...busyShift, selectedId: missed.interaction.id });
    expect(queryAllByRole(element, 'region', { name: /^Caller/ })).to.have.length(0);
  });

  it('with nothing selected, details the connected call', async () => {
    const element = await pad({ ...busyShift, selectedId: undefined });
    expect(getByRole(element, 'region', { name: 'Caller: Bob Jones' })).to.exist;
  });

  it('lets pick-record and open-record out from the call pop and the caller detail', async () => {
    const picking = lookup({ labels: ['Customer'], matches: sharedNumberMatches, pick: sharedNumberMatches, journey: recentJourney });
    const state = snapshot({
      interactions: [{ ...ringing, caller: picking }, { ...connected, caller: picking }],
      selectedId: connected.interaction.id,
    });
    const element = await pad(state);
    await publish(element, state);
    const pop = getByRole(element, 'region', { name: /^Incoming voice call/ });
    const detail = getByRole(element, 'region', { name: 'Caller: Bob Jones' });
    for (const where of [pop, detail]) {
      await findByRole(where, 'listbox', { name: 'Which record is the caller?' });
      await findByRole(where, 'list', { name: 'Recent interactions' });
    }
    const fired = recordIntents(document.body);
    queryAllByRole(pop, 'option')[1]!.click();
    queryAllByRole(detail, 'option')[2]!.click();
    queryAllByRole(getByRole(pop, 'list', { name: 'Recent interactions' }), 'button')[0]!.click();
    queryAllByRole(getByRole(detail, 'list', { name: 'Recent interactions' }), 'button')[1]!.click();
    fired.stop();
    expect(fired.intents).to.deep.equal([
      { type: 'pick-record', interactionId: 'ci-7f3a2c10', recordId: '0035e00000XyZaBCDF' },
      { type: 'pick-record', interactionId: 'ci-5512be07', recordId: '0015e00000JoNeSAAA' },
      { type: 'open-record', recordId: '00T5e00000TaSk0001' },
      { type: 'open-record', recordId: '00T5e00000TaSk0002' },
    ]);
  });

  it('says in one calm line that tab sync and Omni-Channel are off when the console bridge is missing, and still handles calls', async () => {
    const element = await pad(snapshot({ bridge: 'missing', interactions: [ringing] }));
    expect(shownText(element)).to.contain('Tab sync and Omni-Channel are off (console bridge not found)');
    expect(queryAllByRole(element, 'alert')).to.have.length(0);
    expect(getByRole(getByRole(element, 'region', { name: /^Incoming voice call/ }), 'button', { name: 'Accept' })).to.exist;
    await publish(element, snapshot({ bridge: 'connected', interactions: [ringing] }));
    expect(shownText(element)).not.to.contain('Tab sync');
  });

  it('pops a chat offered without auto-accept like a call, in words, with Accept and Decline, beside the other work', async () => {
    const element = await pad(omniShift);
    await publish(element, omniShift);
    const pop = getByRole(element, 'region', { name: 'Incoming chat from Omar Haddad, queue Web chat' });
    expect(shownText(pop)).to.match(/^Chat /);
    expect(queryAllByRole(pop, 'button').map(shownText)).to.deep.equal(['Accept', 'Decline']);
    const fired = recordIntents(document.body);
    getByRole(pop, 'button', { name: 'Accept' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'accept', interactionId: chatAlerting.interaction.id }]);
    const items = queryAllByRole(getByRole(element, 'list', { name: 'Interactions' }), 'listitem');
    expect(items).to.have.length(4);
    expect(deepQueryAll(element, 'li[data-id]').map((item) => item.getAttribute('data-id'))).to.deep.equal([
      chatAlerting.interaction.id,
      connected.interaction.id,
      chatConnected.interaction.id,
      caseConnected.interaction.id,
    ]);
  });

  it('hands the directory to the transfer dialog, which transfers the case to the chosen service', async () => {
    const element = await pad(omniShift);
    const caseItem = deepQueryAll(element, `li[data-id="${caseConnected.interaction.id}"]`)[0]!;
    getByRole(caseItem, 'button', { name: 'Transfer' }).click();
    const list = deepQueryAll(element, 'cp-interaction-list')[0]!;
    const dialogElement = deepQueryAll<HTMLElement & { updateComplete: Promise<unknown> }>(list, 'cp-directory-dialog')[0]!;
    const dialog = await findByRole(element, 'dialog', { name: 'Transfer' });
    await dialogElement.updateComplete;
    const fired = recordIntents(document.body);
    getByRole(dialog, 'option', { name: /^Billing\s*,\s*Service$/ }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([{ type: 'transfer', interactionId: caseConnected.interaction.id, targetId: 'svc-billing' }]);
  });

  it("hands the admin's decline reasons to the call pop and the list, which decline the chat with the reason picked", async () => {
    const state = { ...omniShift, declineReasons: ['Too busy', 'Not my language'] };
    const element = await pad(state);
    await publish(element, state);
    const fired = recordIntents(document.body);
    const pop = getByRole(element, 'region', { name: 'Incoming chat from Omar Haddad, queue Web chat' });
    getByRole(pop, 'button', { name: 'Decline' }).click();
    await publish(element, state);
    let dialog = await findByRole(element, 'dialog', { name: 'Decline: Chat with Omar Haddad' });
    expect(queryAllByRole(dialog, 'option').map(shownText)).to.deep.equal(['Too busy', 'Not my language']);
    getByRole(dialog, 'option', { name: 'Not my language' }).click();
    const chatItem = deepQueryAll(element, `li[data-id="${chatAlerting.interaction.id}"]`)[0]!;
    getByRole(chatItem, 'button', { name: 'Decline' }).click();
    await publish(element, state);
    dialog = await findByRole(element, 'dialog', { name: 'Decline: Chat with Omar Haddad' });
    getByRole(dialog, 'option', { name: 'Too busy' }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal([
      { type: 'reject', interactionId: chatAlerting.interaction.id, reason: 'Not my language' },
      { type: 'reject', interactionId: chatAlerting.interaction.id, reason: 'Too busy' },
    ]);
  });
});
