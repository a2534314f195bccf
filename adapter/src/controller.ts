/**
 * The controller: the one orchestrator. Outside events arrive from the rooms (telephony,
 * crm, host), become model transitions, and land in the store; agent intents from the
 * widget become requests to the rooms. No room calls another: they all go through here.
 *
 *   SIP INVITE -> phone.incoming -> offerInteraction -> store (call pop) -> caller lookup
 *   Accept     -> phone.accept   -> connected -> agent Busy -> screen pop
 *   Release    -> phone.release  -> wrap-up (timer) -> Done -> ended -> Task (outbox)
 *
 * Omni-Channel work (chats, emails, cases) arrives through the console bridge:
 *
 *   workAssigned -> capacity check -> Alerting (auto-accept: bridge.acceptWork at once)
 *   workAccepted -> connected -> agent Busy -> the record's console tab opens (bridge.openRecordTab)
 *   Release      -> bridge.closeWork -> wrap-up -> ended -> Task
 *
 * Tab sync: selecting an interaction focuses its record's tab (reopens it when closed);
 * focusing a tab selects its interaction; a closed tab is remembered as closed.
 */
import type { CallEnd, PhoneListener } from './telephony/phone.ts';
import type { BridgeCapability, BridgeEvent, BridgePresence, BridgeTab, BridgeWork } from './host/console-bridge-protocol.ts';
import type { CallOffer } from './telephony/sip-header-contract.ts';
import type { HostListener, NavigationContext } from './host/open-cti-host.ts';
import type { CallerIdentity, CallerMatch } from './crm/caller-identity.ts';
import { UNKNOWN_CALLER } from './crm/caller-identity.ts';
import type { CrmService, WorkRecord } from './crm/crm-service.ts';
import { workItemKind } from './crm/work-item-kind.ts';
import { isTaskLinkTarget, isWhoTarget } from './crm/task-links.ts';
import type { Intent } from './intents.ts';
import type { CallerLookupView, CallerMatchView, ContactPadSnapshot, DirectoryEntry, InteractionAction, InteractionView, Notice, PhoneConnection } from './store.ts';
import { Store } from './store.ts';
import type { Interaction, InteractionState } from './model/interaction.ts';
import { offerInteraction, transitionInteraction, withCustomer, withWorkChannel, withWrapUp, isFinished, isInProgress } from './model/interaction-state.ts';
import type { AgentState, AgentStatusChoice } from './model/agent-state.ts';
import {
  afterReject,
  agentCooldownEnded,
  agentWorkEnded,
  agentWorkStarted,
  agentWrapUpEnded,
  canTransitionAgent,
  chooseAgentStatus,
  initialAgentState,
} from './model/agent-state.ts';
import { capacityFromSettings, requireCapacityFor } from './model/capacity.ts';
import { interactionKind } from './model/capabilities.ts';
import { PresenceSync } from './presence-sync.ts';
import type { ContactPadSettings } from './model/settings.ts';
import { wrapUpDurationMs } from './model/settings.ts';
import { allowedActions } from './model/capabilities.ts';
import { ContactPadError, isContactPadError } from './model/errors.ts';

/** What the controller needs of the telephony room (implemented by telephony/phone.ts). */
export interface PhonePort {
  start(): void;
  stop(): Promise<void>;
  accept(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  release(callId: string): Promise<void>;
  dial(target: string): Promise<string>;
  hold(callId: string): Promise<void>;
  retrieve(callId: string): Promise<void>;
  transfer(callId: string, target: string): Promise<void>;
}

/**
 * What the controller needs of the console bridge (host/console-bridge.ts): console tabs
 * (workspace API) and Omni-Channel work and presence. Each request settles on the bridge's
 * reply; the same events also arrive through {@link Controller.bridgeEvent}.
 */
export interface BridgePort {
  readonly state: 'connected' | 'missing';
  readonly capabilities: readonly BridgeCapability[];
  readonly snapshot: { readonly tabs: readonly BridgeTab[]; readonly works: readonly BridgeWork[]; readonly presence: BridgePresence | null };
  openRecordTab(recordId: string, focus?: boolean): Promise<{ readonly body: { readonly tab: BridgeTab } }>;
  focusTab(tabId: string): Promise<unknown>;
  closeTab(tabId: string): Promise<unknown>;
  acceptWork(workId: string): Promise<unknown>;
  declineWork(workId: string, reason: string): Promise<unknown>;
  closeWork(workId: string): Promise<unknown>;
  setPresence(statusId: string | null): Promise<unknown>;
}

/** What the controller needs of the crm room (crm/crm-service.ts). */
export type CrmPort = Omit<CrmService, 'preload'>;

/** What the controller needs of the host room (implemented by host/open-cti-host.ts). */
export interface HostPort {
  screenPopRecord(recordId: string): Promise<void>;
  screenPopNewRecord(entityName: string, defaultFieldValues: Record<string, string>): Promise<void>;
  screenPopSearch(searchString: string): Promise<void>;
  screenPopFlow(flowDevName: string, flowArgs: readonly { name: string; type: string; value: string }[]): Promise<void>;
  showPanel(): Promise<void>;
  isPanelVisible(): Promise<boolean>;
  enableClickToDial(): Promise<void>;
}

/** Time, passed in so tests can drive it. */
export interface Clock {
  now(): number;
  schedule(fn: () => void, ms: number): () => void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  schedule: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

/** Facts the controller keeps per interaction beside the model value. */
interface InteractionRecord {
  view: InteractionView;
  identity?: CallerIdentity;
  /** The record popped for this interaction (its Task links to it). */
  popped?: { recordId: string; objectType: string };
  /** The last record the agent navigated to while the interaction was live. */
  navigated?: NavigationContext;
  popDone: boolean;
  /** A release that failed: semi-live interactions may then be abandoned (seed 004). */
  releaseFailed: boolean;
  /** The Task links saved with a wrap-up draft, for an interaction restored after a reload. */
  restoredLinks?: { whoId?: string; whatId?: string };
  /** The record the agent picked among several matches (or the one remembered for the number). */
  pickedId?: string;
  cancelWrapUpTimer?: () => void;
  /** An Omni-Channel work item: the AgentWork and the record it routes (MessagingSession, Case, LiveChatTranscript). */
  work?: { readonly workId: string; readonly workItemId: string };
  /** What the work item's record says its Task links to (its Contact or Lead, its Case or Account). */
  workLinks?: { readonly whoId?: string; readonly whatId?: string };
  /** The record whose console tab belongs to this interaction (the work item, or the popped record). */
  tabRecordId?: string;
  /** That record's console tab, while open. */
  tabId?: string;
  /** A consult call: the interaction it is about. */
  consultFor?: string;
  /** A call being transferred: to whom (for the journey). */
  transferTo?: string;
  /** The agent clicked Accept (rather than auto-accept): the new work may take the agent's focus. */
  acceptedByAgent?: boolean;
}

const NOTICE_LIMIT = 5;
/** Finished interactions kept in the list (newest first) for the agent to look back on; older ones are let go. */
export const FINISHED_KEPT = 20;
const DEFAULT_DECLINE_REASON = 'Declined by the agent';
/** A finished lookup that found nothing, for interactions that are not looked up by number (work items, restored wrap ups). */
const NO_CALLER_LOOKUP: CallerLookupView = Object.freeze({ state: 'done', labels: [], matches: [], pick: [], pickedId: undefined, journey: [], cached: false });

/** Wires the rooms together; see the file comment for the flow. */
export class Controller implements PhoneListener, HostListener {
  readonly store: Store;
  readonly #settings: ContactPadSettings;
  readonly #clock: Clock;
  #phone: PhonePort | undefined;
  #crm: CrmPort | undefined;
  #host: HostPort | undefined;
  #bridge: BridgePort | undefined;
  #presenceSync: PresenceSync | undefined;
  readonly #records = new Map<string, InteractionRecord>();
  #nextNoticeId = 1;
  #phoneStarted = false;
  #cancelCooldownTimer: (() => void) | undefined;

