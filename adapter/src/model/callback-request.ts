/**
 * A callback request (seed 001, seed 003 "Callback Queuing"): a caller who chose to be called
 * back instead of waiting, and where the request stands. One table, one transition function
 * ({@link transitionCallback}); the same table is the status picklist of the Salesforce record
 * (force-app ContactPad_Callback_Request__c.Status__c) and the agent's side of a callback alert
 * (desks/callback-alert-desk.ts).
 *
 * ```
 *   waiting --offer--> offered --start--> in-progress --connected (answered, voicemail)--> completed
 *      ^  ^              |                    |  \--not-connected (busy, no answer, failed)--> waiting
 *      |  \---reject-----+                    |        (attempts + 1; at the attempt limit: failed)
 *      |                 \--blocked (a compliance rule: Do Not Call, calling hours...)--> waiting
 *      |                                      \--blocked--> waiting   (no attempt counted)
 *   scheduled --offer (at its time)--> offered;   waiting/scheduled --schedule--> scheduled
 *   waiting/scheduled/offered --duplicate--> duplicate (the caller's first request is kept)
 *   waiting --follow-up--> follow-up (the queue had two in progress: a Task for the queue)
 *   waiting/scheduled --cancel--> cancelled
 * ```
 *
 * completed, failed, duplicate, follow-up and cancelled are ends: nothing moves them.
 */
import { ContactPadError } from './errors.ts';
import { failureOfStatus } from './outbound-failure.ts';

/** Where a callback request stands. */
export type CallbackStatus = 'waiting' | 'scheduled' | 'offered' | 'in-progress' | 'completed' | 'failed' | 'duplicate' | 'follow-up' | 'cancelled';

/** How an attempt went (the record's Outcome__c); '' before the first. */
export type CallbackOutcome = '' | 'answered' | 'voicemail' | 'busy' | 'no-answer' | 'failed' | 'blocked';

/** What can happen to a request. */
export type CallbackEvent =
  | { readonly type: 'offer' }
  | { readonly type: 'reject' }
  | { readonly type: 'start' }
  | { readonly type: 'blocked'; readonly reason: string }
  | { readonly type: 'connected'; readonly outcome: 'answered' | 'voicemail' }
  | { readonly type: 'not-connected'; readonly outcome: 'busy' | 'no-answer' | 'failed'; readonly reason: string; readonly attemptLimit: number }
  | { readonly type: 'schedule' }
  | { readonly type: 'duplicate'; readonly of: string }
  | { readonly type: 'follow-up' }
  | { readonly type: 'cancel' };

/** The request as the rules see it. */
export interface CallbackState {
  readonly status: CallbackStatus;
  /** Attempts made that reached the customer's line (blocked ones are not counted). */
  readonly attempts: number;
  readonly outcome: CallbackOutcome;
  /** Why, in words: "No answer (480 Temporarily Unavailable)", the compliance rule, "Duplicate of a0X...". */
  readonly reason: string;
}

/** The default number of not-connected attempts before a request is Failed (seed 001 bad input: three). */
export const DEFAULT_CALLBACK_ATTEMPT_LIMIT = 3;

/** The table: for each event, the states it may leave and where it goes. */
const MOVES: Readonly<Record<CallbackEvent['type'], Partial<Record<CallbackStatus, CallbackStatus>>>> = Object.freeze({
  offer: { waiting: 'offered', scheduled: 'offered' },
  reject: { offered: 'waiting' },
  start: { offered: 'in-progress' },
  blocked: { offered: 'waiting', 'in-progress': 'waiting' },
  connected: { 'in-progress': 'completed' },
  // To waiting, or failed once the attempts reach the limit (the one rule beside the table).
  'not-connected': { 'in-progress': 'waiting' },
  schedule: { waiting: 'scheduled', scheduled: 'scheduled' },
  duplicate: { waiting: 'duplicate', scheduled: 'duplicate', offered: 'duplicate' },
  'follow-up': { waiting: 'follow-up' },
  cancel: { waiting: 'cancelled', scheduled: 'cancelled' },
});

