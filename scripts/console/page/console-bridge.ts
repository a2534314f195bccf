/**
 * The local console's console bridge: the stand-in for force-app's utility-bar bridge
 * component. It speaks the console bridge protocol (adapter/src/host/console-bridge-protocol.ts,
 * imported, never copied) over the Lightning message channel that Open CTI publish/subscribe
 * carries: ContactPad's requests arrive through the fake Open CTI's publish, the bridge's
 * replies and events go back on the same channel. It acts on the console workspace (record
 * tabs: the workspace API), the Omni-Channel work items and the presence (the Omni-Channel
 * toolkit), and reports what the agent or Omni-Channel did on their own. No DOM here.
 */
import {
  BRIDGE_CHANNEL,
  bridgeEvent,
  LIMITS,
  parseBridgeMessage,
  type BridgeEvent,
  type BridgeEventBodies,
  type BridgeEventKind,
  type BridgePresence,
  type BridgeTab,
  type BridgeWork,
  type ContactPadRequest,
} from '../../../adapter/src/host/console-bridge-protocol.ts';
import type { ConsoleTab, ConsoleWorkspace, WorkspaceTabEvent } from './console-workspace.ts';
import { OmniPresence, type OmniPresenceStatus, type PresenceChangeSource } from './omni-presence.ts';
import type { OmniChannelKind, OmniWorkItem, OmniWorkItems } from './omni-work-items.ts';

/** A message the bridge did not act on, and why. */
export interface IgnoredBridgeMessage {
  readonly reason: string;
  readonly message: unknown;
}

/** What the bridge sends with: publishes one message on the channel; false when nobody listens. */
export type BridgePublish = (channelName: string, message: BridgeEvent) => boolean;

/** The reason a 'Cannot deliver' failure carries. */
export const DELIVERY_FAILED_REASON = 'The Omni-Channel widget could not deliver the work item; Omni-Channel routes it to another agent.';

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > LIMITS.errorMessage ? `${text.slice(0, LIMITS.errorMessage - 3)}...` : text;
}

function cut(text: string): string {
  return text.length > LIMITS.text ? text.slice(0, LIMITS.text) : text;
}

/** A copy of an arbitrary message safe to keep in a log (structured-cloneable, or a note). */
function keepable(message: unknown): unknown {
  try {
    return structuredClone(message);
  } catch {
    return '(not cloneable)';
  }
}

/** The console bridge of the local console. */
export class LocalConsoleBridge {
  readonly #workspace: ConsoleWorkspace;
  readonly #work: OmniWorkItems;
  readonly #presence: OmniPresence;
  readonly #publish: BridgePublish;
  readonly #requests: ContactPadRequest[] = [];
  readonly #events: BridgeEvent[] = [];
  readonly #ignored: IgnoredBridgeMessage[] = [];
  /** Requests are answered one after another, in the order they arrived. */
  #queue: Promise<void> = Promise.resolve();
  #serial = 0;

  constructor(options: { workspace: ConsoleWorkspace; work: OmniWorkItems; presence: OmniPresence; publish: BridgePublish }) {
    this.#workspace = options.workspace;
    this.#work = options.work;
    this.#presence = options.presence;
    this.#publish = options.publish;
    this.#workspace.onTabEvent((event) => this.#onTabEvent(event));
    this.#presence.onChange((status, source) => this.#onPresence(status, source));
  }

  /** The channel it listens and answers on. */
  get channelName(): string {
    return BRIDGE_CHANNEL;
  }

