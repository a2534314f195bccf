import { ContactPadError } from '../model/errors.ts';
import {
  BRIDGE_CHANNEL,
  bridgeRequest,
  parseBridgeMessage,
  type BridgeCapability,
  type BridgeEvent,
  type BridgeEventBodies,
  type BridgePresence,
  type BridgeTab,
  type BridgeWork,
  type ContactPadRequestBodies,
  type ContactPadRequestKind,
} from './console-bridge-protocol.ts';
import type { BridgeConnection } from '../model/bridge-connection.ts';
import type { HostSubscription } from './open-cti-host.ts';

/** The part of {@link OpenCtiHost} the bridge needs: Lightning message service over Open CTI. */
export interface MessageServiceHost {
  publish(channelName: string, message: unknown): Promise<void>;
  subscribe(channelName: string, listener: (message: unknown) => void): Promise<HostSubscription>;
}

/**
 * Whether the console bridge (the utility-bar component) answered: 'connected' once its
 * hello arrived; 'missing' when it did not (tab sync and Omni-Channel are off, calls still work).
 */
export type ConsoleBridgeState = Exclude<BridgeConnection, 'looking'>;

/** What the console bridge tells ContactPad: console tab and Omni-Channel events, validated. */
export interface BridgeListener {
  /**
   * A bridge event (tab opened/focused/closed, work assigned/accepted/declined/closed/delivery
   * failed, presence changed, hello). Replies to ContactPad's own requests come here too, so
   * one place keeps the tab and work lists in step. Never an `error` (those reject the request).
   */
  event(event: BridgeEvent): void;
  /** The bridge connected late (after connect() resolved 'missing'). */
  stateChanged?(state: ConsoleBridgeState): void;
}

/** Options of {@link ConsoleBridge.connect}. */
export interface ConsoleBridgeOptions {
  /** How long connect() waits for the bridge's hello (default 3000 ms). */
  helloTimeoutMs?: number;
  /** How long a request may go unanswered before it fails HOST_REQUEST_FAILED (default 10000 ms). */
  requestTimeoutMs?: number;
  /** The message channel (default {@link BRIDGE_CHANNEL}). */
  channelName?: string;
}

/** A bridge event of one kind. */
export type BridgeEventOf<K extends BridgeEvent['kind']> = Extract<BridgeEvent, { kind: K }>;

