import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import type { Interaction } from '../model/interaction.ts';
import { NO_AGENT } from '../model/agent-identity.ts';
import { readSettings } from '../model/settings.ts';
import { ActivityOutbox } from './activity-outbox.ts';
import type { OutboxState } from './activity-outbox.ts';
import { INTERACTION_ID_FIELD } from './activity-log.ts';
import { CrmRoom } from './crm-room.ts';
import { createCrmService } from './crm-service.ts';
import { RememberedChoices } from './remembered-choices.ts';
import { BUILT_IN_RULES } from './screen-pop-rules.ts';
import { connectTo, fakeOrg, orgWithRules, ruleRecord, type FakeOrgSession } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';
import { waitUntil } from '../../test-support/wait-for.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const T0 = Date.UTC(2026, 10, 22, 10, 2, 3);
const NUMBER = '+1 415 555 0105';

/** A room on `session` with its own outbox database, remembered picks under `choicesKey`, and a clock the test moves. */
function roomOn(session: FakeOrgSession, options: { choicesKey?: string; states?: OutboxState[] } = {}) {
  const clock = { now: T0 };
  const outbox = new ActivityOutbox({
    databaseName: `contactpad-room-test-${crypto.randomUUID()}`,
    connection: connectTo(session),
    listener: (_id, state) => options.states?.push(state),
  });
  const room = new CrmRoom({
    connection: connectTo(session),
    outbox,
    defaultCountry: 'US',
    choices: new RememberedChoices({ key: options.choicesKey ?? `contactpad-room-test-${crypto.randomUUID()}` }),
    now: () => clock.now,
  });
  return { room, outbox, clock };
}

/** An org where the Rossis share a number (two Contacts win: the agent picks). */
async function rossiOrg(): Promise<{ session: FakeOrgSession; elena: string; marco: string }> {
  const session = await fakeOrg.createOrg();
  const elena = await fakeOrg.insert(session.orgId, 'Contact', { FirstName: 'Elena', LastName: 'Rossi', Phone: '+1 (415) 555-0105' });
  const marco = await fakeOrg.insert(session.orgId, 'Contact', { FirstName: 'Marco', LastName: 'Rossi', HomePhone: '415 555 0105' });
  return { session, elena, marco };
}

