/**
 * The bench's caller: a SIP client in this Node process on Kamailio's WebSocket, playing the
 * platform that rings agents (a `customer-*` SIP user, whose X-CP-* headers the SIP edge keeps,
 * as it keeps the customer simulator's). It rings a SIP user (ContactPad's agent1, or the
 * baseline page's user) with an INVITE carrying the caller's name and number, an interaction id
 * (X-CP-Interaction-Id) and a WebRTC offer shaped as Chromium writes one, stamps the moment it
 * hands that INVITE to its socket, and cancels the call once the bench has read what it measures
 * (CANCEL, RFC 3261 9.1; the 487 that follows is acknowledged).
 *
 * Kamailio challenges every INVITE from a WebSocket client (407): the INVITE timed is the second,
 * the one with the credential, the only one that reaches the agent. Its stamp is
 * `performance.timeOrigin + performance.now()` of this process, an epoch time in ms: the same
 * wall-clock base as the browser's `performance.timeOrigin + mark.startTime`
 * (clock-check.ts says how far the two clocks agree in a run).
 */
import { randomBytes } from 'node:crypto';
import { signSipCredential } from '../sip-server/sip-credential.ts';
import { digestAuthorization } from '../sip-server/test-support/sip-peer.ts';
import { buildSipMessage, headerParam, parseSipMessage, type SipMessage } from '../sip-server/test-support/sip-message.ts';
import { webrtcSdp } from '../sip-server/test-support/sdp.ts';
import { openWebSocket, type WebSocketClient } from '../sip-server/test-support/web-socket-client.ts';

/** The SIP user the bench's caller signs in as: a platform user (Kamailio's PLATFORM_USERS_RE, `customer-*`). */
export const BENCH_CALLER_USER = 'customer-bench';

/** This process's clock as an epoch time in ms (high resolution). */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Who calls, as the INVITE says it. */
export interface BenchCallerId {
  readonly name: string;
  readonly number: string;
  readonly queue?: string;
}

/** A call the bench's caller placed. */
export interface BenchCall {
  readonly interactionId: string;
  /** Epoch ms at which the INVITE with the credential was handed to the socket. */
  readonly sentAt: number;
  /** Resolves with the final response's status (487 once cancelled, or 486, 480...). */
  readonly ended: Promise<number>;
  /** Cancels the call (if it still rings) and resolves once its INVITE transaction is over. */
  cancel(): Promise<number>;
}

interface Transaction {
  readonly onResponse: (response: SipMessage) => void;
}

const token = (bytes = 6): string => randomBytes(bytes).toString('hex');

/** One WebSocket to Kamailio, many calls one after another. */
export class BenchCaller {
  readonly #socket: WebSocketClient;
  readonly #domain: string;
  readonly #credential: { username: string; password: string };
  readonly #host = `${token(5)}.invalid`;
  readonly #transactions = new Map<string, Transaction>();
  #cseq = 1;

  private constructor(socket: WebSocketClient, domain: string, credential: { username: string; password: string }) {
    this.#socket = socket;
    this.#domain = domain;
    this.#credential = credential;
    socket.onMessage((text) => this.#receive(text));
  }

  /** Connects to Kamailio's WebSocket with a day's credential signed with the run's SIP secret. */
  static async connect(wsUrl: string, domain: string, sipSecret: string): Promise<BenchCaller> {
    const socket = await openWebSocket(wsUrl, { protocol: 'sip' });
    const credential = signSipCredential(sipSecret, BENCH_CALLER_USER, Date.now() + 24 * 3600_000);
    return new BenchCaller(socket, domain, credential);
  }

  close(): void {
    this.#socket.close();
  }

  #receive(text: string): void {
    let message: SipMessage;
    try {
      message = parseSipMessage(text);
    } catch {
      return;
    }
    if (message.status === undefined) return; // no requests expected: calls are cancelled before an answer
    const branch = headerParam(message.header('Via'), 'branch') ?? '';
    this.#transactions.get(branch)?.onResponse(message);
  }

