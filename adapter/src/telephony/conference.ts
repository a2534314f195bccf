/**
 * A three-way call mixed in the agent's browser. The SIP server (Kamailio) is a proxy with
 * no mixer, so the agent's two calls (the caller and the consulted colleague) stay two SIP
 * calls, and this browser mixes what each far end hears (Web Audio):
 *
 *   agent's microphone --+--> mix for leg A --replaceTrack--> leg A's RTP sender
 *   leg B's far end -----+
 *   agent's microphone --+--> mix for leg B --replaceTrack--> leg B's RTP sender
 *   leg A's far end -----+
 *
 * and the agent hears both far ends as before (each call's remote audio element, media.ts).
 * No re-INVITE is needed: RTCRtpSender.replaceTrack swaps what a sender sends within the
 * negotiated stream. A held leg is taken off hold first (this once, two calls are un-held at
 * once). When either call ends the mix stops and the other leg sends the agent's own
 * microphone track again: a normal two-party call. Mixing is media, not rendering: it lives in
 * the telephony room with the peer connections, loaded with the call control.
 */
import { Web } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import { errorText } from './error-text.ts';
import { peerConnectionOf } from './far-end.ts';
import { refuseUnlessAnswered, setHold } from './hold.ts';

/** One call of a conference: what its sender sent before (the agent's microphone) and what it sends now. */
interface Leg {
  readonly call: Call;
  readonly sender: RTCRtpSender;
  readonly own: MediaStreamTrack | null;
  readonly remote: MediaStream;
  readonly mixed: MediaStreamAudioDestinationNode;
}

interface Mix {
  readonly context: AudioContext;
  readonly legs: readonly Leg[];
  readonly unwatch: (() => void)[];
}

/** The conferences under way, by each of their calls. */
const mixes = new Map<Call, Mix>();

/** Whether `call` is mixed into a conference now. */
export function inConference(call: Call): boolean {
  return mixes.has(call);
}

function failed(why: string, detail: Record<string, string>, cause?: unknown): ContactPadError {
  return new ContactPadError('CONFERENCE_FAILED', `Could not join the calls: ${why}. Both calls go on as they were.`, { detail, ...(cause === undefined ? {} : { cause }) });
}

/** The call's audio sender and remote stream. */
function legOf(call: Call, context: AudioContext): Leg {
  const handler = call.sipSession.sessionDescriptionHandler;
  const peer = peerConnectionOf(call);
  const transceiver = peer?.getTransceivers().find((candidate) => candidate.receiver.track.kind === 'audio');
  if (!(handler instanceof Web.SessionDescriptionHandler) || !transceiver) throw failed('a call has no audio', { callId: call.id });
  const sender = transceiver.sender;
  return { call, sender, own: sender.track, remote: handler.remoteMediaStream, mixed: context.createMediaStreamDestination() };
}

/**
 * Joins two answered calls into one three-way call (see the file comment); a held one is
 * taken off hold first. INVALID_TRANSITION when a call is not answered, something is under
 * way on it, or it is in a conference already; CONFERENCE_FAILED when the browser cannot mix
 * (no microphone track, Web Audio refused): the calls then go on as two calls.
 */
export async function joinConference(a: Call, b: Call, clock: Clock): Promise<void> {
  const detail = { callId: a.id, otherId: b.id };
  if (a === b) throw new ContactPadError('INVALID_TRANSITION', 'A call cannot be joined to itself.', { detail });
  if (mixes.has(a) || mixes.has(b)) throw new ContactPadError('INVALID_TRANSITION', 'One of these calls is in a conference already.', { detail });
  for (const call of [a, b]) refuseUnlessAnswered(call, 'joined to a conference');
  for (const call of [a, b]) if (call.state === 'held') await setHold(call, false, clock);
  if (a.state !== 'connected' || b.state !== 'connected') throw new ContactPadError('INVALID_TRANSITION', 'Both calls must be connected to be joined.', { detail });

  let context: AudioContext;
  try {
    context = new AudioContext();
  } catch (error) {
    throw failed(`this browser cannot mix audio (${errorText(error)})`, detail, error);
  }
  try {
    const legs = [legOf(a, context), legOf(b, context)] as const;
    const microphone = legs[0].own ?? legs[1].own;
    if (!microphone) throw failed('the microphone is not open', detail);
    const voice = context.createMediaStreamSource(new MediaStream([microphone]));
    for (const [index, leg] of legs.entries()) {
      voice.connect(leg.mixed);
      const other = legs[1 - index]!;
      if (other.remote.getAudioTracks().length > 0) context.createMediaStreamSource(other.remote).connect(leg.mixed);
    }
    // Started by the agent's click; resume() in case the browser held it back until then.
    await context.resume().catch(() => undefined);
    await Promise.all(legs.map((leg) => leg.sender.replaceTrack(leg.mixed.stream.getAudioTracks()[0] ?? null)));
    const mix: Mix = { context, legs, unwatch: [] };
    for (const leg of legs) mixes.set(leg.call, mix);
    // Either party leaving (their BYE, or the agent releasing them) ends the mix.
    for (const leg of legs) mix.unwatch.push(leg.call.whenEnded(() => unmix(mix)));
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error instanceof ContactPadError ? error : failed(errorText(error), detail, error);
  }
}

/** Ends the conference `call` is in (if any): each call still up sends the agent's own microphone again. */
export function leaveConference(call: Call): void {
  const mix = mixes.get(call);
  if (mix) unmix(mix);
}

function unmix(mix: Mix): void {
  if (!mix.legs.some((leg) => mixes.get(leg.call) === mix)) return;
  for (const leg of mix.legs) {
    mixes.delete(leg.call);
    if (leg.call.state !== 'ending' && leg.call.state !== 'ended') {
      leg.sender.replaceTrack(leg.own).catch((error: unknown) => console.warn(`ContactPad phone: could not give a call its microphone back: ${errorText(error)}`));
    }
    for (const track of leg.mixed.stream.getTracks()) track.stop();
  }
  for (const unwatch of mix.unwatch) unwatch();
  mix.context.close().catch(() => undefined);
}
