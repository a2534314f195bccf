/**
 * Multi-interaction routing through the controller with every room real: chats (Messaging
 * Sessions, and legacy Chat Transcripts where an org still has Chat), emails and cases routed
 * by the local console's Omni-Channel through the shipped console bridge (over the Open CTI
 * fake), their record tabs in the local console's workspace, the crm room on the fake org,
 * calls on Kamailio. Timers run on a fake clock the test moves.
 */
import { expect } from '@open-wc/testing';
import { DEMO_MESSAGING, fakeOrg } from '../test-support/fake-org.ts';
import { Customer, sipServer, uniqueUser } from '../test-support/sip-calls.ts';
import { waitFor } from '../test-support/wait-for.ts';
import { RIG_WRAP_UP_SECONDS, answered, mariaCalls, startRig, stopRigs, taskOf, viewOf, type Rig } from '../test-support/controller-rig.ts';
import { FINISHED_KEPT } from './desks/view-desk.ts';
import { presenceStatus, type OmniChannelKind } from '../test-support/local-console.ts';
import { bridgeEvent } from './host/console-bridge-protocol.ts';

/** The demo org's waiting Messaging Sessions: a web chat guest, a session without a messaging user, Daniel Kim on WhatsApp. */
const { guestWaiting: GUEST_SESSION, noEndUser: NO_USER_SESSION, danielWaiting: DANIEL_SESSION } = DEMO_MESSAGING;

declare const describe: (title: string, body: (this: { timeout(ms: number): void }) => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: (this: { timeout(ms: number): void }) => void | Promise<void>) => void;

afterEach(async function () {
  this.timeout(30_000);
  await stopRigs();
});

async function firstId(rig: Rig, sobject: string, where: (record: Record<string, unknown>) => boolean = () => true): Promise<string> {
  const record = (await fakeOrg.records(rig.orgId, sobject)).find(where);
  if (!record) throw new Error(`The demo org has no ${sobject} for this test`);
  return String(record['Id']);
}

/** Omni-Channel routes a work item to the agent; returns its interaction id (the AgentWork id). */
function route(rig: Rig, channel: OmniChannelKind, workItemId: string, customerName: string): string {
  return rig.local!.omni.route({ workItemId, kind: channel, customerName }).workId;
}

function workState(rig: Rig, workId: string) {
  return rig.local!.work.find(workId);
}

function openTabRecordIds(rig: Rig): string[] {
  return rig.local!.workspace.tabs.flatMap((tab) => (tab.kind === 'record' ? [tab.recordId] : []));
}

function codes(rig: Rig): string[] {
  return rig.controller.store.snapshot.notices.map((n) => n.code);
}

