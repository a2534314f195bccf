/**
 * Why a call the agent placed did not connect, in the agent's words, from the far end's final
 * response (RFC 3261 section 21) or ContactPad's own ring timeout; and the reason the agent
 * records for it (seed 003: "Agent can provide the reason if the call fails"), which goes to the
 * call's Task as its disposition.
 *
 * | kind           | SIP final response                             | code                |
 * |----------------|------------------------------------------------|---------------------|
 * | busy           | 486 Busy Here, 600 Busy Everywhere             | CALL_BUSY           |
 * | no-answer      | 480 Temporarily Unavailable, 408 Request Timeout, or no answer within the ring time | CALL_NOT_ANSWERED |
 * | declined       | 603 Decline                                    | CALL_DECLINED       |
 * | invalid-number | 404 Not Found, 484 Address Incomplete, 410 Gone, 604 Does Not Exist Anywhere | CALL_NUMBER_INVALID |
 * | other          | any other failure                              | SIP_CALL_FAILED     |
 */
import { ContactPadError, type ErrorCode } from './errors.ts';
import type { Interaction } from './interaction.ts';

/** What kind of failure it was. */
export type CallFailureKind = 'busy' | 'no-answer' | 'declined' | 'invalid-number' | 'other';

/** Each kind's stable code and its words (the headline the agent reads). */
export const CALL_FAILURES: Readonly<Record<CallFailureKind, { readonly code: ErrorCode; readonly words: string }>> = Object.freeze({
  busy: Object.freeze({ code: 'CALL_BUSY', words: 'Busy' }),
  'no-answer': Object.freeze({ code: 'CALL_NOT_ANSWERED', words: 'No answer' }),
  declined: Object.freeze({ code: 'CALL_DECLINED', words: 'Declined' }),
  'invalid-number': Object.freeze({ code: 'CALL_NUMBER_INVALID', words: 'Number not valid' }),
  other: Object.freeze({ code: 'SIP_CALL_FAILED', words: 'Call failed' }),
});

/** The reason phrases of the final responses a placed call commonly gets (RFC 3261 section 21, RFC 6665). */
const REASON_PHRASES: Readonly<Record<number, string>> = Object.freeze({
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  410: 'Gone',
  480: 'Temporarily Unavailable',
  484: 'Address Incomplete',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  503: 'Service Unavailable',
  600: 'Busy Everywhere',
  603: 'Decline',
  604: 'Does Not Exist Anywhere',
});

/** How a placed call failed: its kind, what happened in words, and the SIP status when there was one. */
export interface CallFailure {
  readonly kind: CallFailureKind;
  /** "Busy (486 Busy Here)", "No answer within 30 s". */
  readonly detail: string;
  readonly statusCode?: number;
}

/** The failure a final response to our INVITE means. */
export function failureOfStatus(statusCode: number): CallFailure {
  const kind: CallFailureKind =
    statusCode === 486 || statusCode === 600 ? 'busy'
    : statusCode === 480 || statusCode === 408 ? 'no-answer'
    : statusCode === 603 ? 'declined'
    : statusCode === 404 || statusCode === 484 || statusCode === 410 || statusCode === 604 ? 'invalid-number'
    : 'other';
  const phrase = REASON_PHRASES[statusCode];
  return Object.freeze({ kind, detail: `${CALL_FAILURES[kind].words} (${statusCode}${phrase ? ` ${phrase}` : ''})`, statusCode });
}

/** Nobody answered within the ring time, and ContactPad gave up (CANCEL). */
export function noAnswerWithin(seconds: number): CallFailure {
  return Object.freeze({ kind: 'no-answer', detail: `${CALL_FAILURES['no-answer'].words} within ${seconds} s` });
}

/** A failure of the call's set-up that is no final response (the microphone, the network). */
export function otherFailure(message: string): CallFailure {
  return Object.freeze({ kind: 'other', detail: message });
}

/** The failure as the notice the agent reads: its code, and "Call to <who> not connected: Busy (486 Busy Here)." */
export function callFailureError(failure: CallFailure, who: string): ContactPadError {
  const detail: Record<string, string | number> = { kind: failure.kind };
  if (failure.statusCode !== undefined) detail['statusCode'] = failure.statusCode;
  return new ContactPadError(CALL_FAILURES[failure.kind].code, `Call to ${who} not connected: ${failure.detail}.`, { detail });
}

/**
 * The reason the agent recorded for an outbound call that failed (from the failedCallReasons
 * list): it becomes the interaction's disposition, logged with its Task. Refused
 * (INTERACTION_CLOSED) for any other interaction, and INVALID_INPUT for a blank reason.
 */
export function withFailedCallReason(interaction: Interaction, reason: string): Interaction {
  if (interaction.direction !== 'outbound' || interaction.state !== 'failed') {
    throw new ContactPadError('INTERACTION_CLOSED', 'A reason can be recorded only for a call you placed that did not connect.');
  }
  const text = typeof reason === 'string' ? reason.replace(/\s+/g, ' ').trim() : '';
  if (text === '') throw new ContactPadError('INVALID_INPUT', 'Choose a reason for the failed call.');
  return Object.freeze({ ...interaction, disposition: text.slice(0, 255) });
}
