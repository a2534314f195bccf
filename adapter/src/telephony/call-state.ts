/**
 * The SIP life of one call leg (ours), as a state table: the one place where a call's state
 * and facts change. Modelled on SIP.js's `src/api/session-state.ts`, one level up: sip.js's
 * Session says where the INVITE dialog is (Initial, Establishing, Established, Terminating,
 * Terminated); this says what the phone is doing with it (a hold in flight, a transfer...).
 *
 * ```
 *   INVITE in (180 sent)                          dial() (INVITE being built)
 *          |                                                |
 *          v                                                v
 *     +---------+ --reject--> rejecting            +-----------+
 *     | ringing | <-reject-failed-+                | dialling  |
 *     +---------+                                  +-----------+
 *          | answer (accept(): 200 OK being built)       | invite-sent
 *          v                                              v
 *     +-----------+                                 +-----------+
 *     | answering |                                 |  calling  | (far end rings)
 *     +-----------+                                 +-----------+
 *          |          established (200 OK sent / received)      |
 *          +---------------------------+------------------------+
 *                                      v
 *                  hold          +-----------+   transfer   +--------------+
 *            +------------------ | connected | -----------> | transferring |
 *            v                   +-----------+ <----------- +--------------+
 *       +---------+  hold-failed    ^     ^    transfer-failed
 *       | holding | ----------------+     | retrieve-accepted
 *       +---------+                       |
 *            | hold-accepted        +------------+
 *            v                      | retrieving |
 *       +---------+ --retrieve----> +------------+
 *       |  held   | <-retrieve-failed-----+
 *       +---------+ --transfer--> transferring-held --transfer-failed--> held
 *
 *   connected --drop-voicemail--> dropping-voicemail (the agent left: a pre-recorded message
 *     plays into the call; release when it ends, or the far end's BYE, ends it)
 *
 *   connected --replace--> replacing --replace-failed--> connected
 *     (the consult call of an attended transfer, RFC 5589: the other call's far end was
 *     REFERred here with Replaces; the transfer target's BYE on this leg means it took over)
 *
 *   --> ending (the end is decided, sip.js winds down), on:
 *     release     from any state: BYE, CANCEL of our INVITE, or 486/603 while it rings
 *     hand-over   from the up states (connected ... replacing): the far end accepted our
 *                 REFER (in time or late), or took over the consult call it replaced
 *     remote-bye  from the up states: the far end's BYE (from replacing: the transfer target
 *                 replaced this leg, RFC 3891, so it ends as transferred)
 *     far-end-gone from the up states: the far end answered our dialog refresh after a
 *                 reconnect with 481 (dialog-refresh.ts): it hung up while the connection was
 *                 down and its BYE was lost; reported as its hang-up
 *     fail        from answering or dialling: accept() or dial() failed; from calling: the
 *                 phone reconnected while our INVITE was unanswered, so its answer can no
 *                 longer reach us (dial.ts abandonAfterReconnect)
 *     cancel      from ringing: the caller's CANCEL
 *
 *   terminated (sip.js: Session Terminated) --> ended, from every state but answering and
 *   dialling: there, accept() or dial() settles first and then looks whether sip.js ended it.
 *   (established moves dialling to connected too, should the answer beat invite()'s return.)
 *
 *   mute, unmute: in the up states, the agent's microphone is silenced or given back on this
 *   call (the fact `muted`; the state stays), kept across hold and retrieve.
 * ```
 *
 * Some events only bring a fact and keep the state: the far end's ACK while the dialog is
 * up, a CANCEL while accept() runs, a final response while dialling; while ending, every
 * late report (a BYE that crossed ours, the 487 our CANCEL brings...) is kept as a fact.
 * The facts (the ACK, a CANCEL, a failure, our reject's status...) are fields of the
 * {@link CallLeg}, set only here; {@link callEnd} reads them once the leg has ended. Legs
 * are frozen values: every transition returns a new one.
 */
import { ContactPadError, type ErrorCode } from '../model/errors.ts';

/** Where a call leg is, from the phone's side (see the diagram above). */
export type CallState =
  | 'ringing'
  | 'rejecting'
  | 'answering'
  | 'dialling'
  | 'calling'
  | 'connected'
  | 'holding'
  | 'held'
  | 'retrieving'
  | 'transferring'
  | 'transferring-held'
  | 'replacing'
  | 'dropping-voicemail'
  | 'ending'
  | 'ended';