  #send(startLine: string, headers: readonly string[], body = ''): void {
    this.#socket.send(buildSipMessage(startLine, headers, body));
  }

  /** The ACK of a non-2xx final response: the INVITE's Via branch, its CSeq number, the response's To (RFC 3261 17.1.1.3). */
  #ackFailure(invite: SipMessage, response: SipMessage): void {
    this.#sendOnInvite('ACK', invite, response.header('To'));
  }

  /** An ACK or CANCEL of `invite`: its Request-URI, Via (branch), From, Call-ID and CSeq number, with `to` (RFC 3261 9.1, 17.1.1.3). */
  #sendOnInvite(method: 'ACK' | 'CANCEL', invite: SipMessage, to: string | undefined): void {
    const cseq = (invite.header('CSeq') ?? '').split(' ')[0];
    this.#send(`${method} ${invite.uri} SIP/2.0`, [
      `Via: ${invite.header('Via')}`,
      'Max-Forwards: 70',
      `From: ${invite.header('From')}`,
      `To: ${to}`,
      `Call-ID: ${invite.header('Call-ID')}`,
      `CSeq: ${cseq} ${method}`,
    ]);
  }

  /** Sends an INVITE and follows its transaction: the final response resolves `final`. */
  #invite(target: string, caller: BenchCallerId, interactionId: string, callId: string, fromTag: string, authorization?: string) {
    const branch = `z9hG4bK${token(8)}`;
    const headers = [
      `Via: SIP/2.0/WS ${this.#host};branch=${branch};rport`,
      'Max-Forwards: 70',
      `From: "${caller.name}" <sip:${caller.number}@${this.#domain}>;tag=${fromTag}`,
      `To: <${target}>`,
      `Call-ID: ${callId}`,
      `CSeq: ${this.#cseq++} INVITE`,
      `Contact: <sip:${BENCH_CALLER_USER}@${this.#host};transport=ws>`,
      ...(authorization ? [authorization] : []),
      `X-CP-Interaction-Id: ${interactionId}`,
      ...(caller.queue ? [`X-CP-Queue: ${caller.queue}`] : []),
      'Content-Type: application/sdp',
    ];
    const text = buildSipMessage(`INVITE ${target} SIP/2.0`, headers, webrtcSdp());
    const invite = parseSipMessage(text);
    let settle: (response: SipMessage) => void = () => undefined;
    const final = new Promise<SipMessage>((resolve) => (settle = resolve));
    this.#transactions.set(branch, {
      onResponse: (response) => {
        // The CANCEL's 200 shares the INVITE's branch: only the INVITE's own final response ends it.
        if ((response.status ?? 0) < 200 || !/\bINVITE$/.test(response.header('CSeq') ?? '')) return;
        this.#transactions.delete(branch);
        this.#ackFailure(invite, response);
        settle(response);
      },
    });
    const sentAt = epochNow();
    this.#socket.send(text);
    return { invite, branch, final, sentAt };
  }

  /**
   * Rings `user` (sip:<user>@<domain>) as `caller`. Resolves once the INVITE with the credential
   * is sent (after Kamailio's 407 to the first): its stamp, and how the call ends.
   */
  async call(user: string, caller: BenchCallerId, interactionId = `bench-${token(6)}`): Promise<BenchCall> {
    const target = `sip:${user}@${this.#domain}`;
    const callId = `${token(10)}@bench`;
    const fromTag = token(4);
    const first = this.#invite(target, caller, interactionId, callId, fromTag);
    const challenge = await first.final;
    const header = challenge.status === 407 ? challenge.header('Proxy-Authenticate') : undefined;
    if (!header) throw new Error(`bench caller: expected 407 to the first INVITE, got ${challenge.startLine}`);
    const authorization = `Proxy-Authorization: ${digestAuthorization(header, this.#credential, 'INVITE', target)}`;
    const sent = this.#invite(target, caller, interactionId, callId, fromTag, authorization);
    const ended = sent.final.then((response) => response.status ?? 0);
    let cancelled: Promise<number> | undefined;
    return {
      interactionId,
      sentAt: sent.sentAt,
      ended,
      cancel: () => {
        cancelled ??= (async () => {
          // CANCEL: the INVITE's Request-URI, Via (branch), From, To, Call-ID and CSeq number (RFC 3261 9.1).
          this.#sendOnInvite('CANCEL', sent.invite, sent.invite.header('To'));
          return withTimeout(ended, 10_000, `the end of call ${interactionId} after CANCEL`);
        })();
        return cancelled;
      },
    };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bench caller: no ${what} within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
