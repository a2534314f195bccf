import { expect, fixture, html } from '@open-wc/testing';
import './cp-interaction-list.ts';
import type { CpInteractionList } from './cp-interaction-list.ts';
import type { DirectoryEntry, InteractionView } from '../../adapter/src/store.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { DECLINE_REASONS, DIRECTORY, HOSTILE_TEXT, NOW, caseConnected, chatAlerting, chatConnected, connected, missed, ringing, view, wrappingUp } from '../test-support/snapshots.ts';
import { sendKeys } from '@web/test-runner-commands';
import { accessibleName, deepQueryAll, findByRole, getByRole, nodeCount, queryAllByRole, recordIntents, shownText } from '../test-support/queries.ts';

async function list(
  interactions: readonly InteractionView[],
  clock = new FakeClock(NOW),
  selectedId?: string,
  directory: readonly DirectoryEntry[] = [],
  declineReasons: readonly string[] = DECLINE_REASONS,
): Promise<CpInteractionList> {
  return fixture<CpInteractionList>(
    html`<cp-interaction-list
      .interactions=${interactions}
      .selectedId=${selectedId}
      .directory=${directory}
      .declineReasons=${declineReasons}
      .clock=${clock}
    ></cp-interaction-list>`,
  );
}

/** Waits until the dialogs have rendered their last change. */
async function settle(element: CpInteractionList): Promise<void> {
  for (const dialog of deepQueryAll<HTMLElement & { updateComplete: Promise<unknown> }>(element, 'cp-directory-dialog, cp-abandon-dialog, cp-decline-dialog')) await dialog.updateComplete;
}

/** Waits for the dialog's module to load and render (lazy-elements.ts), then returns the one open element with `role`. */
async function openWith(element: CpInteractionList, role: string): Promise<HTMLElement> {
  const open = await findByRole(element, role);
  await settle(element);
  return open;
}

const openDialog = (element: CpInteractionList): Promise<HTMLElement> => openWith(element, 'dialog');
const openAlertDialog = (element: CpInteractionList): Promise<HTMLElement> => openWith(element, 'alertdialog');

function items(element: CpInteractionList): HTMLElement[] {
  return queryAllByRole(getByRole(element, 'list', { name: 'Interactions' }), 'listitem');
}

