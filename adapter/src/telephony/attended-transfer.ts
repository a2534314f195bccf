/**
 * Attended transfer (RFC 5589): the agent consulted a colleague on a second call and now
 * puts the caller through to them. A REFER goes to the caller's phone on the original call,
 * its Refer-To naming the consult call's far end with that dialog as Replaces (RFC 3891:
 * `<sip:target?Replaces=callid%3Bto-tag%3D...%3Bfrom-tag%3D...>`); sip.js's Session.refer
 * builds it from the consult session (SIP.js 0.21.2 src/api/session.ts referToString). The
 * caller's phone INVITEs the colleague with Replaces, the colleague's phone swaps our consult
 * call for that one and hangs it up (BYE).
 *
 *   original  connected|held --transfer--> transferring(-held) --(done)--> hand-over: BYE
 *   consult   connected --replace--> replacing --the colleague's BYE, or (done) our BYE--> ended
 *   both end as transferred; a refusal or a failed INVITE puts both back as they were.
 *
 * "Done" is the caller's NOTIFY carrying a 2xx (sipfrag, RFC 3515 2.4.5), or the colleague's
 * BYE on the consult call; a non-2xx NOTIFY, a refused REFER or no word within
 * TRANSFER_COMPLETE_TIMEOUT_MS leaves both calls with the agent, said plainly.
 */
import type { Notification } from 'sip.js';
import { ContactPadError } from '../model/errors.ts';
import type { Call } from './call.ts';
import type { CallsPort } from './call-control.ts';
import { TRANSFER_ANSWER_TIMEOUT_MS, TRANSFER_COMPLETE_TIMEOUT_MS } from './call-control-limits.ts';
import { errorText } from './error-text.ts';
import { ask, whileUp } from './far-end.ts';
import { refuseUnlessAnswered } from './hold.ts';

/** How the caller's INVITE to the transfer target went, as its NOTIFYs say (or the consult call's end). */
type Outcome = { kind: 'done' } | { kind: 'failed'; status: string };

/** The status line of a NOTIFY's sipfrag body ('SIP/2.0 200 OK'), when it has one. */
export function sipfragStatus(body: string): { code: number; text: string } | undefined {
  const match = /^SIP\/2\.0\s+(\d{3})([^\r\n]*)/.exec(body.trim());
  return match ? { code: Number(match[1]), text: `${match[1]}${match[2] ?? ''}`.trim() } : undefined;
}

/**
 * Puts the far end of `call` through to the far end of `consult` (see the file comment).
 * Resolves once the transfer is done; both calls are then reported ended as transferred.
 * INVALID_TRANSITION when either call is not answered, the consult call is on hold (take it
 * back first) or something else is under way on either; TRANSFER_FAILED when the caller's
 * phone refuses the REFER, the target does not take the call, or nothing is heard in time:
 * both calls stay as they were.
 */
export async function completeTransfer(call: Call, consult: Call, calls: CallsPort): Promise<void> {
  if (call === consult) throw new ContactPadError('INVALID_TRANSITION', 'A call cannot be transferred to itself.', { detail: { callId: call.id } });
  refuseUnlessAnswered(call, 'transferred');
  refuseUnlessAnswered(consult, 'joined to a transfer');
  if (consult.state !== 'connected') {
    throw new ContactPadError('INVALID_TRANSITION', 'The consult call is on hold or changing: take it back, then complete the transfer.', { detail: { callId: consult.id } });
  }
  const detail = { callId: call.id, consultId: consult.id };
  call.apply({ type: 'transfer' });
  consult.apply({ type: 'replace' });
  let tell: (outcome: Outcome) => void = () => undefined;
  const told = new Promise<Outcome>((resolve) => (tell = resolve));
  const onNotify = (notification: Notification): void => {
    notification.accept().catch(() => undefined);
    const status = sipfragStatus(notification.request.body ?? '');
    if (!status || status.code < 200) return;
    tell(status.code < 300 ? { kind: 'done' } : { kind: 'failed', status: status.text });
  };
  // The colleague's phone hanging up our consult call (it replaced it) says the same.
  const unwatch = consult.whenEnded(() => tell({ kind: 'done' }));
  const session = call.sipSession;
  const answer = await ask(call, calls.clock, (requestDelegate) => session.refer(consult.sipSession, { requestDelegate, onNotify }), {
    ms: TRANSFER_ANSWER_TIMEOUT_MS,
    // Accepted after all: the caller's phone is following it; wait for its word in the background.
    lateAccept: () => void follow(call, consult, told, calls).catch(() => undefined),
  });
  try {
    if (answer.kind === 'accepted') {
      await follow(call, consult, told, calls);
      return;
    }
    if (answer.kind === 'call-ended') throw new ContactPadError('CALL_NOT_FOUND', 'The call ended before the caller\'s phone answered the transfer.', { detail });
    putBack(call, consult);
    switch (answer.kind) {
      case 'refused':
        throw new ContactPadError('TRANSFER_FAILED', `The caller's phone refused the transfer (${answer.status}); both calls are still yours.`, {
          detail: { ...detail, statusCode: answer.statusCode },
        });
      case 'timed-out':
        throw new ContactPadError('TRANSFER_FAILED', `The caller's phone did not answer the transfer within ${TRANSFER_ANSWER_TIMEOUT_MS / 1000} s; both calls are still yours.`, { detail });
      case 'not-sent':
        throw new ContactPadError('TRANSFER_FAILED', `Could not transfer the call: ${errorText(answer.error)}; both calls are still yours.`, { cause: answer.error, detail });
    }
  } finally {
    unwatch();
  }
}

/** Both calls back as they were (the ones still up). */
function putBack(call: Call, consult: Call): void {
  call.note({ type: 'transfer-failed' });
  consult.note({ type: 'replace-failed' });
}

/** The REFER was accepted: waits for the outcome, then hands both legs over, or puts them back. */
async function follow(call: Call, consult: Call, told: Promise<Outcome>, calls: CallsPort): Promise<void> {
  const outcome = await whileUp<Outcome>(call, calls.clock, TRANSFER_COMPLETE_TIMEOUT_MS, (settle) => void told.then(settle));
  const detail = { callId: call.id, consultId: consult.id };
  if (outcome.kind === 'done' || outcome.kind === 'call-ended') {
    // (The caller's phone hanging up the original call once it is through says it is done too.)
    await Promise.all([calls.handOver(call), calls.handOver(consult)]);
    return;
  }
  putBack(call, consult);
  if (outcome.kind === 'failed') {
    throw new ContactPadError('TRANSFER_FAILED', `The transfer did not go through: the colleague's phone answered ${outcome.status}; both calls are still yours.`, {
      detail: { ...detail, status: outcome.status },
    });
  }
  throw new ContactPadError('TRANSFER_FAILED', `The transfer was not confirmed within ${TRANSFER_COMPLETE_TIMEOUT_MS / 1000} s; both calls are still yours.`, { detail });
}
