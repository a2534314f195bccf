/**
 * A controller with every room real, for the controller's browser tests: the phone on the
 * suite's Kamailio, a customer calling it from a second sip.js user agent (sip-calls.ts), the
 * crm room on the fake org (demo data), the host over the Open CTI fake with a console that
 * records what it was asked (open-cti-console.ts) and, when asked for, the local console's own
 * workspace and Omni-Channel with the SHIPPED console bridge (local-console.ts), speaking the
 * bridge protocol over the same Open CTI fake.
 * The controller's timers (wrap up, cooldown) run on the fake clock that the test moves
 * (fake-clock.ts): each runs when its time has come, in order (the phone keeps the real clock:
 * SIP runs in real time).
 */
import { Controller } from '../src/controller.ts';
import { Phone, addressOfRecord } from '../src/telephony/phone.ts';
import { createCrmService, type CrmService } from '../src/crm/crm-service.ts';
import type { OpenCtiHost } from '../src/host/open-cti-host.ts';
import { ConsoleBridge } from '../src/host/console-bridge.ts';
import { readSettings } from '../src/model/settings.ts';
import type { InteractionView } from '../src/store.ts';
import { DEMO_AGENT_USER_ID } from './desk-rig.ts';
import { FakeClock } from './fake-clock.ts';
import { DEMO_PRESENCE, fakeOrg, taskFor } from './fake-org.ts';
import { localConsole, startShippedBridge, type AuraConsoleBridge, type ConsoleWorkspace, type OmniChannel, type OmniPresence, type OmniWorkItems } from './local-console.ts';
import { hostOnOpenCtiFake, type OpenCtiConsole, type RecordingConsole } from './open-cti-console.ts';
import { Customer, sipServer, uniqueUser, withSuiteCredentials } from './sip-calls.ts';
import { waitFor } from './wait-for.ts';

/** The rig's wrap up length (call center setting wrapUpSeconds), unless a test sets its own. */
export const RIG_WRAP_UP_SECONDS = 30;

/** The local console's Omni-Channel and workspace, behind the shipped console bridge. */
export interface RigConsole {
  readonly workspace: ConsoleWorkspace;
  /** Omni-Channel: route work, 'cannot deliver', its own auto-accept. */
  readonly omni: OmniChannel;
  readonly work: OmniWorkItems;
  readonly presence: OmniPresence;
  /** The shipped Aura bridge running over the fakes (its traffic, status and problems). */
  readonly bridge: AuraConsoleBridge;
}

export interface Rig {
  controller: Controller;
  clock: FakeClock;
  consolePage: RecordingConsole;
  console: OpenCtiConsole;
  /** Closes the Open CTI line between ContactPad and the console page. */
  closeOpenCti: () => void;
  customer: Customer;
  agentUser: string;
  orgId: string;
  phone: Phone;
  host: OpenCtiHost;
  crm: CrmService;
  storage: RigStorage & { org: { orgId: string; accessToken: string; instanceUrl: string } };
  /** Present when the rig was started with `bridge: true`. */
  local?: RigConsole;
  consoleBridge?: ConsoleBridge;
}

/** Where a rig keeps what survives a reload (the outbox database, remembered picks) and its org. */
export interface RigStorage {
  outboxDatabase: string;
  choicesKey: string;
  org?: { orgId: string; accessToken: string; instanceUrl: string };
}

export interface RigOptions {
  storage?: RigStorage;
  /** Call center items beside the SIP ones (`/ContactPad/<name>` keys). */
  settings?: Record<string, string>;
  /** Start the local console's workspace, Omni-Channel and the shipped console bridge. */
  bridge?: boolean;
  /**
   * Omni-Channel's own auto-accept: the agent's presence configuration in the org (which
   * ContactPad reads) and the simulated Omni-Channel that acts on it.
   */
  omniAutoAccept?: boolean;
  /** Which optional objects the new org has (the fake org's default: Messaging, no legacy Chat). */
  features?: { legacyChat?: boolean; messaging?: boolean };
  /** Changes to the new org before ContactPad reads from it (users, records). */
  orgSetup?: (orgId: string) => Promise<void>;
  /** The agent chooses Ready (and registers) before the console bridge connects, as after a reload. */
  readyBeforeBridge?: boolean;
}

const rigs: Rig[] = [];


