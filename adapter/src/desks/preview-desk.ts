/**
 * Preview dialling: the agent works through a campaign's calling list one record at a time
 * (model/calling-record.ts has the moves and the seed's words): reviews the record, calls it
 * through the outbound desk (the compliance checks of every call the agent places, with the
 * member's Lead or Contact as the call's record: it pops and the call's Task links to it),
 * rejects it with a reason, or reschedules the attempt. Each outcome is logged on the record in
 * Salesforce (crm/calling-list.ts: a Task on the Lead or Contact, the member's Status and next
 * attempt) through the durable activity outbox: stored in this browser first, then the list
 * moves on while it is sent (retried while Salesforce is down, replayed after a reload). The
 * record shows where its outcome's write stands (saving, will retry, saved); a write the
 * outbox holds (Salesforce refused it) is told. Only an outcome that could not even be stored
 * leaves the record as it was.
 *
 *   choose -> active campaigns -> open -> the records due, the first previewed
 *   call   -> dialling -> (the call) connected: called, logged | ended unanswered: not reached, logged
 *          -> blocked by a rule: previewed again (the notice names the rule)
 *   reject (reason) / reschedule (time to come) -> logged -> the next record due is previewed
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
  type CallingListView,
  type CallingRecord,
  type CallingRecordEvent,
} from '../model/calling-record.ts';
import type { ActivityLogState } from '../model/activity-log-state.ts';
import { ContactPadError } from '../model/errors.ts';
import type { LoadedDesks } from './desks.ts';

/** Why the outbox waits that is not for everyone (Salesforce down, a limit, a session): a refusal held for an admin's fix. */
const WAITS_FOR_EVERYONE = new Set(['CRM_UNAVAILABLE', 'CRM_REQUEST_LIMIT', 'CRM_SESSION_EXPIRED']);

const CLOSED: CallingListView = Object.freeze({ state: 'loading', campaigns: [], campaign: undefined, records: [], currentId: undefined, saving: false });

export class PreviewDesk {
  readonly #desks: LoadedDesks;
  /** The campaign's member statuses (what ContactPad may set the member's Status to). */
  #memberStatuses: readonly string[] = [];
  /** Member statuses found missing and told (once per campaign). */
  readonly #toldMissing = new Set<string>();
  /** Stops watching the calls placed to records. */
  #unwatch: (() => void) | undefined;
  /** Outcome writes whose hold was told (once each). */
  readonly #toldHeld = new Set<string>();

  constructor(desks: LoadedDesks) {
    this.#desks = desks;
  }

