import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { ActivityOutbox, OUTBOX_BACKOFF } from './activity-outbox.ts';
import { connectTo, fakeOrg, tasksFor } from '../../test-support/fake-org.ts';
import { waitUntil } from '../../test-support/wait-for.ts';
import { cleanUpOutboxes, databaseName, last, newOutbox, T0, task } from '../../test-support/outbox-rig.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import type { OutboxEvent as Event } from '../../test-support/outbox-rig.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

const opened: ActivityOutbox[] = [];

afterEach(async () => {
  for (const outbox of opened.splice(0)) outbox.close();
  await cleanUpOutboxes();
});

describe('the activity outbox', () => {
  it('saves a Task and reports saving then saved', async () => {
    const session = await fakeOrg.createOrg();
    const events: Event[] = [];
    const outbox = newOutbox(session, new FakeClock(T0), events, databaseName());
    await outbox.enqueue('cp-1', task('cp-1'));
    await waitUntil(() => last(events, 'cp-1')?.state === 'saved', 'saved');
    expect(events).to.deep.equal([
      { id: 'cp-1', state: 'saving' },
      { id: 'cp-1', state: 'saved' },
    ]);
    expect(await tasksFor(session.orgId, 'cp-1')).to.have.length(1);
    expect(await outbox.pending()).to.deep.equal([]);
  });

  it('stores the write before sending it, so it is queued while Salesforce hangs', async () => {
    const session = await fakeOrg.createOrg();
    const events: Event[] = [];
    const outbox = newOutbox(session, new FakeClock(T0), events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'hang' });
    try {
      await outbox.enqueue('cp-hang', task('cp-hang'));
      expect((await outbox.pending()).map((p) => p.interactionId)).to.deep.equal(['cp-hang']);
      expect(last(events, 'cp-hang')?.state).to.equal('saving');
    } finally {
      await fakeOrg.clearFaults(session.orgId);
    }
    await waitUntil(() => last(events, 'cp-hang')?.state === 'saved', 'saved after the hang');
    expect(await tasksFor(session.orgId, 'cp-hang')).to.have.length(1);
  });

  it('keeps a write through a 503 stretch and delivers it exactly once after, with growing delays', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: Event[] = [];
    const outbox = newOutbox(session, clock, events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });

    await outbox.enqueue('cp-503', task('cp-503'));
    await waitUntil(() => clock.pending.length === 1, 'first retry scheduled');
    expect(last(events, 'cp-503')).to.deep.equal({ id: 'cp-503', state: 'retrying', code: 'CRM_UNAVAILABLE' });

    clock.runNext();
    await waitUntil(() => clock.pending.length === 1, 'second retry scheduled');
    clock.runNext();
    await waitUntil(() => clock.pending.length === 1, 'third retry scheduled');
    expect(clock.delays).to.deep.equal([2000, 4000, 8000]);
    expect(await tasksFor(session.orgId, 'cp-503')).to.have.length(0);
    expect(await outbox.pending()).to.have.length(1);

    await fakeOrg.clearFaults(session.orgId);
    clock.runNext();
    await waitUntil(() => last(events, 'cp-503')?.state === 'saved', 'saved after the outage');
    expect(await tasksFor(session.orgId, 'cp-503')).to.have.length(1);
    expect(await outbox.pending()).to.deep.equal([]);
  });

  it('caps the retry delay', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const outbox = newOutbox(session, clock, [], databaseName(), { backoff: { baseMs: 1000, capMs: 4000 } });
    await fakeOrg.setFault(session.orgId, { kind: 'requestLimit' });
    await outbox.enqueue('cp-cap', task('cp-cap'));
    for (let i = 0; i < 4; i += 1) {
      await waitUntil(() => clock.pending.length === 1, `retry ${i + 1} scheduled`);
      if (i < 3) clock.runNext();
    }
    expect(clock.delays).to.deep.equal([1000, 2000, 4000, 4000]);
  });

  for (const kind of ['unavailable', 'requestLimit'] as const) {
    it(`sends at once when the org answers another request after a ${kind === 'unavailable' ? '503' : 'REQUEST_LIMIT_EXCEEDED'} stretch (a caller lookup), not at the backoff's next try`, async () => {
      const session = await fakeOrg.createOrg();
      const clock = new FakeClock(T0);
      const events: Event[] = [];
      const connection = connectTo(session); // one connection for lookups and writes, as the crm room has
      const outbox = newOutbox(undefined, clock, events, databaseName(), { connection });
      await fakeOrg.setFault(session.orgId, { kind });
      await outbox.enqueue('cp-back', task('cp-back'));
      for (let retry = 0; retry < 3; retry++) {
        await waitUntil(() => clock.pending.length === 1, `retry ${retry + 1} scheduled`);
        if (retry < 2) clock.runNext();
      }
      expect(clock.pending[0]?.delay, 'the next try 8 s away').to.equal(8000);
      const before = clock.now();

      await fakeOrg.clearFaults(session.orgId);
      await connection.search('FIND {4155550100} IN PHONE FIELDS RETURNING Contact(Id)'); // the next caller's lookup
      await waitUntil(() => last(events, 'cp-back')?.state === 'saved', 'saved once the lookup was answered');
      expect(clock.now(), 'no time passed: the lookup, not the backoff timer, sent it').to.equal(before);
      expect(await tasksFor(session.orgId, 'cp-back')).to.have.length(1);
      clock.runNext();
      expect(await tasksFor(session.orgId, 'cp-back'), 'the old timer sends nothing twice').to.have.length(1);
    });
  }

  it('keeps a rejected write held when the org answers another request', async () => {
    const session = await fakeOrg.createOrg();
    const events: Event[] = [];
    const connection = connectTo(session);
    const outbox = newOutbox(undefined, new FakeClock(T0), events, databaseName(), { connection });
    await outbox.enqueue('cp-bad', { ...task('cp-bad'), CallType: 'Sideways' as 'Inbound' });
    await waitUntil(() => last(events, 'cp-bad')?.state === 'retrying', 'held');
    expect(last(events, 'cp-bad')?.code).to.equal('CRM_REQUEST_REJECTED');
    await connection.search('FIND {4155550100} IN PHONE FIELDS RETURNING Contact(Id)');
    // The next write goes in the next request; the held one would ride with it if the lookup had freed it.
    await outbox.enqueue('cp-good', task('cp-good'));
    await waitUntil(() => last(events, 'cp-good')?.state === 'saved', 'the next write saved');
    expect(events.filter((event) => event.id === 'cp-bad' && event.state === 'retrying'), 'refused once, not sent again').to.have.length(1);
    expect(await tasksFor(session.orgId, 'cp-bad')).to.have.length(0);
  });

  it('draws each wait at random within its backoff window (full jitter), so outboxes that lost the same org do not retry in step', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const draws = [0.5, 0.25, 0.75];
    const events: Event[] = [];
    const outbox = newOutbox(session, clock, events, databaseName(), { random: () => draws.shift() ?? 1 });
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    await outbox.enqueue('cp-jitter', task('cp-jitter'));
    for (let i = 0; i < 3; i += 1) {
      await waitUntil(() => clock.pending.length === 1, `retry ${i + 1} scheduled`);
      if (i < 2) clock.runNext();
    }
    expect(clock.delays, 'half of 2 s, a quarter of 4 s, three quarters of 8 s').to.deep.equal([1000, 1000, 6000]);
    expect(clock.now(), 'time moved by the waits drawn, not by the windows').to.equal(T0 + 2000);

    await fakeOrg.clearFaults(session.orgId);
    clock.runNext();
    await waitUntil(() => last(events, 'cp-jitter')?.state === 'saved', 'saved after the outage');
    expect(clock.now()).to.equal(T0 + 8000);
    expect(await tasksFor(session.orgId, 'cp-jitter')).to.have.length(1);
  });

  it('by default draws its waits with Math.random, each within the documented window (2 s doubling, at most 5 minutes)', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const outbox = new ActivityOutbox({ databaseName: databaseName(), connection: connectTo(session), clock });
    opened.push(outbox);
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    await outbox.enqueue('cp-random', task('cp-random'));
    const windows = [2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000];
    for (let i = 0; i < windows.length; i += 1) {
      await waitUntil(() => clock.pending.length === 1, `retry ${i + 1} scheduled`);
      if (i < windows.length - 1) clock.runNext();
    }
    expect(OUTBOX_BACKOFF).to.deep.equal({ baseMs: 2000, capMs: 300_000 });
    expect(clock.delays).to.have.length(windows.length);
    clock.delays.forEach((delay, i) => {
      expect(Number.isInteger(delay) && delay >= 0 && delay <= windows[i]!, `wait ${i + 1}: ${delay} ms within 0..${windows[i]} ms`).to.equal(true);
    });
  });

  it('cancels its retry timer when closed, the write kept for the next start', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: Event[] = [];
    const name = databaseName();
    const outbox = newOutbox(session, clock, events, name);
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    await outbox.enqueue('cp-closed', task('cp-closed'));
    await waitUntil(() => clock.pending.length === 1, 'retry scheduled');
    outbox.close();
    expect(clock.pending, 'no retry left set').to.deep.equal([]);
    await fakeOrg.clearFaults(session.orgId);
    const after: Event[] = [];
    await newOutbox(session, new FakeClock(T0), after, name).start();
    await waitUntil(() => last(after, 'cp-closed')?.state === 'saved', 'sent by the next start');
    expect(await tasksFor(session.orgId, 'cp-closed')).to.have.length(1);
  });

  it('refuses a backoff without a first window > 0 and a cap at least as large (INVALID_CONFIGURATION)', () => {
    for (const backoff of [{ baseMs: 0, capMs: 10 }, { baseMs: 100, capMs: 10 }, { baseMs: Number.NaN, capMs: 10 }]) {
      let error: unknown;
      try {
        new ActivityOutbox({ databaseName: databaseName(), backoff });
      } catch (caught) {
        error = caught;
      }
      expect(isContactPadError(error, 'INVALID_CONFIGURATION'), JSON.stringify(backoff)).to.equal(true);
      expect((error as { detail: Record<string, unknown> }).detail.setting).to.equal('backoff');
    }
  });

  it('survives a reload: a new outbox on the same database replays the write once', async () => {
    const session = await fakeOrg.createOrg();
    const name = databaseName();
    const before: Event[] = [];
    const first = newOutbox(session, new FakeClock(T0), before, name);
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    await first.enqueue('cp-reload', task('cp-reload'));
    await waitUntil(() => last(before, 'cp-reload')?.state === 'retrying', 'first try failed');
    first.close(); // the page goes away with the write still queued

    await fakeOrg.clearFaults(session.orgId);
    const after: Event[] = [];
    const second = newOutbox(session, new FakeClock(T0), after, name);
    await second.start();
    await waitUntil(() => last(after, 'cp-reload')?.state === 'saved', 'replayed after the reload');
    expect(await tasksFor(session.orgId, 'cp-reload')).to.have.length(1);
    expect(await second.pending()).to.deep.equal([]);
  });

  it('replaces a queued write with a newer one for the same interaction, which waits for the same retry', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: Event[] = [];
    const outbox = newOutbox(session, clock, events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    await outbox.enqueue('cp-twice', task('cp-twice', 'first notes'));
    await waitUntil(() => clock.pending.length === 1, 'retry scheduled');
    await outbox.enqueue('cp-twice', task('cp-twice', 'corrected notes'));
    expect(last(events, 'cp-twice')).to.deep.equal({ id: 'cp-twice', state: 'retrying', code: 'CRM_UNAVAILABLE' });
    const pending = await outbox.pending();
    expect(pending).to.have.length(1);
    expect(pending[0]?.fields.Description.startsWith('corrected notes')).to.equal(true);
    expect(clock.pending).to.have.length(1);

    await fakeOrg.clearFaults(session.orgId);
    clock.runNext();
    await waitUntil(() => last(events, 'cp-twice')?.state === 'saved', 'saved');
    const tasks = await tasksFor(session.orgId, 'cp-twice');
    expect(tasks).to.have.length(1);
    expect(String(tasks[0]?.['Description']).startsWith('corrected notes')).to.equal(true);
  });

  it('holds writes on an expired session, sending nothing but its probe, until a new connection is given', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: Event[] = [];
    const outbox = newOutbox(session, clock, events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired' });
    await outbox.enqueue('cp-session', task('cp-session'));
    await waitUntil(() => last(events, 'cp-session')?.state === 'retrying', 'session expiry reported');
    expect(last(events, 'cp-session')?.code).to.equal('CRM_SESSION_EXPIRED');
    expect(clock.pending.map((t) => t.delay), 'only the probe, at the backoff\'s first wait').to.deep.equal([OUTBOX_BACKOFF.baseMs]);
    const usage = await fakeOrg.apiUsage(session.orgId);

    await fakeOrg.clearFaults(session.orgId);
    outbox.setConnection(connectTo(session));
    await waitUntil(() => last(events, 'cp-session')?.state === 'saved', 'saved with the new session');
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(usage + 1);
    expect(await tasksFor(session.orgId, 'cp-session')).to.have.length(1);
  });

  it('sends the writes held by a 401 as soon as another request with the same session succeeds (a caller lookup), once', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: Event[] = [];
    const connection = connectTo(session); // one connection for lookups and writes, as the crm room has
    const outbox = newOutbox(undefined, clock, events, databaseName(), { connection });
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 1 });
    await outbox.enqueue('cp-401', task('cp-401'));
    await waitUntil(() => last(events, 'cp-401')?.state === 'retrying', 'held on the 401');
    expect(last(events, 'cp-401')?.code).to.equal('CRM_SESSION_EXPIRED');
    expect(clock.pending.map((t) => t.delay), 'nothing sent with a session Salesforce refuses but the probe, later').to.deep.equal([OUTBOX_BACKOFF.baseMs]);
    const usage = await fakeOrg.apiUsage(session.orgId);

    await connection.search('FIND {4155550100} IN PHONE FIELDS RETURNING Contact(Id)'); // the next caller's lookup
    await waitUntil(() => last(events, 'cp-401')?.state === 'saved', 'saved once the lookup worked');
    expect(await tasksFor(session.orgId, 'cp-401')).to.have.length(1);
    expect(await fakeOrg.apiUsage(session.orgId), 'the lookup and one write').to.equal(usage + 2);
  });

  it('finds an expired session taken again by itself when nothing else asks Salesforce (a shift of repeat callers): its oldest write alone, at a growing backoff, then the rest', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: Event[] = [];
    const outbox = newOutbox(session, clock, events, databaseName());
    // Salesforce refuses the session four times (the first write, then three probes), then takes it again.
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 4 });
    const refusalsLeft = async () => ((await (await fetch(`/__fake-org/orgs/${session.orgId}/faults`)).json()) as { faults: Array<{ times?: number }> }).faults[0]?.times ?? 0;
    const calls = ['cp-probe-1', 'cp-probe-2', 'cp-probe-3'];
    for (const id of calls) {
      await outbox.enqueue(id, task(id));
      await waitUntil(() => last(events, id)?.code === 'CRM_SESSION_EXPIRED', `${id} held`);
    }
    expect(await refusalsLeft(), 'one refused request for the three').to.equal(3);
    // One request per probe, each wait the double of the last (2 s, 4 s, 8 s).
    const waits: number[] = [];
    for (let probe = 1; probe <= 3; probe++) {
      waits.push(clock.runNext());
      await waitUntil(async () => (await refusalsLeft()) === 3 - probe && clock.pending.length === 1, `probe ${probe} refused`);
    }
    expect(waits).to.deep.equal([OUTBOX_BACKOFF.baseMs, 2 * OUTBOX_BACKOFF.baseMs, 4 * OUTBOX_BACKOFF.baseMs]);
    expect(clock.pending.map((t) => t.delay)).to.deep.equal([8 * OUTBOX_BACKOFF.baseMs]);
    for (const id of calls) expect(last(events, id)?.code, id).to.equal('CRM_SESSION_EXPIRED');
    expect(await fakeOrg.apiUsage(session.orgId), 'nothing taken yet').to.equal(0);

    // The session is taken again: the next probe finds it, and the other two follow.
    clock.runNext();
    await waitUntil(() => calls.every((id) => last(events, id)?.state === 'saved'), 'all saved');
    expect(await fakeOrg.apiUsage(session.orgId), 'the probe (the oldest write), then the other two in one request').to.equal(2);
    for (const id of calls) expect(await tasksFor(session.orgId, id), id).to.have.length(1);
    expect(clock.pending, 'no probe left once the session works').to.deep.equal([]);
  });

  it('sends the writes held by an outage or a 401 as soon as Salesforce answers the same session elsewhere (the phone\'s SIP credential), before the backoff\'s next try', async () => {
    const session = await fakeOrg.createOrg();
    const clock = new FakeClock(T0);
    const events: Event[] = [];
    const connection = connectTo(session);
    const outbox = newOutbox(undefined, clock, events, databaseName(), { connection });
    for (const [kind, id] of [['unavailable', 'cp-503'], ['sessionExpired', 'cp-401']] as const) {
      await fakeOrg.setFault(session.orgId, { kind, times: 1 });
      const timers = clock.pending.length;
      await outbox.enqueue(id, task(id));
      await waitUntil(() => last(events, id)?.state === 'retrying', `${id} waits`);
      expect(clock.pending, 'its next try set, for later').to.have.length(timers + 1);
      connection.answeredElsewhere(); // the credential endpoint answered the phone
      await waitUntil(() => last(events, id)?.state === 'saved', `${id} saved`);
      expect(await tasksFor(session.orgId, id)).to.have.length(1);
    }
    expect(clock.now(), 'the clock never moved').to.equal(T0);
  });

  it('sends held writes again on resume()', async () => {
    const session = await fakeOrg.createOrg();
    const events: Event[] = [];
    const outbox = newOutbox(session, new FakeClock(T0), events, databaseName());
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 1 });
    await outbox.enqueue('cp-resume', task('cp-resume'));
    await waitUntil(() => last(events, 'cp-resume')?.state === 'retrying', 'held');
    outbox.resume();
    await waitUntil(() => last(events, 'cp-resume')?.state === 'saved', 'saved on resume');
    expect(await tasksFor(session.orgId, 'cp-resume')).to.have.length(1);
  });

  it('queues writes while it has no connection, and sends them when one is given', async () => {
    const session = await fakeOrg.createOrg();
    const events: Event[] = [];
    const outbox = new ActivityOutbox({ databaseName: databaseName(), listener: (id, state) => events.push({ id, state }) });
    opened.push(outbox);
    await outbox.enqueue('cp-later', task('cp-later'));
    expect((await outbox.pending()).map((p) => p.interactionId)).to.deep.equal(['cp-later']);
    outbox.setConnection(connectTo(session));
    await waitUntil(() => last(events, 'cp-later')?.state === 'saved', 'saved once connected');
    expect(await tasksFor(session.orgId, 'cp-later')).to.have.length(1);
  });

  it('is durable in a normal browser', async () => {
    const outbox = new ActivityOutbox({ databaseName: databaseName() });
    opened.push(outbox);
    expect(await outbox.isDurable()).to.equal(true);
  });
});
