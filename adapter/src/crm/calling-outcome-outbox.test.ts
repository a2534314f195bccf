/**
 * Preview dialling outcomes in the durable activity outbox: the outcome's Task and its
 * CampaignMember update (calling-list.ts `callingOutcomeWrite`) on the fake org's demo calling
 * list ("Spring catering calls"), written all or none, through Salesforce's faults (503, an
 * expired session, a member that is gone, a Task Salesforce refuses), a reload in between, on
 * the fake clock.
 */
import { expect } from '@open-wc/testing';
import { callingOutcomeWrite, loadCallingList, loadCallingListSources, NEXT_ATTEMPT_FIELD, type CallingList, type CallingOutcomeWrite } from './calling-list.ts';
import { moveCallingRecord, type CallingRecord } from '../model/calling-record.ts';
import { connectTo, fakeOrg, tasksFor, type FakeOrgSession } from '../../test-support/fake-org.ts';
import { waitUntil } from '../../test-support/wait-for.ts';
import { cleanUpOutboxes, databaseName, last, newOutbox, T0 } from '../../test-support/outbox-rig.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import type { OutboxEvent } from '../../test-support/outbox-rig.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

afterEach(cleanUpOutboxes);

async function springList(session: FakeOrgSession): Promise<CallingList> {
  const connection = connectTo(session);
  const campaign = (await loadCallingListSources(connection)).find((c) => c.name === 'Spring catering calls');
  if (!campaign) throw new Error('no demo campaign');
  return loadCallingList(connection, campaign);
}

/** Queues `write` as the crm room does: with its member update, its refusal final. */
function queue(box: ReturnType<typeof newOutbox>, write: CallingOutcomeWrite): Promise<void> {
  return box.enqueue(write.key, write.task, [], write.member, { about: write.about });
}

function named(list: CallingList, name: string): CallingRecord {
  const found = list.records.find((r) => r.name === name);
  if (!found) throw new Error(`${name} is not on the list`);
  return found;
}

/** The agent rejected `record` with a reason at `at`: the outcome's write. */
function rejection(list: CallingList, record: CallingRecord, at: number) {
  const moved = moveCallingRecord(moveCallingRecord(record, 'preview'), 'reject', { rejectReason: 'Wrong number' });
  return callingOutcomeWrite({ source: list.source, record: moved, outcome: 'rejected', numberE164: '+14155550100', at, setStatus: true });
}

async function memberStatus(orgId: string, memberId: string): Promise<unknown> {
  return (await fakeOrg.records(orgId, 'CampaignMember')).find((m) => m.Id === memberId)?.['Status'];
}

const outbox = newOutbox;

