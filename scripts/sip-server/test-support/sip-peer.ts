/**
 * A small SIP user agent for the SIP server's Node tests, over WebSocket (ws:// or wss://, as an
 * agent's browser connects) or over UDP (as a trunk or a desk phone does, from any 127/8
 * address). It registers (with digest authentication when given a credential), places and
 * receives calls with the SDP a test gives it, answers or rejects them, and sends in-dialog
 * requests (re-INVITE, BYE). Everything goes to the one proxy it is connected to, which is
 * what a registered client does. It is a test peer, not a phone: no media, no retransmissions
 * (loopback does not lose datagrams), no forking.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { buildSipMessage, headerParam, parseSipMessage, uriOf, type SipMessage } from './sip-message.ts';
import { openWebSocket, type WebSocketClientOptions } from './web-socket-client.ts';

/** A digest credential (a time-limited one from sip-credential.ts, or anything a test forges). */
export interface DigestCredential {
  readonly username: string;
  readonly password: string;
}

interface Transport {
  readonly kind: 'WS' | 'WSS' | 'UDP';
  /** Host (and port) for Via and Contact. */
  readonly sentBy: string;
  readonly contactHost: string;
  send(text: string): void;
  close(): void;
}

const token = (bytes = 6) => randomBytes(bytes).toString('hex');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Parameters of a Digest challenge (WWW-Authenticate / Proxy-Authenticate value). */
function challengeParams(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of value.replace(/^Digest\s+/i, '').matchAll(/([a-z-]+)=(?:"([^"]*)"|([^,\s]+))/gi)) {
    params[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? '';
  }
  return params;
}

