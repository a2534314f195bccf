/**
 * The view projection: the interactions the agent holds, each as the model has it (the
 * interaction and its facts, model/interaction-facts.ts) and as the widget shows it
 * (InteractionView in store.ts). Every change of an interaction or of its facts passes through
 * here, and its view follows at once: the actions the capability table offers for its kind and
 * state (only those this build carries out, so no button does nothing), whether its record's
 * console tab is open, the selection. Finished interactions beyond {@link FINISHED_KEPT} are let
 * go, so a long shift does not grow the list without end.
 */
import type { InteractionAction } from '../model/interaction-action.ts';
import type { Interaction, InteractionState } from '../model/interaction.ts';
import { isFinished, isInProgress, transitionInteraction, type InteractionTransitionHow } from '../model/interaction-state.ts';
import { tabRecordOf, withNavigation, type InteractionFacts } from '../model/interaction-facts.ts';
import type { NavigationContext } from '../host/navigation-context.ts';
import { afterCallActions, allowedActions, inCallActions } from '../model/capabilities.ts';
import type { CallQuality } from '../model/call-quality.ts';
import { initialAgentState } from '../model/agent-state.ts';
import type { AgentLanguage } from '../model/agent-identity.ts';
import { unlistedAudioDevices } from '../model/audio-devices.ts';
import type { ShortcutView } from '../model/keyboard-shortcuts.ts';
import { ContactPadError } from '../model/errors.ts';
import type { Clock } from '../model/clock.ts';
import type { ContactPadSettings } from '../model/settings.ts';
import type { ActivityLogState } from '../model/activity-log-state.ts';
import type { BridgeConnection } from '../model/bridge-connection.ts';
import type { CallerLookupView, ContactPadSnapshot, InteractionView, Store } from '../store.ts';
import type { Rooms } from './ports.ts';

/** No language passed: English, formatted the English way. */
const NO_LANGUAGE: AgentLanguage = Object.freeze({ language: '', locale: '' });

/** A finished lookup that found nothing, for interactions that are not looked up by number (work items, placed calls, restored wrap ups). */
export const NO_CALLER_LOOKUP: CallerLookupView = Object.freeze({ state: 'done', labels: [], matches: [], pick: [], pickedId: undefined, journey: [], cached: false });

/** No lookup at all: ContactPad runs without the crm room (no Salesforce session). */
export const CALLER_LOOKUP_OFF: CallerLookupView = Object.freeze({ state: 'failed', code: 'CRM_UNAVAILABLE', message: 'Salesforce lookup is off.' });

/** Finished interactions kept in the list (newest first) for the agent to look back on; older ones are let go. */
export const FINISHED_KEPT = 20;

/**
 * The actions this build carries out; the capability table (model/capabilities.ts) says what
 * each kind allows, and the widget shows only what is both allowed and carried out.
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
  'complete-transfer',
  'conference',
  'drop-consult',
  'leave-conference',
  'mute',
  'unmute',
  'send-dtmf',
  'report-problem',
]);

/**
 * The actions offered for `interaction` now, given its facts and, for a call of a consult
 * pair, what the pair makes of the actions it would have alone (`paired`: the consult desk's).
 */
export function actionsNow(
  interaction: Interaction,
  facts: Pick<InteractionFacts, 'releaseFailed' | 'muted'>,
  paired?: (alone: readonly InteractionAction[]) => readonly InteractionAction[],
): readonly InteractionAction[] {
  const alone = allowedActions(interaction, { releaseFailed: facts.releaseFailed });
  const actions = paired ? paired(alone) : alone;
  // The in-call controls (mute, keypad) follow the capability table's actions; after a call, Report a problem.
  return [...actions, ...inCallActions(interaction, { muted: facts.muted === true }), ...afterCallActions(interaction)].filter((action) => CARRIED_OUT.has(action));
}

