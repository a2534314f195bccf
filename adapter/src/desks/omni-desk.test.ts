/**
 * The Omni-Channel desk alone, with the real model, the real crm room on a fake org (the routed
 * records, the agent's presence configuration) and a stand-in for the console bridge that
 * records what it was asked (the controller tests run the shipped bridge); the bridge's events
 * are the desk's own calls here (accepted, ended, deliveryFailed).
 */
import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import { callFacts } from '../model/interaction-facts.ts';
import { DEMO_MESSAGING, fakeOrg, taskFor } from '../../test-support/fake-org.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import { openConsoleDesks } from './console-desks.ts';
import { RecordingBridge, RecordingHost, crmOnFakeOrg, loadedTestDesks } from '../../test-support/desk-rig.ts';

const { danielWaiting: DANIEL_SESSION, guestWaiting: GUEST_SESSION } = DEMO_MESSAGING;

async function floor(items: Record<string, string> = {}, options: { omniAutoAccept?: boolean } = {}) {
  const desks = await loadedTestDesks(items);
  const { crm, orgId } = await crmOnFakeOrg(desks, options);
  const bridge = new RecordingBridge();
  const host = new RecordingHost();
  Object.assign(desks.rooms, { crm, bridge, host });
  desks.view.bridgeState('connected');
  desks.agent.choose({ status: 'ready' });
  return { ...desks, ...openConsoleDesks(desks), crm, orgId, bridge, host };
}

type Floor = Awaited<ReturnType<typeof floor>>;

let nextWork = 1;
/** Omni-Channel assigns work on `workItemId`; returns its AgentWork id (the interaction's id). */
function assign(desks: Floor, workItemId: string, accepted = false): string {
  const workId = `0Bz00000000${String(nextWork++).padStart(4, '0')}AAA`;
  desks.omni.assigned({ workId, workItemId, accepted });
  return workId;
}

function codes(desks: Floor): string[] {
  return desks.store.snapshot.notices.map((n) => n.code);
}

async function firstCase(desks: Floor): Promise<string> {
  return String((await fakeOrg.records(desks.orgId, 'Case'))[0]?.['Id']);
}

