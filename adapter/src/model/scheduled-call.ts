/**
 * A call the agent schedules from a record (issue 12 item 3; seed 003, "Scheduled calls"): a
 * callback request for this agent at a date and time (ContactPadCallbackQueue, status Scheduled),
 * offered to them once due. Pure: what the agent typed read as a time, refused when it has
 * passed; the compliance calling hours at that time are the outbound desk's check
 * (outbound-compliance.ts, at the scheduled time in the recipient's time zone).
 *
 * The request's own moves (schedule, move, cancel) are callback-request.ts's table.
 */
import { ContactPadError } from './errors.ts';
import type { DialledRecord } from './dial-history.ts';

/** A scheduled call as the agent's list shows it (the record ContactPad_Callback_Request__c). */
export interface ScheduledCall {
  readonly id: string;
  /** Epoch ms. */
  readonly at: number;
  readonly number: string;
  readonly name: string;
  /** The record it was scheduled from; '' when none. */
  readonly recordId: string;
}

/**
 * The record a scheduled call was scheduled from (its Record Id), as Salesforce has it now: the
 * call pops it and is checked against it (its Do Not Call, its time zone). `none`: the request
 * names no record; `unreadable`: it names one that was deleted or is not shared with the agent
 * (`why` says which, in words): then the number's records and the screen-pop rules decide, and
 * the agent is told.
 */
export type ScheduledCallOrigin =
  | { readonly kind: 'record'; readonly record: DialledRecord }
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly recordId: string; readonly why: string };

/**
 * What the agent is told when the record a scheduled call names cannot be read (`unreadable`), or
 * could not be asked for (`error`, a ContactPadError's message): `instead` says what happens instead.
 */
export function originUnavailable(origin: { readonly recordId: string; readonly why: string }, instead: string): ContactPadError {
  return new ContactPadError('SCHEDULED_RECORD_UNAVAILABLE', `The record this call was scheduled from${origin.recordId ? ` (${origin.recordId})` : ''} cannot be read: ${origin.why}. ${instead}`, {
    detail: { recordId: origin.recordId },
  });
}

/**
 * The time the agent chose (an ISO 8601 instant: the dialog reads the agent's local date and time
 * into one), checked against `now`: INVALID_INPUT when it is no time, SCHEDULE_IN_PAST when it has
 * passed.
 */
export function readScheduleTime(typed: string, now: number): number {
  const at = typeof typed === 'string' && typed.trim() !== '' ? Date.parse(typed.trim()) : Number.NaN;
  if (Number.isNaN(at)) throw new ContactPadError('INVALID_INPUT', 'Choose a date and a time for the call.');
  if (at <= now) {
    throw new ContactPadError('SCHEDULE_IN_PAST', `${new Date(at).toLocaleString()} has already passed: choose a time to come.`, { detail: { at: new Date(at).toISOString() } });
  }
  return at;
}

/** The scheduled calls of a query answer (Salesforce data: a row without an id or a time is left out), soonest first. */
export function readScheduledCalls(rows: readonly Readonly<Record<string, unknown>>[]): readonly ScheduledCall[] {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return rows
    .map((row) => ({ id: text(row['Id']), at: Date.parse(text(row['Scheduled_At__c'])), number: text(row['Number__c']), name: text(row['Caller_Name__c']), recordId: text(row['Record_Id__c']) }))
    .filter((call) => call.id !== '' && !Number.isNaN(call.at))
    .sort((a, b) => a.at - b.at);
}