/**
 * The snapshot before anything happened: the agent Offline, the phone stopped, the bridge still
 * looked for; the agent's language as the host page gave it ('' for English).
 */
export function firstSnapshot(settings: ContactPadSettings, at: number, agentLanguage: AgentLanguage = NO_LANGUAGE): ContactPadSnapshot {
  return {
    agent: initialAgentState(at),
    agentLanguage,
    notReadyReasons: settings.notReadyReasons,
    dispositions: settings.dispositions,
    declineReasons: settings.declineReasons,
    phone: { state: 'stopped' },
    phoneTab: 'active-here',
    interactions: [],
    selectedId: undefined,
    notices: [],
    directory: [],
    bridge: 'looking',
    audio: unlistedAudioDevices(),
    dialHistory: { recent: [], favourites: [] },
    failedCallReasons: settings.failedCallReasons,
    shortcuts: [], // read after the first paint (controller.ts, loadKeyboardShortcuts)
  };
}

/** Desks that keep something per interaction hear when it finishes or leaves the list. */
export interface ViewListener {
  /** The interaction reached an end state (`ended`, `abandoned`, `transferred`...). */
  finished?(id: string, state: InteractionState): void;
  /** The interaction left the list (delivered elsewhere, transferred, let go). */
  removed?(id: string): void;
}

/**
 * What a call of a consult pair may do (from what it may do alone) and whether it is in a
 * three-way call; undefined for an interaction in no pair (see ViewDesk.pairWith).
 */
export type Pairing = (
  interaction: Interaction,
  facts: InteractionFacts,
) => { readonly actions: (alone: readonly InteractionAction[]) => readonly InteractionAction[]; readonly inConference: boolean } | undefined;

interface Entry {
  facts: InteractionFacts;
  view: InteractionView;
}

export class ViewDesk {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #rooms: Rooms;
  readonly #entries = new Map<string, Entry>();
  readonly #listeners: ViewListener[] = [];
  #pairing: Pairing | undefined;

  constructor(store: Store, clock: Clock, rooms: Rooms) {
    this.#store = store;
    this.#clock = clock;
    this.#rooms = rooms;
  }

  listen(listener: ViewListener): void {
    this.#listeners.push(listener);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  interaction(id: string): Interaction | undefined {
    return this.#entries.get(id)?.view.interaction;
  }

  facts(id: string): InteractionFacts | undefined {
    return this.#entries.get(id)?.facts;
  }

  view(id: string): InteractionView | undefined {
    return this.#entries.get(id)?.view;
  }

  stateOf(id: string): InteractionState | undefined {
    return this.interaction(id)?.state;
  }

