/**
 * The agent's phone: a SIP user agent (sip.js UserAgent) registered with the SIP server
 * over WebSocket (Registerer), with WebRTC calls (Invitation for incoming INVITEs, Inviter
 * for outbound ones) that can be held, retrieved (re-INVITE) and blind transferred (REFER).
 * It keeps the registration alive for the whole shift: when the server
 * cannot be reached or refuses, it says so (with the reason and when it retries) and tries
 * again with a capped exponential backoff, forever.
 */
import {
  Core,
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  UserAgentState,
  Web,
  type Session,
  type UserAgentOptions,
} from 'sip.js';
import type { IncomingResponse } from 'sip.js/lib/core/messages/incoming-response.js';
import type { OutgoingRequestDelegate } from 'sip.js/lib/core/messages/outgoing-request.js';
import { ContactPadError, type ErrorCode } from '../model/errors.ts';
import type { PhoneConnection } from '../store.ts';
import { readCallOffer, type CallOffer } from './sip-header-contract.ts';

/** Performance mark set when an INVITE reaches the phone (detail: the interaction id). */
export const INVITE_RECEIVED_MARK = 'contactpad:invite-received';

/** The longest a step of stop() (hanging up a call, unregistering) may take. */
const STOP_STEP_MS = 2000;
/**
 * How long transfer() waits for the far end to answer the REFER (a SIP transaction would
 * wait 32 s). Should the far end accept after that, it is following the transfer: the
 * phone then hangs up its leg and reports the call transferred.
 */
export const TRANSFER_ANSWER_TIMEOUT_MS = 8000;
/**
 * How long hold and retrieve wait for a just-answered call to finish setting up (the far
 * end's ACK of our 200 OK, the first offer/answer) before they send their re-INVITE. Should
 * it take longer, they fail with SIP_CALL_FAILED and the call goes on as it was.
 */
export const REINVITE_READY_TIMEOUT_MS = 10_000;
/** How often hold and retrieve look whether the call has finished setting up. */
const REINVITE_READY_POLL_MS = 20;
import { RemoteAudio } from './media.ts';

/** The phone's settings (from the call center definition or the local console). */
export interface PhoneConfig {
  /** The SIP server's WebSocket URL: ws:// or wss://. */
  serverUrl: string;
  /** The agent's address of record, e.g. sip:agent1@127.0.0.1. */
  aor: string;
  /** Digest credentials, when the SIP server challenges. */
  authorizationUsername?: string;
  authorizationPassword?: string;
  /** Shown to the called party on outbound calls. */
  displayName?: string;
  /** STUN/TURN servers for WebRTC media. */
  iceServers?: RTCIceServer[];
  /**
   * The answer to an INVITE the agent rejects. 486 Busy Here (the default) is a 4xx: it
   * ends only this branch, so the proxy/ACD is free to offer the call to the next agent.
   * 603 Decline is a 6xx, a global failure: the proxy must stop trying other agents and
   * the caller is refused. Use 603 only where the platform wants a reject to end the call.
   */
  rejectStatusCode?: 486 | 603;
  /** Backoff between reconnection attempts (default 1 s doubling up to 30 s). */
  reconnect?: { firstDelayMs: number; maxDelayMs: number };
}

/** How a call ended, in SIP terms. */
export type CallEnd =
  | { reason: 'released' } // we sent BYE (or CANCEL on our own outbound call)
  | { reason: 'remote-hangup' } // the far end sent BYE
  | { reason: 'caller-cancelled' } // the caller sent CANCEL while it rang (a missed call)
  | { reason: 'rejected'; statusCode: number } // we answered 486/603, or the callee refused our call
  | { reason: 'transferred' } // the far end accepted our REFER (blind transfer): the call left this agent
  | { reason: 'failed'; code: ErrorCode; message: string };

/** What the phone tells its owner (the controller). */
export interface PhoneListener {
  /** The connection to the SIP server changed (connecting, registered, unreachable, refused, stopped). */
  connection(state: PhoneConnection): void;
  /** An INVITE arrived and rings (180 Ringing has been sent). */
  incoming(offer: CallOffer): void;
  /** A call was answered (200 OK / ACK): media flows. */
  connected(callId: string): void;
  /** A call is over. Called once per call. */
  ended(callId: string, end: CallEnd): void;
}

/** A timer: runs `fn` after `ms`, returns a function that cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

/** Injection points for tests (a fake clock, a manual scheduler). */
export interface PhoneOptions {
  schedule?: Schedule;
  now?: () => number;
}

/** Media figures of a call (RTCPeerConnection.getStats). */
export interface MediaStats {
  iceConnectionState: string;
  bytesReceived: number;
  bytesSent: number;
}

const DEFAULT_RECONNECT = { firstDelayMs: 1000, maxDelayMs: 30_000 };
/** How long a REGISTER may go unanswered before the phone counts the server as unreachable. */
const REGISTER_TIMEOUT_MS = 10_000;