export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  const storage = opts.storage ?? { outboxDatabase: uniqueUser('outbox'), choicesKey: uniqueUser('choices') };
  const { wsUrl } = await sipServer();
  const agentUser = uniqueUser('agent');
  const { settings } = readSettings({
    '/ContactPad/sipServerUrl': wsUrl,
    '/ContactPad/sipDomain': '127.0.0.1',
    '/ContactPad/wrapUpSeconds': String(RIG_WRAP_UP_SECONDS),
    ...opts.settings,
  });
  // Starts at the real time: the crm room's own records (Tasks, the repeat-caller cache) keep it.
  const clock = new FakeClock(Date.now());
  const controller = new Controller(settings, clock);

  const { host, consolePage, console: consoleHandle, close: closeOpenCti } = await hostOnOpenCtiFake(controller);

  const org = storage.org ?? (await fakeOrg.createOrg('demo', opts.features ? { features: opts.features } : {}));
  if (opts.omniAutoAccept !== undefined) {
    await fakeOrg.update(org.orgId, 'PresenceUserConfig', DEMO_PRESENCE.alexConfig, { OptionsIsAutoAcceptEnabled: opts.omniAutoAccept });
  }
  await opts.orgSetup?.(org.orgId);
  const crm = createCrmService({
    session: { instanceUrl: org.instanceUrl, accessToken: org.accessToken },
    settings,
    // The demo org's agent Alex Morgan (scripts/fake-org/README.md), registered under this rig's own SIP user.
    agent: { userId: DEMO_AGENT_USER_ID, profileId: DEMO_PRESENCE.agentProfile, sipUser: agentUser },
    activityState: (id, state) => controller.activityState(id, state),
    onError: (error) => controller.notify(error),
    outboxDatabase: storage.outboxDatabase,
    rememberedChoicesKey: storage.choicesKey,
    recentActivityKey: `${storage.choicesKey}-recent`,
  });
  const aor = addressOfRecord(agentUser, '127.0.0.1');
  const phone = new Phone({ serverUrl: wsUrl, aor }, controller, withSuiteCredentials(aor));
  controller.attach({ phone, crm, host });

  const ready = async () => {
    await controller.handle({ type: 'set-agent-status', choice: { status: 'ready' } });
    await waitFor('the agent to register', () => controller.store.snapshot.phone.state === 'registered');
  };
  if (opts.readyBeforeBridge) await ready();

  let local: RigConsole | undefined;
  let consoleBridge: ConsoleBridge | undefined;
  if (opts.bridge) {
    const lightning = localConsole(org.accessToken);
    const { workspace, omni, messages } = lightning;
    omni.autoAccept = opts.omniAutoAccept ?? false;
    messages.subscribeAll((name, message) => consoleHandle.pushMessage(name, message));
    consolePage.workspace = workspace;
    consolePage.messages = messages;
    const bridge = await startShippedBridge(lightning);
    local = { workspace, omni, work: omni.work, presence: omni.presence, bridge };
    // As the composition root does: the console desks are loaded before the bridge can send an event.
    await controller.prepareConsole();
    consoleBridge = await ConsoleBridge.connect(host, {
      event: (event) => controller.bridgeEvent(event),
      stateChanged: (state) => controller.bridgeState(state),
    });
    await controller.attachBridge(consoleBridge);
    await controller.loadDirectory();
  }

  if (!opts.readyBeforeBridge) await ready();

  const customer = new Customer(wsUrl, uniqueUser('customer'));
  await customer.start();
  const rig: Rig = { controller, clock, consolePage, console: consoleHandle, closeOpenCti, customer, agentUser, orgId: org.orgId, phone, host, crm, storage: { ...storage, org } };
  if (local) rig.local = local;
  if (consoleBridge) rig.consoleBridge = consoleBridge;
  rigs.push(rig);
  return rig;
}

/** Stops every rig started since the last call (phones, customers, bridges). */
export async function stopRigs(): Promise<void> {
  for (const rig of rigs.splice(0)) {
    await rig.consoleBridge?.close();
    rig.local?.bridge.stop();
    rig.closeOpenCti();
    await rig.phone.stop();
    await rig.customer.stop();
  }
}

export function viewOf(rig: Rig, id: string): InteractionView | undefined {
  return rig.controller.store.snapshot.interactions.find((v) => v.interaction.id === id);
}

/** A customer calls with this name and number; returns the interaction id once the lookup is done. */
export async function calls(rig: Rig, name: string, number: string): Promise<string> {
  const id = uniqueUser('it');
  rig.customer.call(rig.agentUser, [`X-CP-Interaction-Id: ${id}`, 'X-CP-Queue: Sales', `P-Asserted-Identity: "${name}" <sip:${number}@127.0.0.1>`]);
  await waitFor('the call pop with the lookup', () => viewOf(rig, id)?.caller.state === 'done');
  return id;
}

/** Maria Lopez (a Lead in the demo org) calls; returns the interaction id. */
export function mariaCalls(rig: Rig): Promise<string> {
  return calls(rig, 'Maria Lopez', '+14155550100');
}

export async function answered(rig: Rig, id: string): Promise<void> {
  await rig.controller.handle({ type: 'accept', interactionId: id });
  await waitFor('the call to connect', () => viewOf(rig, id)?.interaction.state === 'connected');
}

/** The Task ContactPad wrote for interaction `id`, once it is in the rig's org. */
export function taskOf(rig: Rig, id: string): Promise<Record<string, unknown>> {
  return taskFor(rig.orgId, id);
}
