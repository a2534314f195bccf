/**
 * The controller: the one orchestrator. Outside events arrive from the rooms (telephony,
 * crm, host), become model transitions, and land in the store; agent intents from the
 * widget become requests to the rooms. No room calls another: they all go through here.
 *
 *   SIP INVITE -> phone.incoming -> offerInteraction -> store (call pop) -> caller lookup
 *   Accept     -> phone.accept   -> connected -> agent Busy -> screen pop
 *   Release    -> phone.release  -> wrap-up (timer) -> Done -> ended -> Task (outbox)
 */
import type { CallEnd, PhoneListener } from './telephony/phone.ts';
import type { CallOffer } from './telephony/sip-header-contract.ts';
import type { HostListener, NavigationContext } from './host/open-cti-host.ts';
import type { CallerIdentity, CallerMatch } from './crm/caller-identity.ts';
import { UNKNOWN_CALLER } from './crm/caller-identity.ts';
import type { CrmService } from './crm/crm-service.ts';
import type { Intent } from './intents.ts';
import type { CallerLookupView, CallerMatchView, ContactPadSnapshot, InteractionAction, InteractionView, Notice, PhoneConnection } from './store.ts';
import { Store } from './store.ts';
import type { Interaction, InteractionState } from './model/interaction.ts';
import { offerInteraction, transitionInteraction, withWrapUp, isFinished } from './model/interaction-state.ts';
import type { AgentStatusChoice } from './model/agent-state.ts';
import {
  agentWorkEnded,
  agentWorkStarted,
  agentWrapUpEnded,
  chooseAgentStatus,
  initialAgentState,
} from './model/agent-state.ts';
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
}

const WHO_PREFIXES = ['00Q', '003'] as const; // Lead, Contact
const WHAT_PREFIXES = ['001', '500', '006'] as const; // Account, Case, Opportunity
const NOTICE_LIMIT = 5;

/** Wires the rooms together; see the file comment for the flow. */
export class Controller implements PhoneListener, HostListener {
  readonly store: Store;
  readonly #settings: ContactPadSettings;
  readonly #clock: Clock;
  #phone: PhonePort | undefined;
  #crm: CrmPort | undefined;
  #host: HostPort | undefined;
  readonly #records = new Map<string, InteractionRecord>();
  #nextNoticeId = 1;
  #phoneStarted = false;

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
          return await this.#accept(intent.interactionId);
        case 'reject':
          return await this.#reject(intent.interactionId);
        case 'release':
          return await this.#release(intent.interactionId);
        case 'select':
          return this.store.update((s) => ({ ...s, selectedId: intent.interactionId }));
        case 'wrap-up-draft':
          this.#updateInteraction(intent.interactionId, (i) => withWrapUp(i, { disposition: intent.disposition, notes: intent.notes }));
          return this.#saveDraft(intent.interactionId);
        case 'wrap-up-done':
          return this.#finishWrapUp(intent.interactionId, { disposition: intent.disposition, notes: intent.notes });
        case 'dial':
          return await this.#dial(intent.number);
        case 'pick-record':
          return await this.#pickRecord(intent.interactionId, intent.recordId);
        case 'open-record':
          return await this.#requireHost().screenPopRecord(intent.recordId);
        case 'extend-wrap-up':
          return this.#extendWrapUp(intent.interactionId);
        case 'hold':
        case 'retrieve':
        case 'consult':
        case 'transfer':
        case 'abandon':
          throw new ContactPadError('INVALID_TRANSITION', `${intent.type} is not offered for this interaction.`);
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

