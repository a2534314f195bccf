/**
 * After the phone's WebSocket to the SIP server was lost and made again, each answered call
 * tells its far end where the agent is now: a re-INVITE (a target refresh, RFC 3261 12.2 and
 * 14) sent on the new connection, with the call's offer as it stands (held stays held, muted
 * stays muted).
 *
 * Why it is needed: a browser cannot be reached at the Contact it puts in its requests (a
 * random .invalid host), so the SIP edge writes the WebSocket connection it came on into that
 * Contact (Kamailio add_contact_alias, ";alias=<ip>~<port>~<transport>",
 * scripts/sip-server/kamailio.cfg), and the far end sends every request of the dialog there
 * (its remote target). Once that connection is gone, the customer's BYE, re-INVITE or INFO
 * goes nowhere and the call would stay connected on the agent's pad for good. A re-INVITE's
 * Contact replaces the far end's remote target (RFC 3261 12.2.2; sip.js does so in
 * SessionDialog.receiveRequest), and the edge aliases it to the new connection.
 *
 * (SIP Outbound, RFC 5626, would not spare it: a flow that fails is answered 430 Flow Failed
 * and the user agent must refresh its dialogs itself, section 4.5.)
 *
 * The re-INVITE is sip.js's public Session.invite() with no options of its own: sip.js then
 * offers with the options and modifiers the call's last re-INVITE used (SIP.js 0.21.2
 * src/api/session.ts invite(), sessionDescriptionHandlerOptionsReInvite and
 * sessionDescriptionHandlerModifiersReInvite), which hold.ts sets (hold: sendonly, retrieve:
 * sendrecv). Media is not touched: it never depended on the WebSocket.
 *
 * What the far end answers:
 *   200 OK        the call is ours again: its BYE will reach the agent, ours reaches it;
 *   481           it no longer knows the call: it hung up while the connection was down (its
 *                 BYE was lost), so the call ends here as the far end's hang-up;
 *   491           our re-INVITE crossed one of its own: once more after RFC 3261 14.1's wait;
 *   anything else (408 when nothing came within sip.js's transaction timeout, 32 s; 503 when
 *                 the connection failed again: the next reconnect refreshes again): the call
 *                 goes on as it was (its media may well flow); the phone says so in the console.
 */
import { SessionState } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import type { Call } from './call.ts';
import { REINVITE_READY_TIMEOUT_MS } from './call-control-limits.ts';
import { errorText } from './error-text.ts';
import { ask, oneReinviteAtATime, untilReadyForReinvite, whileUp, type Answer } from './far-end.ts';
import { glareWaitMs, rollBackOffer } from './hold.ts';

/** How a refresh went. */
export type DialogRefresh = 'refreshed' | 'far-end-gone' | 'not-refreshed' | 'call-ended';

/**
 * Refreshes the far end's route to this call (see the module). Resolves with how it went; a
 * call whose far end no longer knows it is ended (BYE, reported as the far end's hang-up).
 */
export async function refreshDialog(call: Call, clock: Clock): Promise<DialogRefresh> {
  let answer = await reinvite(call, clock);
  if (answer.kind === 'refused' && answer.statusCode === 491) {
    const waited = await whileUp<{ kind: 'waited' }>(call, clock, undefined, (settle) => clock.schedule(() => settle({ kind: 'waited' }), glareWaitMs(call.leg.direction === 'outbound')));
    answer = waited.kind === 'call-ended' ? waited : await reinvite(call, clock);
  }
  switch (answer.kind) {
    case 'accepted':
      return 'refreshed';
    case 'call-ended':
      return 'call-ended';
    case 'refused':
      if (answer.statusCode === 481) {
        // RFC 3261 12.2.1.2: a 481 to a request in a dialog ends the dialog. The far end ended it.
        if (call.note({ type: 'far-end-gone' })) await call.sipSession.bye().catch(() => undefined);
        return 'far-end-gone';
      }
      warn(call, `the far end refused it (${answer.status})`);
      return 'not-refreshed';
    case 'not-sent':
      warn(call, errorText(answer.error));
      return 'not-refreshed';
    case 'timed-out': // no bound is set: sip.js's own timeout answers 408 (refused)
      return 'not-refreshed';
  }
}

function warn(call: Call, why: string): void {
  console.warn(`ContactPad phone: could not tell the far end of call ${call.id} where the agent is after a reconnect (${why}); the call goes on.`);
}

function reinvite(call: Call, clock: Clock): Promise<Answer> {
  return oneReinviteAtATime(call, () => reinviteNow(call, clock));
}

async function reinviteNow(call: Call, clock: Clock): Promise<Answer> {
  // After a hold, retrieve or a far end's re-INVITE in progress: one INVITE transaction at a time.
  const ready = await untilReadyForReinvite(call, clock, REINVITE_READY_TIMEOUT_MS);
  if (ready.kind === 'timed-out') return { kind: 'not-sent', error: new Error('the call did not become ready for a re-INVITE') };
  if (ready.kind !== 'ready') return ready;
  const session = call.sipSession;
  if (session.state !== SessionState.Established) return { kind: 'call-ended' };
  // Unbounded: sip.js answers 408 itself when nothing comes, and the offer is withdrawn then.
  const answer = await ask(call, clock, (requestDelegate) => session.invite({ requestDelegate }));
  if (answer.kind === 'refused' || answer.kind === 'not-sent') await rollBackOffer(call);
  return answer;
}