describe('the Omni-Channel desk', () => {
  it('lists routed work at once, reads its record (customer, channel, title), and with autoAcceptWork accepts it', async () => {
    const desks = await floor();
    const id = assign(desks, DANIEL_SESSION);
    expect(desks.view.interaction(id)).to.include({ channel: 'chat', state: 'alerting', direction: 'inbound' });
    await waitFor('the accept', () => desks.bridge.asked.includes(`acceptWork ${id}`));
    expect(desks.view.interaction(id)).to.include({ callerName: 'Daniel Kim', callerNumber: '+14155550101' });
    expect(desks.view.view(id)?.record).to.include({ id: DANIEL_SESSION, objectType: 'MessagingSession', channelName: 'WhatsApp Support' });
    expect(desks.view.facts(id)).to.include({ acceptedByAgent: false });
    expect(desks.view.interaction(id)?.state, 'until Omni-Channel says it is accepted').to.equal('alerting');
  });

  it('once accepted: connected, the agent Busy, selected, and its record opens in a console tab in front', async () => {
    const desks = await floor();
    const id = assign(desks, GUEST_SESSION);
    await waitFor('the accept', () => desks.bridge.asked.includes(`acceptWork ${id}`));
    desks.omni.accepted(id);
    expect(desks.view.stateOf(id)).to.equal('connected');
    expect(desks.store.snapshot.agent.status).to.equal('busy');
    expect(desks.store.snapshot.selectedId).to.equal(id);
    await waitFor('the tab', () => desks.view.view(id)?.recordTabOpen === true);
    expect(desks.bridge.asked).to.include(`openRecordTab ${GUEST_SESSION} true`);
  });

  it('work accepted on its own while the agent is on a call opens behind: the call keeps the selection', async () => {
    const desks = await floor();
    desks.view.add(offerInteraction({ id: 'call', channel: 'voice', direction: 'inbound' }, desks.clock.now()), callFacts());
    desks.view.move('call', 'connected');
    desks.agent.workStarted('call');
    const id = assign(desks, GUEST_SESSION, true);
    expect(desks.view.stateOf(id)).to.equal('connected');
    expect(desks.store.snapshot.selectedId).to.equal('call');
    await waitFor('the tab', () => desks.bridge.asked.includes(`openRecordTab ${GUEST_SESSION} false`));
  });

  it('with autoAcceptWork off it alerts (the panel shown) until the agent accepts: that work comes to the front', async () => {
    const desks = await floor({ '/ContactPad/autoAcceptWork': 'false' });
    desks.host.panelVisible = false;
    const id = assign(desks, await firstCase(desks));
    await waitFor('the panel', () => desks.host.panelShown === 1);
    expect(desks.bridge.asked.filter((a) => a.startsWith('acceptWork'))).to.deep.equal([]);
    expect(desks.view.view(id)?.actions).to.deep.equal(['accept', 'reject']);
    await desks.omni.accept(id);
    expect(desks.view.facts(id)?.acceptedByAgent).to.equal(true);
    expect(desks.bridge.asked).to.include(`acceptWork ${id}`);
  });

  it('with Omni-Channel auto-accepting for the agent (presence configuration), neither accepts nor declines on its own', async () => {
    const desks = await floor({ '/ContactPad/capacityChat': '0' }, { omniAutoAccept: true });
    desks.host.panelVisible = false;
    const id = assign(desks, GUEST_SESSION);
    // The offer ends by showing the panel: an accept or a decline would have been asked before it.
    await waitFor('the offer to end', () => desks.host.panelShown === 1);
    expect(desks.view.view(id)?.record).to.not.equal(undefined);
    expect(desks.bridge.asked.filter((a) => /^(acceptWork|declineWork)/.test(a))).to.deep.equal([]);
    expect(codes(desks)).to.not.include('CAPACITY_EXCEEDED');
  });

  it('declines work beyond the agent\'s capacity with the reason, never keeping it on the list', async () => {
    const desks = await floor({ '/ContactPad/autoAcceptWork': 'false', '/ContactPad/capacityChat': '1' });
    desks.host.panelVisible = false;
    const first = assign(desks, GUEST_SESSION);
    await waitFor('the first chat offered to the agent', () => desks.host.panelShown === 1);
    const second = assign(desks, DANIEL_SESSION);
    await waitFor('the decline', () => desks.bridge.asked.some((a) => a.startsWith(`declineWork ${second}`)));
    expect(desks.bridge.asked.find((a) => a.startsWith(`declineWork ${second}`))).to.contain('1 of 1 chat');
    expect(desks.view.has(second)).to.equal(false);
    expect(desks.view.has(first)).to.equal(true);
    expect(codes(desks)).to.include('CAPACITY_EXCEEDED');
  });

  it('shows one interaction for an assignment Omni-Channel repeats', async () => {
    const desks = await floor({ '/ContactPad/autoAcceptWork': 'false' });
    const id = assign(desks, GUEST_SESSION);
    desks.omni.assigned({ workId: id, workItemId: GUEST_SESSION, accepted: false });
    expect(desks.store.snapshot.interactions).to.have.length(1);
  });

  it('leaves work on an object it does not handle to Omni-Channel, naming the record and its key prefix', async () => {
    const desks = await floor();
    const lead = String((await fakeOrg.records(desks.orgId, 'Lead'))[0]?.['Id']);
    const id = assign(desks, lead);
    expect(desks.view.has(id)).to.equal(false);
    const notice = desks.store.snapshot.notices.find((n) => n.code === 'WORK_OBJECT_UNKNOWN');
    expect(notice?.message).to.contain(lead).and.contain('key prefix 00Q');
    expect(desks.bridge.asked).to.deep.equal([]);
  });

  it('declines work on a record the agent cannot read, without the agent\'s stateAfterReject', async () => {
    const desks = await floor({ '/ContactPad/autoAcceptWork': 'false', '/ContactPad/stateAfterReject': 'not-ready' });
    const caseId = await firstCase(desks);
    await fakeOrg.remove(desks.orgId, 'Case', caseId);
    const id = assign(desks, caseId);
    await waitFor('the decline', () => desks.view.stateOf(id) === 'rejected');
    expect(desks.bridge.asked).to.include(`declineWork ${id} The record is deleted or not visible to this agent`);
    expect(codes(desks)).to.include('WORK_RECORD_UNAVAILABLE');
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });

  it('declines with the agent\'s reason (or a default one, at most 255 characters) and applies stateAfterReject', async () => {
    const desks = await floor({ '/ContactPad/autoAcceptWork': 'false', '/ContactPad/stateAfterReject': 'not-ready', '/ContactPad/rejectNotReadyReason': 'Declined work' });
    const first = assign(desks, GUEST_SESSION);
    const second = assign(desks, DANIEL_SESSION);
    await desks.omni.reject(first, '  Not my skill ');
    await desks.omni.reject(second, '  ');
    expect(desks.bridge.asked.filter((a) => a.startsWith('declineWork'))).to.deep.equal([`declineWork ${first} Not my skill`, `declineWork ${second} Declined by the agent`]);
    expect(desks.view.interaction(first)?.journey.at(-1)).to.include({ kind: 'rejected', detail: 'declined: Not my skill' });
    expect(desks.store.snapshot.agent).to.include({ status: 'not-ready', reason: 'Declined work' });
    const third = assign(desks, GUEST_SESSION);
    await desks.omni.reject(third, 'x'.repeat(300));
    expect(desks.bridge.asked.at(-1)).to.equal(`declineWork ${third} ${'x'.repeat(255)}`);
  });

  it('work that cannot be delivered is told and leaves the list', async () => {
    const desks = await floor({ '/ContactPad/autoAcceptWork': 'false' });
    const id = assign(desks, GUEST_SESSION);
    await waitFor('the record read', () => desks.view.interaction(id)?.callerName === 'Guest');
    desks.omni.deliveryFailed(id, 'The agent is not available');
    expect(desks.view.has(id)).to.equal(false);
    expect(desks.store.snapshot.notices.at(-1)).to.include({ code: 'WORK_DELIVERY_FAILED', message: 'A chat from Guest could not be delivered: The agent is not available' });
  });

  it('follows Omni-Channel ending the work: declined or closed while alerting, wrap up once in progress', async () => {
    const desks = await floor({ '/ContactPad/autoAcceptWork': 'false' });
    const declined = assign(desks, GUEST_SESSION);
    const closed = assign(desks, DANIEL_SESSION);
    desks.omni.ended(declined, 'declined');
    desks.omni.ended(closed, 'closed');
    expect([desks.view.stateOf(declined), desks.view.stateOf(closed)]).to.deep.equal(['rejected', 'missed']);
    const live = assign(desks, GUEST_SESSION, true);
    desks.omni.ended(live, 'closed');
    expect(desks.view.stateOf(live)).to.equal('wrap-up');
    expect(desks.view.interaction(live)?.journey.at(-1)?.kind).to.equal('remote-hangup');
  });

  it('release closes the work and starts wrap up; its Task links what the session names and keeps the session id', async () => {
    const desks = await floor();
    const id = assign(desks, DANIEL_SESSION, true);
    await waitFor('the record read', () => desks.view.view(id)?.record !== undefined);
    await desks.omni.release(id);
    expect(desks.bridge.asked).to.include(`closeWork ${id}`);
    expect(desks.view.stateOf(id)).to.equal('wrap-up');
    desks.wrapUp.finish(id, { disposition: 'Resolved' }, 'done');
    const session = (await fakeOrg.records(desks.orgId, 'MessagingSession')).find((r) => r['Id'] === DANIEL_SESSION)!;
    expect(await taskFor(desks.orgId, id)).to.include({ WhoId: session['EndUserContactId'], WhatId: session['CaseId'], ContactPad_Work_Item_Id__c: DANIEL_SESSION });
  });

  it('abandon frees a case at once and closes its work without waiting', async () => {
    const desks = await floor();
    const id = assign(desks, await firstCase(desks), true);
    desks.omni.abandon(id);
    expect(desks.view.stateOf(id)).to.equal('abandoned');
    expect(desks.bridge.asked).to.include(`closeWork ${id}`);
    expect(desks.store.snapshot.agent.status).to.equal('ready');
  });

  it('says so when the console bridge is gone', async () => {
    const desks = await floor({ '/ContactPad/autoAcceptWork': 'false' });
    const id = assign(desks, GUEST_SESSION);
    desks.bridge.state = 'missing';
    const failure = await desks.omni.accept(id).catch((error: unknown) => error);
    expect(isContactPadError(failure, 'CONSOLE_BRIDGE_MISSING')).to.equal(true);
  });
});
