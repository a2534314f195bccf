/**
 * Preview dialling: a calling list (the members of a Salesforce Campaign, or the records of a
 * Lead or Contact list view) worked through one record at a time. The agent reviews a calling record (its fields), calls it, rejects it with a
 * reason, or reschedules the attempt (the agent guide of seed 002: "Participating in an Outbound
 * Campaign", "How to Review a Calling Record", "How to Reject a Calling Record", "How to
 * Reschedule a Call Attempt"). Each outcome is logged on the record (crm/calling-list.ts).
 *
 * ```
 *   waiting --preview--> previewing --call--> dialling --answered------> called --reschedule--+
 *      ^                  |  |  |               |  \---not-connected--> not-reached            |
 *      +-----leave--------+  |  |               +--blocked--> previewing   | call, reject,     |
 *                            |  +--reject--> rejected                      | reschedule        v
 *                            +-----reschedule----------------------------------------> rescheduled
 * ```
 *
 * `blocked`: the compliance rules refused the call (nothing was dialled), the record is previewed
 * again. `rejected` and `rescheduled` are ends for this session (the record leaves the list).
 * Records are frozen values; every function here returns a new one. Pure: no I/O.
 */
import { ContactPadError } from './errors.ts';
import type { JourneyStatus } from './journey-entry.ts';
import type { ActivityLogState } from './activity-log-state.ts';

export type CallingRecordState = 'waiting' | 'previewing' | 'dialling' | 'called' | 'not-reached' | 'rejected' | 'rescheduled';
export type CallingRecordEvent = 'preview' | 'leave' | 'call' | 'blocked' | 'answered' | 'not-connected' | 'reject' | 'reschedule';

/** The table of allowed moves: `CALLING_RECORD_TRANSITIONS[state][event]` is the next state; a missing entry is an illegal move. */
export const CALLING_RECORD_TRANSITIONS: Readonly<Record<CallingRecordState, Readonly<Partial<Record<CallingRecordEvent, CallingRecordState>>>>> = Object.freeze({
  waiting: Object.freeze({ preview: 'previewing' }),
  previewing: Object.freeze({ leave: 'waiting', call: 'dialling', reject: 'rejected', reschedule: 'rescheduled' }),
  dialling: Object.freeze({ blocked: 'previewing', answered: 'called', 'not-connected': 'not-reached' }),
  called: Object.freeze({ reschedule: 'rescheduled' }),
  'not-reached': Object.freeze({ call: 'dialling', reject: 'rejected', reschedule: 'rescheduled' }),
  rejected: Object.freeze({}),
  rescheduled: Object.freeze({}),
} as const);

/** One member of the calling list: what the agent reviews before calling (the CampaignMember's fields, read from its Lead or Contact; a list view's Lead or Contact). */
export interface CallingRecord {
  /** The member's id on its list: the CampaignMember's id, or on a list view's list the Lead's or Contact's own id. */
  readonly memberId: string;
  /** The member's Lead or Contact (LeadOrContactId): the record the call and its Task link to. */
  readonly personId: string;
  readonly objectType: 'Lead' | 'Contact';
  readonly name: string;
  readonly title: string;
  /** CompanyOrAccount. */
  readonly company: string;
  readonly phone: string;
  readonly mobilePhone: string;
  readonly email: string;
  /** City, State, Country, as far as given. */
  readonly place: string;
  /**
   * Where the record stands on its list when the list was read: the CampaignMember Status (Sent,
   * Not Reached...); on a list view's list, the last outcome logged from that list ('' for none).
   */
  readonly memberStatus: string;
  readonly doNotCall: boolean;
  /** When a rescheduled attempt is due (ContactPad_Next_Attempt__c, epoch ms); undefined when not rescheduled. */
  readonly nextAttemptAt: number | undefined;
  readonly state: CallingRecordState;
  /** The call placed to it, once dialled. */
  readonly callId?: string;
  /** Why the agent rejected it. */
  readonly rejectReason?: string;
  /** When the agent rescheduled the attempt to (epoch ms). */
  readonly rescheduledTo?: number;
  /** The key of the last outcome's write (its Task's ContactPad_Interaction_Id__c: {@link outcomeKey}), once one is logged. */
  readonly outcomeKey?: string;
  /** Where that write stands: saving (stored in this browser, on its way), retrying (kept, will retry), saved (in Salesforce), refused (Salesforce refused it for good: told). */
  readonly outcomeLog?: Exclude<ActivityLogState, 'none'>;
}

/**
 * The key of an outcome's write: its list (the Campaign or list view), the member and when it
 * happened (the same for every try, so a retry updates the same Task; the list's outcomes are
 * found by its prefix, {@link listOutcomeKeyPrefix}).
 */
export function outcomeKey(listId: string, memberId: string, at: number): string {
  return `${listOutcomeKeyPrefix(listId)}${memberId}-${at}`;
}

/** What the keys of one list's outcomes begin with. */
export function listOutcomeKeyPrefix(listId: string): string {
  return `calling-${listId}-`;
}

/** Whether a write's key is a calling list outcome's (its progress goes to the preview desk, not to a call). */
export function isOutcomeKey(key: string): boolean {
  return key.startsWith('calling-');
}