  constructor(settings: ContactPadSettings, clock: Clock = realClock) {
    this.#settings = settings;
    this.#clock = clock;
    this.store = new Store(initialSnapshot(settings, clock.now()));
  }

  /** Attach the rooms once they exist (the host and crm may be missing: ContactPad still rings). */
  attach(rooms: { phone: PhonePort; crm?: CrmPort; host?: HostPort }): void {
    this.#phone = rooms.phone;
    this.#crm = rooms.crm;
    this.#host = rooms.host;
    this.#host?.enableClickToDial().catch((error: unknown) => this.notify(error));
  }

  /** Say something to the agent (a stable code and a message). */
  notify(error: unknown): void {
    const { code, message } = describeError(error);
    const notice: Notice = { id: this.#nextNoticeId++, code, message };
    this.store.update((s) => ({ ...s, notices: [...s.notices, notice].slice(-NOTICE_LIMIT) }));
  }

  // ---- intents from the widget -------------------------------------------------------

  /** Carry out what the agent asked for. Never throws: failures become notices. */
  async handle(intent: Intent): Promise<void> {
    try {
      switch (intent.type) {
        case 'set-agent-status':
          return this.#setAgentStatus(intent.choice);
        case 'accept':
          return await this.#accept(intent.interactionId, true);
        case 'reject':
          return await this.#reject(intent.interactionId, intent.reason);
        case 'release':
          return await this.#release(intent.interactionId);
        case 'select':
          return await this.#select(intent.interactionId);
        case 'wrap-up-draft':
          this.#updateInteraction(intent.interactionId, (i) => withWrapUp(i, { disposition: intent.disposition, notes: intent.notes }));
          return this.#saveDraft(intent.interactionId);
        case 'wrap-up-done':
          return this.#finishWrapUp(intent.interactionId, { disposition: intent.disposition, notes: intent.notes }, 'done');
        case 'dial':
          return await this.#dial(intent.number);
        case 'pick-record':
          return await this.#pickRecord(intent.interactionId, intent.recordId);
        case 'open-record':
          return await this.#requireHost().screenPopRecord(intent.recordId);
        case 'extend-wrap-up':
          return this.#extendWrapUp(intent.interactionId);
        case 'hold':
          return await this.#hold(intent.interactionId);
        case 'retrieve':
          return await this.#retrieve(intent.interactionId);
        case 'consult':
          return await this.#consult(intent.interactionId, intent.targetId);
        case 'transfer':
          return await this.#transfer(intent.interactionId, intent.targetId);
        case 'abandon':
          return this.#abandon(intent.interactionId);
        case 'dismiss-notice':
          return this.store.update((s) => ({ ...s, notices: s.notices.filter((n) => n.id !== intent.noticeId) }));
      }
    } catch (error) {
      this.notify(error);
    }
  }

  #setAgentStatus(choice: AgentStatusChoice): void {
    this.store.update((s) => ({ ...s, agent: chooseAgentStatus(s.agent, choice, this.#clock.now()) }));
    const status = this.store.snapshot.agent.status;
    if (status === 'offline' && this.#phoneStarted) {
      this.#phoneStarted = false;
      this.#phone?.stop().catch((error: unknown) => this.notify(error));
      this.store.update((s) => ({ ...s, phone: { state: 'stopped' } }));
    } else if (status !== 'offline' && !this.#phoneStarted && this.#phone) {
      this.#phoneStarted = true;
      this.store.update((s) => ({ ...s, phone: { state: 'connecting' } }));
      this.#phone.start();
    }
  }

  async #accept(id: string, byAgent = true): Promise<void> {
    this.#requireAction(id, 'accept');
    const record = this.#records.get(id)!;
    const work = record.work;
    if (work) {
      record.acceptedByAgent = byAgent;
      await this.#requireBridge().acceptWork(work.workId);
      // The bridge's workAccepted event moves the model (bridgeEvent).
      return;
    }
    await this.#requirePhone().accept(id);
    // The phone reports `connected` when the 200 OK is sent; that moves the model.
  }

  /**
   * Reject a call (486/603), or decline a chat, email or case with the agent's reason. The
   * management setting stateAfterReject applies when the agent rejected, not when ContactPad
   * declined on its own (a record the agent cannot open).
   */
  async #reject(id: string, reason: string | undefined, byAgent = true): Promise<void> {
    this.#requireAction(id, 'reject');
    const work = this.#records.get(id)?.work;
    if (work) {
      // Omni-Channel keeps a decline reason of at most 255 characters (the bridge protocol's limit).
      const why = (reason?.trim() || DEFAULT_DECLINE_REASON).slice(0, 255);
      await this.#requireBridge().declineWork(work.workId, why);
      if (this.#stateOf(id) === 'alerting') this.#moveInteraction(id, 'rejected', { detail: `declined: ${why}` });
    } else {
      await this.#requirePhone().reject(id);
      if (this.#stateOf(id) === 'alerting') this.#moveInteraction(id, 'rejected', { detail: `${this.#settings.rejectStatusCode} sent` });
    }
    if (byAgent) this.#updateAgent((agent, at) => afterReject(agent, at, this.#settings));
  }

  /**
   * Release: a call hangs up (BYE), a work item is closed in Omni-Channel. A release that fails
   * is recorded: a chat may then be abandoned. An abandon while the release is still in flight
   * wins: the late answer of the release changes nothing.
   */
  async #release(id: string): Promise<void> {
    this.#requireAction(id, 'release');
    const record = this.#records.get(id)!;
    try {
      if (record.work) await this.#requireBridge().closeWork(record.work.workId);
      else await this.#requirePhone().release(id);
    } catch (error) {
      if (isInProgress(this.#stateOf(id) ?? 'ended')) {
        record.releaseFailed = true; // semi-live work may now be abandoned (seed 004)
        this.#setView(id, record.view);
      }
      throw error;
    }
    // The phone (or the bridge's workClosed) may already have started wrap up while releasing.
    if (isInProgress(this.#stateOf(id) ?? 'ended')) this.#enterWrapUp(id, 'released');
  }

  /**
   * Abandon (the agent confirmed it in the widget): the interaction ends now and frees its
   * capacity, whatever the far side answers; the close (or hang up) is sent without waiting.
   */
  #abandon(id: string): void {
    this.#requireAction(id, 'abandon');
    const record = this.#records.get(id)!;
    this.#moveInteraction(id, 'abandoned', { detail: 'abandoned by the agent' });
    const quietly = (promise: Promise<unknown>) =>
      promise.catch((error: unknown) => console.warn(`ContactPad: the far side did not confirm an abandon: ${describeError(error).message}`));
    if (record.work) {
      if (this.#bridge) void quietly(this.#bridge.closeWork(record.work.workId));
    } else if (this.#phone) {
      void quietly(this.#phone.release(id));
    }
    this.#logActivity(id);
    this.#workStopped();
  }

  async #hold(id: string): Promise<void> {
    this.#requireAction(id, 'hold');
    await this.#requirePhone().hold(id);
    if (this.#stateOf(id) === 'connected') this.#moveInteraction(id, 'held');
  }

  async #retrieve(id: string): Promise<void> {
    this.#requireAction(id, 'retrieve');
    await this.#requirePhone().retrieve(id);
    if (this.#stateOf(id) === 'held') this.#moveInteraction(id, 'connected');
  }

  /**
   * Consult: a call to the chosen colleague while the interaction stays open (a live call is
   * put on hold first). The consult call is an interaction of its own: releasing one does not
   * release the other.
   */
  async #consult(id: string, targetId: string): Promise<void> {
    this.#requireAction(id, 'consult');
    const target = this.#directoryEntry(targetId);
    if (target.sipUser === '') {
      throw new ContactPadError('TRANSFER_FAILED', `${target.name} has no ContactPad phone to call.`);
    }
    const record = this.#records.get(id)!;
    if (interactionKind(record.view.interaction.channel) === 'live' && record.view.interaction.state === 'connected') {
      await this.#hold(id);
    }
    const callId = await this.#requirePhone().dial(this.#sipAddressOf(target.sipUser));
    const about = record.view.interaction.callerName || record.view.interaction.callerNumber || record.view.interaction.channel;
    const consult = offerInteraction(
      { id: callId, channel: 'voice', direction: 'outbound', callerName: target.name, callerNumber: target.sipUser, queue: `Consult about ${about}` },
      this.#clock.now(),
    );
    this.#addInteraction(consult);
    this.#records.get(callId)!.consultFor = id;
    this.store.update((s) => ({ ...s, selectedId: callId }));
  }

  /**
   * Transfer: an email or case is handed to the chosen agent or service (its Case owner
   * changes, the work is closed) and leaves this agent's list; a call is transferred blind
   * (SIP REFER) to the chosen agent's phone.
   */
  async #transfer(id: string, targetId: string): Promise<void> {
    this.#requireAction(id, 'transfer');
    const target = this.#directoryEntry(targetId);
    const record = this.#records.get(id)!;
    if (record.work) {
      await this.#requireCrm().transferRecord(record.work.workItemId, target.id);
      this.#bridge?.closeWork(record.work.workId).catch((error: unknown) => this.notify(error));
      this.#handedOver(id, target.name);
      return;
    }
    if (target.sipUser === '') throw new ContactPadError('TRANSFER_FAILED', `${target.name} has no ContactPad phone to transfer the call to.`);
    record.transferTo = target.name;
    await this.#requirePhone().transfer(id, this.#sipAddressOf(target.sipUser));
    // The phone reports ended('transferred') once the far end took the REFER.
  }

  /** The interaction left this agent: logged as transferred and taken off the list. */
  #handedOver(id: string, to: string): void {
    if (!isInProgress(this.#stateOf(id) ?? 'ended')) return;
    this.#moveInteraction(id, 'transferred', { detail: `to ${to}` });
    this.#logActivity(id);
    this.#removeInteraction(id);
    this.#workStopped();
  }

  /** Selecting an interaction focuses its record's console tab, reopening it when the agent closed it. */
  async #select(id: string): Promise<void> {
    if (!this.#records.has(id)) throw new ContactPadError('INVALID_TRANSITION', `No interaction ${id}.`);
    this.store.update((s) => (s.selectedId === id ? s : { ...s, selectedId: id }));
    const record = this.#records.get(id)!;
    const bridge = this.#bridge;
    if (!bridge || bridge.state !== 'connected' || !record.tabRecordId || record.view.interaction.state === 'alerting') return;
    if (record.tabId) {
      try {
        await bridge.focusTab(record.tabId);
        return;
      } catch {
        this.#tabGone(record.tabId); // closed meanwhile: open it again
      }
    }
    await this.#openRecordTab(id);
  }

  async #dial(rawNumber: string): Promise<void> {
    const number = rawNumber.trim();
    if (number === '') throw new ContactPadError('INVALID_INPUT', 'Type a number to call.');
    const callId = await this.#requirePhone().dial(number);
    const interaction = offerInteraction(
      { id: callId, channel: 'voice', direction: 'outbound', callerNumber: number },
      this.#clock.now(),
    );
    this.#addInteraction(interaction);
  }

  // ---- telephony events ----------------------------------------------------------------

  connection(state: PhoneConnection): void {
    if (!this.#phoneStarted && state.state !== 'stopped') return;
    this.store.update((s) => ({ ...s, phone: state }));
  }

  incoming(offer: CallOffer): void {
    if (this.#records.has(offer.callId)) return; // a retransmitted or duplicated INVITE
    const interaction = offerInteraction(
      {
        id: offer.callId,
        channel: offer.kind,
        direction: 'inbound',
        callerName: offer.callerName,
        callerNumber: offer.kind === 'callback' && offer.callbackNumber !== '' ? offer.callbackNumber : offer.callerNumber,
        queue: offer.queue,
        location: offer.location,
        adSource: offer.adSource,
      },
      this.#clock.now(),
    );
    const beyondCapacity = this.#beyondCapacity(interaction, `A ${interaction.channel} call from ${interaction.callerName || interaction.callerNumber || 'a withheld number'} was refused`);
    if (beyondCapacity) {
      // The platform offered more calls than the agent's capacity: Busy Here, it tries another agent.
      this.#phone?.reject(offer.callId).catch((error: unknown) => this.notify(error));
      this.notify(beyondCapacity);
      return;
    }
    this.#addInteraction(interaction);
    this.#revealPanel();
    this.#lookUpCaller(interaction);
  }

  connected(callId: string): void {
    const record = this.#records.get(callId);
    if (!record || record.view.interaction.state !== 'alerting') return;
    this.#moveInteraction(callId, 'connected');
    this.#workStarted(callId);
    if (record.view.interaction.direction === 'inbound') void this.#screenPop(callId);
  }

  ended(callId: string, end: CallEnd): void {
    const record = this.#records.get(callId);
    if (!record) return;
    const state = record.view.interaction.state;
    if (state === 'alerting') {
      if (end.reason === 'caller-cancelled') this.#moveInteraction(callId, 'missed', { detail: 'caller hung up while ringing' });
      else if (end.reason === 'rejected') this.#moveInteraction(callId, 'rejected', { detail: `${end.statusCode}` });
      else if (end.reason === 'failed') this.#moveInteraction(callId, 'failed', { detail: end.message });
      else this.#moveInteraction(callId, 'missed', { detail: end.reason });
    } else if (isInProgress(state)) {
      if (end.reason === 'transferred') {
        this.#handedOver(callId, record.transferTo ?? 'another agent');
        return;
      }
      if (end.reason === 'failed') {
        this.notify(new ContactPadError(end.code, end.message));
      }
      this.#enterWrapUp(callId, end.reason === 'released' ? 'released' : 'remote-hangup');
    }
  }

  // ---- console bridge events (tabs, Omni-Channel) -------------------------------------------

  /**
   * The console bridge is there: its tabs are matched to interactions, its works become
   * interactions (accepted ones connected), and presence sync starts with the leading side.
   */
  attachBridge(bridge: BridgePort): void {
    this.#bridge = bridge;
    this.bridgeState(bridge.state);
    const omni = () => bridge.state === 'connected' && bridge.capabilities.includes('omni');
    const sync = new PresenceSync(this.#settings, {
      setPresence: (statusId) => bridge.setPresence(statusId),
      statuses: () => this.#requireCrm().presenceStatuses(),
      choose: (choice) => this.#setAgentStatus(choice),
      notify: (error) => this.notify(error),
    });
    this.#presenceSync = sync;
    let last = this.store.snapshot.agent;
    this.store.subscribe((snapshot) => {
      if (snapshot.agent.status === last.status && snapshot.agent.reason === last.reason) return;
      last = snapshot.agent;
      if (omni()) void sync.agentChanged(snapshot.agent);
    });
    if (bridge.state === 'connected') this.#bridgeHello(bridge.snapshot);
  }

  /** An event from the console bridge (validated by the protocol parser before it gets here). */
  bridgeEvent(event: BridgeEvent): void {
    try {
      switch (event.kind) {
        case 'hello':
          if (this.#bridge) this.#bridgeHello(event.body);
          return;
        case 'tabOpened':
        case 'tabFocused':
          this.#tabShown(event.body.tab, event.kind === 'tabFocused' || event.body.tab.focused);
          return;
        case 'tabClosed':
          this.#tabGone(event.body.tabId);
          return;
        case 'workAssigned':
          this.#workAssigned(event.body.work);
          return;
        case 'workAccepted':
          this.#workAccepted(event.body.workId);
          return;
        case 'workDeclined':
        case 'workClosed':
          this.#workEnded(event.body.workId, event.kind === 'workDeclined' ? 'declined' : 'closed');
          return;
        case 'workDeliveryFailed':
          this.#workDeliveryFailed(event.body.workId, event.body.reason);
          return;
        case 'presenceChanged':
          // ContactPad's own setPresence comes back as a reply: only the console's own changes count.
          if (event.replyTo === undefined && this.#bridge?.capabilities.includes('omni')) void this.#presenceSync?.presenceChanged(event.body);
          return;
        case 'error':
          return;
      }
    } catch (error) {
      this.notify(error);
    }
  }

  #bridgeHello(hello: { readonly tabs: readonly BridgeTab[]; readonly works: readonly BridgeWork[]; readonly presence: BridgePresence | null }): void {
    for (const work of hello.works) this.#workAssigned(work);
    for (const tab of hello.tabs) this.#tabShown(tab, false);
    if (this.#bridge?.capabilities.includes('omni')) void this.#presenceSync?.start(hello.presence, this.store.snapshot.agent);
  }

  #workAssigned(work: BridgeWork): void {
    if (this.#records.has(work.workId)) return; // Omni-Channel repeated the assignment
    const kind = workItemKind(work.workItemId);
    if (!kind) {
      this.#workOfUnknownObject(work);
      return;
    }
    // Shown at once (the agent sees it arrive); the record, read next, says the customer and
    // the channel (a Case that came by email is an email) before capacity and auto-accept apply.
    const interaction = offerInteraction({ id: work.workId, channel: kind.channel, direction: 'inbound' }, this.#clock.now());
    this.#addInteraction(interaction);
    const record = this.#records.get(work.workId)!;
    record.work = { workId: work.workId, workItemId: work.workItemId };
    record.tabRecordId = work.workItemId;
    record.popped = { recordId: work.workItemId, objectType: kind.objectType };
    record.popDone = true;
    this.#setCaller(work.workId, NO_CALLER_LOOKUP);
    if (work.accepted) this.#workAccepted(work.workId);
    this.#offerWork(work.workId).catch((error: unknown) => this.notify(error));
  }

  /**
   * Omni-Channel routed a record ContactPad does not work with (a Lead, an Order, a custom
   * object): it stays in the Omni-Channel widget, and the agent and the log are told which.
   */
  #workOfUnknownObject(work: BridgeWork): void {
    const prefix = work.workItemId.slice(0, 3);
    console.warn(`ContactPad: Omni-Channel work ${work.workId} routes record ${work.workItemId} (key prefix ${prefix}), an object ContactPad does not work with; it is left to the Omni-Channel widget.`);
    this.notify(
      new ContactPadError(
        'WORK_OBJECT_UNKNOWN',
        `Omni-Channel routed record ${work.workItemId} (key prefix ${prefix}), which ContactPad does not handle: accept it in the Omni-Channel widget.`,
        { detail: { workId: work.workId, recordId: work.workItemId, prefix } },
      ),
    );
  }

  /**
   * Offers routed work once its record is read: Omni-Channel accepts it on its own (the
   * agent's presence configuration) -> ContactPad waits for that; beyond capacity -> declined
   * with the reason; ContactPad's autoAcceptWork -> accepted; otherwise it alerts until the
   * agent accepts or declines.
   */
  async #offerWork(id: string): Promise<void> {
    await this.#readWorkRecord(id);
    if (this.#stateOf(id) !== 'alerting') return; // accepted by Omni-Channel meanwhile, declined, or gone
    const omniAccepts = await this.#omniAutoAccept();
    const record = this.#records.get(id);
    if (!record || record.view.interaction.state !== 'alerting') return;
    if (omniAccepts) {
      this.#revealPanel();
      return;
    }
    const { channel, callerName } = record.view.interaction;
    const beyondCapacity = this.#beyondCapacity(record.view.interaction, `A ${channel} from ${callerName || 'a customer'} was declined`);
    if (beyondCapacity) {
      // Work the agent has no room for was never theirs: Omni-Channel gets the reason, the list does not keep it.
      this.notify(beyondCapacity);
      this.#removeInteraction(id);
      await this.#requireBridge().declineWork(record.work!.workId, beyondCapacity.message.slice(0, 255));
    } else if (this.#settings.autoAcceptWork) {
      await this.#accept(id, false);
    } else {
      this.#revealPanel();
    }
  }

  /** Whether Omni-Channel accepts this agent's work on its own; false when the org cannot say. */
  async #omniAutoAccept(): Promise<boolean> {
    try {
      return (await this.#crm?.omniAutoAccept()) === true;
    } catch {
      return false;
    }
  }

  #workAccepted(workId: string): void {
    const record = this.#records.get(workId);
    if (!record || record.view.interaction.state !== 'alerting') return;
    // Work accepted on its own does not pull the agent away from an interaction they are on
    // (talking, typing wrap-up notes): its tab opens in the background and the list keeps its
    // selection. Work the agent accepted, or work arriving to an idle agent, comes to the front.
    const selected = this.#records.get(this.store.snapshot.selectedId ?? '');
    const busyElsewhere = selected !== undefined && selected !== record && (isInProgress(selected.view.interaction.state) || selected.view.interaction.state === 'wrap-up');
    const toFront = record.acceptedByAgent === true || !busyElsewhere;
    this.#moveInteraction(workId, 'connected');
    this.#workStarted(workId, toFront);
    void this.#openRecordTab(workId, toFront);
  }

  /** Omni-Channel ended the work on its side: declined elsewhere, or closed (the chat ended, the case was closed). */
  #workEnded(workId: string, how: 'declined' | 'closed'): void {
    const state = this.#stateOf(workId);
    if (state === 'alerting') this.#moveInteraction(workId, how === 'declined' ? 'rejected' : 'missed', { detail: `work ${how} in Omni-Channel` });
    else if (state !== undefined && isInProgress(state)) this.#enterWrapUp(workId, 'remote-hangup');
  }

  /** The work could not be delivered: the agent is told and it leaves the list (Omni-Channel routes it elsewhere). */
  #workDeliveryFailed(workId: string, reason: string): void {
    const record = this.#records.get(workId);
    if (!record) return;
    const { channel, callerName } = record.view.interaction;
    this.notify(new ContactPadError('WORK_DELIVERY_FAILED', `A ${channel}${callerName ? ` from ${callerName}` : ''} could not be delivered: ${reason}`));
    this.#removeInteraction(workId);
    this.#workStopped();
  }

  /**
   * Reads the record a work item routes: its customer, title and channel name for the list,
   * its channel (email or case), and what its Task links to. Work on a record the agent cannot
   * see is declined (nobody can work it here); when Salesforce cannot answer, the work goes on
   * as its key prefix says.
   */
  async #readWorkRecord(id: string): Promise<void> {
    const record = this.#records.get(id);
    const crm = this.#crm;
    if (!record?.work || !crm) return;
    let found: WorkRecord;
    try {
      found = await crm.workRecord(record.work.workItemId);
    } catch (error) {
      this.notify(error);
      if (isContactPadError(error, 'WORK_RECORD_UNAVAILABLE') && this.#stateOf(id) === 'alerting') {
        await this.#reject(id, 'The record is deleted or not visible to this agent', false).catch((failure: unknown) => this.notify(failure));
      }
      return;
    }
    const current = this.#records.get(id);
    if (!current) return;
    current.workLinks = found.links;
    this.#setView(id, {
      ...current.view,
      interaction: withWorkChannel(withCustomer(current.view.interaction, { name: found.customerName, number: found.customerNumber }), found.channel),
      record: { id: found.recordId, objectType: found.objectType, title: found.title, channelName: found.channelName },
    });
  }

  /** Opens the interaction's record in a console tab (bridge), or pops it through Open CTI when the bridge is missing. */
  async #openRecordTab(id: string, focus = true): Promise<void> {
    const record = this.#records.get(id);
    const recordId = record?.tabRecordId;
    if (!record || !recordId) return;
    try {
      const bridge = this.#bridge;
      if (bridge?.state === 'connected' && bridge.capabilities.includes('tabs')) {
        const opened = await bridge.openRecordTab(recordId, focus);
        this.#tabShown(opened.body.tab, focus);
      } else {
        await this.#requireHost().screenPopRecord(recordId);
      }
    } catch (error) {
      this.notify(error);
    }
  }

  /** A console tab opened or came to the front: linked to the interaction of its record (and selected when focused). */
  #tabShown(tab: BridgeTab, focused: boolean): void {
    if (tab.recordId === '') return;
    const selected = this.store.snapshot.selectedId;
    let selectId: string | undefined;
    for (const [id, record] of this.#records) {
      if (!record.tabRecordId || !sameRecordId(record.tabRecordId, tab.recordId)) continue;
      if (record.tabId !== tab.tabId) {
        record.tabId = tab.tabId;
        this.#setView(id, record.view);
      }
      if (focused && (selectId === undefined || id === selected)) selectId = id;
    }
    if (selectId !== undefined && selectId !== selected) this.store.update((s) => ({ ...s, selectedId: selectId }));
  }

