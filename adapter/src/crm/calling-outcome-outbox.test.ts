/**
 * Preview dialling outcomes in the durable activity outbox: the outcome's Task and its
 * CampaignMember update (calling-list.ts `callingOutcomeWrite`) on the fake org's demo calling
 * list ("Spring catering calls"), through Salesforce's faults (503, an expired session, a member
 * that is gone), a reload in between, on the fake clock.
 */
import { expect } from '@open-wc/testing';
import { callingOutcomeWrite, loadCallingList, loadCampaigns, NEXT_ATTEMPT_FIELD, type CallingList } from './calling-list.ts';
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
  const campaign = (await loadCampaigns(connection)).find((c) => c.name === 'Spring catering calls');
  if (!campaign) throw new Error('no demo campaign');
  return loadCallingList(connection, campaign.id);
}

function named(list: CallingList, name: string): CallingRecord {
  const found = list.records.find((r) => r.name === name);
  if (!found) throw new Error(`${name} is not on the list`);
  return found;
}

/** The agent rejected `record` with a reason at `at`: the outcome's write. */
function rejection(list: CallingList, record: CallingRecord, at: number) {
  const moved = moveCallingRecord(moveCallingRecord(record, 'preview'), 'reject', { rejectReason: 'Wrong number' });
  return callingOutcomeWrite({ campaign: list.campaign, record: moved, outcome: 'rejected', numberE164: '+14155550100', at, setStatus: true });
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
    await box.enqueue(write.key, write.task, [], write.member);
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
    const write = callingOutcomeWrite({ campaign: list.campaign, record: moved, outcome: 'rescheduled', numberE164: '+14155550105', at: T0, setStatus: true });
    await before.enqueue(write.key, write.task, [], write.member);
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
    await after.enqueue(write.key, write.task, [], write.member);
    await waitUntil(() => afterEvents.filter((e) => e.id === write.key && e.state === 'saved').length === 2, 'sent again');
    expect(await tasksFor(session.orgId, write.key)).to.have.length(1);
  });

  it('holds an outcome Salesforce refuses (the member is gone) and tells why, without retrying it in a loop; other writes go on', async () => {
    const session = await fakeOrg.createOrg('demo');
    const list = await springList(session);
    const [sam, priya] = [named(list, 'Sam Carter'), named(list, 'Priya Natarajan')];
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    const box = outbox(session, clock, events, databaseName());
    await fakeOrg.remove(session.orgId, 'CampaignMember', sam.memberId);
    const refused = rejection(list, sam, T0);
    const good = rejection(list, priya, T0 + 1);
    await box.enqueue(refused.key, refused.task, [], refused.member);
    await box.enqueue(good.key, good.task, [], good.member);
    await waitUntil(() => last(events, good.key)?.state === 'saved', 'the good one saved');
    await waitUntil(() => last(events, refused.key)?.code === 'CRM_REQUEST_REJECTED', 'the refused one held and told');
    const usage = await fakeOrg.apiUsage(session.orgId);
    expect(clock.pending, 'no retry timer for a held write').to.have.length(0);
    expect((await box.pending()).map((p) => p.interactionId), 'kept for after the fix').to.deep.equal([refused.key]);
    expect(await memberStatus(session.orgId, priya.memberId)).to.equal('Rejected');
    // The Task went in (an upsert: sending it again after the fix updates it, no second one).
    expect(await tasksFor(session.orgId, refused.key)).to.have.length(1);
    box.resume();
    await waitUntil(async () => (await fakeOrg.apiUsage(session.orgId)) === usage + 1, 'tried again on resume');
    await waitUntil(() => events.filter((e) => e.id === refused.key && e.code === 'CRM_REQUEST_REJECTED').length === 2, 'held again');
    expect(await tasksFor(session.orgId, refused.key)).to.have.length(1);
  });

  it('waits on an expired session with the outcome kept, and writes it once a new session is given', async () => {
    const session = await fakeOrg.createOrg('demo');
    const list = await springList(session);
    const maria = named(list, 'Maria Lopez');
    const events: OutboxEvent[] = [];
    const box = outbox(session, new FakeClock(T0), events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 1 });
    const write = rejection(list, maria, T0);
    await box.enqueue(write.key, write.task, [], write.member);
    await waitUntil(() => last(events, write.key)?.code === 'CRM_SESSION_EXPIRED', 'waiting for a session');
    box.setConnection(connectTo(session));
    await waitUntil(() => last(events, write.key)?.state === 'saved', 'saved with the new session');
    expect(await tasksFor(session.orgId, write.key)).to.have.length(1);
    expect(await memberStatus(session.orgId, maria.memberId)).to.equal('Rejected');
  });
});
