/**
 * Mute and unmute: the agent's microphone, silenced on one call (its audio track disabled, so
 * the far end receives silence; DTMF still goes out), whatever else happens to the call. The
 * mute is a fact of the call leg (call-state.ts: `muted`, set by the mute and unmute events),
 * kept across hold and retrieve: hold.ts gives the microphone back on retrieve only to a call
 * that is not muted. A new call starts unmuted.
 */
import { SessionState } from 'sip.js';
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import { sendAudio } from './hold.ts';

/**
 * Mutes (`muted` true) or unmutes an answered call, held or not; asking for what already is
 * changes nothing. INVALID_TRANSITION for a call not answered or ending (nothing changes).
 */
export function setMuted(call: Call, muted: boolean): void {
  const event = muted ? 'mute' : 'unmute';
  if (!call.can(event) || call.sipSession.state !== SessionState.Established) {
    throw new ContactPadError('INVALID_TRANSITION', `The call is not answered, so it cannot be ${muted ? 'muted' : 'unmuted'}.`, {
      detail: { callId: call.id },
    });
  }
  call.apply({ type: event });
  sendAudio(call.sipSession, microphoneHeard(call));
}

/**
 * Whether the far end hears the agent's microphone now: not muted, and neither held nor
 * being held or retrieved (hold.ts silences the microphone from the moment hold is asked,
 * and gives it back once the far end takes the retrieve).
 */
export function microphoneHeard(call: Call): boolean {
  if (call.leg.muted) return false;
  return call.state === 'connected' || call.state === 'transferring' || call.state === 'replacing';
}