describe('Omni-Channel work in the interaction list', function () {
  this.timeout(60_000);

  it('with auto-accept on, a routed Messaging session is accepted at once as a chat: the messaging user, the channel, its tab, the agent Busy', async () => {
    const rig = await startRig({ bridge: true });
    const id = route(rig, 'messaging', GUEST_SESSION, 'Guest');

    await waitFor('the chat to connect', () => viewOf(rig, id)?.interaction.state === 'connected');
    expect(workState(rig, id)?.state).to.equal('accepted');
    expect(rig.controller.store.snapshot.agent.status).to.equal('busy');
    await waitFor('the session tab', () => openTabRecordIds(rig).includes(GUEST_SESSION) && viewOf(rig, id)?.recordTabOpen === true);
    expect(viewOf(rig, id)?.actions).to.deep.equal(['release', 'consult']);
    await waitFor('the record read', () => viewOf(rig, id)?.record?.objectType === 'MessagingSession');
    expect(viewOf(rig, id)?.interaction).to.include({ channel: 'chat', callerName: 'Guest', callerNumber: '' });
    expect(viewOf(rig, id)?.record?.channelName).to.equal('Web Chat');
  });

  it('a WhatsApp session shows the customer and their number; one without a messaging user still works, with blanks', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false' } });
    const whatsApp = route(rig, 'messaging', DANIEL_SESSION, 'Daniel Kim');
    const anonymous = route(rig, 'messaging', NO_USER_SESSION, '');
    await waitFor('both read', () => viewOf(rig, whatsApp)?.record !== undefined && viewOf(rig, anonymous)?.record !== undefined);
    expect(viewOf(rig, whatsApp)?.interaction).to.include({ channel: 'chat', callerName: 'Daniel Kim', callerNumber: '+14155550101', state: 'alerting' });
    expect(viewOf(rig, whatsApp)?.record?.channelName).to.equal('WhatsApp Support');
    expect(viewOf(rig, anonymous)?.interaction).to.include({ channel: 'chat', callerName: '', callerNumber: '', state: 'alerting' });
    expect(codes(rig)).to.deep.equal([]);
  });

  it('a legacy chat works where the org still has Chat; in an org without it the work is declined, saying why', async () => {
    const legacy = await startRig({ bridge: true, features: { legacyChat: true } });
    const transcriptId = await firstId(legacy, 'LiveChatTranscript');
    const chat = route(legacy, 'chat', transcriptId, 'Ada Lovelace');
    await waitFor('the legacy chat to connect', () => viewOf(legacy, chat)?.interaction.state === 'connected');
    await waitFor('the transcript read', () => viewOf(legacy, chat)?.record?.objectType === 'LiveChatTranscript');

    const modern = await startRig({ bridge: true });
    const stale = route(modern, 'chat', '570000000000009AAA', 'Old Chat');
    await waitFor('the stale chat declined', () => workState(modern, stale)?.state === 'declined');
    expect(codes(modern)).to.include('WORK_RECORD_UNAVAILABLE');
  });

  it('an email is told from a case by its Origin and counts against the email capacity', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false', '/ContactPad/capacityEmail': '1' } });
    const email = await fakeOrg.insert(rig.orgId, 'Case', { Subject: 'Invoice copy please', Origin: 'Email', SuppliedEmail: 'noah.kim@example.com' });
    const another = await fakeOrg.insert(rig.orgId, 'Case', { Subject: 'Second email', Origin: 'Email', SuppliedEmail: 'ada@example.com' });
    const web = await fakeOrg.insert(rig.orgId, 'Case', { Subject: 'Web form', Origin: 'Web', SuppliedName: 'Web Person' });
    const first = route(rig, 'email', email, '');
    await waitFor('the email to alert', () => viewOf(rig, first)?.interaction.channel === 'email');
    expect(viewOf(rig, first)?.interaction).to.include({ callerName: 'noah.kim@example.com', state: 'alerting' });
    const second = route(rig, 'email', another, '');
    await waitFor('the second email declined for capacity', () => workState(rig, second)?.state === 'declined');
    expect(workState(rig, second)?.declineReason).to.contain('1 of 1 email');
    const kase = route(rig, 'case', web, '');
    await waitFor('the web case to alert as a case', () => viewOf(rig, kase)?.interaction.channel === 'case' && viewOf(rig, kase)?.interaction.callerName === 'Web Person');
    expect(workState(rig, kase)?.state, 'a case fits beside the email').to.equal('assigned');
  });

  it('work on an object ContactPad does not handle stays in Omni-Channel and the agent is told its id and key prefix', async () => {
    const rig = await startRig({ bridge: true });
    const leadId = await firstId(rig, 'Lead');
    const id = route(rig, 'other', leadId, 'A Lead');
    await waitFor('the notice', () => codes(rig).includes('WORK_OBJECT_UNKNOWN'));
    const notice = rig.controller.store.snapshot.notices.find((n) => n.code === 'WORK_OBJECT_UNKNOWN');
    expect(notice?.message).to.contain(leadId).and.contain('00Q');
    expect(viewOf(rig, id)).to.equal(undefined);
    expect(workState(rig, id)?.state, 'left to Omni-Channel, neither accepted nor declined').to.equal('assigned');
  });

  it('with Omni-Channel auto-accepting for the agent (presence configuration), ContactPad neither accepts nor declines: it takes Omni-Channel\'s accept', async () => {
    const rig = await startRig({ bridge: true, omniAutoAccept: true, settings: { '/ContactPad/capacityChat': '0' } });
    const id = route(rig, 'messaging', GUEST_SESSION, 'Guest');
    await waitFor('the chat connected by Omni-Channel', () => viewOf(rig, id)?.interaction.state === 'connected');
    await waitFor('the record read', () => viewOf(rig, id)?.record !== undefined);
    expect(workState(rig, id)?.state).to.equal('accepted');
    expect(codes(rig), 'no capacity decline of work Omni-Channel already gave the agent').to.not.include('CAPACITY_EXCEEDED');
  });

  it('a chat accepted on its own while the agent is on a call opens in the background: the call stays selected', async () => {
    const rig = await startRig({ bridge: true });
    const callId = await mariaCalls(rig);
    await answered(rig, callId);
    expect(rig.controller.store.snapshot.selectedId).to.equal(callId);
    const chat = route(rig, 'messaging', GUEST_SESSION, 'Guest');

    await waitFor('the chat tab', () => viewOf(rig, chat)?.recordTabOpen === true);
    expect(rig.controller.store.snapshot.selectedId, 'the call keeps the agent\'s focus').to.equal(callId);
    const active = rig.local!.workspace.activeTab;
    expect(active.kind === 'record' && active.recordId, 'the chat\'s tab opened behind').to.not.equal(GUEST_SESSION);
  });

  it('with auto-accept off, a case stays Alerting until the agent accepts it, then its Case opens', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false' } });
    const caseId = await firstId(rig, 'Case');
    const id = route(rig, 'case', caseId, 'Grace Hopper');

    await waitFor('the case to alert', () => viewOf(rig, id)?.interaction.state === 'alerting');
    expect(viewOf(rig, id)?.actions).to.deep.equal(['accept', 'reject']);
    expect(workState(rig, id)?.state).to.equal('assigned');
    expect(openTabRecordIds(rig)).to.not.include(caseId);

    await rig.controller.handle({ type: 'accept', interactionId: id });
    await waitFor('the case to connect', () => viewOf(rig, id)?.interaction.state === 'connected');
    expect(workState(rig, id)?.state).to.equal('accepted');
    await waitFor('the Case tab', () => openTabRecordIds(rig).includes(caseId));
    expect(viewOf(rig, id)?.actions).to.deep.equal(['release', 'abandon', 'consult', 'transfer']);
  });

  it('a decline carries the agent\'s reason to Omni-Channel, and the agent goes where the settings say', async () => {
    const rig = await startRig({
      bridge: true,
      settings: { '/ContactPad/autoAcceptWork': 'false', '/ContactPad/stateAfterReject': 'not-ready', '/ContactPad/rejectNotReadyReason': 'Declined work' },
    });
    const id = route(rig, 'email', await firstId(rig, 'Case'), 'Alan Turing');
    await waitFor('the email to alert', () => viewOf(rig, id)?.interaction.state === 'alerting');

    await rig.controller.handle({ type: 'reject', interactionId: id, reason: 'Not my skill' });
    expect(workState(rig, id)).to.include({ state: 'declined', declineReason: 'Not my skill' });
    expect(viewOf(rig, id)?.interaction.state).to.equal('rejected');
    expect(rig.controller.store.snapshot.agent).to.include({ status: 'not-ready', reason: 'Declined work' });
  });

  it('a work item that cannot be delivered says so and leaves the list', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false' } });
    const id = route(rig, 'messaging', GUEST_SESSION, 'Guest');
    await waitFor('the chat to alert', () => viewOf(rig, id)?.interaction.callerName === 'Guest');

    // Omni-Channel raises no event of its own for it: the accept fails (lightning:omniToolkitAPI acceptAgentWork rejects).
    rig.local!.omni.cannotDeliver(id);
    await rig.controller.handle({ type: 'accept', interactionId: id });
    await waitFor('the chat to leave the list', () => viewOf(rig, id) === undefined);
    const notice = rig.controller.store.snapshot.notices.find((n) => n.code === 'WORK_DELIVERY_FAILED');
    expect(notice?.message).to.contain('Guest').and.to.contain('could not be delivered');
  });

  it('beyond the agent\'s capacity a chat is declined with the reason and never listed, and one repeated assignment shows once', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false', '/ContactPad/capacityChat': '1' } });
    const first = route(rig, 'messaging', GUEST_SESSION, 'Guest');
    await waitFor('the first chat', () => viewOf(rig, first)?.interaction.callerName === 'Guest');
    const second = route(rig, 'messaging', DANIEL_SESSION, 'Daniel Kim');

    await waitFor('the second chat to be declined', () => workState(rig, second)?.state === 'declined');
    expect(workState(rig, second)?.declineReason).to.contain('1 of 1 chat');
    await waitFor('the declined chat off the list', () => viewOf(rig, second) === undefined);
    expect(codes(rig)).to.include('CAPACITY_EXCEEDED');

    // Omni-Channel may repeat an assignment: still one interaction.
    rig.controller.bridgeEvent(bridgeEvent('workAssigned', 'again-1', { work: { workId: first, workItemId: GUEST_SESSION, accepted: false } }));
    expect(rig.controller.store.snapshot.interactions.filter((v) => v.interaction.id === first)).to.have.length(1);
  });

  it('keeps only the newest finished interactions on the list, so a long shift does not grow without end', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false' } });
    const ids: string[] = [];
    for (let n = 0; n < FINISHED_KEPT + 3; n += 1) {
      const id = route(rig, 'messaging', GUEST_SESSION, `Customer ${n}`);
      await waitFor('the chat to alert', () => viewOf(rig, id)?.interaction.state === 'alerting');
      await rig.controller.handle({ type: 'reject', interactionId: id, reason: 'Not my skill' });
      ids.push(id);
    }
    const route2 = route(rig, 'messaging', GUEST_SESSION, 'Still here');
    await waitFor('the last chat to alert', () => viewOf(rig, route2)?.interaction.state === 'alerting');
    const listed = rig.controller.store.snapshot.interactions.map((v) => v.interaction.id);
    expect(listed).to.have.length(FINISHED_KEPT + 1);
    expect(listed).to.include(route2);
    expect(listed).to.not.include(ids[0]);
    expect(listed).to.include(ids.at(-1));
  });

  it('a work item for a record the agent cannot see is declined with a clear message', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false' } });
    const caseId = await firstId(rig, 'Case');
    await fakeOrg.remove(rig.orgId, 'Case', caseId);
    const id = route(rig, 'case', caseId, 'Deleted Case');

    await waitFor('the work to be declined', () => workState(rig, id)?.state === 'declined');
    expect(codes(rig)).to.include('WORK_RECORD_UNAVAILABLE');
    await waitFor('the list to show it declined', () => viewOf(rig, id)?.interaction.state === 'rejected');
  });

  it('keeps console tabs and the list in step both ways, and reopens a closed tab when its interaction is selected', async () => {
    const rig = await startRig({ bridge: true });
    const caseId = await firstId(rig, 'Case');
    const transcriptId = GUEST_SESSION;
    const chat = route(rig, 'messaging', transcriptId, 'Guest');
    const kase = route(rig, 'case', caseId, 'Grace Hopper');
    await waitFor('both tabs', () => viewOf(rig, chat)?.recordTabOpen === true && viewOf(rig, kase)?.recordTabOpen === true);
    const workspace = rig.local!.workspace;
    const tabOf = (recordId: string) => workspace.tabs.find((t) => t.kind === 'record' && t.recordId === recordId)!;

    // Selecting an interaction focuses its tab.
    await rig.controller.handle({ type: 'select', interactionId: chat });
    expect(workspace.activeTab).to.equal(tabOf(transcriptId));

    // Focusing a tab in the console selects its interaction.
    workspace.focusTab(tabOf(caseId).key);
    await waitFor('the case to be selected', () => rig.controller.store.snapshot.selectedId === kase);

    // The agent closes the chat's tab; selecting the chat opens it again.
    workspace.closeTab(tabOf(transcriptId).key);
    await waitFor('the list to know the tab is closed', () => viewOf(rig, chat)?.recordTabOpen === false);
    await rig.controller.handle({ type: 'select', interactionId: chat });
    expect(openTabRecordIds(rig)).to.include(transcriptId);
    expect(viewOf(rig, chat)?.recordTabOpen).to.equal(true);
    expect(workspace.activeTab).to.equal(tabOf(transcriptId));
  });

  it('a tab closed while its case is Alerting changes nothing until the agent accepts: then the Case opens', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false' } });
    const caseId = await firstId(rig, 'Case');
    const workspace = rig.local!.workspace;
    const tab = await workspace.openRecord(caseId);
    const id = route(rig, 'case', caseId, 'Grace Hopper');
    await waitFor('the case to alert', () => viewOf(rig, id)?.interaction.state === 'alerting');
    workspace.closeTab(tab.key);
    // A round trip on the channel: its answer comes after the tabClosed event, so ContactPad has handled that event.
    await rig.consoleBridge!.sync();
    expect(viewOf(rig, id)?.interaction.state).to.equal('alerting');

    await rig.controller.handle({ type: 'accept', interactionId: id });
    await waitFor('the Case tab again', () => openTabRecordIds(rig).includes(caseId) && viewOf(rig, id)?.recordTabOpen === true);
  });

  it('release closes the work and starts wrap up; when wrap up ends the Task links the session\'s Contact and Case, keeps the session id, and the tab closes (setting on)', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/closeTabAfterWrapUp': 'true' } });
    const transcriptId = DANIEL_SESSION;
    const id = route(rig, 'messaging', transcriptId, 'Daniel Kim');
    await waitFor('the chat tab', () => viewOf(rig, id)?.recordTabOpen === true);

    await rig.controller.handle({ type: 'release', interactionId: id });
    expect(workState(rig, id)?.state).to.equal('closed');
    expect(viewOf(rig, id)?.interaction.state).to.equal('wrap-up');
    expect(rig.controller.store.snapshot.agent.status).to.equal('wrap-up');

    await rig.controller.handle({ type: 'wrap-up-done', interactionId: id, disposition: 'Resolved', notes: 'Password reset' });
    const task = await taskOf(rig, id);
    const session = (await fakeOrg.records(rig.orgId, 'MessagingSession')).find((record) => record['Id'] === transcriptId)!;
    // Task.WhatId cannot point at a MessagingSession: the Task names the session's Case and Contact, and keeps the session id.
    expect(task).to.include({
      WhatId: session['CaseId'], WhoId: session['EndUserContactId'], ContactPad_Work_Item_Id__c: transcriptId, ContactPad_Channel__c: 'chat', CallDisposition: 'Resolved',
    });
    await waitFor('the tab to close', () => !openTabRecordIds(rig).includes(transcriptId));
    expect(rig.controller.store.snapshot.agent.status).to.equal('ready');
  });

  it('requires a disposition before wrap up ends when the setting says so, even when the time runs out', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/requireDisposition': 'true' } });
    const id = route(rig, 'case', await firstId(rig, 'Case'), 'Grace Hopper');
    await waitFor('the case to connect', () => viewOf(rig, id)?.interaction.state === 'connected');
    await rig.controller.handle({ type: 'release', interactionId: id });

    await rig.controller.handle({ type: 'wrap-up-done', interactionId: id, disposition: '', notes: '' });
    expect(viewOf(rig, id)?.interaction.state).to.equal('wrap-up');
    expect(codes(rig)).to.include('DISPOSITION_REQUIRED');
    rig.clock.advance(RIG_WRAP_UP_SECONDS * 1000);
    expect(viewOf(rig, id)?.interaction.state, 'the timer does not end it either').to.equal('wrap-up');
    expect(viewOf(rig, id)?.wrapUpEndsAt, 'no timer left').to.equal(undefined);

    await rig.controller.handle({ type: 'wrap-up-done', interactionId: id, disposition: 'Resolved', notes: '' });
    expect(viewOf(rig, id)?.interaction.state).to.equal('ended');
  });

  it('abandon frees the case at once, even while its release is still on its way, and logs it once', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/capacityCase': '1', '/ContactPad/autoAcceptWork': 'false' } });
    const caseId = await firstId(rig, 'Case');
    const id = route(rig, 'case', caseId, 'Grace Hopper');
    await waitFor('the case', () => viewOf(rig, id) !== undefined);
    await rig.controller.handle({ type: 'accept', interactionId: id });
    await waitFor('the case to connect', () => viewOf(rig, id)?.interaction.state === 'connected');

    const releasing = rig.controller.handle({ type: 'release', interactionId: id });
    await rig.controller.handle({ type: 'abandon', interactionId: id });
    expect(viewOf(rig, id)?.interaction.state).to.equal('abandoned');
    await releasing;
    expect(viewOf(rig, id)?.interaction.state, 'the late release changes nothing').to.equal('abandoned');
    expect(rig.controller.store.snapshot.agent.status).to.equal('ready');

    // The capacity is free again: the next case is offered, not declined.
    const next = route(rig, 'case', caseId, 'Next Customer');
    await waitFor('the next case to alert', () => viewOf(rig, next)?.interaction.state === 'alerting');
    const tasks = (await fakeOrg.records(rig.orgId, 'Task')).filter((t) => t['ContactPad_Interaction_Id__c'] === id);
    await waitFor('the abandoned case logged once', async () => (await fakeOrg.records(rig.orgId, 'Task')).filter((t) => t['ContactPad_Interaction_Id__c'] === id).length === 1);
    expect(tasks.length).to.be.at.most(1);
  });

  it('transfers a case to a service: the Case changes owner, the work closes and the case leaves the list', async () => {
    const rig = await startRig({ bridge: true });
    const caseId = await firstId(rig, 'Case');
    const id = route(rig, 'case', caseId, 'Grace Hopper');
    await waitFor('the case to connect', () => viewOf(rig, id)?.interaction.state === 'connected');
    const billing = rig.controller.store.snapshot.directory.find((entry) => entry.name === 'Billing Support');
    expect(billing?.kind).to.equal('service');

    await rig.controller.handle({ type: 'transfer', interactionId: id, targetId: billing!.id });
    expect(viewOf(rig, id)).to.equal(undefined);
    const kase = (await fakeOrg.records(rig.orgId, 'Case')).find((c) => c['Id'] === caseId);
    expect(kase?.['OwnerId']).to.equal(billing!.id);
    await waitFor('the work to close', () => workState(rig, id)?.state === 'closed');
    const task = await taskOf(rig, id);
    expect(String(task['Description'])).to.contain('Billing Support');
  });

  it('consults a colleague about a chat: a call to them while the chat stays; ending the call leaves the chat open', async () => {
    const colleague = uniqueUser('colleague');
    const rig = await startRig({
      bridge: true,
      orgSetup: async (orgId) => {
        await fakeOrg.insert(orgId, 'User', { Username: `${colleague}@example.com`, LastName: 'Colleague', FirstName: 'Casey', ContactPad_SIP_User__c: colleague, IsActive: true });
      },
    });
    const phone = new Customer((await sipServer()).wsUrl, colleague, 'Casey Colleague');
    await phone.start(true);
    try {
      const chat = route(rig, 'messaging', GUEST_SESSION, 'Guest');
      await waitFor('the chat to connect', () => viewOf(rig, chat)?.interaction.state === 'connected');
      const target = rig.controller.store.snapshot.directory.find((entry) => entry.sipUser === colleague);

      await rig.controller.handle({ type: 'consult', interactionId: chat, targetId: target!.id });
      const consult = rig.controller.store.snapshot.interactions.find((v) => v.interaction.direction === 'outbound');
      expect(consult?.interaction).to.include({ channel: 'voice', callerName: 'Casey Colleague' });
      const ringing = await waitFor('the colleague to ring', () => phone.incoming[0]);
      await ringing.accept();
      await waitFor('the consult call to connect', () => viewOf(rig, consult!.interaction.id)?.interaction.state === 'connected');

      await rig.controller.handle({ type: 'release', interactionId: consult!.interaction.id });
      expect(viewOf(rig, chat)?.interaction.state, 'the chat stays').to.equal('connected');
      expect(rig.controller.store.snapshot.agent.status).to.equal('busy');
    } finally {
      await phone.stop();
    }
  });

  it('presence follows the agent state (ContactPad leads), and the agent follows a presence chosen in Omni-Channel', async () => {
    const rig = await startRig({ bridge: true });
    const presence = rig.local!.presence;
    await waitFor('Available in Omni-Channel', () => presence.current.apiName === 'Available');

    await rig.controller.handle({ type: 'set-agent-status', choice: { status: 'not-ready', reason: 'Lunch' } });
    await waitFor('Busy in Omni-Channel', () => presence.current.apiName === 'Busy');

    presence.set(presenceStatus('Available'), 'user');
    await waitFor('the agent Ready again', () => rig.controller.store.snapshot.agent.status === 'ready');
  });

  it('with Omni-Channel leading, a Ready agent keeps Ready while Omni-Channel cannot say its presence, then follows it, to Offline too', async () => {
    const rig = await startRig({ bridge: true, readyBeforeBridge: true, settings: { '/ContactPad/presenceLeads': 'omni-channel' } });
    // The local console starts logged out of Omni-Channel: getServicePresenceStatusId has no status to give,
    // and a failure to read the presence must not stop the agent's phone.
    expect(rig.local!.presence.current.id).to.equal(null);
    expect(rig.controller.store.snapshot.agent.status).to.equal('ready');
    const presence = rig.local!.presence;
    presence.set(presenceStatus('Busy'), 'user');
    await waitFor('the agent Not Ready', () => rig.controller.store.snapshot.agent.status === 'not-ready');
    presence.set(presenceStatus('Offline'), 'user');
    await waitFor('the agent Offline', () => rig.controller.store.snapshot.agent.status === 'offline');
    expect(rig.controller.store.snapshot.phone.state).to.equal('stopped');
  });

  it('with ContactPad leading, a Ready agent logs Omni-Channel in as Available when the bridge connects', async () => {
    const rig = await startRig({ bridge: true, readyBeforeBridge: true });
    await waitFor('Available in Omni-Channel', () => rig.local!.presence.current.apiName === 'Available');
    expect(rig.controller.store.snapshot.agent.status).to.equal('ready');
  });

  it('holds and retrieves a call, and a second call beyond the voice capacity is refused Busy Here', async () => {
    const rig = await startRig({ bridge: true });
    const id = await mariaCalls(rig);
    await answered(rig, id);
    await rig.controller.handle({ type: 'hold', interactionId: id });
    expect(viewOf(rig, id)?.interaction.state).to.equal('held');
    expect(viewOf(rig, id)?.actions).to.deep.equal(['retrieve', 'release', 'consult', 'transfer', 'mute']);
    await rig.controller.handle({ type: 'retrieve', interactionId: id });
    expect(viewOf(rig, id)?.interaction.state).to.equal('connected');
    expect(viewOf(rig, id)?.interaction.journey.map((e) => e.kind)).to.include.members(['held', 'retrieved']);

    const another = new Customer((await sipServer()).wsUrl, uniqueUser('customer'));
    await another.start();
    try {
      const { finalStatus } = another.call(rig.agentUser, [`X-CP-Interaction-Id: ${uniqueUser('it')}`]);
      expect(await finalStatus).to.equal(486);
      expect(codes(rig)).to.include('CAPACITY_EXCEEDED');
      expect(rig.controller.store.snapshot.interactions).to.have.length(1);
    } finally {
      await another.stop();
    }
  });
});