/** Everything that moves a call leg: the agent's actions, and what sip.js reports of the far end. */
export type CallEvent =
  /** accept(): the 200 OK is being built (microphone, SDP answer). */
  | { readonly type: 'answer' }
  /** reject(): our 486 or 603 is being sent. */
  | { readonly type: 'reject'; readonly statusCode: number }
  /** sip.js could not send our reject: the call rings on. */
  | { readonly type: 'reject-failed' }
  /**
   * The caller's CANCEL while it rang (a missed call; it wins over a failure of accept()), or a
   * forking proxy's CANCEL saying another phone answered it (RFC 3326 Reason: SIP;cause=200).
   */
  | { readonly type: 'cancel'; readonly answeredElsewhere?: boolean }
  /** dial(): the INVITE went out. */
  | { readonly type: 'invite-sent' }
  /** A final failure response to our INVITE (404, 486...). */
  | { readonly type: 'refused'; readonly statusCode: number }
  /** sip.js: Session Established (our 200 OK sent, or the callee's 200 OK received). */
  | { readonly type: 'established' }
  /** The far end's ACK (of our 200 OK, or of our answer to its re-INVITE). */
  | { readonly type: 'ack' }
  /** accept() or dial() failed (microphone, SDP...), or our INVITE's answer can no longer reach us (a reconnect while it rang). */
  | { readonly type: 'fail'; readonly code: ErrorCode; readonly message: string }
  /** hold(): our sendonly re-INVITE is on its way (or waits for the call to take it). */
  | { readonly type: 'hold' }
  | { readonly type: 'hold-accepted' }
  /** The far end refused the hold, or it could not be sent: the call is as it was. */
  | { readonly type: 'hold-failed' }
  /** retrieve(): our sendrecv re-INVITE is on its way. */
  | { readonly type: 'retrieve' }
  | { readonly type: 'retrieve-accepted' }
  | { readonly type: 'retrieve-failed' }
  /** transfer(): our REFER is on its way. */
  | { readonly type: 'transfer' }
  /** The far end refused the REFER, did not answer it in time, or it could not be sent. */
  | { readonly type: 'transfer-failed' }
  /** completeTransfer(): this consult call is named in the REFER of the other call (Replaces). */
  | { readonly type: 'replace' }
  /** The attended transfer did not go through: this consult call is ours again. */
  | { readonly type: 'replace-failed' }
  /** The far end accepted our REFER (in time or late): we hang up our leg, as transferred. */
  | { readonly type: 'hand-over' }
  /** release(): BYE, CANCEL of our own call, or a reject of a ringing one. */
  | { readonly type: 'release' }
  /** The far end's BYE, with its Reason header as received (RFC 3326; a callback's outcome: callback-alert-desk.ts). */
  | { readonly type: 'remote-bye'; readonly reason?: string | undefined }
  /**
   * The far end no longer knows the call: it answered the phone's dialog refresh after a
   * reconnect with 481 Call/Transaction Does Not Exist (dialog-refresh.ts), so its BYE was lost
   * while the phone's connection was down.
   */
  | { readonly type: 'far-end-gone' }
  /** dropVoicemail(): a pre-recorded message plays into the call instead of the agent, who has left it (voicemail-drop.ts). */
  | { readonly type: 'drop-voicemail' }
  /** sip.js: Session Terminated. */
  | { readonly type: 'terminated' }
  /** mute() / unmute(): the agent's microphone on this call (mute.ts). */
  | { readonly type: 'mute' }
  | { readonly type: 'unmute' };

export type CallEventType = CallEvent['type'];

/** What ended a call on our side, when we did. */
export type LocalEnd = 'released' | 'rejected' | 'transferred';

/** One call leg: its state and the facts gathered on the way. Frozen. */
export interface CallLeg {
  readonly state: CallState;
  readonly direction: 'inbound' | 'outbound';
  /** The dialog was established at some point (200 OK sent or received). */
  readonly answered: boolean;
  /**
   * The INVITE that set the call up is complete: the far end's ACK of our 200 OK arrived
   * (an outbound call is Established only once we have sent our ACK, so it starts confirmed).
   */
  readonly confirmed: boolean;
  /** What we did to end it, when we did. */
  readonly local: LocalEnd | undefined;
  /** The caller sent CANCEL while it rang. */
  readonly cancelled: boolean;
  /** ... and the CANCEL said the call was answered elsewhere (Reason: SIP;cause=200). */
  readonly answeredElsewhere: boolean;
  /** The far end sent BYE. */
  readonly remoteBye: boolean;
  /** The Reason header of the far end's BYE, raw (read only for a callback, off the ring path). */
  readonly byeReason?: string | undefined;
  /** Our reject's status code, or the final failure response to our INVITE. */
  readonly rejectedWith: number | undefined;
  /** Why accept() or dial() failed. */
  readonly failure: { readonly code: ErrorCode; readonly message: string } | undefined;
  /** The agent muted their microphone on this call (mute.ts); a new call starts unmuted. */
  readonly muted: boolean;
}

