/**
 * Preview dialling: the agent works through a calling list (a campaign's members, or a Lead or
 * Contact list view's records) one record at a time (model/calling-record.ts has the moves and
 * the seed's words): reviews the record, calls it through the outbound desk (the compliance
 * checks of every call the agent places, with the member's Lead or Contact as the call's record:
 * it pops and the call's Task links to it), rejects it with a reason, or reschedules the
 * attempt. Each outcome is logged on the record in Salesforce (crm/calling-list.ts: a Task on the
 * Lead or Contact, and a campaign member's Status and next attempt, all or none) through the
 * durable activity outbox: stored in this browser first, then the list moves on while it is sent
 * (retried while Salesforce is down, replayed after a reload). The record shows where its
 * outcome's write stands (saving, will retry, saved, refused); an outcome Salesforce refuses for
 * good is told by the switchboard (outbox-progress.ts), kept until the agent dismisses it. Only an
 * outcome that could not even be stored leaves the record as it was.
 *
 *   choose -> the active campaigns and the list views -> open -> the records due, the first previewed
 *   call   -> dialling -> (the call) connected: called, logged | ended unanswered: not reached, logged
 *          -> blocked by a rule: previewed again (the notice names the rule)
 *   reject (reason) / reschedule (time to come) -> logged -> the next record due is previewed
 *   close  -> a record whose call still rings or is connected is followed until its call answers
 *             or ends, and its outcome logged then; reopening its list picks it up again.
 *
 * Loaded when the agent first opens a calling list, off the path that rings and answers.
 */
import {
  isDue,
  moveCallingRecord,
  rejectReason,
  rescheduleTime,
  CALLING_OUTCOMES,
  outcomeKey,
  type CallingListAction,
  type CallingListSource,
  type CallingListView,
  type CallingRecord,
  type CallingRecordEvent,
} from '../model/calling-record.ts';
import type { ActivityLogState } from '../model/activity-log-state.ts';
import { ContactPadError } from '../model/errors.ts';
import type { LoadedDesks } from './desks.ts';

/** Why the outbox waits that is not for everyone (Salesforce down, a limit, a session): a refusal held for an admin's fix. */
const WAITS_FOR_EVERYONE = new Set(['CRM_UNAVAILABLE', 'CRM_REQUEST_LIMIT', 'CRM_SESSION_EXPIRED']);

const CLOSED: CallingListView = Object.freeze({ state: 'loading', sources: [], source: undefined, records: [], currentId: undefined, saving: false });

/** What an outcome is logged against: its list, and a campaign's member statuses (what ContactPad may set the member's Status to). */
interface ListContext {
  readonly source: CallingListSource;
  readonly memberStatuses: readonly string[];
}

/** A record whose call was still ringing or connected when its list was closed: followed until its outcome is known. */
interface Detached {
  readonly record: CallingRecord;
  readonly context: ListContext;
}

export class PreviewDesk {
  readonly #desks: LoadedDesks;
  /** The open list's campaign member statuses (none for a list view). */
  #memberStatuses: readonly string[] = [];
  /** Member statuses found missing and told (once per campaign). */
  readonly #toldMissing = new Set<string>();
  /** Stops watching the calls placed to records. */
  #unwatch: (() => void) | undefined;
  /** Outcome writes whose hold was told (once each). */
  readonly #toldHeld = new Set<string>();
  /** Records whose call went on after their list was closed, by member id. */
  readonly #detached = new Map<string, Detached>();

  constructor(desks: LoadedDesks) {
    this.#desks = desks;
  }

  /** Carries out the agent's action; rejects with a ContactPadError the switchboard tells. */
  async handle(action: CallingListAction): Promise<void> {
    switch (action.kind) {
      case 'choose':
        return this.choose();
      case 'open':
        return this.open(action.listId);
      case 'preview':
        return this.preview(action.memberId);
      case 'call':
        return this.call(action.memberId);
      case 'reject':
        return this.reject(action.memberId, action.reason);
      case 'reschedule':
        return this.reschedule(action.memberId, action.at);
      case 'close':
        return this.close();
    }
  }