describe('the crm room as the controller uses it', () => {
  it('looks up, pops, builds and logs the Task; a renewed session reaches lookups and held writes', async () => {
    const session = await fakeOrg.createOrg();
    const leadId = await fakeOrg.insert(session.orgId, 'Lead', { LastName: 'Lopez', Company: 'Lopez Bakery', Phone: '(415) 555-0100' });
    const states: OutboxState[] = [];
    const { room, outbox } = roomOn(session, { states });
    try {
      const identity = await room.lookUpCaller('415-555-0100');
      expect(room.decideScreenPop(identity, '415-555-0100')).to.deep.equal({ kind: 'record', recordId: leadId, objectType: 'Lead' });

      await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired' });
      expect(isContactPadError(await rejectionOf(room.lookUpCaller('415-555-0101')), 'CRM_SESSION_EXPIRED')).to.equal(true);
      const call: Interaction = {
        id: 'cp-room-1', channel: 'voice', direction: 'inbound', callerName: 'Lopez', callerNumber: '415-555-0100',
        queue: '', location: '', adSource: '', state: 'ended', offeredAt: T0, journey: [], disposition: '', notes: '',
      };
      await room.logInteraction(call, { whoId: leadId }, T0);
      await waitUntil(() => states.at(-1) === 'retrying', 'write held on the expired session');

      await fakeOrg.clearFaults(session.orgId);
      room.setConnection(connectTo(session));
      await waitUntil(() => states.at(-1) === 'saved', 'held write sent with the renewed session');
      expect((await room.lookUpCaller('415-555-0101')).labels).to.deep.equal(['Unknown']);
      const tasks = (await fakeOrg.records(session.orgId, 'Task')).filter((t) => t[INTERACTION_ID_FIELD] === 'cp-room-1');
      expect(tasks.map((t) => t['WhoId'])).to.deep.equal([leadId]);
      expect(tasks.map((t) => t['ContactPad_Caller_Number__c'])).to.deep.equal(['+14155550100'], 'the caller number in E.164, for the journey');
    } finally {
      outbox.close();
    }
  });

  it('loads the rules once (one request), then spends one request per new caller and none for a repeat caller within the cache time', async () => {
    const { session, elena } = await rossiOrg();
    const { room, outbox, clock } = roomOn(session);
    try {
      const usage = () => fakeOrg.apiUsage(session.orgId);
      const start = await usage();
      await room.preload();
      expect(await usage()).to.equal(start + 1);
      const first = await room.lookUpCaller(NUMBER);
      expect(first.cached).to.equal(false);
      expect(await usage()).to.equal(start + 2);

      await fakeOrg.update(session.orgId, 'Contact', elena, { Phone: null });
      clock.now += 299_000;
      const again = await room.lookUpCaller('(415) 555-0105');
      expect(await usage(), 'a repeat caller costs nothing').to.equal(start + 2);
      expect(again).to.deep.equal({ ...first, cached: true });

      await room.lookUpCaller('+1 415 555 0199');
      expect(await usage()).to.equal(start + 3);

      clock.now += 2_000;
      const later = await room.lookUpCaller(NUMBER);
      expect(await usage(), 'after Caller_Cache_Seconds__c the org is asked again').to.equal(start + 4);
      expect([later.cached, later.winners.length]).to.deep.equal([false, 1]);
    } finally {
      outbox.close();
    }
  });

  it('caches nothing when the settings say 0 seconds', async () => {
    const session = await orgWithRules([ruleRecord('Contacts', { Object__c: 'Contact', Phone_Fields__c: 'Phone', Caller_Label__c: 'Customer', Priority__c: 1 })], { Caller_Cache_Seconds__c: 0 });
    const { room, outbox } = roomOn(session);
    try {
      await room.lookUpCaller(NUMBER);
      const before = await fakeOrg.apiUsage(session.orgId);
      expect((await room.lookUpCaller(NUMBER)).cached).to.equal(false);
      expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before + 1);
    } finally {
      outbox.close();
    }
  });

  it("remembers the agent's pick for the number across a new room on the same localStorage (a reload)", async () => {
    const { session, elena, marco } = await rossiOrg();
    const choicesKey = `contactpad-room-test-${crypto.randomUUID()}`;
    const first = roomOn(session, { choicesKey });
    const second = roomOn(session, { choicesKey });
    try {
      const identity = await first.room.lookUpCaller(NUMBER);
      expect(identity.winners.map((m) => m.id).sort()).to.deep.equal([elena, marco].sort());
      expect(identity.rememberedId).to.equal(undefined);
      expect(first.room.decideScreenPop(identity, NUMBER)).to.deep.equal({ kind: 'search', searchText: NUMBER });
      expect(first.room.decideScreenPop(identity, NUMBER, marco)).to.deep.equal({ kind: 'record', recordId: marco, objectType: 'Contact' });
      first.room.rememberChoice(NUMBER, marco);

      const next = await second.room.lookUpCaller('415.555.0105');
      expect(next.rememberedId).to.equal(marco);
      expect(second.room.decideScreenPop(next, '415.555.0105')).to.deep.equal({ kind: 'record', recordId: marco, objectType: 'Contact' });
      expect((await first.room.lookUpCaller(NUMBER)).rememberedId, 'the cached identity carries the pick too').to.equal(marco);

      await fakeOrg.update(session.orgId, 'Contact', marco, { HomePhone: null });
      const third = roomOn(session, { choicesKey });
      const gone = await third.room.lookUpCaller(NUMBER);
      expect(gone.rememberedId, 'a pick that no longer matches is not offered').to.equal(undefined);
      expect(third.room.decideScreenPop(gone, NUMBER)).to.deep.equal({ kind: 'record', recordId: elena, objectType: 'Contact' });
      third.outbox.close();
    } finally {
      first.outbox.close();
      second.outbox.close();
      localStorage.removeItem(choicesKey);
    }
  });

  it('keeps popping with the built-in rules while the rules cannot load, says so, and loads them at the next call', async () => {
    const session = await orgWithRules([ruleRecord('Only_Leads', { Object__c: 'Lead', Phone_Fields__c: 'Phone', Caller_Label__c: 'Lead', Priority__c: 1 })]);
    const contactId = await fakeOrg.insert(session.orgId, 'Contact', { LastName: 'Kim', Phone: '415-555-0105' });
    const { room, outbox } = roomOn(session);
    try {
      await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
      const identity = await room.lookUpCaller(NUMBER);
      expect(identity.winners.map((m) => [m.id, m.rule.name])).to.deep.equal([[contactId, 'Customer_Contact']]);
      const before = await fakeOrg.apiUsage(session.orgId);
      const problems = await room.ruleProblems();
      expect(await fakeOrg.apiUsage(session.orgId), 'asking for problems loads the rules again').to.equal(before + 1);
      expect(problems).to.deep.equal([]);
      expect((await room.rules()).rules.map((rule) => rule.name)).to.deep.equal(['Only_Leads']);
      expect(await fakeOrg.apiUsage(session.orgId), 'loaded rules are kept for the session').to.equal(before + 1);
    } finally {
      outbox.close();
    }
  });

  it('reports the built-in rules as a problem while the org cannot be reached', async () => {
    const session = await fakeOrg.createOrg();
    const { room, outbox } = roomOn(session);
    try {
      await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
      const problems = await room.ruleProblems();
      expect(problems[0]).to.contain('the built-in rules are used');
      expect((await room.rules()).rules).to.deep.equal(BUILT_IN_RULES);
    } finally {
      outbox.close();
    }
  });
});

