/**
 * A SIP server in the page, for the phone's credential tests: a sip.js Transport
 * (PhoneOptions.transportConstructor) that answers the phone's REGISTERs and INVITEs itself (and
 * its OPTIONS "are you there?", unless told to hang), as
 * a digest-authenticating registrar does (RFC 3261 section 22: 401 with WWW-Authenticate for a
 * REGISTER, 407 with Proxy-Authenticate for an INVITE, MD5 without qop), checks each digest
 * against the password the test says a username has, and records what each request carried.
 * What a checked REGISTER gets (200, or a refusal such as Kamailio's "401 Credential Expired")
 * is the test's to say. The real server's answers are Kamailio's (auth_ephemeral): the Kamailio tests
 * hold the phone to those; this one lets a test drive renewals on the fake clock.
 */
import { EmitterImpl, TransportState, type Transport, type UserAgentOptions } from 'sip.js';
import { Md5 } from 'sip.js/lib/core/messages/md5.js';

/** What a request carried: the digest username, whether the digest matched, on which connection. */
export interface SeenRequest {
  readonly method: 'REGISTER' | 'INVITE' | 'OPTIONS';
  /** The digest username, or undefined for a request sent without credentials (the first, challenged). */
  readonly username: string | undefined;
  /** The digest response matched the password of `username`. */
  readonly digestOk: boolean;
  /** The connection it came on (1 for the first). */
  readonly connection: number;
}

/** What a REGISTER with a matching digest gets. */
export type RegisterAnswer = 'ok' | { readonly status: number; readonly reason: string };

export interface FakeSipServerOptions {
  /** The password a digest username must have; undefined: none matches. */
  readonly password: (username: string) => string | undefined;
  /** What an authenticated REGISTER gets (default 'ok'); a wrong digest is challenged again (401). */
  readonly register?: (username: string) => RegisterAnswer;
  /** Challenges nobody (a SIP server without authentication, as the suite's Kamailio today). */
  readonly open?: boolean;
}

const REALM = '127.0.0.1';
const CRLF = '\r\n';

/** A SIP server the phone reaches through the transport {@link transportConstructor} makes. */
export class FakeSipServer {
  readonly seen: SeenRequest[] = [];
  /** Every message the phone sent, in order (its requests and its answers to {@link deliver}ed requests). */
  readonly sent: string[] = [];
  connections = 0;
  /** While true the server hangs: it keeps the connection open and answers nothing (a frozen SIP server). */
  hangs = false;
  readonly #options: FakeSipServerOptions;
  #current: FakeTransport | undefined;
  #nonce = 0;

  constructor(options: FakeSipServerOptions) {
    this.#options = options;
  }

  /** For PhoneOptions.transportConstructor. */
  get transportConstructor(): NonNullable<UserAgentOptions['transportConstructor']> {
    return transportTo(this);
  }

  /** The REGISTERs that carried credentials. */
  get registers(): SeenRequest[] {
    return this.seen.filter((r) => r.method === 'REGISTER' && r.username !== undefined);
  }

  /** The INVITEs that carried credentials. */
  get invites(): SeenRequest[] {
    return this.seen.filter((r) => r.method === 'INVITE' && r.username !== undefined);
  }

  /** Sends `message` to the phone as it stands, on the open connection (as a proxy relays a request or a peer's garbage). */
  deliver(message: string): void {
    this.#current?.receive(message);
  }

  /** Closes the phone's connection from the server's side (the phone reconnects). */
  drop(): void {
    this.#current?.lost();
  }

  /** @internal the transport connected. */
  opened(transport: FakeTransport): number {
    this.#current = transport;
    return ++this.connections;
  }