/** A new request, waiting (or scheduled for a time). */
export function newCallback(scheduled = false): CallbackState {
  return Object.freeze({ status: scheduled ? 'scheduled' : 'waiting', attempts: 0, outcome: '', reason: '' });
}

/** Whether the table allows `event` from `status`. */
export function canTransitionCallback(status: CallbackStatus, type: CallbackEvent['type']): boolean {
  return MOVES[type][status] !== undefined;
}

/** The request after `event`; CALLBACK_NOT_ALLOWED when the table does not allow it. */
export function transitionCallback(state: CallbackState, event: CallbackEvent): CallbackState {
  const to = MOVES[event.type][state.status];
  if (to === undefined) {
    throw new ContactPadError('CALLBACK_NOT_ALLOWED', `A ${state.status} callback request cannot be ${event.type === 'start' ? 'started' : `moved by ${event.type}`}.`, {
      detail: { status: state.status, event: event.type },
    });
  }
  switch (event.type) {
    case 'blocked':
      return Object.freeze({ ...state, status: to, outcome: 'blocked', reason: event.reason });
    case 'connected':
      return Object.freeze({ ...state, status: to, attempts: state.attempts + 1, outcome: event.outcome, reason: '' });
    case 'not-connected': {
      const attempts = state.attempts + 1;
      return Object.freeze({ status: attempts >= Math.max(1, event.attemptLimit) ? 'failed' : to, attempts, outcome: event.outcome, reason: event.reason });
    }
    case 'duplicate':
      return Object.freeze({ ...state, status: to, reason: `Duplicate of ${event.of}` });
    default:
      return Object.freeze({ ...state, status: to });
  }
}

/** Whether the request is over (nothing moves it any more). */
export function isCallbackClosed(status: CallbackStatus): boolean {
  return Object.values(MOVES).every((from) => from[status] === undefined);
}

/**
 * How the platform's leg to the customer went, from the Reason header of the BYE that ends the
 * agent's leg of a callback (RFC 3326: `Reason: SIP ;cause=480 ;text="Temporarily Unavailable"`):
 * no Reason, or cause 200, is a callback that reached the customer (answered; `text="Voicemail"`:
 * their voicemail); another SIP cause is the customer's line's final response (busy, no answer,
 * failed). Anything malformed reads as reached: only the platform says it was not.
 */
export function callbackLegOutcome(reason: string | undefined, attemptLimit: number): Extract<CallbackEvent, { readonly type: 'connected' | 'not-connected' }> {
  const header = typeof reason === 'string' ? reason.slice(0, 512) : '';
  const sip = /^\s*SIP\s*;(.*)$/i.exec(header)?.[1] ?? '';
  const cause = Number(/(?:^|;)\s*cause\s*=\s*(\d{3})\b/i.exec(sip)?.[1] ?? '200');
  const text = /(?:^|;)\s*text\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(sip)?.[1] ?? '';
  if (cause < 300) return { type: 'connected', outcome: /^voicemail$/i.test(text.trim()) ? 'voicemail' : 'answered' };
  const failure = failureOfStatus(cause);
  const outcome = failure.kind === 'busy' ? 'busy' : failure.kind === 'no-answer' ? 'no-answer' : 'failed';
  return { type: 'not-connected', outcome, reason: failure.detail, attemptLimit };
}

/** What the agent sees of a callback alert: which attempt of how many, and once it is over, how it went. */
export interface CallbackView {
  /** X-CP-Callback-Attempt (1 when absent). */
  readonly attempt: number;
  readonly attemptLimit: number;
  /** The request as this attempt left it (offered while it rings). */
  readonly status: CallbackStatus;
  readonly outcome: CallbackOutcome;
  readonly reason: string;
}
