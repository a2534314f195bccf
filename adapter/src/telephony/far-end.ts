/**
 * Waiting on the far end of a call: its answer to an in-dialog request of ours (re-INVITE,
 * REFER), and the moment a just-answered call can take a re-INVITE. Every wait also ends
 * when the call ends, and may be bounded in time (through the {@link Clock}). No polling:
 * each wait listens to what sip.js and WebRTC report (the far end's ACK and re-INVITEs, the
 * session state, the peer connection's signalingstatechange).
 */
import { Core, SessionState, Web } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import type { Call } from './call.ts';

/** The WebRTC peer connection of the call, once it has media. */
export function peerConnectionOf(call: Call): RTCPeerConnection | undefined {
  const handler = call.sipSession.sessionDescriptionHandler;
  return handler instanceof Web.SessionDescriptionHandler ? handler.peerConnection : undefined;
}

/** How a wait on the far end of a call ended other than with the outcome it waited for. */
export type Interrupted = { kind: 'call-ended' } | { kind: 'timed-out' };

/** How the far end answered an in-dialog request of ours (re-INVITE, REFER). */
export type Answer = { kind: 'accepted' } | { kind: 'refused'; statusCode: number; status: string } | { kind: 'not-sent'; error: unknown } | Interrupted;

/**
 * Waits for the outcome `run` settles, for the call to end (call-ended) or for `ms` when
 * given (timed-out), whichever comes first. `run` gets `settle` and `over` (whether the
 * wait is over), and may return a cleanup, run once the wait is over.
 */
export function whileUp<T>(
  call: Call,
  clock: Clock,
  ms: number | undefined,
  run: (settle: (outcome: T | Interrupted) => void, over: () => boolean) => (() => void) | void,
): Promise<T | Interrupted> {
  return new Promise((resolve) => {
    let settled = false;
    let cleanup: (() => void) | void;
    let cancelTimer: (() => void) | undefined;
    let stopWatching: (() => void) | undefined;
    const settle = (outcome: T | Interrupted) => {
      if (settled) return;
      settled = true;
      cancelTimer?.();
      stopWatching?.();
      cleanup?.();
      resolve(outcome);
    };
    stopWatching = call.whenEnded(() => settle({ kind: 'call-ended' }));
    if (settled) return;
    if (ms !== undefined) cancelTimer = clock.schedule(() => settle({ kind: 'timed-out' }), ms);
    cleanup = run(settle, () => settled);
    if (settled) cleanup?.();
  });
}

/**
 * Sends an in-dialog request (re-INVITE, REFER) and waits for the far end's final answer,
 * for the call to end, or for `bound.ms`; an acceptance after that goes to `bound.lateAccept`.
 */
export function ask(
  call: Call,
  clock: Clock,
  send: (delegate: Core.OutgoingRequestDelegate) => Promise<unknown>,
  bound?: { ms: number; lateAccept: () => void },
): Promise<Answer> {
  return whileUp<Answer>(call, clock, bound?.ms, (settle, over) => {
    const delegate: Core.OutgoingRequestDelegate = {
      onAccept: () => {
        if (over()) bound?.lateAccept();
        // sip.js hangs up when the 200 OK's answer cannot be applied: the call ended.
        else if (call.sipSession.state !== SessionState.Established) settle({ kind: 'call-ended' });
        else settle({ kind: 'accepted' });
      },
      onReject: (response: Core.IncomingResponse) => {
        const { statusCode, reasonPhrase } = response.message;
        settle({ kind: 'refused', statusCode: statusCode ?? 0, status: `${statusCode ?? ''} ${reasonPhrase ?? ''}`.trim() });
      },
    };
    let sent: Promise<unknown>;
    try {
      sent = send(delegate);
    } catch (error) {
      sent = Promise.reject(error);
    }
    sent.catch((error: unknown) => settle({ kind: 'not-sent', error }));
  });
}

/**
 * Sends a SIP INFO in the call's dialog (RFC 6086) carrying `content` as `contentType`, and
 * waits for the far end's answer as {@link ask} does (keypad tones, recording commands).
 */