describe('<cp-interaction-list>', () => {
  it('stays the same size over a shift: each new call in, the oldest finished one out, no node left behind', async () => {
    // As the view desk does it: a new call on top, at most 20 finished ones kept (view-desk.ts FINISHED_KEPT).
    const call = (n: number) => view({ id: `ci-shift-${n}`, callerName: `Caller ${n}`, callerNumber: `+1415555${String(1000 + n)}`, state: 'missed' });
    let shown: InteractionView[] = [];
    const element = await list(shown);
    const take = async (n: number) => {
      shown = [call(n), ...shown].slice(0, 20);
      element.interactions = shown;
      await element.updateComplete;
    };
    for (let n = 0; n < 30; n++) await take(n);
    const settled = nodeCount(element);
    for (let n = 30; n < 230; n++) await take(n);
    expect(items(element)).to.have.length(20);
    expect(items(element).map((item) => shownText(item).split(' ').slice(0, 2).join(' '))[0]).to.equal('Caller 229');
    expect(nodeCount(element)).to.equal(settled);
  });

  it('lists every interaction in the store order (newest first) with customer, state, time in state and log status', async () => {
    const element = await list([ringing, connected, wrappingUp, missed]);
    expect(items(element).map(shownText)).to.deep.equal([
      'Ann Smith 00:04 Alerting · Sales Accept Reject',
      'Bob Jones 02:05 Connected · Support Release Hold Consult Transfer',
      'Carla Diaz 00:15 Wrap Up · Renewals · Saving… Extend',
      '555-0199 Missed · Sales · Saved',
    ]);
  });

  it('shows every state and log status in words', async () => {
    const states = ['ended', 'rejected', 'failed'] as const;
    const element = await list([
      ...states.map((state, index) => view({ id: `ci-${state}`, state, offeredAt: NOW - 60_000, endedAt: NOW - 50_000 }, { log: index === 0 ? 'retrying' : 'none' })),
    ]);
    expect(items(element).map(shownText)).to.deep.equal([
      'Ann Smith Ended · Sales · Will retry',
      'Ann Smith Rejected · Sales',
      'Ann Smith Failed · Sales',
    ]);
  });

  it('says Calling, not Alerting, for a call the agent placed that is still ringing out', async () => {
    const element = await list([view({ id: 'ci-outbound', direction: 'outbound', callerName: '', callerNumber: '+1 415 555 0100', queue: '' })]);
    expect(items(element).map(shownText)).to.deep.equal(['+1 415 555 0100 00:04 Calling']);
  });

  it('gives each item an accessible name with the kind of interaction, and marks the selected one', async () => {
    const element = await list([ringing, connected, view({ id: 'ci-video', channel: 'video', callerName: '', callerNumber: '555-0123' })], new FakeClock(NOW), connected.interaction.id);
    const buttons = queryAllByRole(getByRole(element, 'list', { name: 'Interactions' }), 'button').filter((button) => button.classList.contains('item'));
    expect(buttons.map(accessibleName)).to.deep.equal([
      'Voice call, Ann Smith 00:04 Alerting · Sales',
      'Voice call, Bob Jones 02:05 Connected · Support',
      'Video call, 555-0123 00:04 Alerting · Sales',
    ]);
    expect(buttons.map((button) => button.getAttribute('aria-current'))).to.deep.equal(['false', 'true', 'false']);
  });

  it('selects an interaction when the agent picks it', async () => {
    const element = await list([ringing, connected]);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: /^Voice call, Bob Jones/ }).click();
    expect(fired.intents).to.deep.equal([{ type: 'select', interactionId: 'ci-5512be07' }]);
  });

  it('offers exactly the actions the store allows, in its order, whatever the state', async () => {
    const element = await list([
      view({ id: 'ci-a', state: 'connected', answeredAt: NOW }, { actions: ['transfer', 'release'] }),
      view({ id: 'ci-b', state: 'connected', answeredAt: NOW }, { actions: [] }),
      view({ id: 'ci-c', state: 'alerting' }, { actions: ['reject'] }),
    ]);
    expect(items(element).map((item) => queryAllByRole(item, 'button').slice(1).map(accessibleName))).to.deep.equal([['Transfer', 'Release'], [], ['Reject']]);
  });

  it('leaves mute and the keypad to the call\'s own controls, and says Muted in the row of a muted call', async () => {
    const element = await list([
      view({ id: 'ci-m', state: 'connected', answeredAt: NOW }, { actions: ['release', 'hold', 'unmute', 'send-dtmf'], muted: true }),
      view({ id: 'ci-n', state: 'held', answeredAt: NOW }, { actions: ['retrieve', 'release', 'mute'] }),
    ]);
    expect(items(element).map((item) => queryAllByRole(item, 'button').slice(1).map(accessibleName))).to.deep.equal([['Release', 'Hold'], ['Retrieve', 'Release']]);
    expect(shownText(items(element)[0]!)).to.contain('Connected · Muted');
    expect(shownText(items(element)[1]!)).not.to.contain('Muted');
  });

  it('says "Held by the caller" as a status while the far end holds the call, and marks both calls of a conference', async () => {
    const element = await list([
      view({ id: 'ci-far', state: 'connected', answeredAt: NOW }, { actions: ['release', 'hold'], heldByFarEnd: true }),
      view({ id: 'ci-c1', state: 'connected', answeredAt: NOW }, { actions: ['release', 'leave-conference'], inConference: true }),
    ]);
    const status = getByRole(items(element)[0]!, 'status');
    expect(shownText(status)).to.equal('Held by the caller');
    expect(queryAllByRole(items(element)[1]!, 'status').map(shownText).join(''), 'no far-end hold').to.equal('');
    expect(shownText(items(element)[1]!)).to.contain('Connected · Conference');
    expect(queryAllByRole(items(element)[1]!, 'button').slice(1).map(accessibleName)).to.deep.equal(['Release', 'Leave conference']);
  });

  it('fires the consult pair\'s actions for their own call: complete transfer, conference, drop consult, leave conference', async () => {
    const consult = view({ id: 'ci-consult', state: 'connected', answeredAt: NOW }, { actions: ['release', 'drop-consult', 'complete-transfer', 'conference', 'leave-conference'] });
    const element = await list([consult]);
    const fired = recordIntents(element);
    for (const name of ['Drop consult', 'Complete transfer', 'Conference', 'Leave conference']) getByRole(items(element)[0]!, 'button', { name }).click();
    fired.stop();
    expect(fired.intents).to.deep.equal(['drop-consult', 'complete-transfer', 'conference', 'leave-conference'].map((type) => ({ type, interactionId: 'ci-consult' })));
  });

  it('fires the intent of each immediate action for its own interaction, with buttons named by the action alone', async () => {
    const every = view({ id: 'ci-every', state: 'connected', answeredAt: NOW }, { actions: ['accept', 'reject', 'release', 'hold', 'retrieve', 'extend-wrap-up'] });
    const element = await list([ringing, every]);
    const item = items(element)[1]!;
    const fired = recordIntents(element);
    for (const name of ['Accept', 'Reject', 'Release', 'Hold', 'Retrieve', 'Extend']) getByRole(item, 'button', { name }).click();
    expect(fired.intents).to.deep.equal(
      (['accept', 'reject', 'release', 'hold', 'retrieve', 'extend-wrap-up'] as const).map((type) => ({ type, interactionId: 'ci-every' })),
    );
  });

  it('ties every action button to its customer, so a screen reader says whose call it releases', async () => {
    const element = await list([connected, chatConnected]);
    const releases = queryAllByRole(element, 'button', { name: 'Release' });
    expect(releases).to.have.length(2);
    const root = element.shadowRoot!;
    expect(releases.map((button) => shownText(root.getElementById(button.getAttribute('aria-describedby')!)!))).to.deep.equal(['Bob Jones', 'Lena Fischer']);
  });

  it('names every kind of work and every state in words', async () => {
    const kinds = ['voice', 'video', 'callback', 'chat', 'email', 'case'] as const;
    const states = ['alerting', 'connected', 'held', 'wrap-up', 'ended', 'missed', 'rejected', 'failed', 'transferred', 'abandoned'] as const;
    const element = await list([
      ...kinds.map((channel) => view({ id: `k-${channel}`, channel, callerName: 'Kim', queue: '' }, { actions: [] })),
      ...states.map((state) => view({ id: `s-${state}`, state, callerName: 'Sam', queue: '', answeredAt: NOW - 1_000, endedAt: NOW }, { actions: [] })),
    ]);
    const buttons = queryAllByRole(element, 'button').filter((button) => button.classList.contains('item'));
    expect(buttons.slice(0, 6).map((button) => accessibleName(button).split(',')[0])).to.deep.equal(['Voice call', 'Video call', 'Callback', 'Chat', 'Email', 'Case']);
    expect(items(element).slice(6).map((item) => shownText(item.querySelector('.state')!))).to.deep.equal([
      'Alerting',
      'Connected',
      'On Hold',
      'Wrap Up',
      'Ended',
      'Missed',
      'Rejected',
      'Failed',
      'Transferred',
      'Abandoned',
    ]);
  });

  it('counts the time on hold from the moment the call was held', async () => {
    const clock = new FakeClock(NOW);
    const held = view(
      {
        ...connected.interaction,
        state: 'held',
        journey: [...connected.interaction.journey, { at: NOW - 20_000, kind: 'held' }],
      },
      { actions: ['retrieve', 'release'] },
    );
    const element = await list([held], clock);
    expect(shownText(items(element)[0]!)).to.equal('Bob Jones 00:20 On Hold · Support Retrieve Release');
    clock.advance(1_000);
    await element.updateComplete;
    expect(shownText(items(element)[0]!)).to.contain('00:21');
  });

  it('lists a call, two chats and a case at once, each with its own actions', async () => {
    const element = await list([chatAlerting, connected, chatConnected, caseConnected]);
    expect(items(element).map(shownText)).to.deep.equal([
      'Omar Haddad 00:06 Alerting · Web chat Accept Decline',
      'Bob Jones 02:05 Connected · Support Release Hold Consult Transfer',
      'Lena Fischer 03:00 Connected · Web chat Release Consult',
      'Priya Nair 12:00 Connected · Returns Release Abandon Consult Transfer',
    ]);
  });

  it('asks before abandoning: only Abandon in the confirmation fires the intent', async () => {
    const element = await list([caseConnected]);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Abandon' }).click();
    const confirm = await openAlertDialog(element);
    expect(accessibleName(confirm)).to.equal('Abandon: Case with Priya Nair?');
    expect(shownText(confirm)).to.contain("Abandon only if releasing has not worked. Abandoning can affect statistics, recordings and the customer's experience.");
    expect(fired.intents).to.deep.equal([]);
    getByRole(confirm, 'button', { name: 'Cancel' }).click();
    await settle(element);
    expect(queryAllByRole(element, 'alertdialog')).to.have.length(0);
    expect(fired.intents).to.deep.equal([]);
    getByRole(element, 'button', { name: 'Abandon' }).click();
    getByRole(await openAlertDialog(element), 'button', { name: 'Abandon' }).click();
    expect(fired.intents).to.deep.equal([{ type: 'abandon', interactionId: caseConnected.interaction.id }]);
  });

  it('opens the directory for Consult and for Transfer, with the toggle only when both are allowed', async () => {
    const element = await list([chatConnected, caseConnected], new FakeClock(NOW), undefined, DIRECTORY);
    getByRole(items(element)[0]!, 'button', { name: 'Consult' }).click();
    let dialog = await openDialog(element);
    expect(accessibleName(dialog)).to.equal('Consult');
    expect(queryAllByRole(dialog, 'radiogroup')).to.have.length(0);
    getByRole(dialog, 'button', { name: 'Cancel' }).click();
    await settle(element);
    getByRole(items(element)[1]!, 'button', { name: 'Transfer' }).click();
    dialog = await openDialog(element);
    expect(accessibleName(dialog)).to.equal('Transfer');
    expect(queryAllByRole(getByRole(dialog, 'radiogroup', { name: 'Consult or transfer' }), 'radio').map(accessibleName)).to.deep.equal(['Consult', 'Transfer']);
  });

  it('counts the time in state every second while something is live', async () => {
    const clock = new FakeClock(NOW);
    const element = await list([connected], clock);
    expect(shownText(items(element)[0]!)).to.contain('02:05');
    clock.advance(1_000);
    await element.updateComplete;
    expect(shownText(items(element)[0]!)).to.contain('02:06');
    clock.advance(60_000);
    await element.updateComplete;
    expect(shownText(items(element)[0]!)).to.contain('03:06');
  });

  it('runs no timer when nothing is live, and shows the talk time of finished calls', async () => {
    const clock = new FakeClock(NOW);
    const element = await list([connected], clock);
    expect(clock.pending.length).to.equal(1);
    const ended = view({ ...connected.interaction, state: 'ended', releasedAt: NOW - 5_000, endedAt: NOW - 5_000 });
    element.interactions = [ended, missed];
    await element.updateComplete;
    expect(clock.pending.length).to.equal(0);
    expect(items(element).map(shownText)).to.deep.equal(['Bob Jones 02:00 Ended · Support', '555-0199 Missed · Sales · Saved']);
    element.remove();
  });

  it('stops its timer when removed from the page', async () => {
    const clock = new FakeClock(NOW);
    const element = await list([connected], clock);
    element.remove();
    expect(clock.pending.length).to.equal(0);
  });

  it('says so when there is nothing yet', async () => {
    const element = await list([]);
    expect(shownText(element)).to.equal('No interactions yet.');
  });

  it('renders markup in caller names as text', async () => {
    const element = await list([view({ callerName: HOSTILE_TEXT })]);
    expect(shownText(items(element)[0]!)).to.contain(HOSTILE_TEXT);
    expect(deepQueryAll(element, 'img')).to.have.length(0);
  });

  it('works from the keyboard: Return on Transfer opens the dialog, typing and Return transfer, focus comes back', async () => {
    const element = await list([caseConnected], new FakeClock(NOW), undefined, DIRECTORY);
    const transfer = getByRole(element, 'button', { name: 'Transfer' });
    transfer.focus();
    await sendKeys({ press: 'Enter' });
    await openDialog(element);
    const fired = recordIntents(element);
    await sendKeys({ type: 'mar' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settle(element);
    expect(fired.intents).to.deep.equal([{ type: 'transfer', interactionId: caseConnected.interaction.id, targetId: 'ag-zoe' }]);
    expect(queryAllByRole(element, 'dialog')).to.have.length(0);
    expect(element.shadowRoot!.activeElement).to.equal(transfer);
  });

  it('works from the keyboard: Space on Abandon asks, Escape cancels and focus returns to Abandon', async () => {
    const element = await list([caseConnected]);
    const abandon = getByRole(element, 'button', { name: 'Abandon' });
    abandon.focus();
    const fired = recordIntents(element);
    await sendKeys({ press: 'Space' });
    await openAlertDialog(element);
    await sendKeys({ press: 'Escape' });
    await settle(element);
    expect(queryAllByRole(element, 'alertdialog')).to.have.length(0);
    expect(element.shadowRoot!.activeElement).to.equal(abandon);
    expect(fired.intents).to.deep.equal([]);
  });
  it('labels the Reject of an offered chat, email or case "Decline" and declines with the reason the agent clicks', async () => {
    const email = view({ id: 'email-02s5e0001', channel: 'email', callerName: 'Noah Kim', callerNumber: '', queue: 'Support mail' }, { actions: ['accept', 'reject'] });
    const offeredCase = view({ id: 'case-5005e0001', channel: 'case', callerName: 'Priya Nair', callerNumber: '', queue: 'Returns' }, { actions: ['accept', 'reject'] });
    const element = await list([chatAlerting, email, offeredCase]);
    expect(items(element).map((item) => queryAllByRole(item, 'button').slice(1).map(accessibleName))).to.deep.equal([
      ['Accept', 'Decline'],
      ['Accept', 'Decline'],
      ['Accept', 'Decline'],
    ]);
    const fired = recordIntents(element);
    for (const [index, subject, reason] of [
      [0, 'Chat with Omar Haddad', 'Too busy'],
      [1, 'Email with Noah Kim', 'Missing skill'],
      [2, 'Case with Priya Nair', 'End of shift'],
    ] as const) {
      getByRole(items(element)[index]!, 'button', { name: 'Decline' }).click();
      const dialog = await openDialog(element);
      expect(accessibleName(dialog)).to.equal(`Decline: ${subject}`);
      expect(queryAllByRole(getByRole(dialog, 'listbox', { name: 'Why are you declining?' }), 'option').map(shownText)).to.deep.equal([...DECLINE_REASONS]);
      expect(fired.intents).to.have.length(index);
      getByRole(dialog, 'option', { name: reason }).click();
      await settle(element);
      expect(queryAllByRole(element, 'dialog')).to.have.length(0);
    }
    expect(fired.intents).to.deep.equal([
      { type: 'reject', interactionId: chatAlerting.interaction.id, reason: 'Too busy' },
      { type: 'reject', interactionId: 'email-02s5e0001', reason: 'Missing skill' },
      { type: 'reject', interactionId: 'case-5005e0001', reason: 'End of shift' },
    ]);
  });

  it('declines from the keyboard: Return on Decline asks, the arrows and Return pick the reason, focus comes back', async () => {
    const element = await list([chatAlerting]);
    const decline = getByRole(element, 'button', { name: 'Decline' });
    decline.focus();
    const fired = recordIntents(element);
    await sendKeys({ press: 'Enter' });
    await openDialog(element);
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settle(element);
    expect(fired.intents).to.deep.equal([{ type: 'reject', interactionId: chatAlerting.interaction.id, reason: 'Missing skill' }]);
    expect(queryAllByRole(element, 'dialog')).to.have.length(0);
    expect(element.shadowRoot!.activeElement).to.equal(decline);
  });

  it('keeps the chat when the agent presses Escape in the decline reasons, focus back on Decline', async () => {
    const element = await list([chatAlerting]);
    const decline = getByRole(element, 'button', { name: 'Decline' });
    decline.focus();
    const fired = recordIntents(element);
    await sendKeys({ press: 'Space' });
    await openDialog(element);
    await sendKeys({ press: 'Escape' });
    await settle(element);
    expect(fired.intents).to.deep.equal([]);
    expect(queryAllByRole(element, 'dialog')).to.have.length(0);
    expect(element.shadowRoot!.activeElement).to.equal(decline);
  });

  it('declines at once, without a reason, when the admin set up no decline reasons', async () => {
    const element = await list([chatAlerting], new FakeClock(NOW), undefined, [], []);
    const fired = recordIntents(element);
    getByRole(element, 'button', { name: 'Decline' }).click();
    await settle(element);
    expect(queryAllByRole(element, 'dialog')).to.have.length(0);
    expect(fired.intents).to.deep.equal([{ type: 'reject', interactionId: chatAlerting.interaction.id }]);
  });

  it('keeps an immediate Reject, with no reason asked, for a ringing voice call, video call or callback', async () => {
    const calls = (['voice', 'video', 'callback'] as const).map((channel) => view({ id: `ci-${channel}`, channel }));
    const element = await list(calls);
    const fired = recordIntents(element);
    for (const item of items(element)) getByRole(item, 'button', { name: 'Reject' }).click();
    await settle(element);
    expect(queryAllByRole(element, 'dialog')).to.have.length(0);
    expect(queryAllByRole(element, 'button', { name: 'Decline' })).to.have.length(0);
    expect(fired.intents).to.deep.equal(calls.map((call) => ({ type: 'reject', interactionId: call.interaction.id })));
  });

  it('consults about a chat only colleagues with a ContactPad phone', async () => {
    const element = await list([chatConnected], new FakeClock(NOW), undefined, DIRECTORY);
    getByRole(element, 'button', { name: 'Consult' }).click();
    const dialog = await openDialog(element);
    expect(queryAllByRole(dialog, 'option').map((option) => shownText(option.querySelector('.name')!))).to.deep.equal(['Émile Durand', 'Maria Lopez', 'Zoë Martin']);
  });

  it('transfers a case to any agent or service, but a call only to colleagues with a ContactPad phone', async () => {
    const element = await list([connected, caseConnected], new FakeClock(NOW), undefined, DIRECTORY);
    const names = (dialog: HTMLElement): string[] => queryAllByRole(dialog, 'option').map((option) => accessibleName(option).replace(/\s+,/g, ','));
    getByRole(items(element)[1]!, 'button', { name: 'Transfer' }).click();
    let dialog = await openDialog(element);
    expect(names(dialog)).to.deep.equal(['adam Price, Agent', 'Billing, Service', 'Émile Durand, Agent', 'Maria Lopez, Agent', 'Sales EMEA, Service', 'Zoë Martin, Agent']);
    getByRole(dialog, 'button', { name: 'Cancel' }).click();
    await settle(element);
    getByRole(items(element)[0]!, 'button', { name: 'Transfer' }).click();
    dialog = await openDialog(element);
    expect(names(dialog)).to.deep.equal(['Émile Durand, Agent', 'Maria Lopez, Agent', 'Zoë Martin, Agent']);
  });

  it('says why nobody is listed when no colleague has a ContactPad phone to consult', async () => {
    const element = await list([caseConnected], new FakeClock(NOW), undefined, DIRECTORY.filter((entry) => entry.sipUser === ''));
    getByRole(element, 'button', { name: 'Consult' }).click();
    const dialog = await openDialog(element);
    expect(queryAllByRole(dialog, 'option')).to.have.length(0);
    expect(shownText(getByRole(dialog, 'status'))).to.equal('No colleague with a ContactPad phone.');
  });

  it('hints that selecting reopens the record when its console tab was closed, and only then', async () => {
    const closed = { ...caseConnected, recordTabOpen: false };
    const unknown = { ...chatConnected, recordTabOpen: undefined };
    const element = await list([closed, chatConnected, unknown, connected]);
    expect(items(element).map((item) => shownText(item).includes('Tab closed — select to reopen'))).to.deep.equal([true, false, false, false]);
    const item = getByRole(items(element)[0]!, 'button', { name: /^Case, Priya Nair/ });
    expect(accessibleName(item)).to.equal('Case, Priya Nair 12:00 Connected · Returns Tab closed — select to reopen');
    const fired = recordIntents(element);
    item.click();
    expect(fired.intents).to.deep.equal([{ type: 'select', interactionId: caseConnected.interaction.id }]);
  });

  it('names the customer and the kind of work of every chat, email and case', async () => {
    const email = view({ id: 'email-1', channel: 'email', callerName: '', callerNumber: 'noah.kim@example.com', queue: 'Support mail', state: 'connected', answeredAt: NOW - 60_000 }, { actions: [] });
    const element = await list([chatAlerting, email, caseConnected]);
    const buttons = queryAllByRole(element, 'button').filter((button) => button.classList.contains('item'));
    expect(buttons.map(accessibleName)).to.deep.equal([
      'Chat, Omar Haddad 00:06 Alerting · Web chat',
      'Email, noah.kim@example.com 01:00 Connected · Support mail',
      'Case, Priya Nair 12:00 Connected · Returns',
    ]);
  });

  it('shows the case number and subject, or the transcript, of the record a chat, email or case routes', async () => {
    const withRecord = { ...caseConnected, record: { id: '500000000000001AAA', objectType: 'Case', title: '00001026 Printer <b>jams</b>' } };
    const element = await list([withRecord, chatConnected]);
    expect(shownText(items(element)[0]!)).to.contain('00001026 Printer <b>jams</b>');
    expect(items(element)[0]!.querySelector('b'), 'markup shown as text').to.equal(null);
    expect(shownText(items(element)[1]!)).to.not.contain('00001026');
  });

  it('shows the messaging channel a chat came through (WhatsApp, web chat) beside the session, as text', async () => {
    const session = { ...chatConnected, record: { id: '0Mw000000000001AAA', objectType: 'MessagingSession', title: 'MS-0000042', channelName: 'WhatsApp <i>Support</i>' } };
    const element = await list([session, caseConnected]);
    expect(shownText(items(element)[0]!)).to.contain('WhatsApp <i>Support</i> · MS-0000042');
    expect(items(element)[0]!.querySelector('i'), 'markup shown as text').to.equal(null);
    expect(shownText(items(element)[1]!)).to.not.contain('WhatsApp');
  });

  it('holds a connected call with Hold and retrieves a held one with Retrieve', async () => {
    const held = view({ ...connected.interaction, id: 'ci-held', state: 'held', journey: [...connected.interaction.journey, { at: NOW - 5_000, kind: 'held' }] }, { actions: ['retrieve', 'release', 'consult', 'transfer'] });
    const element = await list([connected, held]);
    const fired = recordIntents(element);
    getByRole(items(element)[0]!, 'button', { name: 'Hold' }).click();
    getByRole(items(element)[1]!, 'button', { name: 'Retrieve' }).click();
    expect(queryAllByRole(items(element)[0]!, 'button', { name: 'Retrieve' })).to.have.length(0);
    expect(queryAllByRole(items(element)[1]!, 'button', { name: 'Hold' })).to.have.length(0);
    expect(fired.intents).to.deep.equal([
      { type: 'hold', interactionId: connected.interaction.id },
      { type: 'retrieve', interactionId: 'ci-held' },
    ]);
  });
});
