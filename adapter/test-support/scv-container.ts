/**
 * Salesforce's side of a Service Cloud Voice connector, for the connector's browser tests. It
 * does only what Salesforce's Omni-Channel softphone does with a partner connector, so the
 * package's real base (scv-connector-base, the code Salesforce ships) runs between it and
 * ContactPad: it posts SETUP_CONNECTOR to the connector's window with a MessagePort from a
 * Salesforce origin (the base's own tests fire the same window message: its
 * src/test/baseConnector.test.js), sends the container's commands on that port, and reads what the
 * base posts back (CONNECTOR_READY, TELEPHONY_EVENT_DISPATCHED, LOG). Every message and event
 * type string comes from the package's own constants (src/main/constants.js).
 *
 * {@link startScvAgent} runs ContactPad under it as the connector page does (scv-contactpad.ts),
 * on the suite's Kamailio and the fake org, with a customer's phone to call it.
 */
import constants from '@salesforce/scv-connector-base/src/main/constants.js';
import { startContactPadUnderScv } from '../src/scv-contactpad.ts';
import { DEMO_AGENT_USER_ID } from './desk-rig.ts';
import { DEMO_PRESENCE, fakeOrg } from './fake-org.ts';
import { Customer, sipServer, suiteCredential, uniqueUser } from './sip-calls.ts';
import { waitFor } from './wait-for.ts';

export { constants };

/** An origin the base takes SETUP_CONNECTOR from (Lightning Experience's). */
export const SALESFORCE_ORIGIN = 'https://contactpad-test.lightning.force.com';

/** What the base posted on the port. */
export interface PostedMessage {
  readonly type: string;
  readonly payload?: unknown;
}

/** A telephony event the base dispatched to Salesforce. */
export interface DispatchedEvent {
  readonly type: string;
  // The payload as Salesforce receives it: read by the tests field by field.
  readonly payload: any;
}

export class ScvContainer {
  readonly posted: PostedMessage[] = [];
  #port: MessagePort | undefined;

  /** Posts SETUP_CONNECTOR with the call center's config and a MessagePort, from `origin`. */
  setUp(config: Record<string, unknown>, origin = SALESFORCE_ORIGIN): void {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent<PostedMessage>) => void this.posted.push(event.data);
    this.#port = channel.port1;
    window.dispatchEvent(new MessageEvent('message', { data: { type: constants.MESSAGE_TYPE.SETUP_CONNECTOR, connectorConfig: config }, origin, ports: [channel.port2] }));
  }

  /** A command of Salesforce's softphone (the base's channel message: `{ type, ...body }`). */
  send(type: string, body: Record<string, unknown> = {}): void {
    if (!this.#port) throw new Error('The container has not set the connector up');
    this.#port.postMessage({ type, ...body });
  }

  /** CONNECTOR_READY's payload (agent config, capabilities, the call in progress), once the base posted it. */
  ready(): Promise<Record<string, unknown>> {
    return waitFor('CONNECTOR_READY', () => this.posted.find((message) => message.type === constants.MESSAGE_TYPE.CONNECTOR_READY)?.payload as Record<string, unknown> | undefined);
  }

  /** The telephony events dispatched so far, in order. */
  events(): DispatchedEvent[] {
    return this.posted
      .filter((message) => message.type === constants.MESSAGE_TYPE.TELEPHONY_EVENT_DISPATCHED)
      .map((message) => {
        const { telephonyEventType, telephonyEventPayload } = message.payload as { telephonyEventType: string; telephonyEventPayload: unknown };
        return { type: telephonyEventType, payload: telephonyEventPayload };
      });
  }

  /** Their types, from index `from` on. */
  types(from = 0): string[] {
    return this.events().slice(from).map((event) => event.type);
  }

  /** Waits for the `count`th event of `type` (from index `from`) and returns it. */
  event(type: string, from = 0, count = 1): Promise<DispatchedEvent> {
    return waitFor(`${count} ${type} event(s) after #${from}; so far: ${this.types(from).join(', ')}`, () => this.events().slice(from).filter((event) => event.type === type)[count - 1]);
  }

  /** The LOG entries the base posted (its log of each command and error: `{ eventType, payload, isError }`). */
  logs(): Array<{ eventType: string; payload: unknown; isError: boolean }> {
    return this.posted.filter((message) => message.type === constants.MESSAGE_TYPE.LOG).map((message) => message.payload as { eventType: string; payload: unknown; isError: boolean });
  }
}