  /** @internal answers one message from the phone (undefined: no answer, e.g. an ACK). */
  answer(message: string, connection: number): string | undefined {
    this.sent.push(message);
    const [requestLine = '', ...rest] = message.split(CRLF);
    const method = requestLine.split(' ')[0] ?? '';
    if (method !== 'REGISTER' && method !== 'INVITE' && method !== 'OPTIONS') return undefined;
    if (this.hangs) {
      this.seen.push({ method, username: undefined, digestOk: false, connection });
      return undefined;
    }
    const headers = new Map<string, string>();
    for (const line of rest) {
      const colon = line.indexOf(':');
      if (line === '' || colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
    }
    const reply = (status: number, reason: string, extra: string[] = []) =>
      [
        `SIP/2.0 ${status} ${reason}`,
        `Via: ${headers.get('via') ?? ''}`,
        `From: ${headers.get('from') ?? ''}`,
        `To: ${headers.get('to') ?? ''}${status > 100 && !/;tag=/.test(headers.get('to') ?? '') ? ';tag=fake-server' : ''}`,
        `Call-ID: ${headers.get('call-id') ?? ''}`,
        `CSeq: ${headers.get('cseq') ?? ''}`,
        ...extra,
        'Content-Length: 0',
        '',
        '',
      ].join(CRLF);
    if (method === 'OPTIONS') {
      // As Kamailio answers an OPTIONS to itself (scripts/sip-server/kamailio.cfg), before any authentication.
      this.seen.push({ method, username: undefined, digestOk: false, connection });
      return reply(200, 'Keepalive');
    }
    const header = method === 'REGISTER' ? 'authorization' : 'proxy-authorization';
    const credentials = headers.get(header);
    if (this.#options.open) {
      this.seen.push({ method, username: undefined, digestOk: false, connection });
      return method === 'REGISTER' ? reply(200, 'OK', [`Contact: ${headers.get('contact') ?? ''}`]) : reply(486, 'Busy Here');
    }
    const challenge = () => {
      const name = method === 'REGISTER' ? 'WWW-Authenticate' : 'Proxy-Authenticate';
      return reply(method === 'REGISTER' ? 401 : 407, method === 'REGISTER' ? 'Unauthorized' : 'Proxy Authentication Required', [
        `${name}: Digest realm="${REALM}", nonce="n${++this.#nonce}", algorithm=MD5`,
      ]);
    };
    if (!credentials) {
      this.seen.push({ method, username: undefined, digestOk: false, connection });
      return challenge();
    }
    const params = new Map([...credentials.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1] ?? '', m[2] ?? m[3] ?? '']));
    const username = params.get('username') ?? '';
    const password = this.#options.password(username);
    const md5 = (text: string) => Md5.hashStr(text) as string;
    const expected = password === undefined ? '' : md5(`${md5(`${username}:${params.get('realm') ?? ''}:${password}`)}:${params.get('nonce') ?? ''}:${md5(`${method}:${params.get('uri') ?? ''}`)}`);
    const digestOk = expected !== '' && expected === params.get('response');
    this.seen.push({ method, username, digestOk, connection });
    if (!digestOk) return challenge(); // sip.js then gives up: "apparently in authentication loop"
    if (method === 'INVITE') return reply(486, 'Busy Here');
    const answer = this.#options.register?.(username) ?? 'ok';
    if (answer === 'ok') return reply(200, 'OK', [`Contact: ${headers.get('contact') ?? ''}`]);
    // A 401 refusal comes with a fresh challenge, as Kamailio's "401 Credential Expired" does.
    const fresh = answer.status === 401 ? [`WWW-Authenticate: Digest realm="${REALM}", nonce="n${++this.#nonce}", algorithm=MD5`] : [];
    return reply(answer.status, answer.reason, fresh);
  }
}

/** The phone's side of the fake server: connects at once, delivers each answer on a later task. */
class FakeTransport implements Transport {
  readonly stateChange = new EmitterImpl<TransportState>();
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  #state = TransportState.Disconnected;
  #connection = 0;
  readonly #server: FakeSipServer;

  constructor(server: FakeSipServer) {
    this.#server = server;
  }

  get protocol(): string {
    return 'WSS';
  }
  get state(): TransportState {
    return this.#state;
  }
  isConnected(): boolean {
    return this.#state === TransportState.Connected;
  }

  #set(state: TransportState): void {
    this.#state = state;
    this.stateChange.emit(state);
  }

  async connect(): Promise<void> {
    if (this.isConnected()) return;
    this.#set(TransportState.Connecting);
    this.#connection = this.#server.opened(this);
    this.#set(TransportState.Connected);
    this.onConnect?.();
  }

  async disconnect(): Promise<void> {
    if (this.#state === TransportState.Disconnected) return;
    this.#set(TransportState.Disconnected);
    this.onDisconnect?.();
  }

  /** The server sent a message (on a later task, as a WebSocket delivers it). */
  receive(message: string): void {
    const connection = this.#connection;
    setTimeout(() => {
      if (this.isConnected() && this.#connection === connection) this.onMessage?.(message);
    }, 0);
  }

  /** The server closed the connection. */
  lost(): void {
    if (!this.isConnected()) return;
    this.#set(TransportState.Disconnected);
    this.onDisconnect?.(new Error('The fake SIP server closed the connection'));
  }

  async dispose(): Promise<void> {
    await this.disconnect();
  }

  async send(message: string): Promise<void> {
    if (!this.isConnected()) throw new Error('not connected');
    const connection = this.#connection;
    const answer = this.#server.answer(message, connection);
    if (answer !== undefined) {
      setTimeout(() => {
        if (this.isConnected() && this.#connection === connection) this.onMessage?.(answer);
      }, 0);
    }
  }
}

/** A transport class sip.js can construct (it passes its own arguments) whose instances reach `server`. */
function transportTo(server: FakeSipServer): NonNullable<UserAgentOptions['transportConstructor']> {
  return class extends FakeTransport {
    constructor() {
      super(server);
    }
  } as unknown as NonNullable<UserAgentOptions['transportConstructor']>;
}