interface Call {
  readonly id: string;
  readonly session: Invitation | Inviter;
  readonly direction: 'inbound' | 'outbound';
  established: boolean;
  /**
   * The INVITE that set the call up is complete: the far end's ACK of our 200 OK arrived
   * (an outbound call is Established only once we have sent our ACK).
   */
  confirmed: boolean;
  /** What we did to end it, when we did. */
  local: 'released' | 'rejected' | 'transferred' | undefined;
  /** The far end accepted our hold (sendonly re-INVITE) and no retrieve since. */
  held: boolean;
  /** Our hold, retrieve or transfer waiting for the far end's answer (one at a time). */
  pending: 'hold' | 'retrieve' | 'transfer' | undefined;
  /** Stops waiting for that answer when the call ends first. */
  abandonPending: (() => void) | undefined;
  remoteBye: boolean;
  /** The caller sent CANCEL while it rang. */
  cancelled: boolean;
  /** accept() or the INVITE of dial() is running: its outcome decides how a termination is reported. */
  settling: boolean;
  /** The final response to our outbound INVITE, when it was a failure. */
  rejectedWith: number | undefined;
  failure: { code: ErrorCode; message: string } | undefined;
}

/** How a wait on the far end of a call ended other than with the outcome it waited for. */
type Interrupted = { kind: 'call-ended' } | { kind: 'timed-out' };

/** How the far end answered an in-dialog request of ours (re-INVITE, REFER). */
type Answer = { kind: 'accepted' } | { kind: 'refused'; statusCode: number; status: string } | { kind: 'not-sent'; error: unknown } | Interrupted;

function invalid(message: string): ContactPadError {
  return new ContactPadError('INVALID_CONFIGURATION', `Phone settings: ${message}`);
}

function isPort(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Checks the settings; throws INVALID_CONFIGURATION naming the bad one. */
function validateConfig(config: PhoneConfig): void {
  if (typeof config !== 'object' || config === null) throw invalid('missing');
  let url: URL;
  try {
    url = new URL(String(config.serverUrl));
  } catch {
    throw invalid(`serverUrl must be a ws:// or wss:// URL, got ${JSON.stringify(config.serverUrl)}`);
  }
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hostname === '') {
    throw invalid(`serverUrl must be a ws:// or wss:// URL, got ${JSON.stringify(config.serverUrl)}`);
  }
  const aor = typeof config.aor === 'string' ? UserAgent.makeURI(config.aor) : undefined;
  if (!aor || !/^sips?$/i.test(aor.scheme) || !aor.user) {
    throw invalid(`aor must be a SIP address like sip:agent1@example.com, got ${JSON.stringify(config.aor)}`);
  }
  for (const key of ['authorizationUsername', 'authorizationPassword', 'displayName'] as const) {
    const value = config[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > 256)) throw invalid(`${key} must be text`);
  }
  if (config.iceServers !== undefined) {
    if (!Array.isArray(config.iceServers)) throw invalid('iceServers must be a list');
    for (const server of config.iceServers) {
      const urls = typeof server?.urls === 'string' ? [server.urls] : server?.urls;
      if (!Array.isArray(urls) || urls.length === 0 || !urls.every((u) => typeof u === 'string' && /^(stun|stuns|turn|turns):\S+$/.test(u))) {
        throw invalid('each iceServers entry needs urls starting with stun:, turn: or turns:');
      }
    }
  }
  if (config.rejectStatusCode !== undefined && config.rejectStatusCode !== 486 && config.rejectStatusCode !== 603) {
    throw invalid(`rejectStatusCode must be 486 or 603, got ${JSON.stringify(config.rejectStatusCode)}`);
  }
  if (config.reconnect !== undefined) {
    const { firstDelayMs, maxDelayMs } = config.reconnect ?? {};
    if (!isPort(firstDelayMs) || !isPort(maxDelayMs) || firstDelayMs <= 0 || maxDelayMs < firstDelayMs) {
      throw invalid('reconnect needs firstDelayMs > 0 and maxDelayMs >= firstDelayMs');
    }
  }
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The WebRTC peer connection of a call, once it has media. */
function peerConnection(session: Session): RTCPeerConnection | undefined {
  const handler = session.sessionDescriptionHandler;
  return handler instanceof Web.SessionDescriptionHandler ? handler.peerConnection : undefined;
}

/**
 * Whether an answered call can take a re-INVITE of ours now. One INVITE transaction at a
 * time in a dialog (RFC 3261 14.1), and one offer/answer (RFC 6337 2.2): an incoming call is
 * Established as soon as our 200 OK is sent, but its INVITE transaction lasts until the
 * far end's ACK arrives, and sip.js reads that ACK against the dialog's offer/answer state.
 * Were our re-offer outstanding by then (have-local-offer), it would take the ACK for one
 * that lacks the answer, hang up (BYE) and close the peer connection, and the far end's
 * answer to our re-INVITE would then find no peer connection to apply to.
 */
function readyForReinvite(call: Call, session: Session): boolean {
  const dialog = session.dialog;
  if (!call.confirmed || session.state !== SessionState.Established || !(dialog instanceof Core.SessionDialog)) return false;
  if (dialog.reinviteUserAgentClient || dialog.reinviteUserAgentServer) return false;
  if (dialog.signalingState !== Core.SignalingState.Stable) return false;
  // An answer in the ACK (a late offer) is applied after the ACK: the peer connection tells.
  const peer = peerConnection(session);
  return !peer || peer.signalingState === 'stable';
}