  /** Every interaction held, with its facts (oldest first). */
  all(): { readonly id: string; readonly interaction: Interaction; readonly facts: InteractionFacts }[] {
    return [...this.#entries].map(([id, entry]) => ({ id, interaction: entry.view.interaction, facts: entry.facts }));
  }

  /** An interaction in progress (connected or held) keeps the agent Busy. */
  hasWorkInProgress(): boolean {
    return [...this.#entries.values()].some((entry) => isInProgress(entry.view.interaction.state));
  }

  /** Some interaction is in wrap up. */
  isWrappingUp(): boolean {
    return [...this.#entries.values()].some((entry) => entry.view.interaction.state === 'wrap-up');
  }

  get selectedId(): string | undefined {
    return this.#store.snapshot.selectedId;
  }

  /** A new interaction at the top of the list (selected when nothing is). */
  add(interaction: Interaction, facts: InteractionFacts): void {
    const entry: Entry = { facts, view: { interaction, caller: { state: 'pending' }, log: 'none', actions: [] } };
    entry.view = this.#project(entry, entry.view);
    this.#entries.set(interaction.id, entry);
    const view = entry.view;
    this.#store.update((s) => ({ ...s, interactions: [view, ...s.interactions], selectedId: s.selectedId ?? interaction.id }));
    this.#letGoOfOldInteractions();
  }

  /** Takes an interaction off the list; the selection moves to one not finished. */
  remove(id: string): void {
    if (!this.#entries.delete(id)) return;
    for (const listener of this.#listeners) listener.removed?.(id);
    this.#store.update((s) => {
      const interactions = s.interactions.filter((v) => v.interaction.id !== id);
      const selectedId = s.selectedId === id ? interactions.find((v) => !isFinished(v.interaction.state))?.interaction.id : s.selectedId;
      return { ...s, interactions, selectedId };
    });
  }

  /** Moves the interaction through the model's state table (INVALID_TRANSITION when it refuses). */
  move(id: string, to: InteractionState, how?: InteractionTransitionHow): void {
    this.change(id, (interaction) => transitionInteraction(interaction, to, this.#clock.now(), how));
    if (isFinished(to)) for (const listener of this.#listeners) listener.finished?.(id, to);
  }

  /** Changes the interaction through a model function (withWrapUp, withCustomer...), and its view with `patch`. */
  change(id: string, change: (interaction: Interaction) => Interaction, patch: Partial<Omit<InteractionView, 'interaction'>> = {}): void {
    const entry = this.#require(id);
    this.#show(id, entry, { ...entry.view, ...patch, interaction: change(entry.view.interaction) });
  }

  /**
   * Changes the interaction's facts through a model function (model/interaction-facts.ts); the
   * view follows, unless `redraw` is false: for facts the view does not show, and for a screen
   * pop's record, whose console tab opens next (its tab event redraws the view, with no flash of
   * "tab closed" before it).
   */
  changeFacts(id: string, change: (facts: InteractionFacts, interaction: Interaction) => InteractionFacts, redraw = true): void {
    const entry = this.#require(id);
    const facts = change(entry.facts, entry.view.interaction);
    if (facts === entry.facts) return;
    entry.facts = facts;
    if (redraw) this.#show(id, entry, entry.view);
  }

  setCaller(id: string, caller: CallerLookupView): void {
    this.#patch(id, { caller });
  }

  /** When wrap up ends on its own (undefined: no timer). */
  setWrapUpEnd(id: string, endsAt: number | undefined): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    const { wrapUpEndsAt: _before, ...rest } = entry.view;
    this.#show(id, entry, endsAt === undefined ? rest : { ...rest, wrapUpEndsAt: endsAt });
  }

  /** The line's quality of a call under way, from its latest sample (the in-call desk samples it). */
  setQuality(id: string, quality: CallQuality): void {
    this.#patch(id, { quality });
  }

  /** The far end put the call on hold (its re-INVITE), or took it off: "Held by the caller". */
  setHeldByFarEnd(id: string, held: boolean): void {
    if (this.#entries.get(id)?.view.heldByFarEnd !== held) this.#patch(id, { heldByFarEnd: held });
  }

  /** The Task write's progress, as the outbox reports it. */
  setLog(id: string, log: ActivityLogState): void {
    this.#patch(id, { log });
  }

  /** Whether the console bridge (tab sync, Omni-Channel) answered: a record tab is known open only with tab sync there. */
  bridgeState(state: BridgeConnection): void {
    if (this.#store.snapshot.bridge === state) return;
    this.#store.update((s) => ({ ...s, bridge: state }));
    for (const [id, entry] of this.#entries) this.#show(id, entry, entry.view);
  }

  /**
   * The agent opened a record during a call (or its wrap up): the call's Task links to it.
   * Chats, emails and cases keep their own record (the agent moves between their tabs).
   */
  navigated(context: NavigationContext): void {
    const record = { recordId: context.recordId, ...(context.accountId ? { accountId: context.accountId } : {}) };
    for (const { id } of this.all()) this.changeFacts(id, (facts, interaction) => withNavigation(facts, interaction, record), false);
  }

  /** The agent's keyboard shortcuts, once read (after the first paint). */
  setShortcuts(shortcuts: readonly ShortcutView[]): void {
    this.#store.update((s) => ({ ...s, shortcuts }));
  }

  /** Selects the interaction (the agent clicked it); INVALID_TRANSITION when it is gone. */
  selectExisting(id: string): void {
    this.#require(id);
    this.select(id);
  }

  select(id: string | undefined): void {
    this.#store.update((s) => (s.selectedId === id ? s : { ...s, selectedId: id }));
  }

  /** Refuses an action the capability table does not offer for the interaction now. */
  requireAction(id: string, action: InteractionAction): void {
    const view = this.#entries.get(id)?.view;
    if (!view) throw new ContactPadError('INVALID_TRANSITION', `This interaction is gone; ${action} is not possible.`);
    if (!view.actions.includes(action)) {
      throw new ContactPadError('INVALID_TRANSITION', `${action} is not offered for this ${view.interaction.channel} while it is ${view.interaction.state}.`);
    }
  }

  #require(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new ContactPadError('INVALID_TRANSITION', `No interaction ${id}.`);
    return entry;
  }

  #patch(id: string, patch: Partial<InteractionView>): void {
    const entry = this.#entries.get(id);
    if (entry) this.#show(id, entry, { ...entry.view, ...patch });
  }

  #show(id: string, entry: Entry, next: InteractionView, partnerToo = true): void {
    const view = this.#project(entry, next);
    entry.view = view;
    this.#store.update((s) => ({ ...s, interactions: s.interactions.map((v) => (v.interaction.id === id ? view : v)) }));
    // A call of a consult pair: what its partner may do depends on it too.
    const partnerId = entry.facts.consultFor ?? entry.facts.consultId;
    const partner = partnerId === undefined ? undefined : this.#entries.get(partnerId);
    if (partnerToo && partnerId !== undefined && partner) this.#show(partnerId, partner, partner.view, false);
  }

  /**
   * From now on `pairing` says what a call of a consult pair may do and whether it is in a
   * three-way call (the consult desk, loaded later: pairs exist only once it is).
   */
  pairWith(pairing: Pairing): void {
    this.#pairing = pairing;
    for (const [id, entry] of this.#entries) this.#show(id, entry, entry.view, false);
  }

  /** The view as the model says it: actions from the capability table, the tab's state from the facts. */
  #project(entry: Entry, next: InteractionView): InteractionView {
    const { recordTabOpen: _before, muted: _muted, quality, inConference: _joined, heldByFarEnd, recording: _recording, voicemailDrop: _voicemailDrop, ...rest } = next;
    const live = isInProgress(next.interaction.state);
    const pair = this.#pairing?.(next.interaction, entry.facts);
    const tabSynced = tabRecordOf(entry.facts) !== undefined && this.#rooms.bridge?.state === 'connected';
    return {
      ...rest,
      actions: actionsNow(next.interaction, entry.facts, pair?.actions),
      ...(tabSynced ? { recordTabOpen: entry.facts.tabId !== undefined } : {}),
      // Mute and the line's quality are shown while the call is under way.
      ...(live && entry.facts.muted === true ? { muted: true } : {}),
      ...(live && quality ? { quality } : {}),
      ...(live && pair?.inConference === true ? { inConference: true } : {}),
      ...(live && heldByFarEnd === true ? { heldByFarEnd: true } : {}),
      // The recording shows while the call is under way; voicemail drop while an outbound call is connected.
      ...(live && entry.facts.recording ? { recording: entry.facts.recording } : {}),
      ...(next.interaction.state === 'connected' && entry.facts.voicemail ? { voicemailDrop: entry.facts.voicemail } : {}),
    };
  }

  #letGoOfOldInteractions(): void {
    const finished = this.#store.snapshot.interactions.filter((v) => isFinished(v.interaction.state) && v.log !== 'saving' && v.log !== 'retrying');
    for (const view of finished.slice(FINISHED_KEPT)) this.remove(view.interaction.id);
  }
}
