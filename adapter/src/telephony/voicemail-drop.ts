/**
 * Voicemail drop: an outbound call reached a voicemail, and instead of speaking the agent has
 * a pre-recorded message played into it and moves on at once. The browser keeps the call's SIP
 * leg up, plays the message into it and hangs up (BYE) when the message ends:
 *
 *   audio file --fetch--> decodeAudioData --> AudioBufferSourceNode --> MediaStreamAudioDestinationNode
 *        --replaceTrack--> the call's RTP sender (in place of the agent's microphone, which is stopped)
 *
 * RTCRtpSender.replaceTrack swaps what the sender sends within the negotiated stream, so no
 * re-INVITE is needed (as conference.ts does). The call moves connected -> dropping-voicemail
 * (call-state.ts); from then on the agent neither hears it (its remote audio stops) nor is heard.
 * Should the far end hang up first, the message stops and nothing else is done. Loaded with the
 * call control, off the ring-and-answer path.
 */
import { SessionState } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import type { CallsPort } from './call-control.ts';
import { errorText } from './error-text.ts';
import { peerConnectionOf, whileUp } from './far-end.ts';

/** How long the message's audio may take to load and decode before the drop is given up (the call stays with the agent). */
export const VOICEMAIL_LOAD_TIMEOUT_MS = 15_000;

/**
 * How long after the message's own length the call is hung up all the same, should the browser
 * never report the end of its playback (an audio context it keeps suspended).
 */
export const VOICEMAIL_END_GRACE_MS = 5000;

/** How a drop went: the message plays (its length, in seconds). */
export interface VoicemailDropped {
  readonly seconds: number;
}

function failed(callId: string, why: string, cause?: unknown): ContactPadError {
  return new ContactPadError('VOICEMAIL_DROP_FAILED', `The voicemail message ${why}; nothing was sent, and the call is still yours.`, {
    detail: { callId },
    ...(cause === undefined ? {} : { cause }),
  });
}

function refuseUnlessConnected(call: Call): void {
  if (call.state !== 'connected' || call.sipSession.state !== SessionState.Established) {
    throw failed(call.id, `cannot be dropped into a call that is ${call.state === 'held' ? 'on hold' : 'not connected'}`);
  }
}

/**
 * Loads the message at `audioUrl`, plays it into the connected call in place of the agent and
 * resolves once it plays; `calls.hangUp` sends the BYE when it ends. VOICEMAIL_DROP_FAILED when
 * the call is not connected, the file cannot be loaded (an HTTP error, no answer within
 * {@link VOICEMAIL_LOAD_TIMEOUT_MS}) or decoded, or the browser cannot play it into the call:
 * nothing is sent then, and the call goes on as it was. CALL_NOT_FOUND when the call ends
 * while the message loads.
 */
export async function dropVoicemail(call: Call, audioUrl: string, calls: CallsPort, clock: Clock): Promise<VoicemailDropped> {
  refuseUnlessConnected(call);
  let context: AudioContext;
  try {
    context = new AudioContext();
  } catch (error) {
    throw failed(call.id, `cannot be played: this browser cannot play audio into a call (${errorText(error)})`, error);
  }
  try {
    const loaded = await whileUp<{ kind: 'loaded'; audio: AudioBuffer } | { kind: 'failed'; error: ContactPadError }>(call, clock, VOICEMAIL_LOAD_TIMEOUT_MS, (settle) => {
      loadAudio(call.id, audioUrl, context).then(
        (audio) => settle({ kind: 'loaded', audio }),
        (error: ContactPadError) => settle({ kind: 'failed', error }),
      );
    });
    if (loaded.kind === 'call-ended') throw new ContactPadError('CALL_NOT_FOUND', 'The call ended while the voicemail message was loading.', { detail: { callId: call.id } });
    if (loaded.kind === 'timed-out') throw failed(call.id, `could not be loaded within ${VOICEMAIL_LOAD_TIMEOUT_MS / 1000} s`);
    if (loaded.kind === 'failed') throw loaded.error;
    refuseUnlessConnected(call);
    const sender = audioSender(call);
    if (!sender) throw failed(call.id, 'cannot be played: the call has no audio');
    const destination = context.createMediaStreamDestination();
    const source = context.createBufferSource();
    source.buffer = loaded.audio;
    source.connect(destination);
    await context.resume().catch(() => undefined);
    const microphone = sender.track;
    try {
      await sender.replaceTrack(destination.stream.getAudioTracks()[0] ?? null);
    } catch (error) {
      throw failed(call.id, `cannot be played into the call (${errorText(error)})`, error);
    }
    if (call.state !== 'connected') {
      // The far end hung up (or the call was put on hold) as the track was being swapped.
      await sender.replaceTrack(microphone).catch(() => undefined);
      throw failed(call.id, 'cannot be dropped: the call changed meanwhile');
    }
    call.apply({ type: 'drop-voicemail' });
    microphone?.stop();
    calls.leave(call);
    play(call, source, context, calls, clock);
    return { seconds: loaded.audio.duration };
  } catch (error) {
    await context.close().catch(() => undefined);
    throw error;
  }
}

/** Plays the message from its start; its end (or the grace after its length) hangs up; the call ending first stops it. */
function play(call: Call, source: AudioBufferSourceNode, context: AudioContext, calls: CallsPort, clock: Clock): void {
  let done = false;
  const finish = (hangUp: boolean) => {
    if (done) return;
    done = true;
    cancelGrace();
    stopWatching();
    source.onended = null;
    try {
      source.stop();
    } catch {
      // never started, or already stopped
    }
    context.close().catch(() => undefined);
    if (hangUp) calls.hangUp(call).catch((error: unknown) => console.warn(`ContactPad phone: could not hang up after the voicemail message: ${errorText(error)}`));
  };
  const seconds = source.buffer?.duration ?? 0;
  const cancelGrace = clock.schedule(() => finish(true), Math.ceil(seconds * 1000) + VOICEMAIL_END_GRACE_MS);
  const stopWatching = call.whenEnded(() => finish(false));
  source.onended = () => finish(true);
  source.start();
}

/** The call's audio sender (the agent's microphone until now). */
function audioSender(call: Call): RTCRtpSender | undefined {
  return peerConnectionOf(call)
    ?.getTransceivers()
    .find((transceiver) => transceiver.receiver.track.kind === 'audio')?.sender;
}

/** Fetches and decodes the message; VOICEMAIL_DROP_FAILED saying what went wrong. */
async function loadAudio(callId: string, audioUrl: string, context: AudioContext): Promise<AudioBuffer> {
  let bytes: ArrayBuffer;
  try {
    const response = await fetch(audioUrl, { credentials: 'same-origin' });
    if (!response.ok) throw failed(callId, `could not be loaded (${response.status} ${response.statusText}`.trimEnd() + ')');
    bytes = await response.arrayBuffer();
  } catch (error) {
    throw error instanceof ContactPadError ? error : failed(callId, `could not be loaded (${errorText(error)})`, error);
  }
  try {
    return await context.decodeAudioData(bytes);
  } catch (error) {
    throw failed(callId, `is not audio this browser can play (${errorText(error)})`, error);
  }
}
