/**
 * The customer simulator: a SIP user agent (sip.js over WebSocket) that plays the caller.
 * It registers as `customer-<random>` on the local Kamailio and places an INVITE to the agent
 * (sip:agent1@127.0.0.1) carrying the SIP header contract: From and P-Asserted-Identity
 * (caller name and number), X-CP-Interaction-Id, X-CP-Queue, X-CP-Location, X-CP-Ad-Source,
 * X-CP-Kind (and the callback headers for a callback). Media comes from the browser's
 * microphone (and camera for video); a fake device in tests.
 *
 * Call states:
 *
 *   idle --call--> calling --1xx--> ringing --2xx--> connected --BYE (either side)--> ended
 *     ^              |  \--4xx/5xx/6xx--> rejected        |
 *     |              \--hang up (CANCEL, then 487)--> ended \--error--> failed
 *     \---------------- call again from ended / rejected / failed
 */
import { Inviter, Registerer, RegistererState, SessionState, UserAgent, type Core, type Session } from 'sip.js';

type IncomingResponse = Core.IncomingResponse;

/** What the simulator's caller says about themselves and the call (all optional but the kind). */
export interface SimulatedCall {
  readonly name: string;
  readonly number: string;
  readonly queue: string;
  readonly location: string;
  readonly adSource: string;
  readonly kind: 'voice' | 'video' | 'callback';
}

/** Registration with the SIP server. */
export type SimulatorRegistration = 'unregistered' | 'registering' | 'registered' | 'failed';

/** The simulator's call state (see the diagram above). */
export type SimulatorCallState = 'idle' | 'calling' | 'ringing' | 'connected' | 'ended' | 'rejected' | 'failed';

/** WebRTC figures of the current (or last) call, for checks that audio flows. */
export interface SimulatorMediaStats {
  readonly iceConnectionState: RTCIceConnectionState | 'none';
  readonly bytesReceived: number;
  readonly bytesSent: number;
}

/** Options of {@link CustomerSimulator}. */
export interface CustomerSimulatorOptions {
  /** ws://127.0.0.1:<port> of the local Kamailio. */
  readonly sipWsUrl: string;
  /** 127.0.0.1 */
  readonly sipDomain: string;
  /** The agent's SIP user (agent1). */
  readonly agentUser: string;
}

/** Characters RFC 3261 allows unescaped in a SIP URI's user part, besides letters and digits. */
const USER_UNRESERVED = new Set("-_.!~*'()&=+$,;?/".split(''));