describe('the crm service the controller holds', () => {
  it("decides with the org's settings once the rules are loaded, remembers picks and tells admins about rule problems", async () => {
    const session = await orgWithRules(
      [ruleRecord('Contacts', { Object__c: 'Contact', Phone_Fields__c: 'Phone, HomePhone', Caller_Label__c: 'Customer', Priority__c: 1 }), ruleRecord('Broken', { Object__c: 'Nope__c', Phone_Fields__c: 'Phone', Caller_Label__c: 'Lead', Priority__c: 2 })],
      { No_Match_Action__c: 'Search' },
    );
    const marco = await fakeOrg.insert(session.orgId, 'Contact', { FirstName: 'Marco', LastName: 'Rossi', HomePhone: '415 555 0105' });
    await fakeOrg.insert(session.orgId, 'Contact', { FirstName: 'Elena', LastName: 'Rossi', Phone: '415 555 0105' });
    const { settings } = readSettings({});
    const choicesKey = `contactpad-service-test-${crypto.randomUUID()}`;
    const service = createCrmService({
      session: { instanceUrl: session.instanceUrl, accessToken: session.accessToken },
      settings,
      agent: NO_AGENT,
      activityState: () => undefined,
      onError: () => undefined,
      outboxDatabase: `contactpad-service-test-${crypto.randomUUID()}`,
      rememberedChoicesKey: choicesKey,
      recentActivityKey: `${choicesKey}-recent`,
    });
    const unknown = await service.lookUpCaller('+1 415 555 0199');
    expect(await service.decideScreenPop(unknown, '+1 415 555 0199')).to.deep.equal({ kind: 'search', searchText: '+1 415 555 0199' });
    expect(await service.ruleProblems()).to.deep.equal(['Rule Broken skipped: object Nope__c does not exist or is not visible to this user']);
    const rossi = await service.lookUpCaller(NUMBER);
    expect(await service.decideScreenPop(rossi, NUMBER)).to.deep.equal({ kind: 'search', searchText: NUMBER });
    await service.rememberChoice(NUMBER, marco);
    try {
      const before = await fakeOrg.apiUsage(session.orgId);
      const again = await service.lookUpCaller(NUMBER);
      expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before);
      expect([again.cached, again.rememberedId]).to.deep.equal([true, marco]);
      expect(await service.decideScreenPop(again, NUMBER)).to.deep.equal({ kind: 'record', recordId: marco, objectType: 'Contact' });
    } finally {
      localStorage.removeItem(choicesKey);
    }
  });
});