describe('preview dialling outcomes in the durable outbox', () => {
  it('keeps an outcome through a 503 stretch, then writes its Task and the member once', async () => {
    const session = await fakeOrg.createOrg('demo');
    const list = await springList(session);
    const maria = named(list, 'Maria Lopez');
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    const box = outbox(session, clock, events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    const write = rejection(list, maria, T0);
    await queue(box, write);
    expect((await box.pending()).map((p) => p.interactionId), 'stored before Salesforce answered').to.deep.equal([write.key]);
    await waitUntil(() => clock.pending.length === 1, 'first retry scheduled');
    expect(last(events, write.key)).to.deep.equal({ id: write.key, state: 'retrying', code: 'CRM_UNAVAILABLE' });
    clock.runNext();
    await waitUntil(() => clock.pending.length === 1, 'second retry scheduled');
    expect(clock.delays).to.deep.equal([2000, 4000]);
    expect(await tasksFor(session.orgId, write.key)).to.have.length(0);
    expect(await memberStatus(session.orgId, maria.memberId)).to.equal('Sent');

    await fakeOrg.clearFaults(session.orgId);
    clock.runNext();
    await waitUntil(() => last(events, write.key)?.state === 'saved', 'saved once Salesforce is back');
    const tasks = await tasksFor(session.orgId, write.key);
    expect(tasks.map((t) => [t['Subject'], t['WhoId'], t['CallDisposition']])).to.deep.equal([['Rejected: Spring catering calls', maria.personId, 'Wrong number']]);
    expect(await memberStatus(session.orgId, maria.memberId)).to.equal('Rejected');
    expect(await box.pending()).to.deep.equal([]);
  });

  it('replays an outcome stored before a reload once, and a second replay of the same write makes no second Task', async () => {
    const session = await fakeOrg.createOrg('demo');
    const list = await springList(session);
    const elena = named(list, 'Elena Rossi');
    const name = databaseName();
    const events: OutboxEvent[] = [];
    const before = outbox(session, new FakeClock(T0), events, name);
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    const at = T0 + 26 * 3600_000;
    const moved = moveCallingRecord(moveCallingRecord(elena, 'preview'), 'reschedule', { rescheduledTo: at });
    const write = callingOutcomeWrite({ source: list.source, record: moved, outcome: 'rescheduled', numberE164: '+14155550105', at: T0, setStatus: true });
    await queue(before, write);
    await waitUntil(() => last(events, write.key)?.state === 'retrying', 'retrying while Salesforce is down');
    before.close(); // the page reloads while Salesforce is down

    await fakeOrg.clearFaults(session.orgId);
    const afterEvents: OutboxEvent[] = [];
    const after = outbox(session, new FakeClock(T0 + 60_000), afterEvents, name);
    await after.start();
    await waitUntil(() => last(afterEvents, write.key)?.state === 'saved', 'replayed and saved after the reload');
    expect(await tasksFor(session.orgId, write.key)).to.have.length(1);
    const member = (await fakeOrg.records(session.orgId, 'CampaignMember')).find((m) => m.Id === elena.memberId);
    expect([member?.['Status'], Date.parse(String(member?.[NEXT_ATTEMPT_FIELD]).replace('+0000', 'Z'))]).to.deep.equal(['Rescheduled', at]);

    // The same outcome sent again (a try whose answer was lost) updates the same Task.
    await queue(after, write);
    await waitUntil(() => afterEvents.filter((e) => e.id === write.key && e.state === 'saved').length === 2, 'sent again');
    expect(await tasksFor(session.orgId, write.key)).to.have.length(1);
  });

  it('an outcome Salesforce refuses (the member is gone) writes neither Task nor member, is told as refused with why, and is never sent again; other writes go on', async () => {
    const session = await fakeOrg.createOrg('demo');
    const list = await springList(session);
    const [sam, priya] = [named(list, 'Sam Carter'), named(list, 'Priya Natarajan')];
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    const box = outbox(session, clock, events, databaseName());
    await fakeOrg.remove(session.orgId, 'CampaignMember', sam.memberId);
    const refused = rejection(list, sam, T0);
    const good = rejection(list, priya, T0 + 1);
    await queue(box, refused);
    await queue(box, good);
    await waitUntil(() => last(events, good.key)?.state === 'saved', 'the good one saved');
    await waitUntil(() => last(events, refused.key)?.state === 'refused', 'the refused one told');
    expect(last(events, refused.key)).to.deep.equal({ id: refused.key, state: 'refused', code: 'CRM_REQUEST_REJECTED' });
    expect(await tasksFor(session.orgId, refused.key), 'all or none: the Task went back with the member update').to.deep.equal([]);
    expect(await memberStatus(session.orgId, priya.memberId)).to.equal('Rejected');
    expect(clock.pending, 'no retry timer for a refused write').to.have.length(0);
    expect((await box.pending()).map((p) => p.interactionId), 'kept until the agent dismisses it').to.deep.equal([refused.key]);
    const usage = await fakeOrg.apiUsage(session.orgId);
    box.resume();
    box.setConnection(connectTo(session));
    await box.enqueue('call-after', { ...good.task, Subject: 'A call after' });
    await waitUntil(() => last(events, 'call-after')?.state === 'saved', 'a later write goes on');
    expect(await fakeOrg.apiUsage(session.orgId), 'the refused one was not sent again').to.equal(usage + 1);
    expect(events.filter((e) => e.id === refused.key && e.state === 'refused')).to.have.length(1);
  });

  it('a Task Salesforce refuses leaves the member as it was (all or none), told by the Task\'s own reason', async () => {
    const session = await fakeOrg.createOrg('demo');
    const list = await springList(session);
    const maria = named(list, 'Maria Lopez');
    const events: OutboxEvent[] = [];
    const box = newOutbox(session, new FakeClock(T0), [], databaseName(), {
      listener: (id, state, error) => events.push({ id, state, ...(error ? { code: String(error.detail['errorCode'] ?? error.code) } : {}) }),
    });
    const write = rejection(list, maria, T0);
    // A value the Task's restricted picklist refuses: Salesforce refuses the Task, as a validation rule would.
    await queue(box, { ...write, task: { ...write.task, ContactPad_Status__c: 'Abandoned' as never } });
    await waitUntil(() => last(events, write.key)?.state === 'refused', 'refused');
    expect(last(events, write.key)?.code, 'the Task\'s reason, not the member update\'s PROCESSING_HALTED').to.equal('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(await memberStatus(session.orgId, maria.memberId), 'the member update was rolled back').to.equal('Sent');
    expect(await tasksFor(session.orgId, write.key)).to.deep.equal([]);
  });

  it('a refused outcome is told again after a reload without being sent, until it is forgotten', async () => {
    const session = await fakeOrg.createOrg('demo');
    const list = await springList(session);
    const sam = named(list, 'Sam Carter');
    const name = databaseName();
    const events: OutboxEvent[] = [];
    const before = outbox(session, new FakeClock(T0), events, name);
    await fakeOrg.remove(session.orgId, 'CampaignMember', sam.memberId);
    const write = rejection(list, sam, T0);
    await queue(before, write);
    await waitUntil(() => last(events, write.key)?.state === 'refused', 'refused');
    before.close();

    const usage = await fakeOrg.apiUsage(session.orgId);
    const afterEvents: OutboxEvent[] = [];
    const after = outbox(session, new FakeClock(T0 + 60_000), afterEvents, name);
    await after.start();
    expect(afterEvents, 'told again at start').to.deep.equal([{ id: write.key, state: 'refused', code: 'CRM_REQUEST_REJECTED' }]);
    await after.enqueue('call-after-reload', { ...write.task, Subject: 'A call after the reload' });
    await waitUntil(() => last(afterEvents, 'call-after-reload')?.state === 'saved', 'the next write saved');
    expect(await fakeOrg.apiUsage(session.orgId), 'only the new write was sent').to.equal(usage + 1);
    await after.forget(write.key);
    expect(await after.pending()).to.deep.equal([]);
  });

  it('sends an outcome in a request of its own (all or none) beside the call Tasks that share one', async () => {
    const session = await fakeOrg.createOrg('demo');
    const list = await springList(session);
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    const box = outbox(session, clock, events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
    const write = rejection(list, named(list, 'Elena Rossi'), T0);
    await box.enqueue('call-1', { ...write.task, Subject: 'Call 1' });
    await waitUntil(() => last(events, 'call-1')?.state === 'retrying', 'Salesforce down');
    await queue(box, write);
    await box.enqueue('call-2', { ...write.task, Subject: 'Call 2' });
    const usage = await fakeOrg.apiUsage(session.orgId);
    clock.runNext();
    await waitUntil(() => ['call-1', 'call-2', write.key].every((id) => last(events, id)?.state === 'saved'), 'all saved');
    expect(await fakeOrg.apiUsage(session.orgId), 'the two calls in one request, the outcome in one of its own').to.equal(usage + 2);
  });

  it('waits on an expired session with the outcome kept, and writes it once a new session is given', async () => {
    const session = await fakeOrg.createOrg('demo');
    const list = await springList(session);
    const maria = named(list, 'Maria Lopez');
    const events: OutboxEvent[] = [];
    const box = outbox(session, new FakeClock(T0), events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 1 });
    const write = rejection(list, maria, T0);
    await queue(box, write);
    await waitUntil(() => last(events, write.key)?.code === 'CRM_SESSION_EXPIRED', 'waiting for a session');
    box.setConnection(connectTo(session));
    await waitUntil(() => last(events, write.key)?.state === 'saved', 'saved with the new session');
    expect(await tasksFor(session.orgId, write.key)).to.have.length(1);
    expect(await memberStatus(session.orgId, maria.memberId)).to.equal('Rejected');
  });
});