  /** Carries out the agent's action; rejects with a ContactPadError the switchboard tells. */
  async handle(action: CallingListAction): Promise<void> {
    switch (action.kind) {
      case 'choose':
        return this.choose();
      case 'open':
        return this.open(action.campaignId);
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

  /** Lists the active campaigns to choose from (one query). */
  async choose(): Promise<void> {
    this.#set(() => ({ ...CLOSED, state: 'loading' }));
    try {
      const campaigns = await this.#desks.rooms.requireCrm().campaigns();
      this.#set(() => ({ ...CLOSED, state: 'choosing', campaigns }));
      if (campaigns.length === 0) throw new ContactPadError('CALLING_LIST_UNAVAILABLE', 'No active campaign to call: ask your Salesforce admin to activate one.');
    } catch (error) {
      this.#set((list) => ({ ...list, state: 'choosing' }));
      throw error;
    }
  }

  /** Opens a campaign's calling list: its records due now, the first one previewed. */
  async open(campaignId: string): Promise<void> {
    const campaigns = this.#list().campaigns;
    this.#set((list) => ({ ...list, state: 'loading' }));
    let opened;
    try {
      opened = await this.#desks.rooms.requireCrm().callingList(campaignId);
    } catch (error) {
      this.#set(() => ({ ...CLOSED, state: 'choosing', campaigns }));
      throw error;
    }
    const now = this.#desks.clock.now();
    this.#memberStatuses = opened.memberStatuses;
    const records = opened.records.filter((record) => isDue(record, now));
    this.#set(() => ({ state: 'open', campaigns, campaign: opened.campaign, records, currentId: undefined, saving: false }));
    this.#watchCalls();
    if (records.length === 0) throw new ContactPadError('CALLING_LIST_UNAVAILABLE', `${opened.campaign.name}: no record to call now (every member is called, rejected or rescheduled to later).`);
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

  /** Closes the calling list (the records not worked on stay as they are in Salesforce). */
  close(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#desks.store.update((s) => {
      const { callingList: _closed, ...rest } = s;
      return rest;
    });
  }

  /**
   * Where an outcome's write stands, as the outbox tells it (its `progress`, by the write's key): shown on its
   * record; a write held because Salesforce refused it is told once (it stays stored, and goes
   * again when the agent's session is renewed or ContactPad starts again after the admin's fix).
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
   */
  async #log(moved: CallingRecord, outcome: 'called' | 'not-reached' | 'rejected' | 'rescheduled'): Promise<void> {
    const { rooms, clock, notices } = this.#desks;
    const campaign = this.#list().campaign;
    if (!campaign) throw new ContactPadError('INVALID_TRANSITION', 'No calling list is open.');
    const status = CALLING_OUTCOMES[outcome].memberStatus;
    const setStatus = this.#memberStatuses.includes(status);
    if (!setStatus && !this.#toldMissing.has(`${campaign.id}:${status}`)) {
      this.#toldMissing.add(`${campaign.id}:${status}`);
      notices.notify(new ContactPadError('INVALID_CONFIGURATION', `Campaign ${campaign.name} has no member status "${status}": the outcome is logged as a Task, the member's Status is left as it is (tell your Salesforce admin).`));
    }
    const before = this.#record(moved.memberId);
    const at = clock.now();
    const key = outcomeKey(moved.memberId, at);
    // Shown as logged before the outbox answers, so its first progress (saving) finds the record by key.
    this.#replace({ ...moved, ...(setStatus ? { memberStatus: status } : {}), outcomeKey: key, outcomeLog: 'saving' });
    this.#set((list) => ({ ...list, saving: true }));
    try {
      await rooms.requireCrm().logCallingOutcome({ campaign, record: moved, outcome, at, setStatus, progress: (state, error) => this.outcomeState(key, state, error) });
    } catch (error) {
      this.#replace(before);
      throw error;
    } finally {
      this.#set((list) => ({ ...list, saving: false }));
    }
  }

  /** Follows the calls placed to records: answered is called, ended unanswered is not reached; each logged once. */
  #watchCalls(): void {
    this.#unwatch ??= this.#desks.store.subscribe(() => {
      for (const record of this.#desks.store.snapshot.callingList?.records ?? []) {
        if (record.state === 'dialling' && record.callId) this.#callEvent(record.memberId);
      }
    });
  }

  #callEvent(memberId: string): void {
    const record = this.#desks.store.snapshot.callingList?.records.find((candidate) => candidate.memberId === memberId);
    if (record?.state !== 'dialling' || !record.callId) return;
    const state = this.#desks.view.stateOf(record.callId);
    const event: CallingRecordEvent | undefined = state === 'alerting' ? undefined : state === 'connected' || state === 'held' || state === 'wrap-up' ? 'answered' : 'not-connected';
    if (!event) return;
    const moved = moveCallingRecord(record, event);
    this.#replace(moved);
    if (moved.state === 'called' || moved.state === 'not-reached') this.#log(moved, moved.state).catch((error: unknown) => this.#desks.notices.notify(error));
  }

  #list(): CallingListView {
    return this.#desks.store.snapshot.callingList ?? CLOSED;
  }

  #record(memberId: string): CallingRecord {
    const record = this.#list().records.find((candidate) => candidate.memberId === memberId);
    if (!record) throw new ContactPadError('INVALID_INPUT', 'That record is not on the calling list (any more).');
    return record;
  }

  #replace(record: CallingRecord): void {
    this.#set((list) => ({ ...list, records: list.records.map((candidate) => (candidate.memberId === record.memberId ? record : candidate)) }));
  }

  #set(change: (list: CallingListView) => CallingListView): void {
    this.#desks.store.update((s) => ({ ...s, callingList: Object.freeze(change(s.callingList ?? CLOSED)) }));
  }
}
