/**
 * Scheduled calls (issue 12 item 3; seed 003 "Scheduled calls"): from the Call back dialog,
 * instead of calling now, the agent schedules the call for a date and time; it becomes a callback
 * request for this agent in Salesforce (Status Scheduled, linked to the record), which the
 * callback queue (ContactPadCallbackQueue) offers to them once due, and their alert rings like
 * any callback (callback-alert-desk.ts pops the record it was scheduled from).
 *
 *   schedule -> the time read (INVALID_INPUT, SCHEDULE_IN_PAST) -> the compliance check AT that
 *               time (outbound-desk.ts clear: Do Not Call, lists, countries, calling hours in the
 *               recipient's time zone; the blocking rule's code) -> the request created -> listed
 *   move     -> the same checks for the new time, against the record it was scheduled from (its
 *               Do Not Call, its time zone; read fresh: crm/scheduled-call-origin.ts; a record
 *               gone or not shared: the number alone, and the agent is told) -> moved -> listed;
 *               blocked: the request stays as it was
 *   cancel   -> the request cancelled -> listed
 *
 * The agent's list shows in two places: the Call back dialog (snapshot.callback.scheduled), and
 * "Scheduled calls" from the dial box at any time (snapshot.scheduledCalls: each call's time, the
 * customer's time zone, whether it is due; model/scheduled-call-list.ts), read when opened and
 * after each change, and redrawn when the next call falls due. Loaded with the Call back desk, off
 * the ring path.
 */
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import type { DialledRecord } from '../model/dial-history.ts';
import { numberTimeZones } from '../model/number-time-zones.ts';
import { originUnavailable, readScheduleTime, type ScheduledCall } from '../model/scheduled-call.ts';
import { nextDueAt, scheduledCallRows } from '../model/scheduled-call-list.ts';
import type { ScheduledCallsPort } from '../crm/scheduled-calls-port.ts';
import type { ScheduledCallsView } from '../store.ts';
import type { OutboundDesk, OutboundDeskParts } from './outbound-desk.ts';

export class ScheduledCallDesk {
  readonly #desks: OutboundDeskParts;
  readonly #outbound: OutboundDesk;
  /** The agent's scheduled calls as last read. */
  #listed: readonly ScheduledCall[] = [];
  /** Stops the timer that redraws the list when its next call falls due. */
  #stopDueTimer: (() => void) | undefined;

  constructor(desks: OutboundDeskParts, outbound: OutboundDesk) {
    this.#desks = desks;
    this.#outbound = outbound;
  }

  /** Schedules a call to `number` at `at` (ISO 8601) for this agent; the request's id. */
  async schedule(number: string, at: string, record?: DialledRecord): Promise<string> {
    const when = readScheduleTime(at, this.#desks.clock.now());
    const cleared = await this.#outbound.clear(number, record, when);
    const known = cleared.record ?? record;
    const id = await (await this.#port()).schedule({ number: cleared.address, name: known?.name ?? '', at: when, ...(known ? { recordId: known.recordId } : {}) });
    await this.refresh();
    return id;
  }

  /** Moves a scheduled call to `at`, with the same checks as scheduling it, against the record it was scheduled from. */
  async move(id: string, at: string): Promise<void> {
    const when = readScheduleTime(at, this.#desks.clock.now());
    const call = this.#listed.find((listed) => listed.id === id);
    if (!call) throw new ContactPadError('CALLBACK_NOT_ALLOWED', 'That scheduled call is no longer listed: it was cancelled, or it is already due.');
    const port = await this.#port();
    const origin = call.recordId === '' ? { kind: 'none' as const } : await port.originOfRecord(call.recordId, call.name);
    if (origin.kind === 'unreadable') this.#desks.notices.notify(originUnavailable(origin, 'The new time is checked against the number alone.'));
    try {
      await this.#outbound.clear(call.number, origin.kind === 'record' ? origin.record : undefined, when);
    } catch (error) {
      if (!isContactPadError(error) || !error.code.startsWith('CALL_BLOCKED_')) throw error;
      throw new ContactPadError(error.code, `Scheduled call to ${call.name || call.number} not moved: ${error.message} It stays scheduled as it was.`, { detail: error.detail });
    }
    await port.move(id, when);
    await this.refresh();
  }

  async cancel(id: string): Promise<void> {
    await (await this.#port()).cancel(id);
    await this.refresh();
  }

  /** "Scheduled calls" opened: shown at once (as last read), then read again. */
  async show(): Promise<void> {
    this.#showList(this.#desks.store.snapshot.scheduledCalls?.state === 'listed' ? 'listed' : 'loading');
    await this.refresh();
  }

  /** "Scheduled calls" closed. */
  hide(): void {
    this.#stopDueTimer?.();
    this.#stopDueTimer = undefined;
    this.#desks.store.update((s) => (s.scheduledCalls ? { ...s, scheduledCalls: undefined } : s));
  }

  /** Reads the agent's scheduled calls into the open dialog and list; unreadable: the agent is told, both keep working. */
  async refresh(): Promise<void> {
    const { store, notices } = this.#desks;
    if (!this.#desks.rooms.crm) {
      if (store.snapshot.scheduledCalls) this.#showList('failed');
      return;
    }
    try {
      const scheduled = await (await this.#port()).list();
      this.#listed = scheduled;
      store.update((s) => (s.callback ? { ...s, callback: { ...s.callback, scheduled } } : s));
      if (store.snapshot.scheduledCalls) this.#showList('listed');
    } catch (error) {
      notices.notify(error);
      if (store.snapshot.scheduledCalls) this.#showList('failed');
    }
  }

  /** The list as read, at the desk's time; redrawn when its next call falls due. */
  #showList(state: ScheduledCallsView['state']): void {
    const { store, clock } = this.#desks;
    const now = clock.now();
    store.update((s) => ({ ...s, scheduledCalls: { state, calls: scheduledCallRows(this.#listed, now, numberTimeZones) } }));
    this.#stopDueTimer?.();
    const next = nextDueAt(this.#listed, now);
    this.#stopDueTimer = next === undefined ? undefined : clock.schedule(() => this.#showList(state), next - now);
  }

  async #port(): Promise<ScheduledCallsPort> {
    const crm = this.#desks.rooms.crm;
    if (!crm) throw new ContactPadError('CRM_UNAVAILABLE', 'Salesforce is not connected: calls cannot be scheduled now.');
    return crm.scheduledCalls();
  }
}