/** A getUserMedia failure becomes MEDIA_UNAVAILABLE; anything else SIP_CALL_FAILED. */
function callFailure(error: unknown, doing: string): { code: ErrorCode; message: string } {
  const name = error instanceof Error ? error.name : '';
  if (/^(NotAllowedError|NotFoundError|NotReadableError|OverconstrainedError|SecurityError|AbortError)$/.test(name)) {
    return { code: 'MEDIA_UNAVAILABLE', message: `Could not open the microphone (${name}).` };
  }
  return { code: 'SIP_CALL_FAILED', message: `Could not ${doing}: ${errorText(error)}` };
}

/**
 * sip.js's own error log, minus what is routine while the server is down (transport and
 * transaction chatter): the phone reports that through its connection state instead.
 * Only sip.js's one-line error texts are logged, never SIP messages (they carry credentials).
 */
function logSipError(level: string, category: string, _label: string | undefined, content: string): void {
  if (level !== 'error') return;
  if (/^sip\.(Transport|transaction|user-agent-client|Registerer)/.test(category)) return;
  console.warn(`sip.js ${category}: ${content.slice(0, 300)}`);
}

/** The SIP phone of one agent. */
export class Phone {
  readonly #config: PhoneConfig;
  readonly #listener: PhoneListener;
  readonly #schedule: Schedule;
  readonly #now: () => number;
  readonly #reconnect: { firstDelayMs: number; maxDelayMs: number };
  readonly #audio = new RemoteAudio();
  readonly #calls = new Map<string, Call>();

  #ua: UserAgent | undefined;
  #registerer: Registerer | undefined;
  #running = false;
  /** Counts connection attempts; callbacks of an older attempt are ignored. */
  #generation = 0;
  #failures = 0;
  #cancelRetry: (() => void) | undefined;
  #cancelRegisterTimeout: (() => void) | undefined;
  #lastConnection = '';
  /** Why we closed the WebSocket ourselves, for the report that follows. */
  #disconnectReason: string | undefined;

  constructor(config: PhoneConfig, listener: PhoneListener, options: PhoneOptions = {}) {
    validateConfig(config);
    if (!listener || typeof listener.connection !== 'function' || typeof listener.incoming !== 'function') {
      throw invalid('a listener with connection, incoming, connected and ended is required');
    }
    this.#config = { ...config };
    this.#listener = listener;
    this.#schedule =
      options.schedule ??
      ((fn, ms) => {
        const timer = setTimeout(fn, ms);
        return () => clearTimeout(timer);
      });
    this.#now = options.now ?? Date.now;
    this.#reconnect = config.reconnect ?? DEFAULT_RECONNECT;
  }