  /** A console tab closed: its interactions remember it (selecting one opens it again). */
  #tabGone(tabId: string): void {
    for (const [id, record] of this.#records) {
      if (record.tabId !== tabId) continue;
      record.tabId = undefined;
      this.#setView(id, record.view);
    }
  }

  // ---- host events ------------------------------------------------------------------------

  clickToDial(request: { number: string; recordId: string; objectType: string; recordName: string }): void {
    void this.handle({ type: 'dial', number: request.number });
  }

  /**
   * The agent opened a record during a call (or its wrap up): the call's Task links to it.
   * Chats, emails and cases keep their own record (the agent moves between their tabs).
   */
  navigation(context: NavigationContext): void {
    for (const record of this.#records.values()) {
      const state = record.view.interaction.state;
      if (!record.work && (isInProgress(state) || state === 'wrap-up')) record.navigated = context;
    }
  }

  // ---- the work itself ---------------------------------------------------------------------

  #addInteraction(interaction: Interaction): void {
    const view: InteractionView = {
      interaction,
      caller: { state: 'pending' },
      log: 'none',
      actions: actionsNow(interaction, false),
    };
    this.#records.set(interaction.id, { view, popDone: false, releaseFailed: false });
    this.store.update((s) => ({
      ...s,
      interactions: [view, ...s.interactions],
      selectedId: s.selectedId ?? interaction.id,
    }));
    this.#letGoOfOldInteractions();
  }

