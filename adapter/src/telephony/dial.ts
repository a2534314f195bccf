/**
 * Outbound calls: our INVITE (sip.js Inviter) to what the agent typed or clicked, as the SIP
 * address sip-address.ts builds on the agent's domain. The call moves dialling -> calling
 * -> connected (call-state.ts); calls.ts tracks it from the moment the INVITE is built.
 */
import { Inviter, SessionState, type UserAgent } from 'sip.js';
import { ContactPadError } from '../model/errors.ts';
import { callFailure } from './call-failure.ts';
import type { CallsPort } from './call-control.ts';
import { shownTarget, sipTarget } from './sip-address.ts';

/** See Phone.dial; `ua` is connected. Resolves with the call id once the INVITE is sent. */
export async function placeCall(ua: UserAgent, target: string, calls: CallsPort): Promise<string> {
  const uri = sipTarget(target, calls.domain);
  if (!uri) throw new ContactPadError('SIP_CALL_FAILED', `Cannot dial ${shownTarget(target)}: enter a phone number or a SIP address.`);
  const inviter = new Inviter(ua, uri, { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
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
