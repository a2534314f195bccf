/**
 * Keypad tones on a connected call. In the call's audio, as RFC 4733 telephone-events through
 * the WebRTC DTMF sender of the call's audio RTCRtpSender, when the call center sends them so
 * (`rfc4733`, the default) and the call can carry them; otherwise as SIP INFO requests
 * (application/dtmf-relay, RFC 6086 INFO with the body SIP phones and gateways read), one per
 * tone, one after the other, each waiting for the far end's answer.
 *
 * Why not sip.js's SessionDescriptionHandler.sendDtmf (SIP.js 0.21.2,
 * lib/platform/web/session-description-handler/session-description-handler.js lines 265-292):
 * it takes the first RTCRtpSender whatever its kind, calls insertDTMF with the new tones only
 * (which replaces the tones still queued, W3C webrtc-pc "insertDTMF", so keys pressed in quick
 * succession would be lost), and answers every failure with `false`, so a call that cannot
 * carry telephone-events (RTCDTMFSender.canInsertDTMF false: the far end offered none) cannot
 * be told from a broken one. The sender is read here through the handler's public
 * peerConnection (far-end.ts peerConnectionOf) instead: WebRTC's own public API.
 */
import { SessionState } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import { DTMF_GAP_MS, DTMF_PAUSE, DTMF_PAUSE_MS, DTMF_TONE_MS, dtmfRelayBody, dtmfTones, type DtmfMethod } from '../model/dtmf.ts';
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import { errorText } from './error-text.ts';
import { askInfo, peerConnectionOf, whileUp } from './far-end.ts';

/** How long each SIP INFO waits for the far end's answer (a SIP transaction would wait 32 s). */
export const DTMF_INFO_ANSWER_TIMEOUT_MS = 4000;

/** How the tones went out: in the audio or as SIP INFO, and whether INFO was a fallback from the audio. */
export interface DtmfSent {
  readonly sentAs: DtmfMethod;
  /** rfc4733 was asked for, but the call cannot carry telephone-events: they went as SIP INFO. */
  readonly fellBack: boolean;
}

/** The INFO tones of each call, sent one batch after the other. */
const infoQueues = new WeakMap<Call, Promise<unknown>>();

/**
 * Sends `typed` (keys 0-9, *, #, A-D and comma pauses: model/dtmf.ts; anything else is refused
 * with INVALID_INPUT naming the character, and nothing is sent) on a connected call.
 * INVALID_TRANSITION when the call is not connected (held, ringing...): nothing is sent.
 * In the audio, it resolves once the tones are queued in the DTMF sender; as INFO, once the
 * far end has answered the last one: DTMF_FAILED when it refuses one or does not answer it in
 * {@link DTMF_INFO_ANSWER_TIMEOUT_MS} (the tones after it are not sent), CALL_NOT_FOUND when
 * the call ends meanwhile.
 */
export async function sendDtmf(call: Call, typed: string, method: DtmfMethod, clock: Clock): Promise<DtmfSent> {
  const tones = dtmfTones(typed);
  refuseUnlessConnected(call);
  if (method === 'rfc4733' && insertInAudio(call, tones)) return { sentAs: 'rfc4733', fellBack: false };
  const before = infoQueues.get(call) ?? Promise.resolve();
  const sending = before.catch(() => undefined).then(() => sendAsInfo(call, tones, clock));
  infoQueues.set(call, sending);
  await sending;
  return { sentAs: 'info', fellBack: method === 'rfc4733' };
}

function refuseUnlessConnected(call: Call): void {
  if (call.state !== 'connected' || call.sipSession.state !== SessionState.Established) {
    throw new ContactPadError('INVALID_TRANSITION', 'The call is not connected (it is on hold, or not answered), so no keypad tones can be sent; nothing was sent.', {
      detail: { callId: call.id },
    });
  }
}

/** The DTMF sender of the call's audio, when the call can carry telephone-events now. */
function audioDtmfSender(call: Call): RTCDTMFSender | undefined {
  const sender = peerConnectionOf(call)?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
  const dtmf = sender?.dtmf ?? undefined;
  return dtmf?.canInsertDTMF ? dtmf : undefined;
}

/** Queues the tones behind those still playing; false when the call cannot carry them in its audio. */
function insertInAudio(call: Call, tones: string): boolean {
  const dtmf = audioDtmfSender(call);
  if (!dtmf) return false;
  try {
    dtmf.insertDTMF(dtmf.toneBuffer + tones, DTMF_TONE_MS, DTMF_GAP_MS);
    return true;
  } catch {
    return false; // the sender stopped sending between the check and the insert (InvalidStateError): INFO then
  }
}

/** One INFO per tone, a tone's length and a gap apart (a comma waits {@link DTMF_PAUSE_MS}). */
async function sendAsInfo(call: Call, tones: string, clock: Clock): Promise<void> {
  let sent = '';
  const failed = (why: string, cause?: unknown) => {
    const rest = tones.slice(sent.length);
    const told = sent === '' ? 'nothing was sent' : `${sent} went out, ${rest} did not`;
    return new ContactPadError('DTMF_FAILED', `Keypad tones: ${why}; ${told}.`, {
      ...(cause === undefined ? {} : { cause }),
      detail: { callId: call.id, sent, notSent: rest },
    });
  };
  for (const tone of tones) {
    const previous = sent.at(-1);
    if (tone === DTMF_PAUSE || (previous !== undefined && previous !== DTMF_PAUSE)) {
      const waited = await whileUp<never>(call, clock, tone === DTMF_PAUSE ? DTMF_PAUSE_MS : DTMF_TONE_MS + DTMF_GAP_MS, () => undefined);
      if (waited.kind === 'call-ended') throw new ContactPadError('CALL_NOT_FOUND', 'The call ended while keypad tones were being sent.', { detail: { callId: call.id } });
    }
    if (tone === DTMF_PAUSE) {
      sent += tone;
      continue;
    }
    if (call.state !== 'connected') throw failed('the call was put on hold meanwhile');
    const answer = await askInfo(call, clock, { contentType: 'application/dtmf-relay', content: dtmfRelayBody(tone) }, { ms: DTMF_INFO_ANSWER_TIMEOUT_MS, lateAccept: () => undefined });
    switch (answer.kind) {
      case 'accepted':
        sent += tone;
        break;
      case 'call-ended':
        throw new ContactPadError('CALL_NOT_FOUND', 'The call ended while keypad tones were being sent.', { detail: { callId: call.id } });
      case 'refused':
        throw failed(`the far end refused the SIP INFO of ${tone} (${answer.status})`);
      case 'timed-out':
        throw failed(`the far end did not answer the SIP INFO of ${tone} within ${DTMF_INFO_ANSWER_TIMEOUT_MS / 1000} s`);
      case 'not-sent':
        throw failed(`the SIP INFO of ${tone} could not be sent (${errorText(answer.error)})`, answer.error);
    }
  }
}