  /** Takes an interaction off the list (delivered elsewhere, transferred). */
  #removeInteraction(id: string): void {
    const record = this.#records.get(id);
    if (!record) return;
    record.cancelWrapUpTimer?.();
    this.#records.delete(id);
    this.store.update((s) => {
      const interactions = s.interactions.filter((v) => v.interaction.id !== id);
      const selectedId = s.selectedId === id ? interactions.find((v) => !isFinished(v.interaction.state))?.interaction.id : s.selectedId;
      return { ...s, interactions, selectedId };
    });
  }

  /**
   * An agent's shift is long: only the newest {@link FINISHED_KEPT} finished interactions stay
   * on the list (their Tasks are in Salesforce), so memory does not grow all day.
   */
  #letGoOfOldInteractions(): void {
    const finished = this.store.snapshot.interactions.filter((v) => isFinished(v.interaction.state) && v.log !== 'saving' && v.log !== 'retrying');
    for (const view of finished.slice(FINISHED_KEPT)) this.#removeInteraction(view.interaction.id);
  }

  #revealPanel(): void {
    const host = this.#host;
    if (!host) return;
    host
      .isPanelVisible()
      .then((visible) => (visible ? undefined : host.showPanel()))
      .catch((error: unknown) => this.notify(error));
  }

  #lookUpCaller(interaction: Interaction): void {
    const crm = this.#crm;
    if (!crm) {
      this.#setCaller(interaction.id, { state: 'failed', code: 'CRM_UNAVAILABLE', message: 'Salesforce lookup is off.' });
      return;
    }
    crm.lookUpCaller(interaction.callerNumber).then(
      (identity) => {
        const record = this.#records.get(interaction.id);
        if (!record) return;
        record.identity = identity;
        record.pickedId ??= identity.rememberedId;
        this.#setCaller(interaction.id, callerView(identity, record.pickedId));
        if (record.view.interaction.state === 'connected') void this.#screenPop(interaction.id);
      },
      (error: unknown) => {
        const { code, message } = describeError(error);
        this.#setCaller(interaction.id, { state: 'failed', code, message: `Caller lookup failed: ${message}` });
        // Nothing pops: a failed lookup says nothing about who is calling (a "new Lead"
        // form for a known customer would be wrong). The agent sees why on the call pop.
        const record = this.#records.get(interaction.id);
        if (record) record.popDone = true;
      },
    );
  }

  /** Pops the caller's record once the call is answered and the lookup has an answer. */
  async #screenPop(id: string): Promise<void> {
    const record = this.#records.get(id);
    const crm = this.#crm;
    const host = this.#host;
    if (!record || record.popDone || !host || !crm) return;
    if (record.view.caller.state === 'pending') return; // the lookup will call again
    record.popDone = true;
    const identity: CallerIdentity = record.identity ?? UNKNOWN_CALLER;
    const decision = crm.decideScreenPop(identity, record.view.interaction.callerNumber, record.pickedId);
    try {
      switch (decision.kind) {
        case 'record':
          record.popped = { recordId: decision.recordId, objectType: decision.objectType };
          record.tabRecordId = decision.recordId;
          await host.screenPopRecord(decision.recordId);
          break;
        case 'new-record':
          await host.screenPopNewRecord(decision.entityName, { ...decision.defaultFieldValues });
          break;
        case 'search':
          await host.screenPopSearch(decision.searchText);
          break;
        case 'flow':
          await host.screenPopFlow(decision.flowDevName, decision.flowArgs);
          break;
        case 'none':
          break;
      }
    } catch (error) {
      this.notify(error);
    }
  }

  /**
   * The agent says which of several matching records is the caller: remembered for the
   * number; once the call is answered it pops at once (the console showed a search until then)
   * and the Task links to it.
   */
  async #pickRecord(id: string, recordId: string): Promise<void> {
    const record = this.#records.get(id);
    const identity = record?.identity;
    const match = identity?.matches.find((m) => m.id === recordId);
    if (!record || !identity || !match) {
      throw new ContactPadError('INVALID_TRANSITION', 'That record is not among the matches for this call.');
    }
    record.pickedId = recordId;
    this.#setCaller(id, callerView(identity, recordId));
    const number = record.view.interaction.callerNumber;
    this.#crm?.rememberChoice(number, recordId).catch((error: unknown) => this.notify(error));
    const state = record.view.interaction.state;
    if ((state === 'connected' || state === 'wrap-up') && record.popDone && record.popped?.recordId !== recordId) {
      record.popped = { recordId, objectType: match.objectType };
      record.tabRecordId = recordId;
      await this.#host?.screenPopRecord(recordId);
      this.#saveDraft(id);
    }
  }

  #enterWrapUp(id: string, how: 'released' | 'remote-hangup'): void {
    this.#moveInteraction(id, 'wrap-up', { kind: how });
    if (this.#records.get(id)?.consultFor !== undefined) {
      // A consult call is internal: no wrap up of its own (the interaction it was about has one).
      this.#finishWrapUp(id, {}, 'consult');
      return;
    }
    this.#startWrapUpTimer(id);
    this.#saveDraft(id);
  }

  /** More time to wrap up: the timer moves on by the configured extension. */
  #extendWrapUp(id: string): void {
    const record = this.#records.get(id);
    const endsAt = record?.view.wrapUpEndsAt;
    if (!record || record.view.interaction.state !== 'wrap-up' || endsAt === undefined) {
      throw new ContactPadError('INVALID_TRANSITION', 'Only a timed wrap up can be extended.');
    }
    const newEnd = Math.max(endsAt, this.#clock.now()) + this.#settings.wrapUpExtendSeconds * 1000;
    record.cancelWrapUpTimer?.();
    record.cancelWrapUpTimer = this.#clock.schedule(() => this.#wrapUpTimeRanOut(id), Math.max(0, newEnd - this.#clock.now()));
    this.#setView(id, { ...record.view, wrapUpEndsAt: newEnd });
    this.store.update((s) => (s.agent.status === 'wrap-up' ? { ...s, agent: { ...s.agent, wrapUpEndsAt: newEnd } } : s));
  }

  #startWrapUpTimer(id: string): void {
    const wrapUpMs = wrapUpDurationMs(this.#settings);
    const at = this.#clock.now();
    const record = this.#records.get(id);
    if (record && Number.isFinite(wrapUpMs)) {
      record.cancelWrapUpTimer = this.#clock.schedule(() => this.#wrapUpTimeRanOut(id), wrapUpMs);
      this.#setView(id, { ...record.view, wrapUpEndsAt: at + wrapUpMs });
    }
    if (!this.#hasWorkInProgress()) {
      this.#updateAgent((agent) => {
        // A wrap up restored after a reload finds the agent Ready or Not Ready: the work
        // resumes (Busy) and ends again (Wrap Up), so the agent is not offered new calls meanwhile.
        const working = agent.status === 'ready' || agent.status === 'not-ready' ? agentWorkStarted(agent, at) : agent;
        return working.status === 'busy' ? agentWorkEnded(working, at, wrapUpMs, this.#cooldownAfter(id)) : working;
      });
    }
  }

  #wrapUpTimeRanOut(id: string): void {
    try {
      this.#finishWrapUp(id, {}, 'timer');
    } catch (error) {
      this.notify(error);
    }
  }

  /**
   * Wrap up ends: Done, the timer, or at once for a consult call. With requireDisposition on,
   * it does not end without a disposition: Done is refused, and a timer that runs out leaves
   * the interaction in wrap up (no timer left) until the agent chooses one.
   */
  #finishWrapUp(id: string, result: { disposition?: string; notes?: string }, by: 'done' | 'timer' | 'consult'): void {
    const record = this.#records.get(id);
    if (!record || record.view.interaction.state !== 'wrap-up') return;
    const disposition = (result.disposition ?? record.view.interaction.disposition).trim();
    if (this.#settings.requireDisposition && by !== 'consult' && disposition === '') {
      if (by === 'timer') {
        record.cancelWrapUpTimer = undefined;
        const { wrapUpEndsAt: _due, ...view } = record.view;
        this.#setView(id, view);
      }
      throw new ContactPadError('DISPOSITION_REQUIRED', 'Choose a disposition to finish wrap up.');
    }
    record.cancelWrapUpTimer?.();
    record.cancelWrapUpTimer = undefined;
    this.#updateInteraction(id, (i) => withWrapUp(i, result));
    this.#moveInteraction(id, 'ended');
    const { wrapUpEndsAt: _ended, ...view } = this.#records.get(id)!.view;
    this.#setView(id, view);
    this.#logActivity(id);
    if (this.#settings.closeTabAfterWrapUp && record.tabId && this.#bridge) {
      this.#bridge.closeTab(record.tabId).catch((error: unknown) => this.notify(error));
    }
    const stillWrapping = [...this.#records.values()].some((r) => r.view.interaction.state === 'wrap-up');
    if (!stillWrapping && !this.#hasWorkInProgress() && this.store.snapshot.agent.status === 'wrap-up') {
      this.#updateAgent((agent, at) => agentWrapUpEnded(agent, at, this.#cooldownAfter(id)));
    }
  }

  #logActivity(id: string): void {
    const record = this.#records.get(id);
    const crm = this.#crm;
    if (!record || !crm) return;
    crm.logInteraction(record.view.interaction, taskLinks(record), this.#clock.now()).catch((error: unknown) => this.notify(error));
  }

  /** Keeps the interaction in wrap up (and its draft) durable, so a reload loses nothing. */
  #saveDraft(id: string): void {
    const record = this.#records.get(id);
    if (!record || record.view.interaction.state !== 'wrap-up' || !this.#crm) return;
    this.#crm.saveWrapUpDraft(record.view.interaction, taskLinks(record)).catch((error: unknown) => this.notify(error));
  }

  /**
   * After a reload: the interactions that were in wrap up come back in wrap up, with their
   * disposition and notes, and a fresh wrap-up timer; Done (or the timer) logs them.
   */
  async restoreWrapUps(): Promise<void> {
    if (!this.#crm) return;
    for (const draft of await this.#crm.wrapUpDrafts()) {
      const interaction = draft.interaction;
      if (this.#records.has(interaction.id) || interaction.state !== 'wrap-up') continue;
      this.#addInteraction(interaction);
      const record = this.#records.get(interaction.id)!;
      record.popDone = true;
      record.restoredLinks = draft.links;
      this.#setCaller(interaction.id, NO_CALLER_LOOKUP);
      this.#startWrapUpTimer(interaction.id);
    }
  }

  /** Whether the console bridge (tab sync, Omni-Channel) answered; the widget says when it is off. */
  bridgeState(state: 'connected' | 'missing'): void {
    if (this.store.snapshot.bridge === state) return;
    this.store.update((s) => ({ ...s, bridge: state }));
    // Whether a record tab is known open depends on tab sync being there.
    for (const [id, record] of this.#records) this.#setView(id, record.view);
  }

  /** The outbox reports each Task write's progress here. */
  activityState(interactionId: string, state: 'saving' | 'saved' | 'retrying'): void {
    const record = this.#records.get(interactionId);
    if (record) this.#setView(interactionId, { ...record.view, log: state });
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Loads the agents and services for consult and transfer (after the crm room loaded). */
  async loadDirectory(): Promise<void> {
    const directory = await this.#requireCrm().directory();
    this.store.update((s) => ({ ...s, directory }));
  }

  /** A colleague's phone: their SIP user on this call center's SIP domain (or the full address the admin typed). */
  #sipAddressOf(sipUser: string): string {
    return sipUser.includes('@') ? `sip:${sipUser.replace(/^sips?:/i, '')}` : `sip:${sipUser}@${this.#settings.sipDomain}`;
  }

  #directoryEntry(targetId: string): DirectoryEntry {
    const entry = this.store.snapshot.directory.find((candidate) => candidate.id === targetId);
    if (!entry) throw new ContactPadError('TRANSFER_FAILED', 'That agent or service is not in the directory (any more).');
    return entry;
  }

  /** An interaction in progress (connected or held) keeps the agent Busy. */
  #hasWorkInProgress(): boolean {
    return [...this.#records.values()].some((r) => isInProgress(r.view.interaction.state));
  }

  /** An interaction became live: the agent is Busy (an Offline or Inactive agent who took work stays as they are); selected when `select`. */
  #workStarted(id: string, select = true): void {
    this.#updateAgent((agent, at) => (agent.status === 'busy' || canTransitionAgent(agent.status, 'busy') ? agentWorkStarted(agent, at) : agent));
    if (select) this.store.update((s) => ({ ...s, selectedId: id }));
  }

  /** An interaction ended without wrap up (abandoned, transferred, not delivered): with nothing else in progress the agent is free. */
  #workStopped(): void {
    if (this.#hasWorkInProgress()) return;
    const wrapping = [...this.#records.values()].some((r) => r.view.interaction.state === 'wrap-up');
    this.#updateAgent((agent, at) => (agent.status === 'busy' ? agentWorkEnded(agent, at, wrapping ? wrapUpDurationMs(this.#settings) : 0) : agent));
  }

  /** The cooldown that follows this interaction: after a callback, when the settings say so. */
  #cooldownAfter(id: string): number {
    const channel = this.#records.get(id)?.view.interaction.channel;
    return channel === 'callback' && this.#settings.cooldownAfterCallback ? this.#settings.cooldownSeconds * 1000 : 0;
  }

  /** Changes the agent state through the model and keeps the cooldown timer in step. */
  #updateAgent(change: (agent: AgentState, at: number) => AgentState): void {
    const at = this.#clock.now();
    this.store.update((s) => {
      const agent = change(s.agent, at);
      return agent === s.agent ? s : { ...s, agent };
    });
    const agent = this.store.snapshot.agent;
    this.#cancelCooldownTimer?.();
    this.#cancelCooldownTimer = undefined;
    if (agent.status === 'cooldown' && agent.cooldownEndsAt !== undefined) {
      this.#cancelCooldownTimer = this.#clock.schedule(() => {
        if (this.store.snapshot.agent.status === 'cooldown') this.#updateAgent((current, now) => agentCooldownEnded(current, now));
      }, Math.max(0, agent.cooldownEndsAt - at));
    }
  }

  /** CAPACITY_EXCEEDED saying `what` happened and why, when one more interaction of its kind does not fit; undefined when it fits. */
  #beyondCapacity(interaction: Interaction, what: string): ContactPadError | undefined {
    // The others the agent holds: the interaction itself may already be on the list (routed work is shown while its record is read).
    const interactions = [...this.#records.values()].map((r) => r.view.interaction).filter((other) => other.id !== interaction.id);
    try {
      requireCapacityFor(capacityFromSettings(this.#settings), interactions, interaction.channel);
      return undefined;
    } catch (error) {
      return new ContactPadError('CAPACITY_EXCEEDED', `${what}: ${describeError(error).message}.`);
    }
  }

  #stateOf(id: string): InteractionState | undefined {
    return this.#records.get(id)?.view.interaction.state;
  }

  /** Refuses an action the capability table does not offer for the interaction now. */
  #requireAction(id: string, action: InteractionAction): void {
    const record = this.#records.get(id);
    if (!record) throw new ContactPadError('INVALID_TRANSITION', `This interaction is gone; ${action} is not possible.`);
    if (!record.view.actions.includes(action)) {
      throw new ContactPadError('INVALID_TRANSITION', `${action} is not offered for this ${record.view.interaction.channel} while it is ${record.view.interaction.state}.`);
    }
  }

  #requireBridge(): BridgePort {
    if (!this.#bridge || this.#bridge.state !== 'connected') {
      throw new ContactPadError('CONSOLE_BRIDGE_MISSING', 'Tab sync and Omni-Channel are off: the ContactPad Console Bridge is not in this console.');
    }
    return this.#bridge;
  }

  #requireCrm(): CrmPort {
    if (!this.#crm) throw new ContactPadError('CRM_UNAVAILABLE', 'Salesforce is not connected.');
    return this.#crm;
  }

  #requireHost(): HostPort {
    if (!this.#host) throw new ContactPadError('HOST_UNAVAILABLE', 'The Salesforce console is not connected.');
    return this.#host;
  }

  #requirePhone(): PhonePort {
    if (!this.#phone) throw new ContactPadError('SIP_SERVER_UNREACHABLE', 'The phone is not started.');
    return this.#phone;
  }

  #moveInteraction(id: string, to: InteractionState, how?: Parameters<typeof transitionInteraction>[3]): void {
    this.#updateInteraction(id, (i) => transitionInteraction(i, to, this.#clock.now(), how));
    const record = this.#records.get(id);
    if (record && isFinished(to) && to !== 'ended') record.cancelWrapUpTimer?.();
  }

  #updateInteraction(id: string, change: (interaction: Interaction) => Interaction): void {
    const record = this.#records.get(id);
    if (!record) throw new ContactPadError('INVALID_TRANSITION', `No interaction ${id}.`);
    this.#setView(id, { ...record.view, interaction: change(record.view.interaction) });
  }

  #setCaller(id: string, caller: CallerLookupView): void {
    const record = this.#records.get(id);
    if (record) this.#setView(id, { ...record.view, caller });
  }

  #setView(id: string, next: InteractionView): void {
    const record = this.#records.get(id);
    if (!record) return;
    // The actions always follow the capability table for the interaction's kind and state.
    const { recordTabOpen: _before, ...rest } = next;
    const tabSynced = record.tabRecordId !== undefined && this.#bridge?.state === 'connected';
    const view: InteractionView = {
      ...rest,
      actions: actionsNow(next.interaction, record.releaseFailed),
      ...(tabSynced ? { recordTabOpen: record.tabId !== undefined } : {}),
    };
    record.view = view;
    this.store.update((s) => ({
      ...s,
      interactions: s.interactions.map((v) => (v.interaction.id === id ? view : v)),
    }));
  }
}

