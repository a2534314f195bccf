/**
 * The fake org for the browser tests (scripts/fake-org, served by web-test-runner at the test
 * server's own origin): its control API, a CrmConnection to a fresh org as the Visualforce page
 * would build it, orgs with screen-pop rules of a test's own, the Tasks ContactPad wrote, and
 * the demo org's fixed ids (Omni-Channel routing, presence, Messaging) that tests name.
 */
import { FakeOrgClient, type FakeOrgSession } from '../../scripts/fake-org/client.ts';
import { CrmConnection } from '../src/crm/crm-connection.ts';
import { INTERACTION_ID_FIELD } from '../src/crm/activity-log.ts';
import { API_VERSION } from '../src/crm/crm-service.ts';
import { waitFor } from './wait-for.ts';

export type { FakeOrgSession };
/** The demo org's fixed ids (scripts/fake-org/fixtures/demo-org.json): routing, presence configuration, Messaging sessions. */
export { DEMO_MESSAGING, DEMO_PRESENCE, DEMO_ROUTING } from '../../scripts/fake-org/demo-routing.ts';

/** The control API of the fake org served beside the tests. */
export const fakeOrg = new FakeOrgClient('');

/** A connection to `session` as the Visualforce page would build it. */
export function connectTo(session: FakeOrgSession, timeoutMs = 10_000): CrmConnection {
  return new CrmConnection({
    instanceUrl: session.instanceUrl,
    accessToken: session.accessToken,
    apiVersion: API_VERSION,
    timeoutMs,
  });
}

/** A screen-pop rule record (ContactPad_Screen_Pop_Rule__mdt) as an admin creates it in Setup: active, Record action. */
export function ruleRecord(developerName: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { DeveloperName: developerName, MasterLabel: developerName.replace(/_/g, ' '), Active__c: true, Pop_Action__c: 'Record', ...fields };
}

/** The shipped Default settings record, with `changes`. */
export function settingsRecord(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    DeveloperName: 'Default', MasterLabel: 'Default', No_Match_Action__c: 'Greeting', Several_Match_Action__c: 'Search',
    Caller_Cache_Seconds__c: 300, Journey_Size__c: 5, ...changes,
  };
}

/**
 * A fresh org whose screen-pop rules are `rules` only (the shipped ones left out), with the
 * Default settings record (`settings` changes it; `null` leaves it out) and `records` seeded.
 */
export async function orgWithRules(
  rules: Array<Record<string, unknown>>,
  settings: Record<string, unknown> | null = {},
  records: Record<string, Array<Record<string, unknown>>> = {},
): Promise<FakeOrgSession> {
  return fakeOrg.createOrg(
    {
      records: {
        ...(settings === null ? {} : { ContactPad_Screen_Pop_Setting__mdt: [settingsRecord(settings)] }),
        ContactPad_Screen_Pop_Rule__mdt: rules,
        ...records,
      },
    },
    { customMetadata: false },
  );
}

/** The Tasks in the org for one interaction (ContactPad_Interaction_Id__c), as they are now. */
export async function tasksFor(orgId: string, interactionId: string): Promise<Array<Record<string, unknown>>> {
  return (await fakeOrg.records(orgId, 'Task')).filter((t) => t[INTERACTION_ID_FIELD] === interactionId);
}

/** The Task ContactPad wrote for interaction `id`, once the outbox wrote it (waits up to `timeoutMs`). */
export async function taskFor(orgId: string, id: string, timeoutMs = 15_000): Promise<Record<string, unknown>> {
  return waitFor(`the Task for ${id} in the org`, async () => (await tasksFor(orgId, id))[0], timeoutMs);
}

/**
 * A fresh org whose own SIP Edge setting signs with `secret` (the test server's store is shared
 * by files running side by side: no store-wide setting here), and a session of its agent Alex
 * Morgan (SIP user agent1), who may ask the credential endpoint for a SIP credential.
 */
export async function agentOrg(setting: { secret?: string | null; turnSecret?: string } = {}): Promise<{ org: FakeOrgSession; agent: FakeOrgSession }> {
  const org = await fakeOrg.createOrg();
  await fakeOrg.setSipCredentialSecret(setting.secret === undefined ? 'org-secret' : setting.secret, { orgId: org.orgId, turnSecret: setting.turnSecret ?? null });
  const userId = await fakeOrg.insert(org.orgId, 'User', { FirstName: 'Alex', LastName: 'Morgan', Username: `alex.${org.orgId}@contactpad.example`, ContactPad_SIP_User__c: 'agent1' });
  return { org, agent: await fakeOrg.createSession(org.orgId, userId) };
}
