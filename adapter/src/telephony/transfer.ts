/**
 * Blind transfer: a REFER to the far end naming the target (Refer-To). The call moves
 * connected -> transferring (held -> transferring-held); when the far end accepts, the phone
 * hangs up its leg and the call ends as transferred; a refusal puts it back as it was.
 */
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import type { CallsPort } from './call-control.ts';
import { TRANSFER_ANSWER_TIMEOUT_MS } from './call-control-limits.ts';
import { errorText } from './error-text.ts';
import { ask } from './far-end.ts';
import { refuseUnlessAnswered } from './hold.ts';
import { referTarget } from './refer-target.ts';
import { shownTarget, sipTarget } from './sip-address.ts';

/**
 * Checks the call (answered, nothing in progress: hold.ts refuseUnlessAnswered) and then the
 * target, sends the REFER (naming the call's VoiceCall: refer-target.ts) and waits for the far end's answer. `calls.handOver` hangs up our
 * leg as transferred (also when the far end accepts after {@link TRANSFER_ANSWER_TIMEOUT_MS}).
 * See Phone.transfer for the contract.
 */
export async function transfer(call: Call, target: string, calls: CallsPort): Promise<void> {
  refuseUnlessAnswered(call, 'transferred');
  const uri = sipTarget(target, calls.domain);
  if (!uri) throw new ContactPadError('TRANSFER_FAILED', `Cannot transfer to ${shownTarget(target)}: enter a phone number or a SIP address.`);
  call.apply({ type: 'transfer' });
  const session = call.sipSession;
  const referTo = referTarget(uri, call.voiceCallId);
  const answer = await ask(call, calls.clock, (requestDelegate) => session.refer(referTo, { requestDelegate }), {
    ms: TRANSFER_ANSWER_TIMEOUT_MS,
    lateAccept: () => void calls.handOver(call),
  });
  const detail = { callId: call.id, target: uri.toString().slice(0, 255) };
  if (answer.kind === 'accepted') {
    await calls.handOver(call);
    return;
  }
  if (answer.kind === 'call-ended' || !call.can('transfer-failed')) {
    throw new ContactPadError('CALL_NOT_FOUND', 'The call ended before the far end answered the transfer.', { detail: { callId: call.id } });
  }
  call.apply({ type: 'transfer-failed' });
  switch (answer.kind) {
    case 'refused':
      throw new ContactPadError('TRANSFER_FAILED', `The far end refused the transfer (${answer.status}); the call is still yours.`, {
        detail: { ...detail, statusCode: answer.statusCode },
      });
    case 'timed-out':
      throw new ContactPadError('TRANSFER_FAILED', `The far end did not answer the transfer within ${TRANSFER_ANSWER_TIMEOUT_MS / 1000} s; the call is still yours.`, { detail });
    case 'not-sent':
      throw new ContactPadError('TRANSFER_FAILED', `Could not transfer the call: ${errorText(answer.error)}`, { cause: answer.error, detail });
  }
}
