/**
 * Test support (not shipped): a fresh fake org and a CrmConnection to it, for the crm
 * room's browser tests. The fake org answers at the test server's own origin.
 */
import { FakeOrgClient } from '../../scripts/fake-org/client.ts';
import type { FakeOrgSession } from '../../scripts/fake-org/client.ts';
import { CrmConnection } from '../src/crm/crm-connection.ts';
import { API_VERSION } from '../src/crm/crm-service.ts';

/** Where web-test-runner serves jsforce's UMD build. */
export const TEST_JSFORCE_URL = '/node_modules/jsforce/dist/jsforce-core.min.js';

/** The control API of the fake org served beside the tests. */
export const fakeOrg = new FakeOrgClient('');

/** A connection to `session` as the Visualforce page would build it. */
export function connectTo(session: FakeOrgSession, timeoutMs = 10_000): CrmConnection {
  return new CrmConnection({
    instanceUrl: session.instanceUrl,
    accessToken: session.accessToken,
    apiVersion: API_VERSION,
    jsforceUrl: TEST_JSFORCE_URL,
    timeoutMs,
  });
}

/** Waits (polling) until `condition` holds; fails with `what` after `limitMs`. Not a timing assertion. */
export async function waitUntil(condition: () => boolean | Promise<boolean>, what: string, limitMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > limitMs) throw new Error(`Gave up waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Runs `work` and returns what it rejected with (fails if it resolved). */
export async function rejectionOf(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but it resolved');
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