/** The Authorization / Proxy-Authorization value answering `challenge` (RFC 2617, MD5, qop=auth when offered). */
export function digestAuthorization(challenge: string, credential: DigestCredential, method: string, uri: string): string {
  const params = challengeParams(challenge);
  const realm = params.realm ?? '';
  const nonce = params.nonce ?? '';
  const ha1 = md5(`${credential.username}:${realm}:${credential.password}`);
  const ha2 = md5(`${method}:${uri}`);
  const fields = [`Digest username="${credential.username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, 'algorithm=MD5'];
  if ((params.qop ?? '').split(',').map((q) => q.trim()).includes('auth')) {
    const cnonce = token(8);
    const nc = '00000001';
    fields.push(`response="${md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`)}"`, 'qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  } else {
    fields.push(`response="${md5(`${ha1}:${nonce}:${ha2}`)}"`);
  }
  if (params.opaque !== undefined) fields.push(`opaque="${params.opaque}"`);
  return fields.join(', ');
}

/** A request someone sent this peer; reply() answers it (INVITE, re-INVITE, MESSAGE...). */
export interface IncomingRequest {
  readonly message: SipMessage;
  /** Sends a response. A 2xx to an INVITE makes the dialog (see {@link SipPeer.dialogOf}). */
  reply(status: number, reason: string, options?: { sdp?: string; headers?: readonly string[] }): void;
}

/** The state of one dialog, from this peer's side. */
export interface Dialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly localUri: string;
  readonly remoteUri: string;
  remoteTarget: string;
  readonly routeSet: readonly string[];
  localCseq: number;
}

/** What happened to a request this peer sent: every response, the final one, and a dialog after a 2xx to an INVITE. */
export interface RequestOutcome {
  readonly provisional: readonly SipMessage[];
  readonly final: SipMessage;
  readonly dialog: Dialog | undefined;
}

interface Pending {
  readonly provisional: SipMessage[];
  readonly done: (final: SipMessage) => void;
}

/** One SIP client connected to the proxy. */
export class SipPeer {
  readonly user: string;
  readonly domain: string;
  readonly transport: Transport;
  private readonly pending = new Map<string, Pending>();
  private readonly inbox: IncomingRequest[] = [];
  private readonly waiters: { match: (request: IncomingRequest) => boolean; done: (request: IncomingRequest) => void }[] = [];
  private readonly dialogs = new Map<string, Dialog>();
  private cseq = Math.floor(Math.random() * 1000) + 1;
  /** Every message received, in order (for a test's failure message). */
  readonly received: SipMessage[] = [];

  private constructor(user: string, domain: string, transport: Transport) {
    this.user = user;
    this.domain = domain;
    this.transport = transport;
  }

  /** A client on a WebSocket (ws:// or wss://), like an agent's browser. */
  static async overWebSocket(url: string, options: { user: string; domain?: string } & WebSocketClientOptions): Promise<SipPeer> {
    const socket = await openWebSocket(url, { protocol: 'sip', ...options });
    const host = `${token(5)}.invalid`;
    const kind = url.startsWith('wss:') ? 'WSS' : 'WS';
    const peer = new SipPeer(options.user, options.domain ?? '127.0.0.1', {
      kind,
      sentBy: host,
      contactHost: `${host};transport=${kind.toLowerCase()}`,
      send: (text) => socket.send(text),
      close: () => socket.close(),
    });
    socket.onMessage((text) => peer.receive(text));
    return peer;
  }

  /** A client on UDP from `localAddress` (default 127.0.0.1), sending to the proxy at 127.0.0.1:proxyPort. */
  static async overUdp(proxyPort: number, options: { user: string; domain?: string; localAddress?: string }): Promise<SipPeer> {
    const localAddress = options.localAddress ?? '127.0.0.1';
    const socket: UdpSocket = createSocket('udp4');
    await new Promise<void>((done, fail) => {
      socket.once('error', fail);
      socket.bind(0, localAddress, () => done());
    });
    const sentBy = `${localAddress}:${socket.address().port}`;
    const peer = new SipPeer(options.user, options.domain ?? '127.0.0.1', {
      kind: 'UDP',
      sentBy,
      contactHost: sentBy,
      send: (text) => socket.send(text, proxyPort, '127.0.0.1'),
      close: () => socket.close(),
    });
    socket.on('message', (data) => peer.receive(data.toString('utf8')));
    return peer;
  }

  close(): void {
    this.transport.close();
  }

  private get contact(): string {
    return `<sip:${this.user}@${this.transport.contactHost}>`;
  }

  private via(branch: string): string {
    return `Via: SIP/2.0/${this.transport.kind} ${this.transport.sentBy};branch=${branch};rport`;
  }

  private receive(text: string): void {
    let message: SipMessage;
    try {
      message = parseSipMessage(text);
    } catch {
      return;
    }
    this.received.push(message);
    if (message.status !== undefined) {
      const branch = headerParam(message.header('Via'), 'branch') ?? '';
      const pending = this.pending.get(branch);
      if (!pending) return;
      if (message.status < 200) pending.provisional.push(message);
      else {
        this.pending.delete(branch);
        pending.done(message);
      }
      return;
    }
    const incoming: IncomingRequest = { message, reply: (status, reason, options) => this.reply(message, status, reason, options) };
    if (message.method === 'BYE' || message.method === 'OPTIONS') incoming.reply(200, 'OK');
    if (message.method === 'CANCEL') {
      incoming.reply(200, 'OK');
      const invite = this.inbox.find((r) => r.message.method === 'INVITE' && r.message.header('Call-ID') === message.header('Call-ID'));
      invite?.reply(487, 'Request Terminated');
    }
    const waiter = this.waiters.findIndex((w) => w.match(incoming));
    if (waiter >= 0) {
      const [found] = this.waiters.splice(waiter, 1);
      found!.done(incoming);
      this.inbox.push(incoming);
      return;
    }
    this.inbox.push(incoming);
    this.unclaimed.push(incoming);
  }

  private readonly unclaimed: IncomingRequest[] = [];

  /** The next request (already received and not yet taken, or to come) that `match` accepts. */
  nextRequest(match: (message: SipMessage) => boolean, timeoutMs = 5000): Promise<IncomingRequest> {
    const index = this.unclaimed.findIndex((request) => match(request.message));
    if (index >= 0) return Promise.resolve(this.unclaimed.splice(index, 1)[0]!);
    return new Promise((resolve, reject) => {
      const waiter = {
        match: (request: IncomingRequest) => match(request.message),
        done: (request: IncomingRequest) => {
          clearTimeout(timer);
          resolve(request);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.user}: no matching request within ${timeoutMs} ms; received: ${this.received.map((m) => m.startLine).join(' | ')}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** The next request of `method` (e.g. the next INVITE). */
  nextRequestOf(method: string, timeoutMs = 5000): Promise<IncomingRequest> {
    return this.nextRequest((message) => message.method === method, timeoutMs);
  }

  private readonly localTags = new Map<string, string>();

  private reply(request: SipMessage, status: number, reason: string, options: { sdp?: string; headers?: readonly string[] } = {}): void {
    const callId = request.header('Call-ID') ?? '';
    const hasTag = headerParam(request.header('To'), 'tag') !== undefined;
    let localTag = this.localTags.get(callId);
    if (!localTag) {
      localTag = token(4);
      this.localTags.set(callId, localTag);
    }
    const to = hasTag || status === 100 ? request.header('To')! : `${request.header('To')!};tag=${localTag}`;
    const headers = [
      ...request.headerAll('Via').map((value) => `Via: ${value}`),
      ...request.headerAll('Record-Route').map((value) => `Record-Route: ${value}`),
      `From: ${request.header('From')}`,
      `To: ${to}`,
      `Call-ID: ${callId}`,
      `CSeq: ${request.header('CSeq')}`,
      ...(request.method === 'INVITE' && status >= 180 && status < 300 ? [`Contact: ${this.contact}`] : []),
      ...(options.headers ?? []),
      ...(options.sdp !== undefined ? ['Content-Type: application/sdp'] : []),
    ];
    this.transport.send(buildSipMessage(`SIP/2.0 ${status} ${reason}`, headers, options.sdp ?? ''));
    if (request.method === 'INVITE' && status >= 200 && status < 300 && !hasTag) {
      this.dialogs.set(callId, {
        callId,
        localTag,
        remoteTag: headerParam(request.header('From'), 'tag') ?? '',
        localUri: uriOf(request.header('To')!),
        remoteUri: uriOf(request.header('From')!),
        remoteTarget: uriOf(request.header('Contact') ?? ''),
        routeSet: request.headerAll('Record-Route').flatMap((value) => value.split(/,(?=\s*<)/).map((part) => part.trim())),
        localCseq: Math.floor(Math.random() * 1000) + 1,
      });
    }
  }

  /** The dialog of a call this peer answered with a 2xx (by Call-ID). */
  dialogOf(callId: string): Dialog | undefined {
    return this.dialogs.get(callId);
  }

  private send(branch: string, text: string, timeoutMs: number): Promise<{ provisional: SipMessage[]; final: SipMessage }> {
    return new Promise((resolve, reject) => {
      const provisional: SipMessage[] = [];
      const timer = setTimeout(() => {
        this.pending.delete(branch);
        reject(new Error(`${this.user}: no final response within ${timeoutMs} ms to ${text.split('\r\n')[0]}; provisional: ${provisional.map((m) => m.startLine).join(' | ') || 'none'}`));
      }, timeoutMs);
      this.pending.set(branch, {
        provisional,
        done: (final) => {
          clearTimeout(timer);
          resolve({ provisional, final });
        },
      });
      this.transport.send(text);
    });
  }

  /**
   * Sends an out-of-dialog request and waits for its final response, answering one 401/407
   * challenge with `credential` when given. Headers: extra lines for the request. A 2xx to an
   * INVITE is ACKed (with `ackSdp`, the answer to a late offer, when given).
   */
  async request(
    method: string,
    target: string,
    options: { credential?: DigestCredential; headers?: readonly string[]; sdp?: string; ackSdp?: string; to?: string; timeoutMs?: number; fromUser?: string; contact?: boolean } = {},
  ): Promise<RequestOutcome> {
    const callId = `${token(8)}@test`;
    const fromTag = token(4);
    const fromUri = `sip:${options.fromUser ?? this.user}@${this.domain}`;
    const toUri = options.to ?? target;
    let authorization: string | undefined;
    let attempt = 0;
    for (;;) {
      const branch = `z9hG4bK${token(8)}`;
      const cseq = this.cseq++;
      const headers = [
        this.via(branch),
        'Max-Forwards: 70',
        `From: <${fromUri}>;tag=${fromTag}`,
        `To: <${toUri}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} ${method}`,
        ...(options.contact === false ? [] : [`Contact: ${this.contact}`]),
        ...(method === 'REGISTER' ? ['Expires: 600'] : []),
        ...(authorization ? [authorization] : []),
        ...(options.headers ?? []),
        ...(options.sdp !== undefined ? ['Content-Type: application/sdp'] : []),
      ];
      const { provisional, final } = await this.send(branch, buildSipMessage(`${method} ${target} SIP/2.0`, headers, options.sdp ?? ''), options.timeoutMs ?? 10_000);
      if (method === 'INVITE' && final.status! >= 300) this.ackFailure(target, branch, cseq, headers, final);
      const challenge = final.status === 401 ? final.header('WWW-Authenticate') : final.status === 407 ? final.header('Proxy-Authenticate') : undefined;
      if (challenge && options.credential && attempt === 0) {
        attempt += 1;
        const name = final.status === 401 ? 'Authorization' : 'Proxy-Authorization';
        authorization = `${name}: ${digestAuthorization(challenge, options.credential, method, target)}`;
        continue;
      }
      let dialog: Dialog | undefined;
      if (method === 'INVITE' && final.status! >= 200 && final.status! < 300) {
        dialog = {
          callId,
          localTag: fromTag,
          remoteTag: headerParam(final.header('To'), 'tag') ?? '',
          localUri: fromUri,
          remoteUri: toUri,
          remoteTarget: uriOf(final.header('Contact') ?? target),
          routeSet: final
            .headerAll('Record-Route')
            .flatMap((value) => value.split(/,(?=\s*<)/).map((part) => part.trim()))
            .reverse(),
          localCseq: cseq,
        };
        this.dialogs.set(callId, dialog);
        this.ack(dialog, cseq, options.ackSdp);
      }
      return { provisional, final, dialog };
    }
  }

  /** REGISTER sip:<domain> for this peer's user; with a credential, answers the challenge. */
  register(options: { credential?: DigestCredential; user?: string } = {}): Promise<RequestOutcome> {
    const aor = `sip:${options.user ?? this.user}@${this.domain}`;
    return this.request('REGISTER', `sip:${this.domain}`, { to: aor, fromUser: options.user ?? this.user, ...(options.credential ? { credential: options.credential } : {}) });
  }

  /**
   * The Contacts the registrar holds for `user` (default this peer's): a REGISTER without a
   * Contact asks for them and changes nothing (RFC 3261 10.2.3); the 200 OK lists them.
   */
  async bindings(user = this.user, credential?: DigestCredential): Promise<string[]> {
    const aor = `sip:${user}@${this.domain}`;
    const { final } = await this.request('REGISTER', `sip:${this.domain}`, { to: aor, fromUser: user, contact: false, ...(credential ? { credential } : {}) });
    if (final.status !== 200) throw new Error(`The registrar answered the bindings query ${final.status} ${final.reason ?? ''}`);
    return final
      .headerAll('Contact')
      .flatMap((value) => value.split(/,(?=\s*<)/))
      .map((contact) => contact.trim())
      .filter((contact) => contact !== '');
  }

  /** INVITE sip:<user>@<domain> with an SDP offer (none: a late offer, answered in the ACK with `ackSdp`). */
  invite(user: string, options: { sdp?: string; ackSdp?: string; credential?: DigestCredential; headers?: readonly string[]; timeoutMs?: number }): Promise<RequestOutcome> {
    return this.request('INVITE', `sip:${user}@${this.domain}`, options);
  }

  private ackFailure(target: string, branch: string, cseq: number, requestHeaders: readonly string[], final: SipMessage): void {
    const keep = requestHeaders.filter((line) => /^(Via|From|Call-ID|Max-Forwards):/i.test(line));
    this.transport.send(buildSipMessage(`ACK ${target} SIP/2.0`, [...keep, `To: ${final.header('To')}`, `CSeq: ${cseq} ACK`]));
    void branch;
  }

  private inDialogHeaders(dialog: Dialog, method: string, cseq: number, branch: string): string[] {
    return [
      this.via(branch),
      'Max-Forwards: 70',
      ...dialog.routeSet.map((route) => `Route: ${route}`),
      `From: <${dialog.localUri}>;tag=${dialog.localTag}`,
      `To: <${dialog.remoteUri}>;tag=${dialog.remoteTag}`,
      `Call-ID: ${dialog.callId}`,
      `CSeq: ${cseq} ${method}`,
      ...(method === 'INVITE' ? [`Contact: ${this.contact}`] : []),
    ];
  }

  private ack(dialog: Dialog, cseq: number, sdp?: string): void {
    const headers = [...this.inDialogHeaders(dialog, 'ACK', cseq, `z9hG4bK${token(8)}`), ...(sdp !== undefined ? ['Content-Type: application/sdp'] : [])];
    this.transport.send(buildSipMessage(`ACK ${dialog.remoteTarget} SIP/2.0`, headers, sdp ?? ''));
  }

  /** Sends a request inside `dialog` (BYE, re-INVITE with `sdp`...) and waits for its final response; a 2xx to a re-INVITE is ACKed. */
  async inDialog(dialog: Dialog, method: string, options: { sdp?: string; timeoutMs?: number } = {}): Promise<RequestOutcome> {
    dialog.localCseq += 1;
    const cseq = dialog.localCseq;
    const branch = `z9hG4bK${token(8)}`;
    const headers = [...this.inDialogHeaders(dialog, method, cseq, branch), ...(options.sdp !== undefined ? ['Content-Type: application/sdp'] : [])];
    const { provisional, final } = await this.send(branch, buildSipMessage(`${method} ${dialog.remoteTarget} SIP/2.0`, headers, options.sdp ?? ''), options.timeoutMs ?? 10_000);
    if (method === 'INVITE' && final.status! >= 200 && final.status! < 300) this.ack(dialog, cseq);
    return { provisional, final, dialog };
  }
}