  /** Lists the active campaigns and the Lead and Contact list views to choose from (one request). */
  async choose(): Promise<void> {
    this.#set(() => ({ ...CLOSED, state: 'loading' }));
    try {
      const sources = await this.#desks.rooms.requireCrm().callingListSources();
      this.#set(() => ({ ...CLOSED, state: 'choosing', sources }));
      if (sources.length === 0) throw new ContactPadError('CALLING_LIST_UNAVAILABLE', 'No calling list to work: ask your Salesforce admin to activate a campaign or share a Lead or Contact list view.');
    } catch (error) {
      this.#set((list) => ({ ...list, state: 'choosing' }));
      throw error;
    }
  }

  /** Opens a campaign's or a list view's calling list (one of those offered): its records due now, the first one previewed. */
  async open(listId: string): Promise<void> {
    const sources = this.#list().sources;
    const chosen = sources.find((source) => source.id === listId);
    if (!chosen) throw new ContactPadError('CALLING_LIST_UNAVAILABLE', 'That is not one of the calling lists offered: choose one from the list.');
    this.#set((list) => ({ ...list, state: 'loading' }));
    let opened;
    try {
      opened = await this.#desks.rooms.requireCrm().callingList(chosen);
    } catch (error) {
      this.#set(() => ({ ...CLOSED, state: 'choosing', sources }));
      throw error;
    }
    const now = this.#desks.clock.now();
    this.#memberStatuses = opened.memberStatuses;
    const records = opened.records.filter((record) => isDue(record, now) || this.#detachedOn(opened.source.id, record.memberId)).map((record) => this.#pickUp(opened.source.id, record));
    this.#set(() => ({ state: 'open', sources, source: opened.source, records, currentId: undefined, saving: false }));
    this.#watchCalls();
    if (records.length === 0) throw new ContactPadError('CALLING_LIST_UNAVAILABLE', `${opened.source.name}: no record to call now (every record is called, rejected or rescheduled to later).`);
    this.preview();
  }

  /** Reviews a record (without `memberId`: the next one due); the record reviewed before goes back to waiting, unless the agent already worked on it. */
  preview(memberId?: string): void {
    const list = this.#list();
    const target = memberId === undefined ? list.records.find((record) => record.state === 'waiting') : this.#record(memberId);
    if (!target) {
      this.#set((current) => ({ ...current, currentId: undefined }));
      return;
    }
    const left = list.currentId !== undefined && list.currentId !== target.memberId ? this.#record(list.currentId) : undefined;
    if (left?.state === 'previewing') this.#replace(moveCallingRecord(left, 'leave'));
    if (target.state === 'waiting') this.#replace(moveCallingRecord(target, 'preview'));
    this.#set((current) => ({ ...current, currentId: target.memberId }));
  }

  /** Calls the record: its phone (else mobile), checked by the compliance rules like any call the agent places. */
  async call(memberId: string): Promise<void> {
    const record = this.#record(memberId);
    const number = record.phone || record.mobilePhone;
    if (number === '') throw new ContactPadError('INVALID_INPUT', `${record.name || 'This record'} has no phone number to call: reject it or reschedule it.`);
    this.#replace(moveCallingRecord(record, 'call'));
    try {
      const callId = await this.#desks.voice.dial({ typed: number, record: { recordId: record.personId, objectType: record.objectType, name: record.name } });
      this.#replace({ ...this.#record(memberId), callId });
    } catch (error) {
      this.#replace(moveCallingRecord(this.#record(memberId), 'blocked'));
      throw error;
    }
    this.#callEvent(memberId);
  }

  /** Rejects the record with the agent's reason (required), logged on it; the next record due is previewed. */
  async reject(memberId: string, reason: string): Promise<void> {
    const moved = moveCallingRecord(this.#record(memberId), 'reject', { rejectReason: rejectReason(reason) });
    await this.#log(moved, 'rejected');
    this.preview();
  }

  /** Reschedules the attempt to a time to come (RESCHEDULE_TIME_PASSED for one gone by), logged on the record; the next record due is previewed. */
  async reschedule(memberId: string, at: number): Promise<void> {
    const moved = moveCallingRecord(this.#record(memberId), 'reschedule', { rescheduledTo: rescheduleTime(at, this.#desks.clock.now()) });
    await this.#log(moved, 'rescheduled');
    this.preview();
  }

  /**
   * Closes the calling list (the records not worked on stay as they are in Salesforce). A record
   * whose call still rings or is connected is followed on: its outcome is logged when the call
   * answers or ends, as if the list were open.
   */
  close(): void {
    const list = this.#desks.store.snapshot.callingList;
    if (list?.source) {
      for (const record of list.records) {
        if (record.state === 'dialling' && record.callId) this.#detached.set(record.memberId, { record, context: { source: list.source, memberStatuses: this.#memberStatuses } });
      }
    }
    this.#desks.store.update((s) => {
      const { callingList: _closed, ...rest } = s;
      return rest;
    });
    if (this.#detached.size === 0) this.#stopWatching();
    else for (const memberId of [...this.#detached.keys()]) this.#detachedCallEvent(memberId);
  }

  /**
   * Where an outcome's write stands, as the outbox tells it (its `progress`, by the write's key):
   * shown on its record. A write held for an admin's fix is told once (it stays stored, and goes
   * again when the agent's session is renewed or ContactPad starts again); one Salesforce refused
   * for good is shown as refused here and told by the switchboard (outbox-progress.ts).
   */
  outcomeState(key: string, state: Exclude<ActivityLogState, 'none'>, error?: ContactPadError): void {
    const record = this.#desks.store.snapshot.callingList?.records.find((candidate) => candidate.outcomeKey === key);
    if (!record) return;
    if (record.outcomeLog !== state) this.#replace({ ...record, outcomeLog: state });
    if (state === 'retrying' && error && !WAITS_FOR_EVERYONE.has(error.code) && !this.#toldHeld.has(key)) {
      this.#toldHeld.add(key);
      this.#desks.notices.notify(new ContactPadError(error.code, `The outcome on ${record.name || 'a calling record'} is kept in this browser, not yet in Salesforce: ${error.message}`, { cause: error, detail: error.detail }));
    }
  }

  /**
   * Logs the outcome: the moved record is kept at once, its write stored in this browser's
   * outbox and sent from there (its progress reaches {@link outcomeState}); the list goes on
   * without waiting for Salesforce. A write that cannot be stored leaves the record as it was.
   * `context`: the list it is logged against (the open one unless a closed list's call ended).
   */
  async #log(moved: CallingRecord, outcome: 'called' | 'not-reached' | 'rejected' | 'rescheduled', context: ListContext | undefined = this.#openContext()): Promise<void> {
    const { rooms, clock, notices } = this.#desks;
    if (!context) throw new ContactPadError('INVALID_TRANSITION', 'No calling list is open.');
    const { source, memberStatuses } = context;
    const status = CALLING_OUTCOMES[outcome].memberStatus;
    const setStatus = source.kind === 'campaign' && memberStatuses.includes(status);
    if (source.kind === 'campaign' && !setStatus && !this.#toldMissing.has(`${source.id}:${status}`)) {
      this.#toldMissing.add(`${source.id}:${status}`);
      notices.notify(new ContactPadError('INVALID_CONFIGURATION', `Campaign ${source.name} has no member status "${status}": the outcome is logged as a Task, the member's Status is left as it is (tell your Salesforce admin).`));
    }
    const at = clock.now();
    const key = outcomeKey(source.id, moved.memberId, at);
    const shown = this.#list().source?.id === source.id ? this.#list().records.find((record) => record.memberId === moved.memberId) : undefined;
    // Shown as logged before the outbox answers, so its first progress (saving) finds the record by key.
    if (shown) {
      this.#replace({ ...moved, ...(setStatus || source.kind === 'list-view' ? { memberStatus: status } : {}), outcomeKey: key, outcomeLog: 'saving' });
      this.#whileOpen((list) => ({ ...list, saving: true }));
    }
    try {
      await rooms.requireCrm().logCallingOutcome({ source, record: moved, outcome, at, setStatus, progress: (state, error) => this.outcomeState(key, state, error) });
    } catch (error) {
      if (shown) this.#replace(shown);
      throw error;
    } finally {
      if (shown) this.#whileOpen((list) => ({ ...list, saving: false }));
    }
  }

  /** Follows the calls placed to records, on the open list and on a closed one: answered is called, ended unanswered is not reached; each logged once. */
  #watchCalls(): void {
    this.#unwatch ??= this.#desks.store.subscribe(() => {
      for (const record of this.#desks.store.snapshot.callingList?.records ?? []) {
        if (record.state === 'dialling' && record.callId) this.#callEvent(record.memberId);
      }
      for (const memberId of [...this.#detached.keys()]) this.#detachedCallEvent(memberId);
    });
  }

  #stopWatching(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  #callEvent(memberId: string): void {
    const record = this.#desks.store.snapshot.callingList?.records.find((candidate) => candidate.memberId === memberId);
    const event = this.#callOutcome(record);
    if (!record || !event) return;
    const moved = moveCallingRecord(record, event);
    this.#replace(moved);
    if (moved.state === 'called' || moved.state === 'not-reached') this.#log(moved, moved.state).catch((error: unknown) => this.#desks.notices.notify(error));
  }

  /** A closed list's call answered or ended: its outcome logged against that list (nothing shown: the list is closed). */
  #detachedCallEvent(memberId: string): void {
    const detached = this.#detached.get(memberId);
    const event = this.#callOutcome(detached?.record);
    if (!detached || !event) return;
    this.#detached.delete(memberId);
    if (this.#detached.size === 0 && !this.#desks.store.snapshot.callingList) this.#stopWatching();
    const moved = moveCallingRecord(detached.record, event);
    if (moved.state === 'called' || moved.state === 'not-reached') this.#log(moved, moved.state, detached.context).catch((error: unknown) => this.#desks.notices.notify(error));
  }

  /** What a record's call says about it: answered, not connected, or nothing yet (it still rings, or it is not being called). */
  #callOutcome(record: CallingRecord | undefined): CallingRecordEvent | undefined {
    if (record?.state !== 'dialling' || !record.callId) return undefined;
    const state = this.#desks.view.stateOf(record.callId);
    return state === 'alerting' ? undefined : state === 'connected' || state === 'held' || state === 'wrap-up' ? 'answered' : 'not-connected';
  }

