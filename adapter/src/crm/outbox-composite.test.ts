import { expect } from '@open-wc/testing';
import { INTERACTION_ID_FIELD } from './activity-log.ts';
import { failedPart } from './outbox-composite.ts';
import { connectTo, fakeOrg, tasksFor } from '../../test-support/fake-org.ts';
import { waitUntil } from '../../test-support/wait-for.ts';
import { cleanUpOutboxes, databaseName, last, newOutbox, T0, task } from '../../test-support/outbox-rig.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import type { OutboxEvent } from '../../test-support/outbox-rig.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

afterEach(cleanUpOutboxes);

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);

/** Every id's Task exists exactly once in the org. */
async function expectEachTaskOnce(orgId: string, interactionIds: readonly string[]): Promise<void> {
  const tasks = await fakeOrg.records(orgId, 'Task');
  const counted = new Map<string, number>();
  for (const t of tasks) counted.set(String(t[INTERACTION_ID_FIELD]), (counted.get(String(t[INTERACTION_ID_FIELD])) ?? 0) + 1);
  expect([...counted.keys()].sort()).to.deep.equal([...interactionIds].sort());
  expect([...counted.values()].every((n) => n === 1), 'no Task twice').to.equal(true);
}

const allSaved = (events: readonly OutboxEvent[], interactionIds: readonly string[]) =>
  interactionIds.every((id) => last(events, id)?.state === 'saved');

