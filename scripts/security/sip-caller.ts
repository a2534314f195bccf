/**
 * The security suite's platform: a minimal SIP user agent client in Node that INVITEs the
 * agent through the console's Kamailio as a listed trunk (127.0.0.1), so every X-CP-* header
 * reaches the agent as the platform would send it (scripts/sip-server/kamailio.cfg
 * route[PLATFORM_HEADERS]). It sends exactly the header lines it is given, follows the INVITE
 * transaction (RFC 3261 17.1.1: ACK for a final failure, in the INVITE's transaction) and hangs
 * up with CANCEL (RFC 3261 9.1) while the agent still rings.
 *
 * UDP, or TCP for messages larger than a UDP datagram (the 100 KB payloads): Kamailio takes
 * SIP over TCP on its WebSocket port (a connection whose first bytes are not an HTTP upgrade
 * is read as SIP). The SDP offer is WebRTC-shaped (ICE, DTLS fingerprint, SAVPF), as the
 * platform's and scripts/sip-server/scenarios/webrtc-invite-reject.xml's, so the agent's
 * browser rings; nothing answers its media, so the suite never accepts these calls.
 */
import { createSocket, type Socket } from 'node:dgram';
import { connect, type Socket as TcpSocket } from 'node:net';
import { randomUUID } from 'node:crypto';

/** What one INVITE carries. */
export interface HostileInvite {
  /** The From display name as it goes on the wire, quotes included (or '' for none). */
  readonly fromDisplay: string;
  /** The From URI's user part, as it goes on the wire. */
  readonly fromUser: string;
  /** Extra header lines, each "Name: value" (no CR or LF: the caller refuses them). */
  readonly headers: readonly string[];
  /** The agent's SIP user (default agent1). */
  readonly to?: string;
  /** UDP (default) or TCP (for a message larger than a datagram). */
  readonly transport?: 'udp' | 'tcp';
}

/** How the INVITE went. */
export interface InviteOutcome {
  /** Every status code received, in order of first appearance. */
  readonly statusCodes: readonly number[];
  /** The final status (486, 487 after CANCEL, 480...), or undefined when none came. */
  readonly final: number | undefined;
  /** The Call-ID the INVITE carried. */
  readonly callId: string;
}

/** One call in progress: wait for ringing, hang up, wait for the end. */
export interface PlacedCall {
  readonly callId: string;
  /** Resolves true once a 180 (or 183) came, false when a final answer or the time limit came first. */
  ringing(timeoutMs: number): Promise<boolean>;
  /** The caller hangs up (CANCEL while ringing) and the transaction ends; resolves with the outcome. */
  hangUp(timeoutMs?: number): Promise<InviteOutcome>;
  /** Resolves once a final answer came (or the time limit), without hanging up. */
  finished(timeoutMs: number): Promise<InviteOutcome>;
}

const SDP = (ip: string, mediaPort: number) =>
  [
    'v=0',
    `o=- 4611731400430051336 2 IN IP4 ${ip}`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=msid-semantic: WMS',
    `m=audio ${mediaPort} UDP/TLS/RTP/SAVPF 111 0`,
    `c=IN IP4 ${ip}`,
    'a=rtcp:9 IN IP4 0.0.0.0',
    `a=candidate:1 1 udp 2122260223 ${ip} ${mediaPort} typ host generation 0`,
    'a=ice-ufrag:CPsc',
    'a=ice-pwd:securitysuitesecuritysuite',
    'a=ice-options:trickle',
    'a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08',
    'a=setup:actpass',
    'a=mid:0',
    'a=sendrecv',
    'a=rtcp-mux',
    'a=rtpmap:111 opus/48000/2',
    'a=fmtp:111 minptime=10;useinbandfec=1',
    'a=rtpmap:0 PCMU/8000',
    '',
  ].join('\r\n');

/** Where the caller sends: Kamailio's UDP port, and its TCP (WebSocket) port for large messages. */
export interface SipCallerOptions {
  readonly udpPort: number;
  readonly tcpPort: number;
}

/** A connection to Kamailio: one UDP socket (and a TCP connection opened on first need). */
export class SipCaller {
  readonly #options: SipCallerOptions;
  #udp: Socket | undefined;
  #tcp: TcpSocket | undefined;
  #tcpBuffer = '';
  readonly #calls = new Map<string, CallState>();
  #counter = 0;

  constructor(options: SipCallerOptions) {
    this.#options = options;
  }

