import { expect } from '@open-wc/testing';
import type { Interaction } from '../model/interaction.ts';
import { ActivityOutbox } from './activity-outbox.ts';
import { CrmRoom } from './crm-room.ts';
import { RecentActivity } from './recent-activity.ts';
import { connectTo, fakeOrg } from '../../test-support/fake-org.ts';
import { waitUntil } from '../../test-support/wait-for.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const NUMBER = '+1 415 555 0123';
const T0 = Date.UTC(2026, 11, 5, 9, 0, 0);

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const raw = new Map<string, string>();
  return { getItem: (key) => raw.get(key) ?? null, setItem: (key, value) => void raw.set(key, value) };
}

function endedCall(id: string, at: number): Interaction {
  return {
    id, channel: 'voice', direction: 'inbound', callerName: '', callerNumber: NUMBER, queue: 'Sales', location: '', adSource: '',
    state: 'ended', offeredAt: at, answeredAt: at + 3_000, releasedAt: at + 90_000, endedAt: at + 100_000,
    journey: [{ at, kind: 'offered' }, { at: at + 3_000, kind: 'answered' }, { at: at + 90_000, kind: 'released' }, { at: at + 100_000, kind: 'wrapped-up' }],
    disposition: 'Resolved', notes: 'New prospect: wants a quote.',
  };
}

/**
 * Two agents' views of one org whose search index lags (the fake org's indexing delay, like
 * Salesforce's "about 15 minutes or more"): the Lead an agent creates during a call and the
 * call's Task are not found by SOSL for minutes.
 */
describe('a caller rings back before search has indexed their first call', () => {
  it('pops the Lead the agent created on the first call and shows that call in the journey, at one request per lookup', async () => {
    const session = await fakeOrg.createOrg(undefined, { searchIndexDelaySeconds: 600 });
    let now = T0;
    const outbox = new ActivityOutbox({ databaseName: `contactpad-lag-test-${crypto.randomUUID()}`, connection: connectTo(session), listener: () => undefined });
    const room = new CrmRoom({ connection: connectTo(session), outbox, defaultCountry: 'US', now: () => now, recent: new RecentActivity({ key: 'lag-test', now: () => now, storage: memoryStorage() }) });
    const usage = () => fakeOrg.apiUsage(session.orgId);
    try {
      // First call: nobody knows the number; the agent creates a Lead through the REST API (as the console's new-record form does).
      const first = await room.lookUpCaller(NUMBER);
      expect(first.labels).to.deep.equal(['Unknown']);
      const { id: leadId } = await (await fetch(`${session.instanceUrl}/services/data/v68.0/sobjects/Lead`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${session.accessToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ FirstName: 'Nora', LastName: 'Newcall', Company: 'Newcall Ltd', Phone: '(415) 555-0123' }),
      })).json() as { id: string };
      const beforeLog = await usage();
      await room.logInteraction(endedCall('cp-lag-1', T0), { whoId: leadId }, T0 + 100_000);
      await waitUntil(async () => (await fakeOrg.records(session.orgId, 'Task')).some((task) => task['WhoId'] === leadId), 'the Task in the org');
      expect(await usage(), 'the Task write and the Lead read back: one request').to.equal(beforeLog + 1);

      // Four minutes later (within the repeat-caller cache) the caller rings back: no request at all.
      now = T0 + 4 * 60_000;
      await fakeOrg.advanceClock(240, session.orgId);
      const beforeCached = await usage();
      const cached = await room.lookUpCaller(NUMBER);
      expect(await usage(), 'a cached repeat caller costs no request').to.equal(beforeCached);
      expect([cached.cached, cached.labels, cached.winners.map((match) => match.id)]).to.deep.equal([true, ['Lead'], [leadId]]);
      expect(cached.journey).to.have.length(1);

      // Seven minutes after the call (past the cache, still within the index delay) again.
      now = T0 + 7 * 60_000;
      await fakeOrg.advanceClock(180, session.orgId);
      const sosl = await (await fetch(`${session.instanceUrl}/services/data/v68.0/search?q=${encodeURIComponent('FIND {4155550123} IN PHONE FIELDS RETURNING Lead(Id), Task(Id)')}`, {
        headers: { Authorization: `Bearer ${session.accessToken}` },
      })).json() as { searchRecords: unknown[] };
      expect(sosl.searchRecords, 'search has not indexed the Lead nor the Task yet').to.deep.equal([]);
      const beforeLookup = await usage();
      const again = await room.lookUpCaller(NUMBER);
      expect(await usage(), 'one request: the phone search').to.equal(beforeLookup + 1);
      expect(again.labels).to.deep.equal(['Lead']);
      expect(again.winners.map((match) => [match.id, match.name, match.rule.name, match.matchedField])).to.deep.equal([[leadId, 'Nora Newcall', 'Open_Lead', 'Phone']]);
      expect(again.journey.map((entry) => [entry.channel, entry.status, entry.taskId.slice(0, 3)])).to.deep.equal([['Voice call', 'Ended', '00T']]);

      // Once search has caught up, it alone finds both, each once.
      now = T0 + 20 * 60_000;
      await fakeOrg.advanceClock(13 * 60, session.orgId);
      const indexed = await room.lookUpCaller(NUMBER);
      expect(indexed.winners.map((match) => match.id)).to.deep.equal([leadId]);
      expect(indexed.journey).to.have.length(1);
    } finally {
      outbox.close();
    }
  });

  it('a Lead converted since the call no longer pops from what the browser remembers (the rule is checked on the record read back)', async () => {
    const session = await fakeOrg.createOrg(undefined, { searchIndexDelaySeconds: 600 });
    const now = T0;
    const outbox = new ActivityOutbox({ databaseName: `contactpad-lag-test-${crypto.randomUUID()}`, connection: connectTo(session), listener: () => undefined });
    const room = new CrmRoom({ connection: connectTo(session), outbox, defaultCountry: 'US', now: () => now, recent: new RecentActivity({ key: 'lag-test-2', now: () => now, storage: memoryStorage() }) });
    try {
      await room.rules();
      const leadId = await fakeOrg.insert(session.orgId, 'Lead', { FirstName: 'Olga', LastName: 'Old', Company: 'Old Co', Phone: '4155550123', IsConverted: true, Status: 'Closed - Converted' });
      await room.logInteraction(endedCall('cp-lag-2', T0), { whoId: leadId }, T0 + 100_000);
      await waitUntil(async () => (await fakeOrg.records(session.orgId, 'Task')).length === 1, 'the Task in the org');
      const identity = await room.lookUpCaller(NUMBER);
      expect(identity.winners.map((match) => match.id), 'a converted Lead is no open Lead').to.deep.equal([]);
      expect(identity.journey, 'the call is in the journey all the same').to.have.length(1);
    } finally {
      outbox.close();
    }
  });
});