  /** Every request ContactPad made, in order (validated copies). */
  get requests(): readonly ContactPadRequest[] {
    return [...this.#requests];
  }

  /** Every message the bridge published, in order. */
  get events(): readonly BridgeEvent[] {
    return [...this.#events];
  }

  /** Messages on the channel it did not act on, with the reason. */
  get ignored(): readonly IgnoredBridgeMessage[] {
    return [...this.#ignored];
  }

  /** Announces the bridge (an unasked hello), as the component does when it loads. */
  start(): void {
    this.#send('hello', this.#snapshot());
  }

  /** A message published on a channel: acts on ContactPad's requests on the bridge channel. */
  receive(channelName: string, raw: unknown): void {
    if (channelName !== BRIDGE_CHANNEL) return;
    const parsed = parseBridgeMessage(raw);
    if (!parsed.ok) return this.#ignore(parsed.reason, raw);
    const message = parsed.message;
    if (message.source !== 'contactpad') return this.#ignore(`a ${message.kind} event from another bridge, not a request`, raw);
    this.#requests.push(message);
    this.#queue = this.#queue.then(() => this.#answer(message));
  }

  /** Routes Omni-Channel work to the agent: workAssigned, then workAccepted with auto-accept. */
  route(work: { workItemId: string; channel: OmniChannelKind; customerName: string; isAutoAccept: boolean }): OmniWorkItem {
    const item = this.#work.route({ ...work, customerName: cut(work.customerName) });
    this.#send('workAssigned', { work: { ...this.#bridgeWork(item), accepted: false } });
    if (item.isAutoAccept) this.#send('workAccepted', { workId: item.workId, workItemId: item.workItemId });
    return item;
  }

  /** 'Cannot deliver': an Assigned item fails delivery (workDeliveryFailed). */
  cannotDeliver(workId: string): OmniWorkItem {
    const item = this.#work.failDelivery(workId);
    this.#send('workDeliveryFailed', { workId: item.workId, reason: DELIVERY_FAILED_REASON });
    return item;
  }

  /** A presence status as the protocol carries it (statusId null: logged out, Offline). */
  presenceOf(status: OmniPresenceStatus): BridgePresence {
    return { statusId: status.id, statusName: status.label };
  }

  async #answer(request: ContactPadRequest): Promise<void> {
    try {
      await this.#handle(request);
    } catch (error) {
      this.#send('error', { message: messageOf(error) }, request.id);
    }
  }

  async #handle(request: ContactPadRequest): Promise<void> {
    const replyTo = request.id;
    switch (request.kind) {
      case 'hello':
        this.#send('hello', this.#snapshot(), replyTo);
        return;
      case 'openTab':
        this.#send('tabOpened', { tab: await this.#openTab(request.body.recordId, request.body.focus) }, replyTo);
        return;
      case 'focusTab': {
        const tab = this.#tab(request.body.tabId);
        this.#workspace.focusTab(tab.key, { byBridge: true });
        this.#send('tabFocused', { tab: this.#bridgeTab(tab) }, replyTo);
        return;
      }
      case 'closeTab': {
        const tab = this.#tab(request.body.tabId);
        if (tab.kind === 'tasks') throw new Error('The Tasks home tab cannot be closed.');
        this.#workspace.closeTab(tab.key, { byBridge: true });
        this.#send('tabClosed', { tabId: tab.key, recordId: tab.kind === 'record' ? tab.recordId : '' }, replyTo);
        return;
      }
      case 'acceptWork': {
        const item = this.#work.accept(request.body.workId);
        this.#send('workAccepted', { workId: item.workId, workItemId: item.workItemId }, replyTo);
        return;
      }
      case 'declineWork': {
        const item = this.#work.decline(request.body.workId, request.body.reason);
        this.#send('workDeclined', { workId: item.workId, workItemId: item.workItemId }, replyTo);
        return;
      }
      case 'closeWork': {
        const item = this.#work.close(request.body.workId);
        this.#send('workClosed', { workId: item.workId, workItemId: item.workItemId }, replyTo);
        return;
      }
      case 'setPresence': {
        const status = OmniPresence.byId(request.body.statusId);
        if (!status) throw new Error(`Omni-Channel has no presence status ${String(request.body.statusId)}.`);
        this.#presence.set(status, 'contactpad');
        this.#send('presenceChanged', this.presenceOf(status), replyTo);
        return;
      }
    }
  }

  /** Opens (or focuses) the record's tab; a tab left showing an error is closed again. */
  async #openTab(recordId: string, focus: boolean): Promise<BridgeTab> {
    const sameRecord = (tab: ConsoleTab) => tab.kind === 'record' && tab.recordId.slice(0, 15) === recordId.slice(0, 15);
    const before = this.#workspace.tabs.find(sameRecord);
    try {
      return this.#bridgeTab(await this.#workspace.openRecord(recordId, { focus, byBridge: true }));
    } catch (error) {
      const left = this.#workspace.tabs.find(sameRecord);
      if (left && left !== before) this.#workspace.closeTab(left.key, { byBridge: true });
      throw error;
    }
  }

  #tab(tabId: string): ConsoleTab {
    const tab = this.#workspace.tabByKey(tabId);
    if (!tab) throw new Error(`No console tab ${tabId} is open.`);
    return tab;
  }

  #onTabEvent(event: WorkspaceTabEvent): void {
    if (event.byBridge) return; // answered by the request's reply
    const { tab } = event;
    if (event.type === 'opened') this.#send('tabOpened', { tab: this.#bridgeTab(tab) });
    else if (event.type === 'focused') this.#send('tabFocused', { tab: this.#bridgeTab(tab) });
    else this.#send('tabClosed', { tabId: tab.key, recordId: tab.kind === 'record' ? tab.recordId : '' });
  }

  #onPresence(status: OmniPresenceStatus, source: PresenceChangeSource): void {
    if (source === 'user') this.#send('presenceChanged', this.presenceOf(status));
  }

  #bridgeTab(tab: ConsoleTab): BridgeTab {
    return {
      tabId: tab.key,
      recordId: tab.kind === 'record' ? tab.recordId : '',
      objectType: tab.kind === 'record' ? tab.objectType : '',
      title: cut(tab.title),
      focused: this.#workspace.activeTab === tab,
    };
  }

  #bridgeWork(item: OmniWorkItem): BridgeWork {
    return { workId: item.workId, workItemId: item.workItemId, accepted: item.state === 'accepted' };
  }

  #snapshot(): BridgeEventBodies['hello'] {
    return {
      capabilities: ['tabs', 'omni'],
      tabs: this.#workspace.tabs.map((tab) => this.#bridgeTab(tab)),
      works: this.#work.items.filter((item) => item.state === 'assigned' || item.state === 'accepted').map((item) => this.#bridgeWork(item)),
      presence: this.presenceOf(this.#presence.current),
    };
  }

  #send<K extends BridgeEventKind>(kind: K, body: BridgeEventBodies[K], replyTo?: string): void {
    const event = Object.freeze(bridgeEvent(kind, `console-bridge-${++this.#serial}`, body, replyTo));
    this.#events.push(event);
    this.#publish(BRIDGE_CHANNEL, event);
  }

  #ignore(reason: string, raw: unknown): void {
    this.#ignored.push(Object.freeze({ reason, message: keepable(raw) }));
    console.warn(`Console bridge: ignored a message on ${BRIDGE_CHANNEL}: ${reason}`);
  }
}
