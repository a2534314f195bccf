/**
 * Hold and retrieve: a re-INVITE offering a=sendonly (sip.js Web.holdModifier), then one
 * offering sendrecv again. The call moves connected -> holding -> held and held ->
 * retrieving -> connected (call-state.ts); a refusal puts it back where it was.
 */
import { SessionState, Web, type Session } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import { errorText } from './error-text.ts';
import { ask, oneReinviteAtATime, peerConnectionOf, untilReadyForReinvite, whileUp, type Answer } from './far-end.ts';
import { REINVITE_READY_TIMEOUT_MS } from './call-control-limits.ts';

/**
 * Throws INVALID_TRANSITION unless the call is answered and no hold, retrieve or transfer of
 * ours is in progress (nothing is sent then). `doing` completes "it cannot be ...".
 */
export function refuseUnlessAnswered(call: Call, doing: string): void {
  const detail = { callId: call.id };
  const { state } = call;
  const transferring = state === 'transferring' || state === 'transferring-held' || state === 'replacing';
  const up = state === 'connected' || state === 'held' || state === 'holding' || state === 'retrieving' || transferring;
  if (!up || call.sipSession.state !== SessionState.Established) {
    throw new ContactPadError('INVALID_TRANSITION', `The call is not answered, so it cannot be ${doing}.`, { detail });
  }
  if (transferring) {
    throw new ContactPadError('INVALID_TRANSITION', 'A transfer of this call is already in progress.', { detail });
  }
  if (state === 'holding' || state === 'retrieving') throw new ContactPadError('INVALID_TRANSITION', 'A hold or retrieve is already in progress.', { detail });
}

/**
 * Puts an answered call on hold (`hold` true) or takes it off hold. See Phone.hold for the
 * contract; `clock` bounds the wait for a just-answered call to take the re-INVITE.
 */
export async function setHold(call: Call, hold: boolean, clock: Clock): Promise<void> {
  refuseUnlessAnswered(call, hold ? 'put on hold' : 'taken off hold');
  const session = call.sipSession;
  const detail = { callId: call.id };
  // One INVITE transaction at a time in a dialog (RFC 3261 14.1): while the far end's own
  // re-INVITE (a remote hold, say) is under way, ours waits for it to finish (reinvite:
  // untilReadyForReinvite) rather than meet a 491; a 491 from a true crossing is retried below.
  const asking = hold ? 'hold' : 'retrieve';
  if (!call.can(asking)) {
    throw new ContactPadError('INVALID_TRANSITION', hold ? 'The call is already on hold.' : 'The call is not on hold.', { detail });
  }
  // From the moment the agent asks for hold, the customer must not hear them.
  if (hold) sendAudio(session, false);
  call.apply({ type: asking });
  const answer = await offerMedia(call, hold, clock);
  if (answer.kind === 'accepted') {
    // (Released meanwhile, the call is ending: the far end took the re-INVITE all the same.)
    call.note({ type: hold ? 'hold-accepted' : 'retrieve-accepted' });
    // A muted call stays muted (mute.ts).
    if (!hold) sendAudio(session, !call.leg.muted);
    return;
  }
  if (answer.kind === 'call-ended' || !call.can(hold ? 'hold-failed' : 'retrieve-failed')) {
    throw new ContactPadError('CALL_NOT_FOUND', `The call ended before the far end answered the ${asking}.`, { detail });
  }
  if (hold) sendAudio(session, !call.leg.muted);
  call.apply({ type: hold ? 'hold-failed' : 'retrieve-failed' });
  const still = call.state === 'held' ? 'on hold' : 'connected';
  if (answer.kind === 'refused') {
    throw new ContactPadError('SIP_CALL_FAILED', `The far end refused the ${asking} (${answer.status}); the call is still ${still}.`, {
      detail: { ...detail, statusCode: answer.statusCode },
    });
  }
  const error = answer.kind === 'not-sent' ? answer.error : new Error('no answer');
  throw new ContactPadError('SIP_CALL_FAILED', `Could not ${asking} the call: ${errorText(error)}; it is still ${still}.`, { cause: error, detail });
}

/**
 * Offers the call's media as it stands (held: sendonly) in a re-INVITE, once the call can take
 * one, and waits for the far end's answer; refused or not sent, the offer is withdrawn (see
 * {@link reinvite}). Hold and retrieve use it, and a camera turned on for a call answered
 * without one (call-camera.ts). `stillWanted` is asked once the call can take the re-INVITE:
 * false, nothing is sent (not-sent).
 */
export async function offerMedia(call: Call, hold: boolean, clock: Clock, stillWanted: () => boolean = () => true): Promise<Answer> {
  let answer = await reinviteOrNotSent(call, hold, clock, stillWanted);
  // Glare: the far end sent a re-INVITE as ours crossed it and refused ours with 491 Request
  // Pending. RFC 3261 14.1: wait a random time (2.1 to 4 s when we own the Call-ID, as the
  // caller of an outbound call; else 0 to 2 s) and try again, once.
  if (answer.kind === 'refused' && answer.statusCode === 491) {
    const waited = await pause(call, clock, glareWaitMs(call.leg.direction === 'outbound'));
    answer = waited.kind === 'call-ended' ? waited : await reinviteOrNotSent(call, hold, clock, stillWanted);
  }
  return answer;
}

