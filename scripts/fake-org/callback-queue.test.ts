/**
 * The callback queue (ContactPadCallbackQueue, force-app; the fake org's copy in callback-queue.ts)
 * with several agents asking at once, over HTTP as ContactPad and the platform call it: requests
 * offered in order of request time, a caller's first request kept and the later ones closed as its
 * duplicates (visibly, on the record), at most two in progress per queue and the third to the
 * missed-call follow-up (a Task), one start of a request however many agents press at once, the
 * outcome rules, and scheduled calls (offered to their agent at their time; moved, cancelled; never
 * in the past). The records are what CRM teams report on: read back with SOQL.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FakeOrgSession } from './client.ts';
import { startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

const BASE = '/services/apexrest/contactpad/callbacks';

let server: FakeOrgServer;
let org: FakeOrgSession;
let agents: Array<FakeOrgSession & { userId: string }>;

type Request = Record<string, unknown> & { Id: string; Status__c: string };

async function apex(session: FakeOrgSession, path: string, body: unknown = {}, method = 'POST') {
  const response = await fetch(`${session.instanceUrl}${BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & Array<{ errorCode: string; message: string }> };
}

async function requested(number: string, queue: string, extra: Record<string, unknown> = {}): Promise<Request> {
  return (await apex(org, '', { number, name: 'Caller', location: 'Downtown', adSource: 'Radio', queue, ...extra })).body as unknown as Request;
}

async function soql(query: string): Promise<Array<Record<string, unknown>>> {
  const response = await fetch(`${org.instanceUrl}/services/data/v62.0/query?q=${encodeURIComponent(query)}`, { headers: { Authorization: `Bearer ${org.accessToken}` } });
  return ((await response.json()) as { records: Array<Record<string, unknown>> }).records;
}

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg();
  agents = [];
  for (const [first, last] of [['Alex', 'Morgan'], ['Jordan', 'Lee'], ['Sam', 'Park']] as const) {
    const userId = await server.client.insert(org.orgId, 'User', { FirstName: first, LastName: last, Username: `${first.toLowerCase()}@contactpad.example` });
    agents.push(await server.client.createSession(org.orgId, userId));
  }
});
after(async () => {
  await server.close();
});

describe('the callback queue (ContactPadCallbackQueue)', () => {
  it('keeps a caller\'s first request: the later ones, even sent at once, are closed as its duplicates, visibly', async () => {
    const all = await Promise.all(['+1 415 555 0170', '(415) 555-0170', '415.555.0170'].map((number) => apex(org, '', { number, queue: 'Dup' })));
    const statuses = all.map((answer) => [answer.status, answer.body['Status__c']]);
    assert.deepEqual(statuses.filter(([, status]) => status === 'Waiting'), [[201, 'Waiting']], 'one first request');
    const first = all.find((answer) => answer.body['Status__c'] === 'Waiting')!.body;
    const duplicates = await soql(`SELECT Id, Status__c, Duplicate_Of__c, Reason__c FROM ContactPad_Callback_Request__c WHERE Queue__c = 'Dup' AND Status__c = 'Duplicate'`);
    assert.equal(duplicates.length, 2);
    for (const duplicate of duplicates) {
      assert.equal(duplicate['Duplicate_Of__c'], first['Id']);
      assert.equal(duplicate['Reason__c'], `Duplicate of ${String(first['Id'])}`);
    }
  });

  it('offers in order of request time; with two in progress in the queue, the third goes to the missed-call follow-up (a Task)', async () => {
    const a = await requested('+14155550181', 'Sales callbacks');
    const b = await requested('+14155550182', 'Sales callbacks');
    const c = await requested('+14155550183', 'Sales callbacks');
    const [first, second, third] = await Promise.all(agents.map((agent) => apex(agent, '/next', { queue: 'Sales callbacks' })));
    const offered = [first, second].map((answer) => (answer!.body['offered'] as Request | undefined)?.Id);
    assert.deepEqual(offered, [a.Id, b.Id], 'the oldest two, one to each agent');
    const followUp = third!.body['followUp'] as Request;
    assert.equal(followUp.Id, c.Id);
    assert.equal(followUp.Status__c, 'Follow-up');
    const tasks = await soql(`SELECT Subject, Status FROM Task WHERE Subject LIKE 'Missed call follow-up%'`);
    assert.deepEqual(tasks.map((t) => [t['Subject'], t['Status']]), [['Missed call follow-up (queue Sales callbacks): +14155550183', 'Not Started']]);
  });

  it('two agents starting the same callback at once: only one starts it, the other is refused', async () => {
    const request = await requested('+14155550191', 'Race');
    const answers = await Promise.all(agents.slice(0, 2).map((agent) => apex(agent, `/${request.Id}/start`)));
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 409]);
    const refused = answers.find((answer) => answer.status === 409)!;
    assert.equal(refused.body[0]?.errorCode, 'CALLBACK_NOT_ALLOWED');
    assert.equal(refused.body[0]?.message, 'A In Progress callback request cannot be started.');
  });

  it('a waiting request started without being offered counts toward the two in progress: the third start is refused and it keeps waiting', async () => {
    const [a, b, c] = [await requested('+14155550187', 'Direct'), await requested('+14155550188', 'Direct'), await requested('+14155550189', 'Direct')];
    assert.deepEqual([(await apex(agents[0]!, `/${a.Id}/start`)).status, (await apex(agents[1]!, `/${b.Id}/start`)).status], [200, 200]);
    const third = await apex(agents[2]!, `/${c.Id}/start`);
    assert.equal(third.status, 409);
    assert.deepEqual([third.body[0]?.errorCode, third.body[0]?.message], ['CALLBACK_NOT_ALLOWED', 'Queue Direct already has 2 callbacks in progress.']);
    assert.deepEqual((await soql(`SELECT Status__c FROM ContactPad_Callback_Request__c WHERE Id = '${c.Id}'`)).map((r) => r['Status__c']), ['Waiting']);
  });

  it('outcomes: answered completes; no answer waits with the attempt and reason; the attempt limit makes it Failed; blocked counts no attempt', async () => {
    const agent = agents[0]!;
    const request = await requested('+14155550192', 'Outcomes');
    await apex(agent, `/${request.Id}/start`);
    const kept = (await apex(agent, `/${request.Id}/outcome`, { outcome: 'no-answer', reason: 'No answer (480 Temporarily Unavailable)', attemptLimit: 2 })).body;
    assert.deepEqual([kept['Status__c'], kept['Attempts__c'], kept['Outcome__c'], kept['Reason__c']], ['Waiting', 1, 'No Answer', 'No answer (480 Temporarily Unavailable)']);
    await apex(agent, `/${request.Id}/start`);
    const blocked = (await apex(agent, `/${request.Id}/outcome`, { outcome: 'blocked', reason: 'Calling hours', attemptLimit: 2 })).body;
    assert.deepEqual([blocked['Status__c'], blocked['Attempts__c']], ['Waiting', 1]);
    await apex(agent, `/${request.Id}/start`);
    const failed = (await apex(agent, `/${request.Id}/outcome`, { outcome: 'busy', attemptLimit: 2 })).body;
    assert.deepEqual([failed['Status__c'], failed['Attempts__c']], ['Failed', 2]);
    const other = await requested('+14155550193', 'Outcomes');
    await apex(agent, `/${other.Id}/start`);
    assert.equal((await apex(agent, `/${other.Id}/outcome`, { outcome: 'voicemail' })).body['Status__c'], 'Completed');
    assert.equal((await apex(agent, `/${other.Id}/start`)).status, 409, 'a completed callback is not started again');
  });

  it('a reject puts it back for the next agent', async () => {
    const request = await requested('+14155550194', 'Reject');
    assert.equal(((await apex(agents[0]!, '/next', { queue: 'Reject' })).body['offered'] as Request).Id, request.Id);
    assert.equal((await apex(agents[0]!, `/${request.Id}/reject`)).body['Status__c'], 'Waiting');
    assert.equal(((await apex(agents[1]!, '/next', { queue: 'Reject' })).body['offered'] as Request).Id, request.Id);
  });

  it('a scheduled call: refused in the past; offered only to its agent and only at its time; moved and cancelled', async () => {
    const past = await apex(org, '', { number: '+14155550195', queue: 'Scheduled', scheduledAt: new Date(Date.now() - 60_000).toISOString() });
    assert.equal(past.status, 400);
    assert.equal(past.body[0]?.errorCode, 'SCHEDULE_IN_PAST');
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = (await apex(org, '', { number: '+14155550195', queue: 'Scheduled', scheduledAt: at, agentId: agents[1]!.userId, recordId: '00Q000000000001AAA' })).body as unknown as Request;
    assert.equal(scheduled.Status__c, 'Scheduled');
    assert.equal((scheduled as unknown as Record<string, unknown>)['Record_Id__c'], '00Q000000000001AAA', 'linked to the record it was scheduled from');
    assert.deepEqual((await apex(agents[1]!, '/next', { queue: 'Scheduled' })).body, {}, 'not before its time');
    await server.client.advanceClock(3_601, org.orgId);
    try {
      assert.deepEqual((await apex(agents[0]!, '/next', { queue: 'Scheduled' })).body, {}, 'not to another agent');
      assert.equal(((await apex(agents[1]!, '/next', { queue: 'Scheduled' })).body['offered'] as Request).Id, scheduled.Id);
    } finally {
      await server.client.advanceClock(-3_601, org.orgId);
    }
    const later = (await apex(org, '', { number: '+14155550196', queue: 'Scheduled', scheduledAt: at })).body as unknown as Request;
    const moved = await apex(org, `/${later.Id}`, { scheduledAt: new Date(Date.now() + 7_200_000).toISOString() }, 'PATCH');
    assert.equal(moved.body['Status__c'], 'Scheduled');
    assert.equal((await apex(org, `/${later.Id}`, { scheduledAt: new Date(Date.now() - 1_000).toISOString() }, 'PATCH')).status, 400);
    assert.equal((await apex(org, `/${later.Id}`, { status: 'Cancelled' }, 'PATCH')).body['Status__c'], 'Cancelled');
  });
});
