/**
 * The console bridge's rig: ContactPad's side of the bridge (ConsoleBridge, over the real host
 * room) on Open CTI publish/subscribe, with the SHIPPED bridge on the other side, running in
 * the local console's Lightning fakes (local-console.ts) over a fresh demo org. The console page
 * sees every message on the bridge channel and can push raw ones, as a hostile or silent sender
 * beside the shipped bridge would; a listener records what ContactPad heard. Call
 * {@link cleanUpBridgeRigs} after each test.
 */
import { expect } from '@open-wc/testing';
import { isContactPadError } from '../src/model/errors.ts';
import { BRIDGE_CHANNEL, bridgeEvent, parseBridgeMessage, type BridgeEvent, type ContactPadRequest } from '../src/host/console-bridge-protocol.ts';
import { ConsoleBridge, type BridgeListener, type ConsoleBridgeOptions, type ConsoleBridgeState } from '../src/host/console-bridge.ts';
import { OpenCtiHost } from '../src/host/open-cti-host.ts';
import { fakeOrg } from './fake-org.ts';
import { localConsole, startShippedBridge, type AuraConsoleBridge, type ConsoleWorkspace, type OmniChannel } from './local-console.ts';
import { openCtiLine, RecordingConsole, type ConsoleApi, type OpenCtiConsole } from './open-cti-console.ts';

/** The console page: Open CTI over a message port, the message service, and what the softphone published on the bridge channel. */
export class ConsolePage extends RecordingConsole {
  declare readonly messages: NonNullable<RecordingConsole['messages']>;

  constructor(messages: NonNullable<RecordingConsole['messages']>) {
    super();
    this.messages = messages;
  }

  /** The console's end of Open CTI. */
  get console(): OpenCtiConsole {
    if (!this.openCti) throw new Error('The console page is not served yet');
    return this.openCti;
  }

  /** ContactPad's requests seen on the bridge channel, validated. */
  get requests(): ContactPadRequest[] {
    return this.messages.messages.flatMap((entry) => {
      const parsed = parseBridgeMessage(entry.message);
      return entry.channelName === BRIDGE_CHANNEL && parsed.ok && parsed.message.source === 'contactpad' ? [parsed.message] : [];
    });
  }

  /** A raw message on the bridge channel, from a sender other than the shipped bridge. */
  send(message: unknown): boolean {
    return this.console.pushMessage(BRIDGE_CHANNEL, message);
  }
}

/** What ContactPad's listener heard, with a way to wait for a kind. */
export class Heard implements BridgeListener {
  events: BridgeEvent[] = [];
  states: ConsoleBridgeState[] = [];
  #waiters: { test: () => boolean; resolve: () => void }[] = [];
  event(event: BridgeEvent): void {
    this.events.push(event);
    this.#wake();
  }
  stateChanged(state: ConsoleBridgeState): void {
    this.states.push(state);
    this.#wake();
  }
  kinds(): string[] {
    return this.events.map((e) => e.kind);
  }
  /** Resolves once `test` holds (checked after every event). */
  until(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }
  #wake(): void {
    for (const waiter of [...this.#waiters]) {
      if (waiter.test()) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}

export interface BridgeRig {
  bridge: ConsoleBridge;
  page: ConsolePage;
  heard: Heard;
  workspace: ConsoleWorkspace;
  omni: OmniChannel;
  orgId: string;
  /** Starts the shipped bridge component (already running unless `shipped: false`). */
  startShipped(): Promise<AuraConsoleBridge>;
  /** The shipped bridge, once started. */
  shipped(): AuraConsoleBridge | undefined;
}

export interface BridgeRigOptions extends ConsoleBridgeOptions {
  /** false: the shipped bridge is not started (the test may start it later, or play it by raw messages). */
  shipped?: boolean;
  /** The console offers no message service to Open CTI (publish and subscribe are not supported). */
  withoutMessageService?: boolean;
  /** Runs before the shipped bridge starts and ContactPad connects: arrange the console. */
  before?: (rig: Omit<BridgeRig, 'bridge' | 'heard'>) => Promise<void>;
}

const cleanups: (() => void | Promise<void>)[] = [];

/** A bridge rig on a fresh demo org; ContactPad's ConsoleBridge has connected (or resolved as missing) when it resolves. */
export async function connectBridgeRig(options: BridgeRigOptions = {}): Promise<BridgeRig> {
  const org = await fakeOrg.createOrg('demo');
  const local = localConsole(org.accessToken);
  const page = new ConsolePage(local.messages);
  const api: ConsoleApi = options.withoutMessageService === true
    ? { screenPop() {}, setPanelVisible() {}, isPanelVisible: () => false, callCenterSettings: () => ({}), clickToDialEnabled() {} }
    : page;
  const line = openCtiLine(api);
  page.openCti = line.console;
  page.messages.subscribeAll((channelName, message) => page.console.pushMessage(channelName, message));
  const { workspace, omni } = local;
  let shipped: AuraConsoleBridge | undefined;
  const startShipped = async () => {
    shipped = await startShippedBridge(local);
    return shipped;
  };
  const base = { page, workspace, omni, orgId: org.orgId, startShipped, shipped: () => shipped };
  await options.before?.(base);
  if (options.shipped !== false) await startShipped();
  const host = await OpenCtiHost.connect({ clickToDial() {}, navigation() {} }, { win: line.win, waitMs: 0 });
  const heard = new Heard();
  const bridge = await ConsoleBridge.connect(host, heard, { helloTimeoutMs: 1500, requestTimeoutMs: 4000, ...options });
  cleanups.push(async () => {
    await bridge.close();
    if (shipped) {
      expect(shipped.problems, 'the shipped bridge ran without errors, every callback inside $A.getCallback').to.deep.equal([]);
      shipped.stop();
    }
    line.close();
  });
  return { bridge, heard, ...base };
}

/** Closes every bridge rig connected since the last call, checking the shipped bridge ran without errors (call in afterEach). */
export async function cleanUpBridgeRigs(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup();
}

/** The id of the first `sobject` record in the org. */
export async function recordId(orgId: string, sobject: string): Promise<string> {
  return String((await fakeOrg.records(orgId, sobject))[0]!['Id']);
}

/** Fails unless `promise` rejects with HOST_REQUEST_FAILED; returns that error. */
export async function expectBridgeError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    expect(isContactPadError(error, 'HOST_REQUEST_FAILED'), `expected HOST_REQUEST_FAILED, got ${String(error)}`).to.equal(true);
    return error as Error;
  }
  throw new Error('expected a HOST_REQUEST_FAILED rejection, but it resolved');
}

/** A hello from a bridge that answers nothing else (a silent sender). */
export function silentHello(): BridgeEvent {
  return bridgeEvent('hello', 'silent-1', { capabilities: ['tabs', 'omni'], tabs: [], works: [], presence: null });
}