/**
 * The actions this build carries out; the capability table (model/capabilities.ts) says what
 * each kind allows, and the widget shows only what is both allowed and carried out, so no
 * button is ever offered that does nothing. Hold, consult, transfer and abandon join as the
 * telephony and console-bridge work for them lands (issue 4).
 */
const CARRIED_OUT: ReadonlySet<InteractionAction> = new Set<InteractionAction>([
  'accept',
  'reject',
  'release',
  'hold',
  'retrieve',
  'consult',
  'transfer',
  'abandon',
  'extend-wrap-up',
]);

function actionsNow(interaction: Interaction, releaseFailed: boolean): readonly InteractionAction[] {
  return allowedActions(interaction, { releaseFailed }).filter((action) => CARRIED_OUT.has(action));
}

/** The lookup as the widget shows it: every match with its rule and field, the picker, the journey. */
function callerView(identity: CallerIdentity, pickedId: string | undefined): CallerLookupView {
  const view = (m: CallerMatch): CallerMatchView => ({
    id: m.id,
    objectType: m.objectType,
    name: m.name,
    label: m.label,
    rule: m.rule.label,
    matchedField: m.matchedField,
  });
  return {
    state: 'done',
    labels: identity.labels,
    matches: identity.matches.map(view),
    pick: identity.winners.length > 1 ? identity.winners.map(view) : [],
    pickedId,
    journey: identity.journey,
    cached: identity.cached,
  };
}