  /** Connects to the SIP server and registers; keeps trying until {@link stop}. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#failures = 0;
    const options: UserAgentOptions = {
      uri: UserAgent.makeURI(this.#config.aor),
      transportOptions: { server: this.#config.serverUrl, connectionTimeout: 5, keepAliveInterval: 25 },
      authorizationUsername: this.#config.authorizationUsername,
      authorizationPassword: this.#config.authorizationPassword,
      displayName: this.#config.displayName,
      logLevel: 'error',
      logBuiltinEnabled: false,
      logConnector: logSipError,
      reconnectionAttempts: 0, // the phone reconnects itself, forever, with backoff
      // stop() hangs up and unregisters itself (bounded); sip.js then just closes the WebSocket
      // instead of waiting for REGISTERs lost with an earlier connection to time out (32 s).
      gracefulShutdown: false,
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: this.#config.iceServers ?? [] },
        iceGatheringTimeout: 2000,
      },
      delegate: {
        onInvite: (invitation) => this.#onInvite(invitation),
        onDisconnect: (error) => this.#onDisconnect(error),
      },
    };
    this.#ua = new UserAgent(options);
    void this.#connect();
  }

  /** Ends every call, unregisters and disconnects. The phone can be started again. */
  async stop(): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#generation++;
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    this.#cancelRegisterTimeout?.();
    const ua = this.#ua;
    const registerer = this.#registerer;
    // Going Offline must not wait on a far end that no longer answers (a BYE transaction can
    // take 32 s to time out): each step gets STOP_STEP_MS, then the phone stops regardless.
    const bounded = (step: Promise<unknown>) =>
      Promise.race([step.catch(() => undefined), new Promise((done) => setTimeout(done, STOP_STEP_MS))]);
    await Promise.all([...this.#calls.values()].map((call) => bounded(this.#hangUp(call))));
    if (registerer && ua?.isConnected() && registerer.state === RegistererState.Registered) {
      await bounded(registerer.unregister());
    }
    await ua?.stop().catch(() => undefined);
    this.#audio.stopAll();
    // Calls that sip.js did not report as terminated while stopping.
    for (const call of [...this.#calls.values()]) this.#finish(call, { reason: 'released' });
    this.#ua = undefined;
    this.#registerer = undefined;
    this.#report({ state: 'stopped' });
  }

  /** Answers a ringing call (200 OK with audio; an offered video stream is answered receive-only). */
  async accept(callId: string): Promise<void> {
    const call = this.#call(callId);
    if (!(call.session instanceof Invitation) || call.session.state !== SessionState.Initial) {
      throw new ContactPadError('SIP_CALL_FAILED', 'This call is not ringing, so it cannot be answered.', { detail: { callId } });
    }
    call.settling = true;
    try {
      await call.session.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    } catch (error) {
      call.failure = callFailure(error, 'answer the call');
      const session: Session = call.session;
      if (session.state === SessionState.Initial) await call.session.reject({ statusCode: 480 }).catch(() => undefined);
      throw new ContactPadError(call.failure.code, call.failure.message, { cause: error, detail: { callId } });
    } finally {
      call.settling = false;
      // sip.js may end the session inside accept() (it refuses the INVITE when media fails).
      if ((call.session as Session).state === SessionState.Terminated) this.#terminated(call);
    }
  }

  /** Refuses a ringing call with {@link PhoneConfig.rejectStatusCode} (486 Busy Here by default). */
  async reject(callId: string): Promise<void> {
    const call = this.#call(callId);
    if (!(call.session instanceof Invitation) || call.session.state !== SessionState.Initial) {
      throw new ContactPadError('SIP_CALL_FAILED', 'This call is not ringing, so it cannot be rejected.', { detail: { callId } });
    }
    call.local = 'rejected';
    try {
      await call.session.reject({ statusCode: this.#rejectStatusCode() });
    } catch (error) {
      call.local = undefined;
      throw new ContactPadError('SIP_CALL_FAILED', `Could not reject the call: ${errorText(error)}`, { cause: error, detail: { callId } });
    }
  }

  /** Hangs up: BYE on an answered call, CANCEL on our own call still ringing, reject on an incoming one. */
  async release(callId: string): Promise<void> {
    const call = this.#call(callId);
    try {
      await this.#hangUp(call);
    } catch (error) {
      throw new ContactPadError('SIP_CALL_FAILED', `Could not release the call: ${errorText(error)}`, { cause: error, detail: { callId } });
    }
  }

  /**
   * Places an outbound audio call to a SIP URI (sip:bob@example.com) or a number (sent as
   * sip:<number>@<the agent's domain>). Resolves with the call id (the SIP Call-ID) once
   * the INVITE is sent; {@link PhoneListener.connected} or {@link PhoneListener.ended} follow.
   */
  async dial(target: string): Promise<string> {
    const ua = this.#ua;
    if (!this.#running || !ua || !ua.isConnected()) {
      throw new ContactPadError('SIP_SERVER_UNREACHABLE', 'The phone is not connected to the phone server, so it cannot dial.');
    }
    const uri = this.#targetUri(target, 'dial');
    const inviter = new Inviter(ua, uri, { sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    const call = this.#track(inviter.request.callId, inviter, 'outbound');
    call.settling = true;
    try {
      await inviter.invite({
        requestDelegate: {
          onReject: (response: IncomingResponse) => {
            call.rejectedWith = response.message.statusCode;
          },
        },
      });
    } catch (error) {
      call.failure = callFailure(error, 'place the call');
      throw new ContactPadError(call.failure.code, call.failure.message, { cause: error, detail: { callId: call.id } });
    } finally {
      call.settling = false;
      if ((inviter as Session).state === SessionState.Terminated) this.#terminated(call);
    }
    return call.id;
  }

  /**
   * Puts an answered call on hold: a re-INVITE offering a=sendonly (sip.js Web.holdModifier);
   * resolves on the far end's 200 OK. The agent's microphone is silenced from the moment
   * hold is asked, and is not sent while the call is held. Asked the moment a call is
   * answered, it first waits for the far end to confirm the call (its ACK), at most
   * {@link REINVITE_READY_TIMEOUT_MS}; failing that, SIP_CALL_FAILED and the call goes on.
   * CALL_NOT_FOUND for an unknown call (or one that ends before the answer); INVALID_TRANSITION
   * when the call is not answered, is already held, or a hold, retrieve or transfer of it (or
   * a re-INVITE of the far end) is in progress: nothing is sent then; SIP_CALL_FAILED when
   * the far end refuses the re-INVITE (the call stays as it was, not held).
   */
  async hold(callId: string): Promise<void> {
    await this.#setHold(callId, true);
  }

  /** Takes a held call off hold (re-INVITE sendrecv). Same errors (INVALID_TRANSITION when not held). */
  async retrieve(callId: string): Promise<void> {
    await this.#setHold(callId, false);
  }

  /**
   * Blind transfer: sends REFER to the far end with Refer-To the target (a number or a SIP
   * URI, as for {@link dial}). Resolves when the far end accepts the REFER (2xx); the phone
   * then hangs up its leg (BYE) and the listener gets ended(callId, { reason: 'transferred' }).
   * TRANSFER_FAILED for a target that is neither, or when the far end refuses the REFER or
   * does not answer it within {@link TRANSFER_ANSWER_TIMEOUT_MS} (the call stays up, as it
   * was: held stays held). CALL_NOT_FOUND / INVALID_TRANSITION as for {@link hold}.
   */
  async transfer(callId: string, target: string): Promise<void> {
    const call = this.#call(callId);
    const session = this.#answered(call, 'transferred');
    const uri = this.#targetUri(target, 'transfer');
    call.pending = 'transfer';
    let answer: Answer;
    try {
      answer = await this.#ask(call, (requestDelegate) => session.refer(uri, { requestDelegate }), {
        ms: TRANSFER_ANSWER_TIMEOUT_MS,
        lateAccept: () => void this.#handOver(call),
      });
    } finally {
      call.pending = undefined;
    }
    const detail = { callId, target: uri.toString().slice(0, 255) };
    switch (answer.kind) {
      case 'accepted':
        await this.#handOver(call);
        return;
      case 'refused':
        throw new ContactPadError('TRANSFER_FAILED', `The far end refused the transfer (${answer.status}); the call is still yours.`, {
          detail: { ...detail, statusCode: answer.statusCode },
        });
      case 'timed-out':
        throw new ContactPadError('TRANSFER_FAILED', `The far end did not answer the transfer within ${TRANSFER_ANSWER_TIMEOUT_MS / 1000} s; the call is still yours.`, { detail });
      case 'not-sent':
        throw new ContactPadError('TRANSFER_FAILED', `Could not transfer the call: ${errorText(answer.error)}`, { cause: answer.error, detail });
      case 'call-ended':
        throw this.#endedMeanwhile(callId, 'transfer');
    }
  }

  /** ICE state and bytes of a call's media (RTCPeerConnection.getStats: RTP in and out). */
  async mediaStats(callId: string): Promise<MediaStats> {
    const peer = peerConnection(this.#call(callId).session);
    if (!peer) return { iceConnectionState: 'new', bytesReceived: 0, bytesSent: 0 };
    const report = await peer.getStats();
    let bytesReceived = 0;
    let bytesSent = 0;
    report.forEach((stat: { type?: string; bytesReceived?: number; bytesSent?: number }) => {
      if (stat.type === 'inbound-rtp') bytesReceived += stat.bytesReceived ?? 0;
      if (stat.type === 'outbound-rtp') bytesSent += stat.bytesSent ?? 0;
    });
    return { iceConnectionState: peer.iceConnectionState, bytesReceived, bytesSent };
  }

  // ----- connection and registration -----

  async #connect(): Promise<void> {
    const ua = this.#ua;
    if (!this.#running || !ua) return;
    const generation = ++this.#generation;
    this.#report({ state: 'connecting' });
    try {
      if (ua.state === UserAgentState.Started) await ua.reconnect();
      else await ua.start();
    } catch (error) {
      if (generation !== this.#generation || !this.#running) return;
      this.#retry('unreachable', `Cannot connect to ${this.#config.serverUrl} (${errorText(error)})`);
      return;
    }
    if (generation !== this.#generation || !this.#running) return;
    this.#register(generation);
  }

  /**
   * Sends a REGISTER with a fresh Registerer: sip.js will not send a new REGISTER while an
   * earlier one (lost with its connection) still waits for its timeout.
   */
  #register(generation: number): void {
    const ua = this.#ua;
    if (!ua) return;
    this.#dropRegisterer();
    const registerer = new Registerer(ua, { expires: 300 });
    this.#registerer = registerer;
    registerer.stateChange.addListener((state) => {
      if (registerer !== this.#registerer || !this.#running) return;
      if (state === RegistererState.Registered) {
        this.#cancelRegisterTimeout?.();
        this.#failures = 0;
        this.#report({ state: 'registered' });
      } else if (state === RegistererState.Unregistered && this.#lastConnection === '{"state":"registered"}') {
        // A refresh was refused or the registration expired: register again.
        this.#retry('unreachable', 'The registration with the phone server was lost');
      }
    });
    this.#cancelRegisterTimeout?.();
    this.#cancelRegisterTimeout = this.#schedule(() => {
      if (generation !== this.#generation || !this.#running) return;
      if (registerer.state === RegistererState.Registered) return;
      const reason = 'The phone server did not answer the registration';
      const ua = this.#ua;
      if (ua?.isConnected()) {
        // The WebSocket is open but nothing comes back: drop it and start over on a new one.
        this.#disconnectReason = reason;
        ua.transport.disconnect().catch(() => undefined);
      } else {
        this.#retry('unreachable', reason);
      }
    }, REGISTER_TIMEOUT_MS);
    registerer
      .register({
        requestDelegate: {
          onReject: (response: IncomingResponse) => {
            if (generation !== this.#generation || !this.#running) return;
            const { statusCode, reasonPhrase } = response.message;
            this.#cancelRegisterTimeout?.();
            this.#retry('refused', `${statusCode} ${reasonPhrase}`.trim());
          },
        },
      })
      .catch((error: unknown) => {
        if (generation !== this.#generation || !this.#running) return;
        this.#retry('unreachable', `Could not register with ${this.#config.serverUrl} (${errorText(error)})`);
      });
  }

  /** Silences the previous Registerer (no refreshes); ua.stop() disposes it. */
  #dropRegisterer(): void {
    const old = this.#registerer as unknown as { clearTimers?: () => void } | undefined;
    this.#registerer = undefined;
    old?.clearTimers?.();
  }

  #onDisconnect(error?: Error): void {
    if (!this.#running) return;
    this.#generation++; // whatever was in flight belongs to the lost connection
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    const reason = this.#disconnectReason ?? `Lost the connection to ${this.#config.serverUrl}${error ? ` (${errorText(error)})` : ''}`;
    this.#disconnectReason = undefined;
    this.#retry('unreachable', reason);
  }

  /** Says what went wrong and when the next try is, then tries again after the backoff. */
  #retry(state: 'unreachable' | 'refused', reason: string): void {
    if (!this.#running || this.#cancelRetry) return;
    this.#cancelRegisterTimeout?.();
    const { firstDelayMs, maxDelayMs } = this.#reconnect;
    const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** Math.min(this.#failures, 30));
    this.#failures++;
    const retryAt = this.#now() + delay;
    this.#report({ state, reason, retryAt });
    const generation = ++this.#generation;
    this.#cancelRetry = this.#schedule(() => {
      this.#cancelRetry = undefined;
      if (!this.#running || generation !== this.#generation) return;
      if (this.#ua?.isConnected()) {
        this.#report({ state: 'connecting' });
        this.#register(generation);
      } else {
        void this.#connect();
      }
    }, delay);
  }

  #report(state: PhoneConnection): void {
    const key = JSON.stringify(state);
    if (key === this.#lastConnection) return;
    this.#lastConnection = key;
    this.#emit(() => this.#listener.connection(state));
  }

  // ----- calls -----

  #onInvite(invitation: Invitation): void {
    const receivedAt = performance.now();
    const request = invitation.request;
    const contentType = (request.getHeader('Content-Type') ?? '').toLowerCase();
    let offer = readCallOffer({
      header: (name) => request.getHeader(name),
      sipCallId: request.callId,
      fromDisplayName: request.from.displayName,
      fromUser: request.from.uri.user,
      sdp: contentType.startsWith('application/sdp') && typeof request.body === 'string' ? request.body : undefined,
    });
    if (this.#calls.has(offer.callId)) offer = { ...offer, callId: offer.sipCallId };
    if (offer.callId === '' || this.#calls.has(offer.callId)) {
      // The same call twice (or no usable id at all): this agent is busy with it already.
      invitation.reject({ statusCode: 486 }).catch(() => undefined);
      return;
    }
    this.#track(offer.callId, invitation, 'inbound');
    // For `npm run bench`: INVITE received -> call pop painted (widget/src/paint-marks.ts).
    performance.mark(INVITE_RECEIVED_MARK, { startTime: receivedAt, detail: { interactionId: offer.callId } });
    this.#emit(() => this.#listener.incoming(offer));
  }

  #track(id: string, session: Invitation | Inviter, direction: Call['direction']): Call {
    const call: Call = { id, session, direction, established: false, confirmed: direction === 'outbound', local: undefined, held: false, pending: undefined, abandonPending: undefined, remoteBye: false, cancelled: false, settling: false, rejectedWith: undefined, failure: undefined };
    this.#calls.set(id, call);
    session.delegate = {
      onCancel: () => {
        call.cancelled = true;
      },
      onBye: (bye) => {
        call.remoteBye = true;
        bye.accept().catch(() => undefined);
      },
      // The ACK of our 200 OK (sip.js calls this for ACKs to the far end's re-INVITEs too).
      onAck: () => {
        call.confirmed = true;
      },
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        call.established = true;
        const handler = session.sessionDescriptionHandler;
        if (handler instanceof Web.SessionDescriptionHandler) this.#audio.play(id, handler.remoteMediaStream);
        this.#emit(() => this.#listener.connected(id));
      } else if (state === SessionState.Terminated) {
        // sip.js ends an outbound session before it hands us the final response: read it first.
        if (call.settling) return;
        if (direction === 'outbound') queueMicrotask(() => this.#terminated(call));
        else this.#terminated(call);
      }
    });
    return call;
  }

  #terminated(call: Call): void {
    // The caller's CANCEL wins over a failure of an accept() it interrupted: it is a missed call.
    if (call.cancelled) return this.#finish(call, { reason: 'caller-cancelled' });
    if (call.failure) return this.#finish(call, { reason: 'failed', ...call.failure });
    if (call.local === 'rejected') return this.#finish(call, { reason: 'rejected', statusCode: this.#rejectStatusCode() });
    if (call.local === 'released') return this.#finish(call, { reason: 'released' });
    if (call.local === 'transferred') return this.#finish(call, { reason: 'transferred' });
    if (call.remoteBye) return this.#finish(call, { reason: 'remote-hangup' });
    if (call.rejectedWith !== undefined) return this.#finish(call, { reason: 'rejected', statusCode: call.rejectedWith });
    const message = call.established ? 'The call was cut off.' : 'The call ended before it was answered.';
    this.#finish(call, { reason: 'failed', code: 'SIP_CALL_FAILED', message });
  }

  #finish(call: Call, end: CallEnd): void {
    if (this.#calls.get(call.id) !== call) return;
    this.#calls.delete(call.id);
    this.#audio.stop(call.id);
    call.abandonPending?.();
    this.#emit(() => this.#listener.ended(call.id, end));
  }

  async #hangUp(call: Call): Promise<void> {
    const session = call.session;
    call.local ??= 'released';
    if (session.state === SessionState.Established) {
      await session.bye();
    } else if (session instanceof Inviter && (session.state === SessionState.Initial || session.state === SessionState.Establishing)) {
      await session.cancel();
    } else if (session instanceof Invitation && session.state === SessionState.Initial) {
      await session.reject({ statusCode: this.#rejectStatusCode() });
    } else if (session.state === SessionState.Establishing) {
      await session.dispose();
    }
  }

  // ----- hold, retrieve and transfer -----

  /** The call's session when it is answered and no hold, retrieve or transfer of ours is in progress. */
  #answered(call: Call, doing: string): Session {
    const session: Session = call.session;
    const detail = { callId: call.id };
    if (!call.established || session.state !== SessionState.Established) {
      throw new ContactPadError('INVALID_TRANSITION', `The call is not answered, so it cannot be ${doing}.`, { detail });
    }
    if (call.pending === 'transfer') {
      throw new ContactPadError('INVALID_TRANSITION', 'A transfer of this call is already in progress.', { detail });
    }
    if (call.pending) throw new ContactPadError('INVALID_TRANSITION', 'A hold or retrieve is already in progress.', { detail });
    return session;
  }

  async #setHold(callId: string, hold: boolean): Promise<void> {
    const call = this.#call(callId);
    const session = this.#answered(call, hold ? 'put on hold' : 'taken off hold');
    const detail = { callId };
    // One INVITE transaction at a time in a dialog (RFC 3261 14.1): while the far end's
    // re-INVITE (a remote hold, say) waits for its ACK, ours would only meet a 491.
    const dialog = session.dialog;
    if (dialog instanceof Core.SessionDialog && (dialog.reinviteUserAgentClient || dialog.reinviteUserAgentServer)) {
      throw new ContactPadError('INVALID_TRANSITION', 'A hold or retrieve is already in progress (the far end is changing the call).', { detail });
    }
    if (call.held === hold) {
      throw new ContactPadError('INVALID_TRANSITION', hold ? 'The call is already on hold.' : 'The call is not on hold.', { detail });
    }
    // sip.js keeps re-INVITE options and modifiers for later re-INVITEs, the far end's too
    // (answered sendonly/inactive while held): restore them when the far end says no.
    const before = {
      options: session.sessionDescriptionHandlerOptionsReInvite as Web.SessionDescriptionHandlerOptions,
      modifiers: session.sessionDescriptionHandlerModifiersReInvite,
    };
    // From the moment the agent asks for hold, the customer must not hear them.
    if (hold) this.#sendAudio(session, false);
    // `hold` sets the WebRTC transceiver to sendonly; holdModifier marks the SDP as well, and
    // as sip.js applies it to the far end's SDP too, their recvonly answer (and any re-offer
    // of theirs while held) reads inactive here: our held leg neither sends nor receives.
    const options: Web.SessionDescriptionHandlerOptions = { ...before.options, hold };
    call.pending = hold ? 'hold' : 'retrieve';
    let answer: Answer;
    try {
      // Asked right after the call was answered, it waits for the call to be set up.
      const ready = await this.#readyForReinvite(call, session);
      if (ready.kind === 'ready') {
        answer = await this.#ask(call, (requestDelegate) =>
          session.invite({
            requestDelegate,
            sessionDescriptionHandlerOptions: options,
            sessionDescriptionHandlerModifiers: hold ? [Web.holdModifier] : [],
          }),
        );
        if (answer.kind === 'accepted') {
          call.held = hold;
          if (!hold) this.#sendAudio(session, true);
          return;
        }
        if (answer.kind !== 'call-ended') {
          // Back to the call as it was, before anything else may renegotiate it.
          session.sessionDescriptionHandlerOptionsReInvite = before.options;
          session.sessionDescriptionHandlerModifiersReInvite = before.modifiers;
          await this.#rollBackOffer(session);
        }
      } else if (ready.kind === 'timed-out') {
        answer = { kind: 'not-sent', error: new Error(`the far end has not confirmed the call within ${REINVITE_READY_TIMEOUT_MS / 1000} s`) };
      } else {
        answer = ready;
      }
      if (answer.kind === 'call-ended') throw this.#endedMeanwhile(callId, hold ? 'hold' : 'retrieve');
      if (hold) this.#sendAudio(session, true);
    } finally {
      call.pending = undefined;
    }
    const still = call.held ? 'on hold' : 'connected';
    if (answer.kind === 'refused') {
      throw new ContactPadError('SIP_CALL_FAILED', `The far end refused the ${hold ? 'hold' : 'retrieve'} (${answer.status}); the call is still ${still}.`, {
        detail: { ...detail, statusCode: answer.statusCode },
      });
    }
    const error = answer.kind === 'not-sent' ? answer.error : new Error('no answer');
    throw new ContactPadError('SIP_CALL_FAILED', `Could not ${hold ? 'hold' : 'retrieve'} the call: ${errorText(error)}; it is still ${still}.`, { cause: error, detail });
  }

  /**
   * Waits (at most {@link REINVITE_READY_TIMEOUT_MS}) until the call can take a re-INVITE
   * of ours (see {@link readyForReinvite}); at once when it can already.
   */
  async #readyForReinvite(call: Call, session: Session): Promise<{ kind: 'ready' } | Interrupted> {
    if (readyForReinvite(call, session)) return { kind: 'ready' };
    return this.#whileUp<{ kind: 'ready' }>(call, REINVITE_READY_TIMEOUT_MS, (settle) => {
      let cancelPoll: (() => void) | undefined;
      const check = () => {
        if (readyForReinvite(call, session)) settle({ kind: 'ready' });
        else cancelPoll = this.#schedule(check, REINVITE_READY_POLL_MS);
      };
      check();
      return () => cancelPoll?.();
    });
  }