/** What an outcome leaves on the record: the CampaignMember Status ContactPad sets (when the campaign has it) and the Task's journey status. */
export interface CallingOutcome {
  readonly memberStatus: string;
  readonly journeyStatus: JourneyStatus;
}

/** Per outcome state: the member status (the admin adds these to the campaign's member statuses, README) and the journey status. */
export const CALLING_OUTCOMES: Readonly<Record<'called' | 'not-reached' | 'rejected' | 'rescheduled', CallingOutcome>> = Object.freeze({
  called: Object.freeze({ memberStatus: 'Called', journeyStatus: 'Ended' }),
  'not-reached': Object.freeze({ memberStatus: 'Not Reached', journeyStatus: 'Failed' }),
  rejected: Object.freeze({ memberStatus: 'Rejected', journeyStatus: 'Ended' }),
  rescheduled: Object.freeze({ memberStatus: 'Rescheduled', journeyStatus: 'Waiting' }),
});

/** The member statuses that close a record for the list: it is not offered again. */
export const CLOSED_MEMBER_STATUSES: readonly string[] = Object.freeze([CALLING_OUTCOMES.called.memberStatus, CALLING_OUTCOMES.rejected.memberStatus]);

/**
 * The one transition function: `record` after `event`, with the facts the move brings (the
 * call's id, the reject reason, the rescheduled time). INVALID_TRANSITION for a move the table
 * does not allow (rejecting a record twice, calling one being dialled).
 */
export function moveCallingRecord(
  record: CallingRecord,
  event: CallingRecordEvent,
  facts: { readonly callId?: string; readonly rejectReason?: string; readonly rescheduledTo?: number } = {},
): CallingRecord {
  const next = CALLING_RECORD_TRANSITIONS[record.state][event];
  if (!next) throw new ContactPadError('INVALID_TRANSITION', `A calling record cannot ${event} when ${record.state}.`, { detail: { from: record.state, event } });
  return Object.freeze({ ...record, ...facts, state: next });
}

/** Whether the record is offered now: waiting, not closed, and not rescheduled to a later time. */
export function isDue(record: CallingRecord, now: number): boolean {
  if (CLOSED_MEMBER_STATUSES.includes(record.memberStatus)) return false;
  return record.nextAttemptAt === undefined || record.nextAttemptAt <= now;
}

/** The longest reject reason kept (it goes into the Task's Call Result, 255 characters). */
export const MAX_REJECT_REASON = 255;

/** The agent's reject reason on one line; INVALID_INPUT when empty (a calling record is never rejected without a reason). */
export function rejectReason(typed: unknown): string {
  const reason = typeof typed === 'string' ? typed.replace(/\s+/g, ' ').trim().slice(0, MAX_REJECT_REASON) : '';
  if (reason === '') throw new ContactPadError('INVALID_INPUT', 'Say why the calling record is rejected: the reason is logged on the record.');
  return reason;
}

/**
 * The time a call attempt is rescheduled to, checked: INVALID_INPUT when it is no time,
 * RESCHEDULE_TIME_PASSED when it is not after `now` (a call cannot be due in the past).
 */
export function rescheduleTime(at: unknown, now: number): number {
  if (typeof at !== 'number' || !Number.isFinite(at)) throw new ContactPadError('INVALID_INPUT', 'Choose the date and time of the next call attempt.');
  if (at <= now) {
    throw new ContactPadError('RESCHEDULE_TIME_PASSED', `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC has passed: choose a time to come.`, { detail: { at } });
  }
  return at;
}

/** A calling list the agent may work through: an active Campaign's members, or a Lead or Contact list view's records. */
export type CallingListSource =
  | { readonly kind: 'campaign'; readonly id: string; readonly name: string }
  | { readonly kind: 'list-view'; readonly id: string; readonly name: string; readonly objectType: 'Lead' | 'Contact' };

/** The calling list as the widget shows it: the campaigns and list views to choose from, then one list's records. */
export interface CallingListView {
  /** choosing: the lists are offered; open: a list's records are worked through. */
  readonly state: 'loading' | 'choosing' | 'open';
  /** The active campaigns, then the Lead and Contact list views. */
  readonly sources: readonly CallingListSource[];
  /** The list open. */
  readonly source: CallingListSource | undefined;
  /** The records due when the list was opened, in the list's order, with what the agent did to each. */
  readonly records: readonly CallingRecord[];
  /** The record the agent reviews (and calls, rejects or reschedules). */
  readonly currentId: string | undefined;
  /** An outcome is being stored in this browser's outbox (a moment; Salesforce is not waited for: each record shows its own write). */
  readonly saving: boolean;
}

/** What the agent does with the calling list (the `calling-list` intent). */
export type CallingListAction =
  /** Show the active campaigns and the list views to choose from. */
  | { readonly kind: 'choose' }
  /** Open a campaign's or a list view's list (`listId`: its id, one of the sources offered). */
  | { readonly kind: 'open'; readonly listId: string }
  /** Review a record; without `memberId`, the next one due. */
  | { readonly kind: 'preview'; readonly memberId?: string }
  | { readonly kind: 'call'; readonly memberId: string }
  | { readonly kind: 'reject'; readonly memberId: string; readonly reason: string }
  /** `at`: the next attempt's time, epoch ms. */
  | { readonly kind: 'reschedule'; readonly memberId: string; readonly at: number }
  | { readonly kind: 'close' };