/**
 * What the Task links to. A call: the record navigated to during the call, else the popped
 * (or picked) one. Chats, emails and cases: what their record names (the Contact or Lead, the
 * Case or Account), and the work item itself in ContactPad_Work_Item_Id__c, since a Task can
 * point neither at a Messaging Session nor at a Chat Transcript (crm/task-links.ts).
 */
function taskLinks(record: InteractionRecord): { whoId?: string; whatId?: string; workItemId?: string } {
  if (record.work) {
    const links = record.workLinks ?? record.restoredLinks ?? {};
    return { ...links, workItemId: record.work.workItemId };
  }
  // Only records a Task can link to: a navigation to, say, a User or a report is ignored.
  const navigated = isTaskLinkTarget(record.navigated?.recordId) ? record.navigated : undefined;
  if (!navigated && record.restoredLinks) return record.restoredLinks;
  const target = navigated?.recordId ?? record.popped?.recordId;
  if (!isTaskLinkTarget(target)) return {};
  const isWho = isWhoTarget(target);
  const links: { whoId?: string; whatId?: string } = isWho ? { whoId: target } : { whatId: target };
  const accountId = navigated ? navigated.accountId : record.identity?.matches.find((m) => m.id === target)?.accountId;
  if (isWho && accountId) links.whatId = accountId;
  return links;
}

/** Two Salesforce ids of the same record (15- and 18-character forms compare equal). */
function sameRecordId(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}

function describeError(error: unknown): { code: string; message: string } {
  if (isContactPadError(error)) return { code: error.code, message: error.message };
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}

function initialSnapshot(settings: ContactPadSettings, at: number): ContactPadSnapshot {
  return {
    agent: initialAgentState(at),
    notReadyReasons: settings.notReadyReasons,
    dispositions: settings.dispositions,
    declineReasons: settings.declineReasons,
    phone: { state: 'stopped' },
    interactions: [],
    selectedId: undefined,
    notices: [],
    directory: [],
    bridge: 'looking',
  };
}
