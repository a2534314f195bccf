/**
 * Multi-interaction routing through the controller with every room real: chats, emails and
 * cases routed by the local console's Omni-Channel through the console bridge protocol (over
 * the Open CTI fake), their record tabs in the local console's workspace, the crm room on the
 * fake org, calls on Kamailio. Timers run by hand (manual clock).
 */
import { expect } from '@open-wc/testing';
import { fakeOrg } from './crm/fake-org-session.ts';
import { Customer, sipServer, uniqueUser, waitFor } from './telephony/test-support.ts';
import { answered, mariaCalls, startRig, stopRigs, taskOf, viewOf, type Rig } from './controller-test-rig.ts';
import { FINISHED_KEPT } from './controller.ts';
import { OMNI_PRESENCE_STATUSES } from '../../scripts/console/page/omni-presence.ts';
import type { OmniChannelKind } from '../../scripts/console/page/omni-work-items.ts';
import { bridgeEvent } from './host/console-bridge-protocol.ts';

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

  it('with auto-accept on, a routed chat is accepted at once, the agent is Busy and its transcript opens in a console tab', async () => {
    const rig = await startRig({ bridge: true });
    const transcriptId = await firstId(rig, 'LiveChatTranscript');
    const id = route(rig, 'chat', transcriptId, 'Ada Lovelace');

    await waitFor('the chat to connect', () => viewOf(rig, id)?.interaction.state === 'connected');
    expect(viewOf(rig, id)?.interaction).to.include({ channel: 'chat', callerName: 'Ada Lovelace' });
    expect(workState(rig, id)?.state).to.equal('accepted');
    expect(rig.controller.store.snapshot.agent.status).to.equal('busy');
    await waitFor('the transcript tab', () => openTabRecordIds(rig).includes(transcriptId) && viewOf(rig, id)?.recordTabOpen === true);
    expect(viewOf(rig, id)?.actions).to.deep.equal(['release', 'consult']);
    await waitFor('the record read', () => viewOf(rig, id)?.record?.objectType === 'LiveChatTranscript');
  });

  it('a chat accepted on its own while the agent is on a call opens in the background: the call stays selected', async () => {
    const rig = await startRig({ bridge: true });
    const callId = await mariaCalls(rig);
    await answered(rig, callId);
    expect(rig.controller.store.snapshot.selectedId).to.equal(callId);
    const transcriptId = await firstId(rig, 'LiveChatTranscript');
    const chat = route(rig, 'chat', transcriptId, 'Ada Lovelace');

    await waitFor('the chat tab', () => viewOf(rig, chat)?.recordTabOpen === true);
    expect(rig.controller.store.snapshot.selectedId, 'the call keeps the agent\'s focus').to.equal(callId);
    const active = rig.local!.workspace.activeTab;
    expect(active.kind === 'record' && active.recordId, 'the chat\'s tab opened behind').to.not.equal(transcriptId);
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
    const id = route(rig, 'chat', await firstId(rig, 'LiveChatTranscript'), 'Ada Lovelace');
    await waitFor('the chat to alert', () => viewOf(rig, id) !== undefined);

    rig.local!.omni.cannotDeliver(id);
    await waitFor('the chat to leave the list', () => viewOf(rig, id) === undefined);
    const notice = rig.controller.store.snapshot.notices.find((n) => n.code === 'WORK_DELIVERY_FAILED');
    expect(notice?.message).to.contain('Ada Lovelace').and.to.contain('could not be delivered');
  });

  it('beyond the agent\'s capacity a chat is declined with the reason, and one repeated assignment shows once', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false', '/ContactPad/capacityChat': '1' } });
    const transcriptId = await firstId(rig, 'LiveChatTranscript');
    const first = route(rig, 'chat', transcriptId, 'First Customer');
    await waitFor('the first chat', () => viewOf(rig, first) !== undefined);
    const second = route(rig, 'chat', transcriptId, 'Second Customer');

    await waitFor('the second chat to be declined', () => workState(rig, second)?.state === 'declined');
    expect(workState(rig, second)?.declineReason).to.contain('1 of 1 chat');
    expect(viewOf(rig, second)).to.equal(undefined);
    expect(codes(rig)).to.include('CAPACITY_EXCEEDED');

    // Omni-Channel may repeat an assignment: still one interaction.
    const work = { workId: first, workItemId: transcriptId, channel: 'chat' as const, customerName: 'First Customer', isAutoAccept: false, accepted: false };
    rig.controller.bridgeEvent(bridgeEvent('workAssigned', 'again-1', { work }));
    expect(rig.controller.store.snapshot.interactions.filter((v) => v.interaction.id === first)).to.have.length(1);
  });

  it('keeps only the newest finished interactions on the list, so a long shift does not grow without end', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/autoAcceptWork': 'false' } });
    const transcriptId = await firstId(rig, 'LiveChatTranscript');
    const ids: string[] = [];
    for (let n = 0; n < FINISHED_KEPT + 3; n += 1) {
      const id = route(rig, 'chat', transcriptId, `Customer ${n}`);
      await waitFor('the chat to alert', () => viewOf(rig, id)?.interaction.state === 'alerting');
      await rig.controller.handle({ type: 'reject', interactionId: id, reason: 'Not my skill' });
      ids.push(id);
    }
    const route2 = route(rig, 'chat', transcriptId, 'Still here');
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
    expect(viewOf(rig, id)?.interaction.state).to.equal('rejected');
  });

  it('keeps console tabs and the list in step both ways, and reopens a closed tab when its interaction is selected', async () => {
    const rig = await startRig({ bridge: true });
    const caseId = await firstId(rig, 'Case');
    const transcriptId = await firstId(rig, 'LiveChatTranscript');
    const chat = route(rig, 'chat', transcriptId, 'Ada Lovelace');
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
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(viewOf(rig, id)?.interaction.state).to.equal('alerting');

    await rig.controller.handle({ type: 'accept', interactionId: id });
    await waitFor('the Case tab again', () => openTabRecordIds(rig).includes(caseId) && viewOf(rig, id)?.recordTabOpen === true);
  });

  it('release closes the work and starts wrap up; when wrap up ends the Task links the transcript and the tab closes (setting on)', async () => {
    const rig = await startRig({ bridge: true, settings: { '/ContactPad/closeTabAfterWrapUp': 'true' } });
    const transcriptId = await firstId(rig, 'LiveChatTranscript');
    const id = route(rig, 'chat', transcriptId, 'Ada Lovelace');
    await waitFor('the chat tab', () => viewOf(rig, id)?.recordTabOpen === true);

    await rig.controller.handle({ type: 'release', interactionId: id });
    expect(workState(rig, id)?.state).to.equal('closed');
    expect(viewOf(rig, id)?.interaction.state).to.equal('wrap-up');
    expect(rig.controller.store.snapshot.agent.status).to.equal('wrap-up');

    await rig.controller.handle({ type: 'wrap-up-done', interactionId: id, disposition: 'Resolved', notes: 'Password reset' });
    const task = await taskOf(rig, id);
    expect(task).to.include({ WhatId: transcriptId, ContactPad_Channel__c: 'chat', CallDisposition: 'Resolved' });
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
    rig.clock.runPending();
    expect(viewOf(rig, id)?.interaction.state, 'the timer does not end it either').to.equal('wrap-up');

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
      const chat = route(rig, 'chat', await firstId(rig, 'LiveChatTranscript'), 'Ada Lovelace');
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

    presence.set(OMNI_PRESENCE_STATUSES.find((s) => s.apiName === 'Available')!, 'user');
    await waitFor('the agent Ready again', () => rig.controller.store.snapshot.agent.status === 'ready');
  });

  it('with Omni-Channel leading, a Ready agent takes the presence Omni-Channel has when the bridge connects', async () => {
    const rig = await startRig({ bridge: true, readyBeforeBridge: true, settings: { '/ContactPad/presenceLeads': 'omni-channel' } });
    // The local console starts logged out of Omni-Channel: the agent follows to Offline.
    await waitFor('the agent Offline', () => rig.controller.store.snapshot.agent.status === 'offline');
    expect(rig.local!.presence.current.id).to.equal(null);
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
    expect(viewOf(rig, id)?.actions).to.deep.equal(['retrieve', 'release', 'consult', 'transfer']);
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
