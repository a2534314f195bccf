/**
 * Outbound calls: our INVITE (sip.js Inviter) to what the agent typed or clicked, as the SIP
 * address sip-address.ts builds on the agent's domain. The call moves dialling -> calling
 * -> connected (call-state.ts); calls.ts tracks it from the moment the INVITE is built.
 */
import { Inviter, SessionState, type UserAgent } from 'sip.js';
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import { callFailure } from './call-failure.ts';
import type { CallsPort } from './call-control.ts';
import { shownTarget, sipTarget } from './sip-address.ts';
import { VOICE_CALL_ID_HEADER, voiceCallIdToSend } from './sip-header-contract.ts';

/**
 * See Phone.dial; `ua` is connected. Resolves with the call id once the INVITE is sent.
 * `voiceCallId`: the VoiceCall of the call a consult is about; the INVITE carries it (when it
 * has a VoiceCall id's form) so that the SIP edge makes the leg's Transfer VoiceCall
 * (sip-header-contract.ts).
 */
export async function placeCall(ua: UserAgent, target: string, calls: CallsPort, voiceCallId?: string): Promise<string> {
  const uri = sipTarget(target, calls.domain);
  if (!uri) throw new ContactPadError('SIP_CALL_FAILED', `Cannot dial ${shownTarget(target)}: enter a phone number or a SIP address.`);
  const parent = voiceCallIdToSend(voiceCallId);
  const extraHeaders = parent ? [`${VOICE_CALL_ID_HEADER}: ${parent}`] : [];
  const inviter = new Inviter(ua, uri, { extraHeaders, sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
  const call = calls.track(inviter.request.callId, inviter);
  try {
    await inviter.invite({
      requestDelegate: {
        onReject: (response) => {
          const { statusCode } = response.message;
          if (statusCode !== undefined) call.note({ type: 'refused', statusCode });
        },
      },
    });
    call.note({ type: 'invite-sent' });
  } catch (error) {
    const failure = callFailure(error, 'place the call');
    call.note({ type: 'fail', ...failure });
    throw new ContactPadError(failure.code, failure.message, { cause: error, detail: { callId: call.id } });
  } finally {
    if (call.sipSession.state === SessionState.Terminated) calls.terminated(call);
  }
  return call.id;
}

/** What the agent reads of an outbound call ended by {@link abandonAfterReconnect}. */
export const ANSWER_LOST =
  'The connection to the phone server dropped while this call was ringing, so its answer could no longer reach ContactPad: the call was cancelled. Dial again.';

/**
 * The phone's connection was lost and made again while this outbound call was still being
 * placed (no final answer yet): that answer can no longer reach the phone. The SIP edge sends
 * every response to our INVITE on the connection the INVITE came on: Kamailio's tm keeps that
 * connection's id with the transaction, and a WebSocket send to an id that is gone is dropped,
 * with no second look by address as plain TCP gets (Kamailio 5.6.3 src/core/forward.h msg_send:
 * "TCP/TLS connection for WebSocket could not be found"; src/core/tcp_main.c tcp_send "try
 * again w/o id" is TCP's alone). The customer would answer into silence while the pad kept
 * ringing for good. So the call ends now on the pad, failed with a word to dial again
 * ({@link ANSWER_LOST}), and sip.js cancels it (Inviter.dispose: CANCEL, on the new connection;
 * the edge matches it to the INVITE by its branch, RFC 3261 9.1) so the far end stops ringing.
 */
export function abandonAfterReconnect(call: Call, calls: CallsPort): void {
  const inviter = call.session;
  // Only once invite() has returned (calling): an INVITE still being built goes out on the new connection.
  if (!(inviter instanceof Inviter) || call.state !== 'calling' || inviter.state !== SessionState.Establishing || !call.note({ type: 'fail', code: 'SIP_CALL_FAILED', message: ANSWER_LOST })) return;
  calls.terminated(call);
  inviter.dispose().catch(() => undefined);
}