describe('the activity outbox sends a backlog as composite requests', () => {
  it('after ten minutes without an answer during a run of 30 calls, delivers every Task once, the backlog in 2 requests', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    // Salesforce's silence is noticed after 300 ms of real time; the ten minutes pass on the test's clock.
    const outbox = newOutbox(session, clock, events, databaseName(), {
      connection: connectTo(session, 300),
      backoff: { baseMs: 120_000, capMs: 300_000 },
    });
    const calls = ids('cp-outage', 30);
    const before = await fakeOrg.apiUsage(session.orgId);
    // Every try goes unanswered; Salesforce carries it out after the ContactPad has given up on it
    // (as a real org may), which the test lets happen before it moves its clock on.
    await fakeOrg.setFault(session.orgId, { kind: 'hang', ms: 600 });

    for (const [i, id] of calls.entries()) {
      clock.advanceTo(T0 + i * 20_000); // a call ends every 20 s
      await outbox.enqueue(id, task(id));
      await waitUntil(() => last(events, id)?.state === 'retrying', `${id} waits for a retry`);
      await waitUntil(async () => (await fakeOrg.apiUsage(session.orgId)) === before + clock.delays.length, 'the late try carried out');
    }
    clock.advanceTo(T0 + 600_000);
    expect(last(events, calls[0]!)?.code).to.equal('CRM_UNAVAILABLE');
    expect((await outbox.pending()).map((p) => p.interactionId)).to.deep.equal(calls);
    expect(clock.delays, 'tries during the outage, backing off').to.deep.equal([120_000, 240_000, 300_000]);

    await fakeOrg.clearFaults(session.orgId); // Salesforce answers again
    const usageBeforeBacklog = await fakeOrg.apiUsage(session.orgId);
    clock.runNext();
    await waitUntil(() => allSaved(events, calls), 'every Task saved');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(usageBeforeBacklog + Math.ceil(30 / 25));
    await expectEachTaskOnce(session.orgId, calls);
    expect(await outbox.pending()).to.deep.equal([]);
  });

  it('sends the writes of calls ending while a request is on its way together, in one request', async () => {
    const session = await fakeOrg.createOrg();
    const events: OutboxEvent[] = [];
    const outbox = newOutbox(session, new FakeClock(T0), events, databaseName());
    const before = await fakeOrg.apiUsage(session.orgId);
    await fakeOrg.setFault(session.orgId, { kind: 'hang', times: 1 }); // the first request is slow
    await outbox.enqueue('cp-first', task('cp-first'));
    const later = ids('cp-close', 4);
    for (const id of later) await outbox.enqueue(id, task(id));
    expect(later.map((id) => last(events, id)?.state)).to.deep.equal(['saving', 'saving', 'saving', 'saving']);

    await fakeOrg.clearFaults(session.orgId);
    await waitUntil(() => allSaved(events, ['cp-first', ...later]), 'all saved');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 2);
    await expectEachTaskOnce(session.orgId, ['cp-first', ...later]);
  });

  it('saves the good writes of a composite and holds the one Salesforce refuses, without retrying it in a loop', async () => {
    const session = await fakeOrg.createOrg();
    const accountId = await fakeOrg.insert(session.orgId, 'Account', { Name: 'Acme Logistics' });
    const leadId = await fakeOrg.insert(session.orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery' });
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    const outbox = newOutbox(session, clock, events, databaseName());
    // An expired session keeps all three queued, so they leave together in one composite.
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 1 });
    await outbox.enqueue('cp-good-1', task('cp-good-1', 'ok', { whoId: leadId }));
    await waitUntil(() => last(events, 'cp-good-1')?.code === 'CRM_SESSION_EXPIRED', 'held on the expired session');
    // A value Salesforce refuses whatever is retried (CallType is a restricted picklist): an admin must act.
    await outbox.enqueue('cp-refused', { ...task('cp-refused', 'bad call type'), CallType: 'Sideways' as 'Inbound' });
    await outbox.enqueue('cp-good-2', task('cp-good-2', 'ok', { whatId: accountId }));
    const before = await fakeOrg.apiUsage(session.orgId);

    outbox.setConnection(connectTo(session));
    await waitUntil(() => allSaved(events, ['cp-good-1', 'cp-good-2']), 'the good ones saved');
    await waitUntil(() => last(events, 'cp-refused')?.code === 'CRM_REQUEST_REJECTED', 'the refused one held');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 1);
    expect((await tasksFor(session.orgId, 'cp-good-1'))[0]?.['WhoId']).to.equal(leadId);
    expect((await tasksFor(session.orgId, 'cp-good-2'))[0]?.['WhatId']).to.equal(accountId);
    expect(await tasksFor(session.orgId, 'cp-refused')).to.have.length(0);
    expect((await outbox.pending()).map((p) => p.interactionId)).to.deep.equal(['cp-refused']);
    expect(clock.pending).to.have.length(0);

    // A later write for other calls does not drag the held one along.
    await outbox.enqueue('cp-after', task('cp-after'));
    await waitUntil(() => last(events, 'cp-after')?.state === 'saved', 'a later write saved');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 2);
    expect((await outbox.pending()).map((p) => p.interactionId)).to.deep.equal(['cp-refused']);
  });

  it('writes a Task whose link Salesforce refuses without that link, naming the record in its notes, instead of holding it for ever', async () => {
    const session = await fakeOrg.createOrg();
    const leadId = await fakeOrg.insert(session.orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery' });
    const contactId = await fakeOrg.insert(session.orgId, 'Contact', { LastName: 'Kim' });
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    const outbox = newOutbox(session, clock, events, databaseName());
    const before = await fakeOrg.apiUsage(session.orgId);
    // A Lead is no "Related To" record (Task.WhatId refers to Account, Case...): FIELD_INTEGRITY_EXCEPTION on WhatId.
    await outbox.enqueue('cp-bad-what', { ...task('cp-bad-what', 'asked for a quote'), WhoId: contactId, WhatId: leadId });
    await waitUntil(() => last(events, 'cp-bad-what')?.state === 'saved', 'saved without the refused link');
    const [saved] = await tasksFor(session.orgId, 'cp-bad-what');
    expect(saved?.['WhatId'] ?? null).to.equal(null);
    expect(saved?.['WhoId']).to.equal(contactId);
    expect(String(saved?.['Description'])).to.contain('asked for a quote').and.contain(`Not linked (Salesforce refuses a Task link to it): ${leadId}`);
    expect(await fakeOrg.apiUsage(session.orgId), 'the refused try and the one without the link').to.equal(before + 2);
    expect(await outbox.pending()).to.have.length(0);
  });

  it('holds the backlog on 401 INVALID_SESSION_ID without sending more, then sends it in one request with the new session', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    const outbox = newOutbox(session, clock, events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 2 });
    const calls = ids('cp-401', 5);
    for (const id of calls) {
      await outbox.enqueue(id, task(id));
      await waitUntil(() => last(events, id)?.code === 'CRM_SESSION_EXPIRED', `${id} held`);
    }
    // One refused request was enough: the second 401 the org has in store was never asked for.
    const faults = (await (await fetch(`/__fake-org/orgs/${session.orgId}/faults`)).json()) as { faults: Array<{ kind: string; times?: number }> };
    expect(faults.faults.find((f) => f.kind === 'sessionExpired' && f.times === 1), 'one 401 left unspent').to.not.equal(undefined);
    expect(clock.pending, 'only the probe, for later').to.have.length(1);

    await fakeOrg.clearFaults(session.orgId);
    const before = await fakeOrg.apiUsage(session.orgId);
    outbox.setConnection(connectTo(session));
    await waitUntil(() => allSaved(events, calls), 'all saved with the new session');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 1);
    await expectEachTaskOnce(session.orgId, calls);
  });

  it('backs off on 403 REQUEST_LIMIT_EXCEEDED, keeping later writes queued, and sends them all in one request once the limit allows', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    const outbox = newOutbox(session, clock, events, databaseName());
    await fakeOrg.setApiUsage(session.orgId, { used: 100, limit: 100 }); // the org's daily requests are spent
    const calls = ids('cp-403', 4);
    for (const id of calls) {
      await outbox.enqueue(id, task(id));
      await waitUntil(() => last(events, id)?.code === 'CRM_REQUEST_LIMIT', `${id} waits`);
    }
    clock.runNext();
    await waitUntil(() => clock.pending.length === 1, 'second try failed too');
    expect(clock.delays).to.deep.equal([2000, 4000]);

    await fakeOrg.setApiUsage(session.orgId, { used: 0, limit: 15000 }); // a new day
    clock.runNext();
    await waitUntil(() => allSaved(events, calls), 'all saved');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(1);
    await expectEachTaskOnce(session.orgId, calls);
  });

  it('keeps writes through a 5xx stretch, with growing delays, and delivers the backlog in one request after', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: OutboxEvent[] = [];
    const outbox = newOutbox(session, clock, events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    const calls = ids('cp-503', 6);
    for (const [i, id] of calls.entries()) {
      clock.advanceTo(T0 + i * 5_000);
      await outbox.enqueue(id, task(id));
      await waitUntil(() => last(events, id)?.state === 'retrying', `${id} waits`);
    }
    await waitUntil(() => clock.pending.length === 1, 'a retry scheduled');
    expect(clock.delays.slice(0, 3)).to.deep.equal([2000, 4000, 8000]);
    expect(await fakeOrg.records(session.orgId, 'Task')).to.have.length(0);

    await fakeOrg.clearFaults(session.orgId);
    const before = await fakeOrg.apiUsage(session.orgId);
    clock.runNext();
    await waitUntil(() => allSaved(events, calls), 'all saved');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 1);
    await expectEachTaskOnce(session.orgId, calls);
  });

  it('merges Tasks that two late tries both created into one, keeping the first, in one more request', async () => {
    const session = await fakeOrg.createOrg();
    const events: OutboxEvent[] = [];
    const outbox = newOutbox(session, new FakeClock(T0), events, databaseName());
    // Two tries whose answers were lost, carried out side by side by the org: two Tasks for one call.
    const firstId = await fakeOrg.insert(session.orgId, 'Task', { Subject: 'Inbound call', Status: 'Completed', [INTERACTION_ID_FIELD]: 'cp-twin' });
    await fakeOrg.insert(session.orgId, 'Task', { Subject: 'Inbound call', Status: 'Completed', [INTERACTION_ID_FIELD]: 'cp-twin' });
    const before = await fakeOrg.apiUsage(session.orgId);

    await outbox.enqueue('cp-twin', task('cp-twin', 'the final notes'));
    await outbox.enqueue('cp-single', task('cp-single'));
    await waitUntil(() => allSaved(events, ['cp-twin', 'cp-single']), 'saved');
    const twins = await tasksFor(session.orgId, 'cp-twin');
    expect(twins.map((t) => t['Id'])).to.deep.equal([firstId]);
    expect(String(twins[0]?.['Description']).startsWith('the final notes')).to.equal(true);
    await expectEachTaskOnce(session.orgId, ['cp-twin', 'cp-single']);
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 2);
  });

  it('replays a backlog left by a reload as one composite request', async () => {
    const session = await fakeOrg.createOrg();
    const name = databaseName();
    const before: OutboxEvent[] = [];
    const first = newOutbox(session, new FakeClock(T0), before, name);
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    const calls = ids('cp-reload', 3);
    for (const id of calls) {
      await first.enqueue(id, task(id));
      await waitUntil(() => last(before, id)?.state === 'retrying', `${id} waits`);
    }
    first.close();

    await fakeOrg.clearFaults(session.orgId);
    const usage = await fakeOrg.apiUsage(session.orgId);
    const after: OutboxEvent[] = [];
    const second = newOutbox(session, new FakeClock(T0), after, name);
    await second.start();
    await waitUntil(() => allSaved(after, calls), 'replayed');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(usage + 1);
    await expectEachTaskOnce(session.orgId, calls);
  });
});

describe('an outcome written all or none is judged by the part that failed for its own reason', () => {
  const halted = { referenceId: 'task0', httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' }] };
  const gone = { referenceId: 'update0', httpStatusCode: 404, body: [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }] };
  const upserted = { referenceId: 'task0', httpStatusCode: 201, body: { id: '00T000000000001AAA', success: true, errors: [], created: true } };
  const updated = { referenceId: 'update0', httpStatusCode: 204, body: null };

  it('the member update\'s refusal, not the Task\'s PROCESSING_HALTED; nothing when both are in; a part without an answer failed', () => {
    expect(failedPart(halted, gone)).to.equal(gone);
    expect(failedPart({ ...gone, referenceId: 'task0' }, { ...halted, referenceId: 'update0' })?.referenceId).to.equal('task0');
    expect(failedPart(upserted, updated)).to.equal(undefined);
    expect(failedPart(upserted, undefined)?.httpStatusCode, 'no answer for the update: not delivered').to.equal(0);
  });
});

