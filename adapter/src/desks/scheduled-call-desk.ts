/**
 * Scheduled calls from the Call back dialog (issue 12 item 3; seed 003 "Scheduled calls"): instead
 * of calling now, the agent schedules the call for a date and time; it becomes a callback request
 * for this agent in Salesforce (Status Scheduled, linked to the record), which the callback queue
 * (ContactPadCallbackQueue) offers to them once due, and their alert rings like any callback.
 *
 *   schedule -> the time read (INVALID_INPUT, SCHEDULE_IN_PAST) -> the compliance check AT that
 *               time (outbound-desk.ts clear: Do Not Call, lists, countries, calling hours in the
 *               recipient's time zone; the blocking rule's code) -> the request created -> listed
 *   move     -> the same checks for the new time -> the request moved -> listed
 *   cancel   -> the request cancelled -> listed
 *
 * The list (when, who, number) is the dialog's (snapshot.callback.scheduled). Loaded with the
 * Call back desk, off the ring path.
 */
import { ContactPadError } from '../model/errors.ts';
import type { DialledRecord } from '../model/dial-history.ts';
import { readScheduleTime } from '../model/scheduled-call.ts';
import type { ScheduledCallsPort } from '../crm/scheduled-calls-port.ts';
import type { OutboundDesk, OutboundDeskParts } from './outbound-desk.ts';

export class ScheduledCallDesk {
  readonly #desks: OutboundDeskParts;
  readonly #outbound: OutboundDesk;

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

  /** Moves a scheduled call to `at`, with the same checks as scheduling it. */
  async move(id: string, at: string): Promise<void> {
    const when = readScheduleTime(at, this.#desks.clock.now());
    const call = this.#desks.store.snapshot.callback?.scheduled?.find((listed) => listed.id === id);
    if (!call) throw new ContactPadError('CALLBACK_NOT_ALLOWED', 'That scheduled call is no longer listed: it was cancelled, or it is already due.');
    // The number's own Contacts and Leads and its time zone are checked again (the list keeps no object type for the record).
    await this.#outbound.clear(call.number, undefined, when);
    await (await this.#port()).move(id, when);
    await this.refresh();
  }

  async cancel(id: string): Promise<void> {
    await (await this.#port()).cancel(id);
    await this.refresh();
  }

  /** Reads the agent's scheduled calls into the open dialog; unreadable: the agent is told, the dialog keeps working. */
  async refresh(): Promise<void> {
    const { store, notices } = this.#desks;
    if (!this.#desks.rooms.crm) return;
    try {
      const scheduled = await (await this.#port()).list();
      store.update((s) => (s.callback ? { ...s, callback: { ...s.callback, scheduled } } : s));
    } catch (error) {
      notices.notify(error);
    }
  }

  async #port(): Promise<ScheduledCallsPort> {
    const crm = this.#desks.rooms.crm;
    if (!crm) throw new ContactPadError('CRM_UNAVAILABLE', 'Salesforce is not connected: calls cannot be scheduled now.');
    return crm.scheduledCalls();
  }
}