/** Escapes a phone number for the user part of a SIP URI (`+1 (555) 010` -> `+1%20(555)%20010`). */
export function sipUserOf(number: string): string {
  let user = '';
  for (const byte of new TextEncoder().encode(number)) {
    const char = String.fromCharCode(byte);
    user += /[A-Za-z0-9]/.test(char) || USER_UNRESERVED.has(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return user;
}

/** A SIP quoted-string body: backslash and double quote escaped, line breaks dropped. */
export function quotedDisplayName(name: string): string {
  return name.replace(/[\r\n]+/g, ' ').replace(/[\\"]/g, (char) => `\\${char}`);
}

/** A header value on one line (no CR/LF, which would start a new header). */
function headerValue(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').trim();
}

/** The INVITE's extra headers for a call, per the SIP header contract. */
export function contractHeaders(call: SimulatedCall, interactionId: string, sipDomain: string): string[] {
  const headers = [`X-CP-Interaction-Id: ${interactionId}`, `X-CP-Kind: ${call.kind}`];
  const number = call.number.trim();
  if (number !== '') {
    const display = call.name.trim() === '' ? '' : `"${quotedDisplayName(call.name.trim())}" `;
    headers.push(`P-Asserted-Identity: ${display}<sip:${sipUserOf(number)}@${sipDomain}>`);
  }
  if (call.queue.trim() !== '') headers.push(`X-CP-Queue: ${headerValue(call.queue)}`);
  if (call.location.trim() !== '') headers.push(`X-CP-Location: ${headerValue(call.location)}`);
  if (call.adSource.trim() !== '') headers.push(`X-CP-Ad-Source: ${headerValue(call.adSource)}`);
  if (call.kind === 'callback') {
    if (number !== '') headers.push(`X-CP-Callback-Number: ${headerValue(number)}`);
    headers.push('X-CP-Callback-Attempt: 1');
  }
  return headers;
}

/** A fresh interaction id for one simulated call. */
function newInteractionId(): string {
  return `sim-${crypto.randomUUID()}`;
}

/** The simulated customer's phone. */
export class CustomerSimulator {
  readonly #options: CustomerSimulatorOptions;
  readonly #listeners = new Set<() => void>();
  readonly #user = `customer-${Math.random().toString(36).slice(2, 10)}`;
  #ua: UserAgent | undefined;
  #registerer: Registerer | undefined;
  #session: Session | undefined;
  #registration: SimulatorRegistration = 'unregistered';
  #state: SimulatorCallState = 'idle';
  #status = 'Not registered';
  #lastStatusCode: number | undefined;
  #lastReasonPhrase: string | undefined;
  #lastInteractionId: string | undefined;
  #remoteMedia: HTMLMediaElement | undefined;
  /** The caller hung up before an answer (CANCEL): the 487 that follows is not a rejection. */
  #cancelled = false;

  constructor(options: CustomerSimulatorOptions) {
    this.#options = options;
  }

  /** The simulator's own SIP user (customer-xxxxxxxx). */
  get user(): string {
    return this.#user;
  }
  get registration(): SimulatorRegistration {
    return this.#registration;
  }
  get state(): SimulatorCallState {
    return this.#state;
  }
  /** The status line shown to the user ('Ringing', 'Rejected (486 Busy Here)'...). */
  get status(): string {
    return this.#status;
  }
  /** The final or latest provisional SIP status code of the last call (180, 200, 486...). */
  get lastStatusCode(): number | undefined {
    return this.#lastStatusCode;
  }
  get lastReasonPhrase(): string | undefined {
    return this.#lastReasonPhrase;
  }
  /** X-CP-Interaction-Id of the last call placed. */
  get lastInteractionId(): string | undefined {
    return this.#lastInteractionId;
  }
  /** Whether a call is under way (Call agent disabled, Hang up enabled). */
  get inCall(): boolean {
    return this.#state === 'calling' || this.#state === 'ringing' || this.#state === 'connected';
  }

  /** Called after every change of registration, state or status. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(change: { registration?: SimulatorRegistration; state?: SimulatorCallState; status: string }): void {
    if (change.registration) this.#registration = change.registration;
    if (change.state) this.#state = change.state;
    this.#status = change.status;
    for (const listener of this.#listeners) listener();
  }

  /** Where the agent's voice (and video) plays. */
  attachRemoteMedia(element: HTMLMediaElement): void {
    this.#remoteMedia = element;
  }

  /** Connects to the SIP server and registers; keeps retrying when the server is away. */
  async start(): Promise<void> {
    const { sipWsUrl, sipDomain } = this.#options;
    const uri = UserAgent.makeURI(`sip:${this.#user}@${sipDomain}`);
    if (!uri) throw new Error(`Cannot make a SIP URI for ${this.#user}@${sipDomain}`);
    const ua = new UserAgent({
      uri,
      displayName: 'Customer simulator',
      transportOptions: { server: sipWsUrl, traceSip: false },
      logLevel: 'warn',
      delegate: {
        onDisconnect: (error) => {
          if (!error) return; // we stopped on purpose
          this.#set({ registration: 'failed', status: `Cannot reach the SIP server at ${sipWsUrl}; retrying` });
          void this.#reconnectSoon();
        },
        onConnect: () => void this.#register(),
      },
    });
    this.#ua = ua;
    this.#registerer = new Registerer(ua, { expires: 300 });
    this.#registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) {
        this.#set({ registration: 'registered', status: this.inCall ? this.#status : `Registered as ${this.#user}; ready to call` });
      } else if (state === RegistererState.Unregistered && this.#registration === 'registered') {
        this.#set({ registration: 'unregistered', status: 'Not registered' });
      }
    });
    this.#set({ registration: 'registering', status: `Registering as ${this.#user}...` });
    try {
      await ua.start();
    } catch {
      this.#set({ registration: 'failed', status: `Cannot reach the SIP server at ${sipWsUrl}; retrying` });
      void this.#reconnectSoon();
    }
  }

  #reconnecting = false;
  /** Reconnects every 2 s until the SIP server answers again (registering again on connect). */
  async #reconnectSoon(): Promise<void> {
    if (this.#reconnecting || !this.#ua) return;
    this.#reconnecting = true;
    try {
      while (this.#ua && !this.#ua.isConnected()) {
        await new Promise((wait) => setTimeout(wait, 2000));
        await this.#ua.reconnect().catch(() => undefined);
      }
    } finally {
      this.#reconnecting = false;
    }
  }

  async #register(): Promise<void> {
    if (!this.#registerer) return;
    this.#set({ registration: 'registering', status: `Registering as ${this.#user}...` });
    await this.#registerer
      .register({
        requestDelegate: {
          onReject: (response) => {
            this.#set({ registration: 'failed', status: `Registration refused (${response.message.statusCode} ${response.message.reasonPhrase})` });
          },
        },
      })
      .catch((error: unknown) => this.#set({ registration: 'failed', status: `Registration failed: ${String(error)}` }));
  }

  /** Places the call to the agent. Throws when not registered or a call is under way. */
  async call(call: SimulatedCall): Promise<void> {
    const ua = this.#ua;
    if (!ua || this.#registration !== 'registered') throw new Error('The customer simulator is not registered with the SIP server yet.');
    if (this.inCall) throw new Error('A call is already under way: hang up first.');
    const { sipDomain, agentUser } = this.#options;
    const target = UserAgent.makeURI(`sip:${agentUser}@${sipDomain}`);
    if (!target) throw new Error(`Cannot make a SIP URI for ${agentUser}@${sipDomain}`);
    const interactionId = newInteractionId();
    const number = call.number.trim();
    const name = call.name.trim();
    const fromUri = number === '' ? 'sip:anonymous@anonymous.invalid' : `sip:${sipUserOf(number)}@${sipDomain}`;
    const inviter = new Inviter(ua, target, {
      extraHeaders: contractHeaders(call, interactionId, sipDomain),
      params: { fromUri, fromDisplayName: name === '' ? (number === '' ? 'Anonymous' : '') : quotedDisplayName(name) },
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: call.kind === 'video' } },
    });
    this.#session = inviter;
    this.#lastInteractionId = interactionId;
    this.#lastStatusCode = undefined;
    this.#lastReasonPhrase = undefined;
    this.#cancelled = false;
    inviter.stateChange.addListener((state) => this.#onSessionState(inviter, state));
    this.#set({ state: 'calling', status: 'Calling...' });
    const response = (label: string) => (incoming: IncomingResponse) => {
      const code = incoming.message.statusCode ?? 0;
      this.#lastStatusCode = code;
      this.#lastReasonPhrase = incoming.message.reasonPhrase;
      if (label === 'progress' && this.#state === 'calling' && code >= 180) {
        this.#set({ state: 'ringing', status: 'Ringing' });
      } else if (label === 'reject' && this.#cancelled) {
        this.#set({ state: 'ended', status: 'Ended (hung up before the agent answered)' });
      } else if (label === 'reject') {
        this.#set({ state: 'rejected', status: `Rejected (${code} ${incoming.message.reasonPhrase ?? ''})`.replace(' )', ')') });
      }
    };
    try {
      await inviter.invite({ requestDelegate: { onProgress: response('progress'), onReject: response('reject'), onAccept: response('accept') } });
    } catch (error) {
      this.#session = undefined;
      this.#set({ state: 'failed', status: `Call failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  #onSessionState(session: Session, state: SessionState): void {
    if (this.#session !== session) return;
    if (state === SessionState.Established) {
      this.#playRemoteMedia(session);
      this.#set({ state: 'connected', status: 'Connected' });
    } else if (state === SessionState.Terminated) {
      if (this.#remoteMedia) {
        this.#remoteMedia.srcObject = null;
        this.#remoteMedia.classList.remove('live');
      }
      if (this.#state === 'rejected' || this.#state === 'failed' || this.#state === 'ended') return;
      const status = this.#state === 'connected' ? 'Ended' : this.#cancelled ? 'Ended (hung up before the agent answered)' : 'Ended (not answered)';
      this.#set({ state: 'ended', status });
    }
  }

  #playRemoteMedia(session: Session): void {
    const handler = session.sessionDescriptionHandler as unknown as { remoteMediaStream?: MediaStream } | undefined;
    if (this.#remoteMedia && handler?.remoteMediaStream) {
      this.#remoteMedia.srcObject = handler.remoteMediaStream;
      this.#remoteMedia.classList.toggle('live', handler.remoteMediaStream.getVideoTracks().length > 0);
      void this.#remoteMedia.play().catch(() => undefined);
    }
  }

  /** Hangs up: CANCEL while ringing, BYE once connected. */
  async hangUp(): Promise<void> {
    const session = this.#session;
    if (!session || !this.inCall) return;
    if (session.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter && (session.state === SessionState.Initial || session.state === SessionState.Establishing)) {
      this.#cancelled = true;
      await session.cancel();
    }
    else await session.dispose();
  }

  /** WebRTC figures of the current or last call (zeros before any call). */
  async mediaStats(): Promise<SimulatorMediaStats> {
    const handler = this.#session?.sessionDescriptionHandler as unknown as { peerConnection?: RTCPeerConnection } | undefined;
    const pc = handler?.peerConnection;
    if (!pc) return { iceConnectionState: 'none', bytesReceived: 0, bytesSent: 0 };
    let bytesReceived = 0;
    let bytesSent = 0;
    (await pc.getStats()).forEach((report: { type?: string; bytesReceived?: number; bytesSent?: number }) => {
      if (report.type === 'inbound-rtp') bytesReceived += report.bytesReceived ?? 0;
      if (report.type === 'outbound-rtp') bytesSent += report.bytesSent ?? 0;
    });
    return { iceConnectionState: pc.iceConnectionState, bytesReceived, bytesSent };
  }

  /** Unregisters and disconnects. */
  async stop(): Promise<void> {
    await this.hangUp().catch(() => undefined);
    const ua = this.#ua;
    this.#ua = undefined;
    await this.#registerer?.unregister().catch(() => undefined);
    await ua?.stop().catch(() => undefined);
  }
}
