/**
 * The agent's Release reaches the far end even when the phone's WebSocket to the SIP server is
 * down at that moment (cut, the network changing) or dead without a word (only the server
 * watch notices, within seconds: server-watch.ts). The call ends on the pad at once: the agent
 * pressed Release, and sip.js ends the session as it sends the BYE. The BYE itself is kept
 * until the far end (or the SIP edge) answers it, and sent again on each new connection.
 *
 * Where sip.js falls short: Session.bye() disposes of the dialog the moment it builds the BYE
 * (SIP.js 0.21.2 src/core/user-agents/bye-user-agent-client.ts, `dialog.dispose()` in the
 * constructor; src/api/session.ts _bye moves the session to Terminated right after), and a BYE
 * that cannot be sent only reaches the request delegate, as a 503 sip.js makes up
 * (src/core/user-agents/user-agent-client.ts onTransportError); one sent into a dead
 * connection gets a made-up 408 after Timer F, 32 s (onRequestTimeout). Neither is ever sent
 * again, and once the dialog is gone the Session has nothing left to send one with. So the
 * phone keeps the BYE sip.js built (OutgoingByeRequest.message: the dialog's Call-ID, tags and
 * route set) and, once connected again, sends it once more as a new transaction through the
 * user agent core (UserAgent.userAgentCore.request, sip.js's public lower layer `Core`, as
 * server-watch.ts uses it) with the next CSeq (RFC 3261 12.2.1.1: a new request in the
 * dialog). The far end is reached by the dialog's route set (the SIP edge's Record-Route): its
 * address never depended on the agent's connection, so no dialog refresh is needed first.
 *
 * What counts as heard: any response the far end or the edge really sent (2xx; 481 when the
 * far end had ended the call meanwhile, its own BYE lost). The responses sip.js makes up carry
 * no Call-ID (as server-watch.ts tells them apart). A BYE not heard goes again on each new
 * connection, at most {@link RELEASE_SENDS} times in all and within {@link RELEASE_KEPT_MS} of
 * the Release; then the phone lets it go and says so in the console.
 *
 * Loaded with the call control (call-control.ts): not needed to ring and answer.
 */
import type { Core, Session, UserAgent } from 'sip.js';
import type { Clock } from '../model/clock.ts';

/** How many times one BYE goes out at most (the first time included). */
export const RELEASE_SENDS = 4;
/** How long after the Release its BYE is still sent again on a new connection. */
export const RELEASE_KEPT_MS = 5 * 60_000;

/** One BYE the far end has not answered yet. */
interface UnheardBye {
  readonly callId: string;
  readonly releasedAt: number;
  /** The BYE sip.js built; undefined until Session.bye() has returned it. */
  message: Core.OutgoingRequestMessage | undefined;
  sends: number;
}

/** The BYEs of the phone's released calls, kept until heard (see the module). */
export class ReleaseDelivery {
  readonly #clock: Clock;
  readonly #unheard = new Set<UnheardBye>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Sends the call's BYE (Session.bye) and keeps it until the far end answers it. `callId` names the call in the console. */
  async bye(session: Session, callId: string): Promise<void> {
    const bye: UnheardBye = { callId, releasedAt: this.#clock.now(), message: undefined, sends: 1 };
    this.#unheard.add(bye);
    try {
      const request = await session.bye({ requestDelegate: this.#delegate(bye) });
      bye.message = request.message;
    } catch (error) {
      this.#unheard.delete(bye); // not even built: the caller says why
      throw error;
    }
  }

  /**
   * The phone has a new connection: every BYE not answered yet went to a connection that is
   * gone (or was never sent), so it goes again on this one through `ua`'s core.
   */
  reconnected(ua: UserAgent): void {
    for (const bye of [...this.#unheard]) {
      const message = bye.message;
      if (!message) continue; // still being built: it goes out on this connection
      if (bye.sends >= RELEASE_SENDS || this.#clock.now() - bye.releasedAt > RELEASE_KEPT_MS) {
        this.#unheard.delete(bye);
        console.warn(`ContactPad phone: the far end of call ${bye.callId} never answered the agent's Release (BYE sent ${bye.sends} times); giving up.`);
        continue;
      }
      bye.sends++;
      message.cseq += 1;
      message.setHeader('cseq', `${message.cseq} ${message.method}`);
      try {
        ua.userAgentCore.request(message, this.#delegate(bye));
      } catch {
        // Not sent (the connection went again): the next connection sends it.
      }
    }
  }

  #delegate(bye: UnheardBye): Core.OutgoingRequestDelegate {
    const answered = (response: Core.IncomingResponse) => {
      // sip.js's own 408 and 503 (no answer, not sent) carry no Call-ID: the BYE stays kept.
      if (response.message.callId) this.#unheard.delete(bye);
    };
    return { onAccept: answered, onRedirect: answered, onReject: answered };
  }
}