/** RFC 3261 14.1's wait before a re-INVITE refused with 491 is sent again, in ms (10 ms steps). */
export function glareWaitMs(ownsCallId: boolean, random: () => number = Math.random): number {
  const [from, to] = ownsCallId ? [2100, 4000] : [0, 2000];
  return from + Math.floor(random() * ((to - from) / 10 + 1)) * 10;
}

/** Waits `ms` on the clock, or until the call ends. */
function pause(call: Call, clock: Clock, ms: number): Promise<{ kind: 'waited' } | { kind: 'call-ended' }> {
  return whileUp<{ kind: 'waited' }>(call, clock, undefined, (settle) => clock.schedule(() => settle({ kind: 'waited' }), ms)).then((outcome) =>
    outcome.kind === 'timed-out' ? { kind: 'waited' } : outcome,
  );
}

async function reinviteOrNotSent(call: Call, hold: boolean, clock: Clock, stillWanted: () => boolean): Promise<Answer> {
  try {
    return await oneReinviteAtATime(call, () => reinvite(call, hold, clock, stillWanted));
  } catch (error) {
    return { kind: 'not-sent', error };
  }
}

/**
 * Sends the re-INVITE once the call can take it, and waits for the far end's answer. When
 * the far end says no (or it could not be sent), the call's offer/answer is put back as it
 * was, before anything else may renegotiate it.
 */
async function reinvite(call: Call, hold: boolean, clock: Clock, stillWanted: () => boolean): Promise<Answer> {
  // Asked right after the call was answered, it waits for the call to be set up.
  const ready = await untilReadyForReinvite(call, clock, REINVITE_READY_TIMEOUT_MS);
  if (ready.kind === 'timed-out') {
    return { kind: 'not-sent', error: new Error(`the far end has not confirmed the call within ${REINVITE_READY_TIMEOUT_MS / 1000} s`) };
  }
  if (ready.kind !== 'ready') return ready;
  if (!stillWanted()) return { kind: 'not-sent', error: new Error('no longer wanted') };
  const session = call.sipSession;
  // sip.js keeps re-INVITE options and modifiers for later re-INVITEs, the far end's too
  // (answered sendonly/inactive while held): restore them when the far end says no.
  const before = { options: session.sessionDescriptionHandlerOptionsReInvite, modifiers: session.sessionDescriptionHandlerModifiersReInvite };
  // `hold` sets the WebRTC transceiver to sendonly; holdModifier marks the SDP as well, and
  // as sip.js applies it to the far end's SDP too, their recvonly answer (and any re-offer
  // of theirs while held) reads inactive here: our held leg neither sends nor receives.
  const options: Web.SessionDescriptionHandlerOptions = { ...before.options, hold };
  const answer = await ask(call, clock, (requestDelegate) =>
    session.invite({ requestDelegate, sessionDescriptionHandlerOptions: options, sessionDescriptionHandlerModifiers: hold ? [Web.holdModifier] : [] }),
  );
  if (answer.kind === 'refused' || answer.kind === 'not-sent' || answer.kind === 'timed-out') {
    session.sessionDescriptionHandlerOptionsReInvite = before.options;
    session.sessionDescriptionHandlerModifiersReInvite = before.modifiers;
    await rollBackOffer(call);
  }
  return answer;
}

/**
 * Sends the agent's microphone, or silences it (the track stays, so retrieve needs no new
 * getUserMedia). Only the audio: sip.js's enableSenderTracks would switch a video call's camera
 * too (call-camera.ts looks after the camera, on hold as well).
 */
export function sendAudio(session: Session, on: boolean): void {
  const handler = session.sessionDescriptionHandler;
  const peer = handler instanceof Web.SessionDescriptionHandler ? handler.peerConnection : undefined;
  for (const sender of peer?.getSenders() ?? []) {
    if (sender.track?.kind === 'audio') sender.track.enabled = on;
  }
}

/**
 * Withdraws our refused (or unsent) offer. sip.js's Session.rollbackOffer (SIP.js 0.21.2
 * src/api/session.ts line 1211) calls the handler's optional rollbackDescription, which the
 * WebRTC handler (src/platform/web/session-description-handler/session-description-handler.ts)
 * does not implement; and a peer connection left in
 * have-local-offer could never be renegotiated again (every later hold, and every
 * re-INVITE of the far end, would fail).
 */
export async function rollBackOffer(call: Call): Promise<void> {
  const peer = peerConnectionOf(call);
  if (peer?.signalingState !== 'have-local-offer') return;
  await peer.setLocalDescription({ type: 'rollback' }).catch((error: unknown) => {
    console.warn(`ContactPad phone: could not withdraw a refused offer: ${errorText(error)}`);
  });
}