  async #accept(id: string): Promise<void> {
    this.#requireState(id, 'alerting');
    await this.#requirePhone().accept(id);
    // The phone reports `connected` when the 200 OK is sent; that moves the model.
  }

  async #reject(id: string): Promise<void> {
    this.#requireState(id, 'alerting');
    await this.#requirePhone().reject(id);
    this.#moveInteraction(id, 'rejected', { detail: `${this.#settings.rejectStatusCode} sent` });
  }

  async #release(id: string): Promise<void> {
    this.#requireState(id, 'connected');
    try {
      await this.#requirePhone().release(id);
    } catch (error) {
      const record = this.#records.get(id);
      if (record) {
        record.releaseFailed = true; // semi-live work may now be abandoned (seed 004)
        this.#setView(id, record.view);
      }
      throw error;
    }
    // The phone may already have reported the end (and so started wrap up) while releasing.
    if (this.#records.get(id)?.view.interaction.state === 'connected') this.#enterWrapUp(id, 'released');
  }

  async #dial(rawNumber: string): Promise<void> {
    const number = rawNumber.trim();
    if (number === '') throw new ContactPadError('INVALID_CONFIGURATION', 'Type a number to call.');
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
    this.#addInteraction(interaction);
    this.#revealPanel();
    this.#lookUpCaller(interaction);
  }

  connected(callId: string): void {
    const record = this.#records.get(callId);
    if (!record || record.view.interaction.state !== 'alerting') return;
    this.#moveInteraction(callId, 'connected');
    this.store.update((s) => ({ ...s, agent: agentWorkStarted(s.agent, this.#clock.now()), selectedId: callId }));
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
    } else if (state === 'connected') {
      if (end.reason === 'failed') {
        this.notify(new ContactPadError(end.code, end.message));
      }
      this.#enterWrapUp(callId, end.reason === 'released' ? 'released' : 'remote-hangup');
    }
  }

  // ---- host events ------------------------------------------------------------------------

  clickToDial(request: { number: string; recordId: string; objectType: string; recordName: string }): void {
    void this.handle({ type: 'dial', number: request.number });
  }

  navigation(context: NavigationContext): void {
    for (const record of this.#records.values()) {
      const state = record.view.interaction.state;
      if (state === 'connected' || state === 'wrap-up') record.navigated = context;
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
      await this.#host?.screenPopRecord(recordId);
      this.#saveDraft(id);
    }
  }

  #enterWrapUp(id: string, how: 'released' | 'remote-hangup'): void {
    this.#moveInteraction(id, 'wrap-up', { kind: how });
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
    const newEnd = endsAt + this.#settings.wrapUpExtendSeconds * 1000;
    record.cancelWrapUpTimer?.();
    record.cancelWrapUpTimer = this.#clock.schedule(() => this.#finishWrapUp(id, {}), Math.max(0, newEnd - this.#clock.now()));
    this.#setView(id, { ...record.view, wrapUpEndsAt: newEnd });
  }

  #startWrapUpTimer(id: string): void {
    const wrapUpMs = wrapUpDurationMs(this.#settings);
    const at = this.#clock.now();
    const record = this.#records.get(id);
    if (record && Number.isFinite(wrapUpMs)) {
      record.cancelWrapUpTimer = this.#clock.schedule(() => this.#finishWrapUp(id, {}), wrapUpMs);
      this.#setView(id, { ...record.view, wrapUpEndsAt: at + wrapUpMs });
    }
    if (!this.#hasLiveInteraction()) {
      this.store.update((s) => {
        // A wrap up restored after a reload finds the agent Ready or Not Ready: the work
        // resumes (Busy) and ends again (Wrap Up), so the agent is not offered new calls meanwhile.
        const agent = s.agent.status === 'ready' || s.agent.status === 'not-ready' ? agentWorkStarted(s.agent, at) : s.agent;
        return { ...s, agent: agent.status === 'busy' ? agentWorkEnded(agent, at, wrapUpMs) : agent };
      });
    }
  }

  #finishWrapUp(id: string, result: { disposition?: string; notes?: string }): void {
    const record = this.#records.get(id);
    if (!record || record.view.interaction.state !== 'wrap-up') return;
    record.cancelWrapUpTimer?.();
    record.cancelWrapUpTimer = undefined;
    this.#updateInteraction(id, (i) => withWrapUp(i, result));
    this.#moveInteraction(id, 'ended');
    const { wrapUpEndsAt: _ended, ...view } = this.#records.get(id)!.view;
    this.#setView(id, view);
    this.#logActivity(id);
    const stillWrapping = [...this.#records.values()].some((r) => r.view.interaction.state === 'wrap-up');
    if (!stillWrapping && !this.#hasLiveInteraction() && this.store.snapshot.agent.status === 'wrap-up') {
      this.store.update((s) => ({ ...s, agent: agentWrapUpEnded(s.agent, this.#clock.now()) }));
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
      this.#setCaller(interaction.id, { state: 'done', labels: [], matches: [], pick: [], pickedId: undefined, journey: [], cached: false });
      this.#startWrapUpTimer(interaction.id);
    }
  }

  /** Whether the console bridge (tab sync, Omni-Channel) answered; the widget says when it is off. */
  bridgeState(state: 'connected' | 'missing'): void {
    this.store.update((s) => (s.bridge === state ? s : { ...s, bridge: state }));
  }

  /** The outbox reports each Task write's progress here. */
  activityState(interactionId: string, state: 'saving' | 'saved' | 'retrying'): void {
    const record = this.#records.get(interactionId);
    if (record) this.#setView(interactionId, { ...record.view, log: state });
  }

  // ---- helpers --------------------------------------------------------------------------------

  #hasLiveInteraction(): boolean {
    return [...this.#records.values()].some((r) => r.view.interaction.state === 'connected');
  }

  #requireHost(): HostPort {
    if (!this.#host) throw new ContactPadError('HOST_UNAVAILABLE', 'The Salesforce console is not connected.');
    return this.#host;
  }

  #requirePhone(): PhonePort {
    if (!this.#phone) throw new ContactPadError('SIP_SERVER_UNREACHABLE', 'The phone is not started.');
    return this.#phone;
  }

  #requireState(id: string, state: InteractionState): void {
    const current = this.#records.get(id)?.view.interaction.state;
    if (current !== state) {
      throw new ContactPadError('INVALID_TRANSITION', `This interaction is ${current ?? 'gone'}, not ${state}.`);
    }
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
    const view: InteractionView = { ...next, actions: actionsNow(next.interaction, record.releaseFailed) };
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
const CARRIED_OUT: ReadonlySet<InteractionAction> = new Set<InteractionAction>(['accept', 'reject', 'release', 'extend-wrap-up']);

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

/** WhoId/WhatId for the Task: the record navigated to during the call, else the popped one. */
function taskLinks(record: InteractionRecord): { whoId?: string; whatId?: string } {
  // Only records a Task can link to: a navigation to, say, a User or a report is ignored.
  const linkable = (id: string) => [...WHO_PREFIXES, ...WHAT_PREFIXES].some((prefix) => id.startsWith(prefix));
  const navigated = record.navigated?.recordId && linkable(record.navigated.recordId) ? record.navigated : undefined;
  if (!navigated && record.restoredLinks) return record.restoredLinks;
  const target = navigated?.recordId ?? record.popped?.recordId;
  if (!target) return {};
  const isWho = WHO_PREFIXES.some((prefix) => target.startsWith(prefix));
  const links: { whoId?: string; whatId?: string } = isWho ? { whoId: target } : { whatId: target };
  const accountId = navigated ? navigated.accountId : record.identity?.matches.find((m) => m.id === target)?.accountId;
  if (isWho && accountId) links.whatId = accountId;
  return links;
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
    phone: { state: 'stopped' },
    interactions: [],
    selectedId: undefined,
    notices: [],
    directory: [],
    bridge: 'looking',
  };
}
