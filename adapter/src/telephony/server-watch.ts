/**
 * Notices a phone server that stopped answering while its WebSocket stays open (a server that
 * hangs, a connection that died without a word): while the phone is registered it asks the
 * server "are you there?" every {@link SERVER_CHECK_EVERY_MS}, an OPTIONS request to the server
 * itself (sip:<the agent's domain>, no user; Kamailio answers "200 Keepalive" before anything
 * else, scripts/sip-server/kamailio.cfg). No answer within {@link SERVER_ANSWER_WITHIN_MS}, and
 * the server counts as lost: the phone drops the connection, says it cannot reach the phone
 * server and reconnects with its backoff (registration.ts), so the agent knows within seconds
 * instead of at the next registration refresh (minutes).
 *
 * Any answer counts, a refusal (404, 405...) as much as a 200: the server is alive. The answers
 * sip.js makes up itself (408 on its own transaction timeout, 503 when the transport fails:
 * SIP.js 0.21.2 src/core/user-agents/user-agent-client.ts onRequestTimeout / onTransportError)
 * do not: they carry no Call-ID.
 *
 * Why not sip.js's own keep-alive: the Web transport's keepAliveInterval sends CRLF CRLF, but a
 * missing CRLF answer only clears a timer, nothing is reported (SIP.js 0.21.2
 * src/platform/web/transport/transport.ts sendKeepAlive / clearKeepAliveTimeout; its
 * keepAliveDebounce option is @internal), so it never notices a silent server. OPTIONS goes out
 * through the user agent core, sip.js's public lower layer (UserAgent.userAgentCore, exported
 * as Core), which sends any request outside a dialog.
 *
 * Loaded once the phone has registered (phone.ts): it is not needed to ring and answer.
 */
import { UserAgent } from 'sip.js';
import type { Clock } from '../model/clock.ts';

/** How often a registered phone asks the server whether it is there. */
export const SERVER_CHECK_EVERY_MS = 4000;
/** How long the server has to answer before it counts as lost. */
export const SERVER_ANSWER_WITHIN_MS = 4000;

/** What the watch needs besides the user agent. */
export interface ServerWatchOptions {
  readonly clock: Clock;
  /** The agent's SIP domain: the OPTIONS goes to sip:<domain>. */
  readonly domain: string;
  /** The server did not answer in time: `reason` says so, in the agent's words. Called once; the watch stops. */
  readonly lost: (reason: string) => void;
}

/**
 * Starts asking the server, every {@link SERVER_CHECK_EVERY_MS}, until the returned stop is
 * called or the server fails to answer (then `lost`, once).
 */
export function watchServer(ua: UserAgent, options: ServerWatchOptions): () => void {
  const { clock, domain, lost } = options;
  const target = UserAgent.makeURI(`sip:${domain}`);
  let stopped = false;
  let cancelTimer: (() => void) | undefined;

  const stop = () => {
    stopped = true;
    cancelTimer?.();
    cancelTimer = undefined;
  };

  const ask = () => {
    if (stopped || !target) return;
    let answered = false;
    const core = ua.userAgentCore;
    const self = ua.configuration.uri;
    const message = core.makeOutgoingRequestMessage('OPTIONS', target, self, target, {});
    const heard = (response: { message: { callId: string } }) => {
      if (stopped || answered || response.message.callId !== message.callId) return; // made up by sip.js: no answer
      answered = true;
      cancelTimer?.();
      cancelTimer = clock.schedule(ask, SERVER_CHECK_EVERY_MS);
    };
    cancelTimer = clock.schedule(() => {
      if (stopped || answered) return;
      stop();
      lost(`The phone server stopped answering (no answer within ${SERVER_ANSWER_WITHIN_MS / 1000} s)`);
    }, SERVER_ANSWER_WITHIN_MS);
    try {
      core.request(message, { onAccept: heard, onReject: heard });
    } catch {
      // Not sent (the transport is gone): the phone hears of that from the transport; the timer stays.
    }
  };

  cancelTimer = clock.schedule(ask, SERVER_CHECK_EVERY_MS);
  return stop;
}