  /** Whether a record of list `listId` still has its call going on from when that list was closed. */
  #detachedOn(listId: string, memberId: string): boolean {
    return this.#detached.get(memberId)?.context.source.id === listId;
  }

  /** A record of the list just opened, as it stands here: the one whose call went on after the list was closed is picked up again (dialling, its call followed). */
  #pickUp(listId: string, record: CallingRecord): CallingRecord {
    if (!this.#detachedOn(listId, record.memberId)) return record;
    const detached = this.#detached.get(record.memberId)!;
    this.#detached.delete(record.memberId);
    return detached.record;
  }

  /** The open list's context, if one is open. */
  #openContext(): ListContext | undefined {
    const source = this.#list().source;
    return source ? { source, memberStatuses: this.#memberStatuses } : undefined;
  }

  #list(): CallingListView {
    return this.#desks.store.snapshot.callingList ?? CLOSED;
  }

  #record(memberId: string): CallingRecord {
    const record = this.#list().records.find((candidate) => candidate.memberId === memberId);
    if (!record) throw new ContactPadError('INVALID_INPUT', 'That record is not on the calling list (any more).');
    return record;
  }

  /** Puts the record's new state on the open list (nothing when no list is shown). */
  #replace(record: CallingRecord): void {
    this.#whileOpen((list) => ({ ...list, records: list.records.map((candidate) => (candidate.memberId === record.memberId ? record : candidate)) }));
  }

  /** Changes the list shown, if one is (a closed list's late outcome does not bring it back). */
  #whileOpen(change: (list: CallingListView) => CallingListView): void {
    this.#desks.store.update((s) => (s.callingList ? { ...s, callingList: Object.freeze(change(s.callingList)) } : s));
  }

  #set(change: (list: CallingListView) => CallingListView): void {
    this.#desks.store.update((s) => ({ ...s, callingList: Object.freeze(change(s.callingList ?? CLOSED)) }));
  }
}