/** How a call ended, in SIP terms (what the phone reports to its listener, once per call). */
export type CallEnd =
  | { reason: 'released' } // we sent BYE (or CANCEL on our own outbound call)
  | { reason: 'remote-hangup'; byeReason?: string | undefined } // the far end sent BYE (its Reason header, raw)
  | { reason: 'caller-cancelled' } // the caller sent CANCEL while it rang (a missed call)
  | { reason: 'answered-elsewhere' } // a CANCEL with Reason: SIP;cause=200 while it rang: another phone took the call (RFC 3326)
  | { reason: 'rejected'; statusCode: number } // we answered 486/603, or the callee refused our call
  | { reason: 'transferred' } // the far end accepted our REFER (blind transfer), or the transfer target replaced our consult call (attended)
  | { reason: 'failed'; code: ErrorCode; message: string };

/** Every call state, in the order of the diagram. */
export const CALL_STATES: readonly CallState[] = Object.freeze([
  'ringing',
  'rejecting',
  'answering',
  'dialling',
  'calling',
  'connected',
  'holding',
  'held',
  'retrieving',
  'transferring',
  'transferring-held',
  'replacing',
  'dropping-voicemail',
  'ending',
  'ended',
] as const);

/** States where the dialog is up: media flows or is being renegotiated. */
const UP = ['connected', 'holding', 'held', 'retrieving', 'transferring', 'transferring-held', 'replacing'] as const;

type Moves = Readonly<Partial<Record<CallState, CallState>>>;

/**
 * Each event's legal moves, `from: to` (one row per event, in the order of {@link CallEvent});
 * a state missing from an event's row refuses it. `same(states)`: the event keeps those
 * states (it brings only a fact); `to(states, target)`: it moves each of them to `target`.
 */
export const CALL_TRANSITIONS: Readonly<Record<CallEventType, Moves>> = frozenRows({
  answer: { ringing: 'answering' },
  reject: { ringing: 'rejecting' },
  'reject-failed': { rejecting: 'ringing' },
  cancel: { ringing: 'ending', ...same(['answering', 'rejecting', 'ending']) },
  'invite-sent': { dialling: 'calling', ending: 'ending' },
  refused: same(['dialling', 'calling', 'ending']),
  established: { ...to(['answering', 'dialling', 'calling'], 'connected'), ending: 'ending' },
  ack: same(['answering', ...UP, 'dropping-voicemail', 'ending']),
  fail: to(['answering', 'dialling', 'calling', 'ending'], 'ending'),
  hold: { connected: 'holding' },
  'hold-accepted': { holding: 'held' },
  'hold-failed': { holding: 'connected' },
  retrieve: { held: 'retrieving' },
  'retrieve-accepted': { retrieving: 'connected' },
  'retrieve-failed': { retrieving: 'held' },
  transfer: { connected: 'transferring', held: 'transferring-held' },
  'transfer-failed': { transferring: 'connected', 'transferring-held': 'held' },
  replace: { connected: 'replacing' },
  'replace-failed': { replacing: 'connected' },
  'hand-over': to([...UP, 'ending'], 'ending'),
  release: to(CALL_STATES.filter((state) => state !== 'ended'), 'ending'),
  'remote-bye': to([...UP, 'dropping-voicemail', 'ending'], 'ending'),
  'far-end-gone': to([...UP, 'dropping-voicemail'], 'ending'),
  'drop-voicemail': { connected: 'dropping-voicemail' },
  terminated: to(CALL_STATES.filter((state) => state !== 'ended' && state !== 'answering' && state !== 'dialling'), 'ended'),
  mute: same(UP),
  unmute: same(UP),
});

