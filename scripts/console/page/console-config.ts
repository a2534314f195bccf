import type { DemoCaller } from './demo-caller.ts';

/**
 * What the local console server tells its page, inline in the HTML (as a Visualforce page
 * carries `{!$Api.Session_ID}` inline): the session for REST calls, the local SIP server, and
 * the call center settings Open CTI hands to ContactPad.
 */
export interface ConsoleConfig {
  /** The Salesforce-style session id the page sends as its bearer token (never logged). */
  readonly sessionId: string;
  /** REST API version, as in /services/data/v68.0/. */
  readonly apiVersion: string;
  /** The local Kamailio's WebSocket URL (ws://127.0.0.1:<port>). */
  readonly sipWsUrl: string;
  /** The SIP domain (127.0.0.1). */
  readonly sipDomain: string;
  /** The agent's SIP user (agent1): the customer simulator calls sip:<agentUser>@<sipDomain>. */
  readonly agentUser: string;
  /** The agent's User id in the fake org (Alex Morgan), whose presence configuration the Omni-Channel simulator sets. */
  readonly agentUserId: string;
  /** What Open CTI getCallCenterSettings() returns ('/ContactPad/sipServerUrl'...). */
  readonly callCenterSettings: Readonly<Record<string, string>>;
  /** The customer simulator's preset callers (from the demo org). */
  readonly demoCallers: readonly DemoCaller[];
  /** The SIP edge's queues (scripts/sip-server/queues.list): the customer simulator may call sip:<address>@<sipDomain>. */
  readonly queues: readonly { readonly address: string; readonly members: readonly string[] }[];
}

/**
 * The colleague whose phone the console page plays (colleague-phone.ts): the agent consults or
 * transfers calls to this SIP user; the fake org has a User of this name with
 * ContactPad_SIP_User__c set to it.
 */
export const COLLEAGUE = Object.freeze({ sipUser: 'jordan.lee', name: 'Jordan Lee' });

/** Where the console serves force-app's Aura bundles (/console/aura/<Bundle>/<file>), to run them as they ship. */
export const AURA_BUNDLES_PATH = '/console/aura/';

/** Where the console serves static resources, as Salesforce serves `$Resource.<name>` (/resource/<name>). */
export function resourceUrl(name: string): string {
  return `/resource/${name}`;
}

/** The id of the inline JSON script element that carries the {@link ConsoleConfig}. */
export const CONSOLE_CONFIG_ELEMENT_ID = 'console-config';

/** Reads the page's inline configuration; throws a clear error when it is missing or malformed. */
export function readConsoleConfig(doc: Document): ConsoleConfig {
  const element = doc.getElementById(CONSOLE_CONFIG_ELEMENT_ID);
  if (!element?.textContent) throw new Error('The console page has no inline configuration (#console-config).');
  const parsed = JSON.parse(element.textContent) as Partial<ConsoleConfig>;
  if (typeof parsed.sessionId !== 'string' || typeof parsed.sipWsUrl !== 'string' || typeof parsed.apiVersion !== 'string') {
    throw new Error('The console page configuration is malformed.');
  }
  return parsed as ConsoleConfig;
}