interface Pending {
  readonly kind: ContactPadRequestKind;
  readonly resolve: (event: BridgeEvent) => void;
  readonly reject: (error: ContactPadError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** Where each known work stands, to deliver repeated work events once. */
type WorkPhase = 'assigned' | 'accepted' | 'ended';

/** Remembered works (bounded). */
const SEEN_WORK_LIMIT = 500;

let instanceCounter = 0;

/**
 * ContactPad's side of the console bridge: requests to the utility-bar component (open, focus
 * and close console tabs; accept, decline and close Omni-Channel work; set presence) over one
 * Lightning message channel, through Open CTI `publish`/`subscribe`. Each request settles on
 * the bridge's reply or fails `HOST_REQUEST_FAILED`. Malformed or foreign-version messages are
 * ignored with a console warning.
 */
export class ConsoleBridge {
  readonly #host: MessageServiceHost;
  readonly #listener: BridgeListener;
  readonly #channel: string;
  readonly #requestTimeoutMs: number;
  readonly #idPrefix: string;
  readonly #pending = new Map<string, Pending>();
  readonly #workPhases = new Map<string, WorkPhase>();
  #counter = 0;
  #state: ConsoleBridgeState = 'missing';
  #capabilities: readonly BridgeCapability[] = [];
  #tabs: readonly BridgeTab[] = [];
  #works: readonly BridgeWork[] = [];
  #presence: BridgePresence | null = null;
  #subscription: HostSubscription | undefined;
  #helloWaiter: (() => void) | undefined;
  #closed = false;

  private constructor(host: MessageServiceHost, listener: BridgeListener, options: ConsoleBridgeOptions) {
    this.#host = host;
    this.#listener = listener;
    this.#channel = options.channelName ?? BRIDGE_CHANNEL;
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 10000;
    instanceCounter += 1;
    this.#idPrefix = `cp${instanceCounter}-${randomTag()}`;
  }

  /**
   * Subscribes to the bridge channel, publishes `hello` and waits (bounded) for the bridge's
   * hello. Never rejects: without an answer (or without a message service) the bridge resolves
   * in state 'missing' and keeps listening, so a bridge that starts later still connects.
   */
  static async connect(host: MessageServiceHost, listener: BridgeListener, options: ConsoleBridgeOptions = {}): Promise<ConsoleBridge> {
    const bridge = new ConsoleBridge(host, listener, options);
    const helloTimeoutMs = options.helloTimeoutMs ?? 3000;
    try {
      bridge.#subscription = await host.subscribe(bridge.#channel, (raw) => bridge.#receive(raw));
    } catch (error) {
      console.warn(`ContactPad: cannot listen to the console bridge channel ${bridge.#channel}; tab sync and Omni-Channel are off (${messageOf(error)})`);
      return bridge;
    }
    const greeted = new Promise<void>((resolve) => {
      bridge.#helloWaiter = resolve;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, helloTimeoutMs);
    });
    try {
      await host.publish(bridge.#channel, bridgeRequest('hello', bridge.#nextId(), {}));
    } catch (error) {
      console.warn(`ContactPad: cannot publish to the console bridge; tab sync and Omni-Channel are off (${messageOf(error)})`);
    }
    await Promise.race([greeted, timedOut]);
    clearTimeout(timer);
    bridge.#helloWaiter = undefined;
    return bridge;
  }

  /** 'connected' once the bridge said hello; 'missing' otherwise. */
  get state(): ConsoleBridgeState {
    return this.#state;
  }

  /** What the bridge said it can do (empty while missing). */
  get capabilities(): readonly BridgeCapability[] {
    return this.#capabilities;
  }

  /** The console tabs, Omni-Channel works and presence from the bridge's last hello. */
  get snapshot(): { readonly tabs: readonly BridgeTab[]; readonly works: readonly BridgeWork[]; readonly presence: BridgePresence | null } {
    return { tabs: this.#tabs, works: this.#works, presence: this.#presence };
  }

  /** Opens (or, if open, finds) the record's console tab: workspace API `openTab({recordId, focus})`. */
  openRecordTab(recordId: string, focus = true): Promise<BridgeEventOf<'tabOpened'>> {
    return this.#request('openTab', { recordId, focus }) as Promise<BridgeEventOf<'tabOpened'>>;
  }

  /** Workspace API `focusTab({tabId})`. */
  focusTab(tabId: string): Promise<BridgeEventOf<'tabFocused'>> {
    return this.#request('focusTab', { tabId }) as Promise<BridgeEventOf<'tabFocused'>>;
  }

  /** Workspace API `closeTab({tabId})`. */
  closeTab(tabId: string): Promise<BridgeEventOf<'tabClosed'>> {
    return this.#request('closeTab', { tabId }) as Promise<BridgeEventOf<'tabClosed'>>;
  }

  /** Omni-Channel toolkit `acceptAgentWork({workId})`; rejects when the work could not be delivered. */
  acceptWork(workId: string): Promise<BridgeEventOf<'workAccepted'>> {
    return this.#request('acceptWork', { workId }) as Promise<BridgeEventOf<'workAccepted'>>;
  }

  /** Omni-Channel toolkit `declineAgentWork({workId, declineReason})`. */
  declineWork(workId: string, reason: string): Promise<BridgeEventOf<'workDeclined'>> {
    return this.#request('declineWork', { workId, reason }) as Promise<BridgeEventOf<'workDeclined'>>;
  }

  /** Omni-Channel toolkit `closeAgentWork({workId})`. */
  closeWork(workId: string): Promise<BridgeEventOf<'workClosed'>> {
    return this.#request('closeWork', { workId }) as Promise<BridgeEventOf<'workClosed'>>;
  }

  /** Omni-Channel toolkit `setServicePresenceStatus({statusId})`, or `logout()` for null. */
  setPresence(statusId: string | null): Promise<BridgeEventOf<'presenceChanged'>> {
    return this.#request('setPresence', { statusId }) as Promise<BridgeEventOf<'presenceChanged'>>;
  }

  /** Asks the bridge again for its tabs, works and presence (`hello`). */
  sync(): Promise<BridgeEventOf<'hello'>> {
    return this.#request('hello', {}) as Promise<BridgeEventOf<'hello'>>;
  }

  /** Stops listening; pending requests fail HOST_REQUEST_FAILED. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const [id, pending] of this.#pending) {
      clearTimeout(pending.timer);
      pending.reject(bridgeFailed(pending.kind, 'ContactPad stopped listening to the console bridge', id));
    }
    this.#pending.clear();
    const subscription = this.#subscription;
    this.#subscription = undefined;
    if (subscription !== undefined) {
      try {
        await subscription.unsubscribe();
      } catch (error) {
        console.warn(`ContactPad: could not unsubscribe from the console bridge channel (${messageOf(error)})`);
      }
    }
  }

  #nextId(): string {
    this.#counter += 1;
    return `${this.#idPrefix}-${this.#counter}`;
  }

  #request<K extends ContactPadRequestKind>(kind: K, body: ContactPadRequestBodies[K]): Promise<BridgeEvent> {
    if (this.#closed) return Promise.reject(bridgeFailed(kind, 'ContactPad stopped listening to the console bridge'));
    if (this.#state === 'missing') {
      return Promise.reject(bridgeFailed(kind, 'the console bridge is missing (add the ContactPad Console Bridge to the console app\'s utility bar): tab sync and Omni-Channel are off'));
    }
    const id = this.#nextId();
    const message = bridgeRequest(kind, id, body);
    // Check our own request with the same parser the bridge trusts: a bad id never leaves.
    const checked = parseBridgeMessage(message);
    if (!checked.ok) return Promise.reject(bridgeFailed(kind, `refused before sending: ${checked.reason}`, id));
    return new Promise<BridgeEvent>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(bridgeFailed(kind, `the console bridge did not answer within ${this.#requestTimeoutMs} ms`, id));
      }, this.#requestTimeoutMs);
      this.#pending.set(id, { kind, resolve, reject, timer });
      this.#host.publish(this.#channel, checked.message).catch((error: unknown) => {
        const pending = this.#pending.get(id);
        if (pending === undefined) return;
        this.#pending.delete(id);
        clearTimeout(pending.timer);
        reject(bridgeFailed(kind, `could not publish: ${messageOf(error)}`, id));
      });
    });
  }

  #receive(raw: unknown): void {
    if (this.#closed) return;
    const parsed = parseBridgeMessage(raw);
    if (!parsed.ok) {
      console.warn(`ContactPad: ignored a console bridge message: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    // The channel delivers our own requests back to us (and any other softphone's): not for us.
    if (message.source === 'contactpad') return;
    try {
      this.#handle(message);
    } catch (error) {
      console.warn(`ContactPad: a console bridge ${message.kind} event failed in ContactPad: ${messageOf(error)}`);
    }
  }

  #handle(event: BridgeEvent): void {
    const pending = event.replyTo === undefined ? undefined : this.#pending.get(event.replyTo);
    if (event.replyTo !== undefined && pending === undefined && event.kind === 'error') {
      // An error for a request we no longer wait for (timed out, or another softphone's).
      console.warn(`ContactPad: the console bridge reported an error for an unknown request: ${event.body.message}`);
      return;
    }
    if (event.kind === 'hello') this.#greet(event.body);
    const deliver = event.kind !== 'error' && this.#firstTime(event);
    if (pending !== undefined && event.replyTo !== undefined) {
      this.#pending.delete(event.replyTo);
      clearTimeout(pending.timer);
      if (event.kind === 'error') {
        pending.reject(bridgeFailed(pending.kind, event.body.message, event.replyTo));
      } else if (event.kind === 'workDeliveryFailed') {
        pending.reject(bridgeFailed(pending.kind, `the work could not be delivered: ${event.body.reason}`, event.replyTo));
      } else {
        pending.resolve(event);
      }
    }
    if (deliver) this.#listener.event(event);
  }

  /**
   * False for a repeated work event: Omni-Channel may repeat an assignment, and an accept,
   * decline or close ContactPad asked for arrives twice (the reply and the console's own event).
   * Each work is delivered assigned once, accepted once, ended once; an ended work assigned
   * again (routed back) starts over.
   */
  #firstTime(event: BridgeEvent): boolean {
    switch (event.kind) {
      case 'workAssigned':
        return this.#advance(event.body.work.workId, 'assigned');
      case 'workAccepted':
        return this.#advance(event.body.workId, 'accepted');
      case 'workDeclined':
      case 'workClosed':
      case 'workDeliveryFailed':
        return this.#advance(event.body.workId, 'ended');
      default:
        return true;
    }
  }

  #advance(workId: string, phase: WorkPhase): boolean {
    const known = this.#workPhases.get(workId);
    if (phase === 'assigned' ? known === 'assigned' || known === 'accepted' : known === phase) return false;
    this.#workPhases.delete(workId);
    this.#workPhases.set(workId, phase);
    if (this.#workPhases.size > SEEN_WORK_LIMIT) {
      const oldest = this.#workPhases.keys().next().value;
      if (oldest !== undefined) this.#workPhases.delete(oldest);
    }
    return true;
  }

  #greet(body: BridgeEventBodies['hello']): void {
    this.#capabilities = body.capabilities;
    this.#tabs = body.tabs;
    this.#works = body.works;
    this.#presence = body.presence;
    for (const work of body.works) this.#advance(work.workId, work.accepted ? 'accepted' : 'assigned');
    const wasMissing = this.#state === 'missing';
    this.#state = 'connected';
    const waiter = this.#helloWaiter;
    this.#helloWaiter = undefined;
    if (waiter !== undefined) {
      waiter();
    } else if (wasMissing) {
      this.#listener.stateChanged?.('connected');
    }
  }
}

function bridgeFailed(kind: ContactPadRequestKind, reason: string, requestId?: string): ContactPadError {
  const detail: Record<string, string> = { method: `bridge.${kind}` };
  if (requestId !== undefined) detail['requestId'] = requestId;
  return new ContactPadError('HOST_REQUEST_FAILED', `Console bridge ${kind} failed: ${reason}`, { detail });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function randomTag(): string {
  const bytes = new Uint8Array(4);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