export function askInfo(call: Call, clock: Clock, body: { contentType: string; content: string }, bound?: { ms: number; lateAccept: () => void }): Promise<Answer> {
  const session = call.sipSession;
  return ask(call, clock, (requestDelegate) => session.info({ requestDelegate, requestOptions: { body: { contentDisposition: 'render', ...body } } }), bound);
}

/**
 * Whether an answered call can take a re-INVITE of ours now. One INVITE transaction at a
 * time in a dialog (RFC 3261 14.1), and one offer/answer (RFC 6337 2.2): an incoming call is
 * Established as soon as our 200 OK is sent, but its INVITE transaction lasts until the
 * far end's ACK arrives, and sip.js reads that ACK against the dialog's offer/answer state.
 * Were our re-offer outstanding by then (have-local-offer), it would take the ACK for one
 * that lacks the answer, hang up (BYE) and close the peer connection, and the far end's
 * answer to our re-INVITE would then find no peer connection to apply to.
 *
 * sip.js has no event for "the dialog can take a re-INVITE" (its Session exposes no INVITE
 * transaction state; SIP.js 0.21.2 src/core/dialogs/session-dialog.ts lines 49-50 and 132
 * keep the re-INVITE user agents and the signaling state as public members of
 * Core.SessionDialog), so this reads them, and {@link untilReadyForReinvite} reads them
 * again on each event that changes them.
 */
export function readyForReinvite(call: Call): boolean {
  const session = call.sipSession;
  const dialog = session.dialog;
  if (!call.leg.confirmed || session.state !== SessionState.Established || !(dialog instanceof Core.SessionDialog)) return false;
  if (farEndChanging(call)) return false;
  if (dialog.signalingState !== Core.SignalingState.Stable) return false;
  // An answer in the ACK (a late offer) is applied after the ACK: the peer connection tells.
  const peer = peerConnectionOf(call);
  return !peer || peer.signalingState === 'stable';
}

/** An INVITE transaction is open in the call's dialog: the far end's re-INVITE (a remote hold, say), or ours. */
export function farEndChanging(call: Call): boolean {
  const dialog = call.sipSession.dialog;
  return dialog instanceof Core.SessionDialog && (dialog.reinviteUserAgentClient !== undefined || dialog.reinviteUserAgentServer !== undefined);
}

/** Per call: the re-INVITE of ours under way (its wait, offer and answer), for {@link oneReinviteAtATime}. */
const ourReinvites = new WeakMap<Call, Promise<unknown>>();

/**
 * Runs `reinvite` (a wait for {@link untilReadyForReinvite}, the re-INVITE and its answer) once
 * every re-INVITE of ours asked before it in the call is over: a hold, a retrieve and the
 * refresh after a reconnect (dialog-refresh.ts) can be asked at once. Without it, both would
 * wake on the same event (the far end's ACK), both find the call ready, and the second would
 * be refused by sip.js ("Reinvite in progress": Session.invite keeps one at a time) or wait for
 * a wake-up that never comes (nothing tells it that the first one's transaction is over).
 */
export function oneReinviteAtATime<T>(call: Call, reinvite: () => Promise<T>): Promise<T> {
  const mine = (ourReinvites.get(call) ?? Promise.resolve()).catch(() => undefined).then(reinvite);
  ourReinvites.set(call, mine);
  return mine;
}

/**
 * Waits (at most `ms`) until the call can take a re-INVITE of ours (see
 * {@link readyForReinvite}); at once when it can already. What can make it ready: the far
 * end's ACK (sip.js SessionDelegate.onAck, also after our answer to its re-INVITE), its
 * re-INVITE answered or refused (SessionDelegate.onInvite), sip.js's session state, and the
 * peer connection applying an answer (signalingstatechange): each wakes the wait.
 */
export function untilReadyForReinvite(call: Call, clock: Clock, ms: number): Promise<{ kind: 'ready' } | Interrupted> {
  if (readyForReinvite(call)) return Promise.resolve({ kind: 'ready' });
  return whileUp<{ kind: 'ready' }>(call, clock, ms, (settle) => {
    const check = () => {
      if (readyForReinvite(call)) settle({ kind: 'ready' });
    };
    const unwatch = call.watch(check);
    const peer = peerConnectionOf(call);
    peer?.addEventListener('signalingstatechange', check);
    return () => {
      unwatch();
      peer?.removeEventListener('signalingstatechange', check);
    };
  });
}