/** A running agent under the container. */
export interface ScvAgent {
  readonly container: ScvContainer;
  /** The agent's SIP user (the customer calls it). */
  readonly agentUser: string;
  readonly customer: Customer;
  readonly orgId: string;
  readonly wsUrl: string;
  /** The connector config the container set it up with. */
  readonly config: Record<string, unknown>;
}

const agents: ScvAgent[] = [];

/** The call center's items for the suite's SIP server, as Salesforce's connector config carries them. */
export function scvConfig(wsUrl: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '/reqGeneralInfo/reqAdapterUrl': 'https://contactpad.example/scv',
    '/reqGeneralInfo/reqVendorInfoApiName': 'ContactPad',
    '/ContactPad/sipServerUrl': wsUrl,
    '/ContactPad/sipDomain': '127.0.0.1',
    isACWAllowed: true,
    ...extra,
  };
}

/** ContactPad's connector installed in this page as the connector page installs it, not set up yet. */
export interface InstalledScvAgent {
  readonly agentUser: string;
  readonly orgId: string;
  readonly wsUrl: string;
}

/**
 * Installs ContactPad's connector as the connector page does (scv-contactpad.ts): a fresh fake
 * org with the demo data, the agent Alex Morgan on a SIP user of this test's own, credentials
 * from the suite. Salesforce has not set it up yet.
 */
export async function installScvAgent(orgSetup?: (orgId: string) => Promise<void>, server?: { wsUrl: string }): Promise<InstalledScvAgent> {
  const { wsUrl } = server ?? (await sipServer());
  const org = await fakeOrg.createOrg('demo');
  await orgSetup?.(org.orgId);
  const agentUser = uniqueUser('agent');
  startContactPadUnderScv({
    crm: { instanceUrl: org.instanceUrl, accessToken: org.accessToken },
    agent: { userId: DEMO_AGENT_USER_ID, profileId: DEMO_PRESENCE.agentProfile, sipUser: agentUser },
    credentials: () => suiteCredential(agentUser),
  });
  return { agentUser, orgId: org.orgId, wsUrl };
}

/**
 * ContactPad installed ({@link installScvAgent}) and set up by the container with `config`
 * (default {@link scvConfig}), on `server` (default the suite's Kamailio), CONNECTOR_READY awaited; a customer's phone ready to call
 * (+1555...: the SIP edge keeps its X-CP-* headers). Logged out by {@link stopScvAgents}.
 */
export async function startScvAgent(options: { config?: (wsUrl: string) => Record<string, unknown>; orgSetup?: (orgId: string) => Promise<void>; server?: { wsUrl: string } } = {}): Promise<ScvAgent> {
  const { agentUser, orgId, wsUrl } = await installScvAgent(options.orgSetup, options.server);
  const container = new ScvContainer();
  const config = (options.config ?? scvConfig)(wsUrl);
  container.setUp(config);
  await container.ready();
  const customer = new Customer(wsUrl, `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
  await customer.start();
  const agent: ScvAgent = { container, agentUser, customer, orgId, wsUrl, config };
  agents.push(agent);
  return agent;
}

/** Salesforce puts the agent Online (a status with the phone channel) and the phone has registered: SET_AGENT_STATUS_RESULT success. */
export async function online(container: ScvContainer): Promise<void> {
  const from = container.events().length;
  container.send(constants.MESSAGE_TYPE.SET_AGENT_STATUS, { agentStatus: constants.AGENT_STATUS.ONLINE, statusInfo: { statusId: '0N5000000000001', statusApiName: 'Available', statusName: 'Available' } });
  const result = await container.event(constants.EVENT_TYPE.SET_AGENT_STATUS_RESULT, from);
  if (result.payload?.success !== true) throw new Error(`SET_AGENT_STATUS failed: ${JSON.stringify(result.payload)}`);
}

/** Logs every agent started since the last call out (its phone unregisters) and stops their customers. */
export async function stopScvAgents(): Promise<void> {
  for (const agent of agents.splice(0)) {
    const from = agent.container.events().length;
    agent.container.send(constants.MESSAGE_TYPE.LOGOUT);
    await agent.container.event(constants.EVENT_TYPE.LOGOUT_RESULT, from).catch(() => undefined);
    await agent.customer.stop();
  }
}
