/**
 * Blind transfer: a REFER to the far end naming the target (Refer-To). The call moves
 * connected -> transferring (held -> transferring-held); when the far end accepts, the phone
 * hangs up its leg and the call ends as transferred; a refusal puts it back as it was.
 */
import type { URI } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import { errorText } from './error-text.ts';
import { ask } from './far-end.ts';

/**
 * How long transfer() waits for the far end to answer the REFER (a SIP transaction would
 * wait 32 s). Should the far end accept after that, it is following the transfer: the
 * phone then hangs up its leg and reports the call transferred.
 */
export const TRANSFER_ANSWER_TIMEOUT_MS = 8000;

/**
 * Sends the REFER and waits for the far end's answer. `handOver` hangs up our leg as
 * transferred (also when the far end accepts after {@link TRANSFER_ANSWER_TIMEOUT_MS}).
 * See Phone.transfer for the contract; the caller checks the call first
 * (hold.ts refuseUnlessAnswered), then the target.
 */
export async function referCall(call: Call, target: URI, clock: Clock, handOver: (call: Call) => Promise<void>): Promise<void> {
  call.apply({ type: 'transfer' });
  const session = call.sipSession;
  const answer = await ask(call, clock, (requestDelegate) => session.refer(target, { requestDelegate }), {
    ms: TRANSFER_ANSWER_TIMEOUT_MS,
    lateAccept: () => void handOver(call),
  });
  const detail = { callId: call.id, target: target.toString().slice(0, 255) };
  if (answer.kind === 'accepted') {
    await handOver(call);
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