  /**
   * Sends an in-dialog request (re-INVITE, REFER) and waits for the far end's final answer,
   * for the call to end, or for `bound.ms`; an acceptance after that goes to `bound.lateAccept`.
   */
  #ask(call: Call, send: (delegate: OutgoingRequestDelegate) => Promise<unknown>, bound?: { ms: number; lateAccept: () => void }): Promise<Answer> {
    return this.#whileUp<Answer>(call, bound?.ms, (settle, over) => {
      send({
        onAccept: () => {
          if (over()) bound?.lateAccept();
          // sip.js hangs up when the 200 OK's answer cannot be applied: the call ended.
          else if ((call.session as Session).state !== SessionState.Established) settle({ kind: 'call-ended' });
          else settle({ kind: 'accepted' });
        },
        onReject: (response: IncomingResponse) => {
          const { statusCode, reasonPhrase } = response.message;
          settle({ kind: 'refused', statusCode: statusCode ?? 0, status: `${statusCode ?? ''} ${reasonPhrase ?? ''}`.trim() });
        },
      }).catch((error: unknown) => settle({ kind: 'not-sent', error }));
    });
  }

  /**
   * Waits for the outcome `run` settles, for the call to end (call-ended) or for `ms` when
   * given (timed-out), whichever comes first. `run` gets `settle` and `over` (whether the
   * wait is over), and may return a cleanup, run once the wait is over.
   */
  #whileUp<T>(call: Call, ms: number | undefined, run: (settle: (outcome: T | Interrupted) => void, over: () => boolean) => (() => void) | void): Promise<T | Interrupted> {
    return new Promise((resolve) => {
      let settled = false;
      let cleanup: (() => void) | void;
      let cancelTimer: (() => void) | undefined;
      const settle = (outcome: T | Interrupted) => {
        if (settled) return;
        settled = true;
        cancelTimer?.();
        cleanup?.();
        if (call.abandonPending === abandon) call.abandonPending = undefined;
        resolve(outcome);
      };
      const abandon = () => settle({ kind: 'call-ended' });
      call.abandonPending = abandon;
      if (ms !== undefined) cancelTimer = this.#schedule(() => settle({ kind: 'timed-out' }), ms);
      cleanup = run(settle, () => settled);
      if (settled) cleanup?.();
    });
  }

  /** The far end took the call over (it accepted our REFER): hang up our leg, as transferred. */
  async #handOver(call: Call): Promise<void> {
    if (this.#calls.get(call.id) !== call) return;
    call.local = 'transferred';
    await this.#hangUp(call).catch(() => undefined);
  }

  #endedMeanwhile(callId: string, what: string): ContactPadError {
    return new ContactPadError('CALL_NOT_FOUND', `The call ended before the far end answered the ${what}.`, { detail: { callId } });
  }

  /** Sends the agent's microphone, or silences it (the track stays, so retrieve needs no new getUserMedia). */
  #sendAudio(session: Session, on: boolean): void {
    const handler = session.sessionDescriptionHandler;
    if (handler instanceof Web.SessionDescriptionHandler && handler.peerConnection) handler.enableSenderTracks(on);
  }

  /**
   * Withdraws our refused (or unsent) offer. sip.js's WebRTC handler has no rollback, and a
   * peer connection left in have-local-offer could never be renegotiated again (every later
   * hold, and every re-INVITE of the far end, would fail).
   */
  async #rollBackOffer(session: Session): Promise<void> {
    const peer = peerConnection(session);
    if (peer?.signalingState !== 'have-local-offer') return;
    await peer.setLocalDescription({ type: 'rollback' }).catch((error: unknown) => {
      console.warn(`ContactPad phone: could not withdraw a refused offer: ${errorText(error)}`);
    });
  }

  #call(callId: string): Call {
    const call = typeof callId === 'string' ? this.#calls.get(callId) : undefined;
    if (!call) throw new ContactPadError('CALL_NOT_FOUND', 'That call is no longer here (it may have ended).', { detail: { callId: String(callId).slice(0, 255) } });
    return call;
  }

  #rejectStatusCode(): 486 | 603 {
    return this.#config.rejectStatusCode ?? 486;
  }

  /** A number or SIP address as a SIP URI; what cannot be one fails with the code of `purpose`. */
  #targetUri(target: string, purpose: 'dial' | 'transfer') {
    const text = typeof target === 'string' ? target.trim() : '';
    const domain = UserAgent.makeURI(this.#config.aor)?.host ?? '';
    let uri;
    if (/^sips?:/i.test(text)) {
      uri = UserAgent.makeURI(text);
    } else {
      const number = text.replace(/[\s().-]/g, '');
      if (/^\+?[0-9*#]{2,32}$/.test(number)) uri = UserAgent.makeURI(`sip:${number.replace(/#/g, '%23')}@${domain}`);
    }
    if (!uri) {
      const [code, verb] = purpose === 'dial' ? (['SIP_CALL_FAILED', 'dial'] as const) : (['TRANSFER_FAILED', 'transfer to'] as const);
      throw new ContactPadError(code, `Cannot ${verb} ${JSON.stringify(text.slice(0, 64))}: enter a phone number or a SIP address.`);
    }
    return uri;
  }

  #emit(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      console.error('ContactPad phone listener failed', error);
    }
  }
}