  /** Binds the UDP socket. */
  async open(): Promise<void> {
    const udp = createSocket('udp4');
    udp.on('message', (message) => this.#receive(message.toString('utf8'), 'udp'));
    await new Promise<void>((done, fail) => {
      udp.once('error', fail);
      udp.bind(0, '127.0.0.1', () => done());
    });
    this.#udp = udp;
  }

  /** Closes the sockets; calls still open are forgotten. */
  async close(): Promise<void> {
    this.#tcp?.destroy();
    this.#tcp = undefined;
    const udp = this.#udp;
    this.#udp = undefined;
    if (udp) await new Promise<void>((done) => udp.close(() => done()));
  }

  /** Sends an INVITE to the agent. */
  async invite(invite: HostileInvite): Promise<PlacedCall> {
    for (const line of [invite.fromDisplay, invite.fromUser, ...invite.headers]) {
      if (/[\r\n]/.test(line)) throw new Error('SipCaller: header text must be one line (no CR or LF)');
    }
    const transport = invite.transport ?? 'udp';
    const local = await this.#localAddress(transport);
    this.#counter += 1;
    const to = invite.to ?? 'agent1';
    const callId = `cp-security-${randomUUID()}`;
    const branch = `z9hG4bK-cpsec-${this.#counter}-${randomUUID().slice(0, 8)}`;
    const tag = `sec${this.#counter}`;
    const proto = transport === 'udp' ? 'UDP' : 'TCP';
    const port = transport === 'udp' ? this.#options.udpPort : this.#options.tcpPort;
    const from = `${invite.fromDisplay === '' ? '' : `${invite.fromDisplay} `}<sip:${invite.fromUser}@127.0.0.1>;tag=${tag}`;
    const common = [
      `Via: SIP/2.0/${proto} 127.0.0.1:${local};branch=${branch};rport`,
      `From: ${from}`,
      `To: <sip:${to}@127.0.0.1>`,
      `Call-ID: ${callId}`,
    ];
    const body = SDP('127.0.0.1', 40000 + (this.#counter % 9000));
    const message = [
      `INVITE sip:${to}@127.0.0.1:${port} SIP/2.0`,
      ...common,
      'CSeq: 1 INVITE',
      `Contact: <sip:security@127.0.0.1:${local};transport=${proto.toLowerCase()}>`,
      'Max-Forwards: 70',
      ...invite.headers,
      'Content-Type: application/sdp',
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');
    const state = new CallState(callId, (text) => this.#send(text, transport), common, to, port);
    this.#calls.set(callId, state);
    this.#send(message, transport);
    return state.handle(() => this.#calls.delete(callId));
  }

  async #localAddress(transport: 'udp' | 'tcp'): Promise<number> {
    if (transport === 'udp') {
      if (!this.#udp) throw new Error('SipCaller: open() first');
      return this.#udp.address().port;
    }
    if (!this.#tcp || this.#tcp.destroyed) {
      const socket = connect({ host: '127.0.0.1', port: this.#options.tcpPort });
      await new Promise<void>((done, fail) => {
        socket.once('connect', () => done());
        socket.once('error', fail);
      });
      socket.on('data', (chunk: Buffer) => this.#readTcp(chunk.toString('utf8')));
      socket.on('error', () => undefined);
      this.#tcp = socket;
      this.#tcpBuffer = '';
    }
    return this.#tcp.localPort ?? 0;
  }

  #send(text: string, transport: 'udp' | 'tcp'): void {
    if (transport === 'tcp') {
      this.#tcp?.write(text);
      return;
    }
    this.#udp?.send(Buffer.from(text, 'utf8'), this.#options.udpPort, '127.0.0.1');
  }

  /** TCP is a stream: cut it into messages by Content-Length. */
  #readTcp(chunk: string): void {
    this.#tcpBuffer += chunk;
    for (;;) {
      const end = this.#tcpBuffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.#tcpBuffer.slice(0, end);
      const length = Number(/^(?:Content-Length|l)\s*:\s*(\d+)/im.exec(head)?.[1] ?? '0');
      if (this.#tcpBuffer.length < end + 4 + length) return;
      const message = this.#tcpBuffer.slice(0, end + 4 + length);
      this.#tcpBuffer = this.#tcpBuffer.slice(end + 4 + length);
      this.#receive(message, 'tcp');
    }
  }

  #receive(text: string, transport: 'udp' | 'tcp'): void {
    const callId = /^(?:Call-ID|i)\s*:\s*(\S+)/im.exec(text)?.[1];
    const state = callId ? this.#calls.get(callId) : undefined;
    const status = /^SIP\/2\.0 (\d{3})/.exec(text);
    if (state && status?.[1]) {
      state.response(Number(status[1]), text);
      return;
    }
    // A request toward us (an in-dialog BYE after an unexpected answer, OPTIONS): 200 OK it.
    if (/^[A-Z]+ \S+ SIP\/2\.0/.test(text) && !text.startsWith('ACK ')) {
      const keep = text.split('\r\n').filter((line) => /^(Via|v|From|f|To|t|Call-ID|i|CSeq)\s*:/i.test(line));
      this.#send(['SIP/2.0 200 OK', ...keep, 'Content-Length: 0', '', ''].join('\r\n'), transport);
    }
  }
}

/** One INVITE client transaction, as far as the suite needs it. */
class CallState {
  readonly callId: string;
  readonly #send: (text: string) => void;
  readonly #common: readonly string[];
  readonly #to: string;
  readonly #port: number;
  readonly #codes: number[] = [];
  #final: number | undefined;
  #toHeader = '';
  #cancelled = false;
  readonly #waiters = new Set<() => void>();

  constructor(callId: string, send: (text: string) => void, common: readonly string[], to: string, port: number) {
    this.callId = callId;
    this.#send = send;
    this.#common = common;
    this.#to = to;
    this.#port = port;
  }

  response(code: number, text: string): void {
    if (!this.#codes.includes(code)) this.#codes.push(code);
    if (/\bCSeq\s*:\s*\d+\s+CANCEL/i.test(text)) return; // the CANCEL's own 200
    if (code >= 200) {
      this.#toHeader = /^(?:To|t)\s*:.*$/im.exec(text)?.[0] ?? `To: <sip:${this.#to}@127.0.0.1>`;
      if (this.#final === undefined) this.#final = code;
      // Every final answer to the INVITE is acknowledged (retransmissions too).
      this.#ack(code);
    }
    for (const wake of [...this.#waiters]) wake();
  }

  #ack(code: number): void {
    const [via, from, , callId] = this.#common;
    this.#send([`ACK sip:${this.#to}@127.0.0.1:${this.#port} SIP/2.0`, via, from, this.#toHeader, callId, 'CSeq: 1 ACK', 'Max-Forwards: 70', 'Content-Length: 0', '', ''].join('\r\n'));
    if (code >= 200 && code < 300) {
      // Never meant to be answered: end it at once.
      const byeVia = (via ?? '').replace(/branch=[^;]+/, `branch=z9hG4bK-cpsec-bye-${randomUUID().slice(0, 8)}`);
      this.#send([`BYE sip:${this.#to}@127.0.0.1:${this.#port} SIP/2.0`, byeVia, from, this.#toHeader, callId, 'CSeq: 2 BYE', 'Max-Forwards: 70', 'Content-Length: 0', '', ''].join('\r\n'));
    }
  }

  #cancel(): void {
    if (this.#cancelled || this.#final !== undefined) return;
    this.#cancelled = true;
    const [via, from, to, callId] = this.#common;
    this.#send([`CANCEL sip:${this.#to}@127.0.0.1:${this.#port} SIP/2.0`, via, from, to, callId, 'CSeq: 1 CANCEL', 'Max-Forwards: 70', 'Content-Length: 0', '', ''].join('\r\n'));
  }

  #wait(done: () => boolean, timeoutMs: number): Promise<boolean> {
    if (done()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const wake = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        resolve(false);
      }, timeoutMs);
      this.#waiters.add(wake);
    });
  }

  #outcome(): InviteOutcome {
    return { statusCodes: [...this.#codes], final: this.#final, callId: this.callId };
  }

  handle(forget: () => void): PlacedCall {
    return {
      callId: this.callId,
      ringing: async (timeoutMs) => {
        await this.#wait(() => this.#codes.includes(180) || this.#codes.includes(183) || this.#final !== undefined, timeoutMs);
        return this.#codes.includes(180) || this.#codes.includes(183);
      },
      hangUp: async (timeoutMs = 5000) => {
        this.#cancel();
        await this.#wait(() => this.#final !== undefined, timeoutMs);
        forget();
        return this.#outcome();
      },
      finished: async (timeoutMs) => {
        await this.#wait(() => this.#final !== undefined, timeoutMs);
        return this.#outcome();
      },
    };
  }
}