function frozenRows(rows: Record<CallEventType, Moves>): Readonly<Record<CallEventType, Moves>> {
  for (const row of Object.values(rows)) Object.freeze(row);
  return Object.freeze(rows);
}

function same(states: readonly CallState[]): Moves {
  return Object.fromEntries(states.map((state) => [state, state]));
}

function to(states: readonly CallState[], target: CallState): Moves {
  return Object.fromEntries(states.map((state) => [state, target]));
}

/** A new leg: an incoming call rings, an outbound one is being dialled. */
export function startCall(direction: 'inbound' | 'outbound'): CallLeg {
  return Object.freeze({
    state: direction === 'inbound' ? 'ringing' : 'dialling',
    direction,
    answered: false,
    confirmed: direction === 'outbound',
    local: undefined,
    cancelled: false,
    answeredElsewhere: false,
    remoteBye: false,
    rejectedWith: undefined,
    failure: undefined,
    muted: false,
  });
}

/** The state `event` moves a leg in `from` to, or undefined when the table refuses it. */
export function nextCallState(from: CallState, event: CallEventType): CallState | undefined {
  return CALL_TRANSITIONS[event]?.[from];
}

/** True when the table allows `event` in `from`. */
export function canApply(from: CallState, event: CallEventType): boolean {
  return nextCallState(from, event) !== undefined;
}

/**
 * The leg after `event`: its new state and the fact the event brings. Throws
 * INVALID_TRANSITION ("Invalid transition: <event> in <state>") when the table refuses it;
 * the leg is then unchanged.
 */
export function transitionCall(leg: CallLeg, event: CallEvent): CallLeg {
  const state = nextCallState(leg.state, event.type);
  if (state === undefined) {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition: ${event.type} in ${leg.state}`, {
      detail: { from: leg.state, event: event.type },
    });
  }
  return Object.freeze({ ...leg, state, ...factOf(leg, event) });
}

/** The fields an event sets besides the state. */
function factOf(leg: CallLeg, event: CallEvent): Partial<CallLeg> {
  switch (event.type) {
    case 'reject':
      return { local: 'rejected', rejectedWith: event.statusCode };
    case 'reject-failed':
      return { local: undefined, rejectedWith: undefined };
    case 'cancel':
      return { cancelled: true, answeredElsewhere: event.answeredElsewhere === true };
    case 'refused':
      return { rejectedWith: event.statusCode };
    case 'established':
      return { answered: true };
    case 'ack':
      return { confirmed: true };
    case 'fail':
      return { failure: Object.freeze({ code: event.code, message: event.message }) };
    case 'hand-over':
      return { local: 'transferred' };
    case 'release':
      return { local: leg.local ?? 'released' };
    case 'mute':
      return { muted: true };
    case 'unmute':
      return { muted: false };
    case 'far-end-gone':
      return { remoteBye: true };
    case 'remote-bye':
      // The transfer target replaced our consult call (RFC 3891): it took the call over.
      return leg.state === 'replacing' ? { remoteBye: true, local: 'transferred' } : event.reason ? { remoteBye: true, byeReason: event.reason } : { remoteBye: true };
    default:
      return {};
  }
}

/**
 * How an ended leg is reported. When several facts gathered, the first of these wins: the
 * caller's CANCEL (a missed call, even when it interrupted a failing accept()), a failure of
 * accept() or dial(), our reject, our release, our hand-over, the far end's BYE, the final
 * failure response to our INVITE; else the call was cut off (answered) or ended before it
 * was answered.
 */
export function callEnd(leg: CallLeg): CallEnd {
  if (leg.cancelled) return leg.answeredElsewhere ? { reason: 'answered-elsewhere' } : { reason: 'caller-cancelled' };
  if (leg.failure) return { reason: 'failed', ...leg.failure };
  if (leg.local === 'rejected') return { reason: 'rejected', statusCode: leg.rejectedWith ?? 486 };
  if (leg.local === 'released') return { reason: 'released' };
  if (leg.local === 'transferred') return { reason: 'transferred' };
  if (leg.remoteBye) return leg.byeReason ? { reason: 'remote-hangup', byeReason: leg.byeReason } : { reason: 'remote-hangup' };
  if (leg.rejectedWith !== undefined) return { reason: 'rejected', statusCode: leg.rejectedWith };
  const message = leg.answered ? 'The call was cut off.' : 'The call ended before it was answered.';
  return { reason: 'failed', code: 'SIP_CALL_FAILED', message };
}
