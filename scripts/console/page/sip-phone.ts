/**
 * What the console page's SIP phones share (the customer simulator and the colleague's phone):
 * a sip.js user agent on the local Kamailio that registers, keeps reconnecting every 2 s while
 * the server is away (registering again on connect), plays the far end's media in an element,
 * and reports a call's WebRTC figures.
 */
import { Registerer, RegistererState, SIPExtension, UserAgent, Web, type Invitation, type Session } from 'sip.js';

/** Registration with the SIP server. */
export type SipRegistration = 'unregistered' | 'registering' | 'registered' | 'failed';

/** WebRTC figures of a call, for checks that audio flows. */
export interface SipMediaStats {
  readonly iceConnectionState: RTCIceConnectionState | 'none';
  readonly bytesReceived: number;
  readonly bytesSent: number;
  /** Video frames received and decoded (inbound-rtp of kind video: framesDecoded); 0 for a call without video. */
  readonly videoFramesDecoded: number;
}

/** Options of {@link SipPhone}. */
export interface SipPhoneOptions {
  /** ws://127.0.0.1:<port> of the local Kamailio. */
  readonly sipWsUrl: string;
  /** 127.0.0.1 */
  readonly sipDomain: string;
  /** The SIP user it registers as (customer-xxxxxxxx, jordan.lee). */
  readonly user: string;
  readonly displayName: string;
  /** An incoming call. Without it, sip.js turns incoming calls away. */
  readonly onInvite?: (invitation: Invitation) => void;
  /** Where the phone's own media comes from (default: the browser's microphone and camera). */
  readonly mediaStreamFactory?: Web.MediaStreamFactory;
  /**
   * Takes INVITEs with Replaces (RFC 3891, an attended transfer to this phone): sip.js then
   * matches the dialog named and hands it over as Invitation.replacee; 481 when none matches.
   */
  readonly replaces?: boolean;
}

/** How often a phone whose SIP server is away tries again. */
const RECONNECT_MS = 2000;

/** A sip.js user agent registered on the local Kamailio. */
export class SipPhone {
  readonly #options: SipPhoneOptions;
  readonly #listeners = new Set<() => void>();
  #ua: UserAgent | undefined;
  #registerer: Registerer | undefined;
  #registration: SipRegistration = 'unregistered';
  #registrationStatus = 'Not registered';
  #reconnecting = false;

  constructor(options: SipPhoneOptions) {
    this.#options = options;
  }

  get user(): string {
    return this.#options.user;
  }
  get registration(): SipRegistration {
    return this.#registration;
  }
  /** What to tell the user about the registration ('Registering as jordan.lee...', 'Cannot reach the SIP server at ...; retrying'). */
  get registrationStatus(): string {
    return this.#registrationStatus;
  }
  /** The started user agent, for placing calls; undefined before {@link start} and after {@link stop}. */
  get userAgent(): UserAgent | undefined {
    return this.#ua;
  }

  /** Called after every change of registration. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(registration: SipRegistration, status: string): void {
    this.#registration = registration;
    this.#registrationStatus = status;
    for (const listener of this.#listeners) listener();
  }

  /**
   * Connects to the SIP server and registers; keeps retrying when the server is away. First asks
   * the console for this phone's SIP credential (simulator-credentials.ts), which a SIP server
   * that authenticates checks; without one (a page served elsewhere) it registers without.
   */
  async start(): Promise<void> {
    const { sipWsUrl, sipDomain, user, displayName, onInvite, mediaStreamFactory, replaces } = this.#options;
    const uri = UserAgent.makeURI(`sip:${user}@${sipDomain}`);
    if (!uri) throw new Error(`Cannot make a SIP URI for ${user}@${sipDomain}`);
    const unreachable = `Cannot reach the SIP server at ${sipWsUrl}; retrying`;
    const credential = await consoleCredential(user);
    const ua = new UserAgent({
      uri,
      displayName,
      ...(credential ? { authorizationUsername: credential.username, authorizationPassword: credential.password } : {}),
      transportOptions: { server: sipWsUrl, traceSip: false },
      logLevel: 'warn',
      // Local only: host candidates on the loopback reach Kamailio's peers; no STUN server to wait for.
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 2000 },
      ...(mediaStreamFactory ? { sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(mediaStreamFactory) } : {}),
      ...(replaces ? { sipExtensionReplaces: SIPExtension.Supported } : {}),
      delegate: {
        onDisconnect: (error) => {
          if (!error) return; // we stopped on purpose
          this.#set('failed', unreachable);
          void this.#reconnectSoon();
        },
        onConnect: () => void this.#register(),
        ...(onInvite ? { onInvite } : {}),
      },
    });
    this.#ua = ua;
    this.#registerer = new Registerer(ua, { expires: 300 });
    this.#registerer.stateChange.addListener((state) => {
      if (state === RegistererState.Registered) this.#set('registered', `Registered as ${user}`);
      else if (state === RegistererState.Unregistered && this.#registration === 'registered') this.#set('unregistered', 'Not registered');
    });
    this.#set('registering', `Registering as ${user}...`);
    try {
      await ua.start();
    } catch {
      this.#set('failed', unreachable);
      void this.#reconnectSoon();
    }
  }

  /** Reconnects every 2 s until the SIP server answers again (registering again on connect). */
  async #reconnectSoon(): Promise<void> {
    if (this.#reconnecting || !this.#ua) return;
    this.#reconnecting = true;
    try {
      while (this.#ua && !this.#ua.isConnected()) {
        await new Promise((wait) => setTimeout(wait, RECONNECT_MS));
        await this.#ua?.reconnect().catch(() => undefined);
      }
    } finally {
      this.#reconnecting = false;
    }
  }

  async #register(): Promise<void> {
    if (!this.#registerer) return;
    this.#set('registering', `Registering as ${this.#options.user}...`);
    await this.#registerer
      .register({
        requestDelegate: {
          // Also after a reconnect, when the Registerer was Registered all along (its stateChange then says nothing).
          onAccept: () => this.#set('registered', `Registered as ${this.#options.user}`),
          onReject: (response) => this.#set('failed', `Registration refused (${response.message.statusCode} ${response.message.reasonPhrase})`),
        },
      })
      .catch((error: unknown) => this.#set('failed', `Registration failed: ${String(error)}`));
  }

  /** Unregisters and disconnects (calls are the owner's to end first). */
  async stop(): Promise<void> {
    const ua = this.#ua;
    this.#ua = undefined;
    await this.#registerer?.unregister().catch(() => undefined);
    await ua?.stop().catch(() => undefined);
  }
}

/** This page's phone's SIP credential from the console server, or undefined when it has none to give. */
async function consoleCredential(user: string): Promise<{ username: string; password: string } | undefined> {
  try {
    const response = await fetch(`/console/sip-credential?user=${encodeURIComponent(user)}`, { cache: 'no-store' });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { username?: unknown; password?: unknown };
    return typeof body.username === 'string' && typeof body.password === 'string' ? { username: body.username, password: body.password } : undefined;
  } catch {
    return undefined;
  }
}

/** The session's remote stream (undefined before media is set up). */
function remoteStreamOf(session: Session): MediaStream | undefined {
  const handler = session.sessionDescriptionHandler as unknown as { remoteMediaStream?: MediaStream } | undefined;
  return handler?.remoteMediaStream;
}

/** Plays the far end of an established session in `element` (class `live` while it carries video). */
export function playRemoteMedia(session: Session, element: HTMLMediaElement | undefined): void {
  const stream = remoteStreamOf(session);
  if (!element || !stream) return;
  element.srcObject = stream;
  element.classList.toggle('live', stream.getVideoTracks().length > 0);
  void element.play().catch(() => undefined);
}

/** Stops playing a call's far end. */
export function clearRemoteMedia(element: HTMLMediaElement | undefined): void {
  if (!element) return;
  element.srcObject = null;
  element.classList.remove('live');
}

/** WebRTC figures of a session (zeros and 'none' without one). */
export async function sessionMediaStats(session: Session | undefined): Promise<SipMediaStats> {
  const handler = session?.sessionDescriptionHandler as unknown as { peerConnection?: RTCPeerConnection } | undefined;
  const pc = handler?.peerConnection;
  if (!pc) return { iceConnectionState: 'none', bytesReceived: 0, bytesSent: 0, videoFramesDecoded: 0 };
  let bytesReceived = 0;
  let bytesSent = 0;
  let videoFramesDecoded = 0;
  (await pc.getStats()).forEach((report: { type?: string; kind?: string; bytesReceived?: number; bytesSent?: number; framesDecoded?: number }) => {
    if (report.type === 'inbound-rtp') bytesReceived += report.bytesReceived ?? 0;
    if (report.type === 'inbound-rtp' && report.kind === 'video') videoFramesDecoded += report.framesDecoded ?? 0;
    if (report.type === 'outbound-rtp') bytesSent += report.bytesSent ?? 0;
  });
  return { iceConnectionState: pc.iceConnectionState, bytesReceived, bytesSent, videoFramesDecoded };
}

/**
 * A phone's voice when it is not the microphone: a quiet tone of `hz` from one Web Audio graph,
 * a fresh copy of its track per call (sip.js stops a call's tracks when the call ends). The
 * colleague's phone speaks 440 Hz; the customer simulator a tone of its own when told to.
 */
export class ToneSource {
  readonly #hz: number;
  #context: AudioContext | undefined;
  #destination: MediaStreamAudioDestinationNode | undefined;

  constructor(hz: number) {
    this.#hz = hz;
  }

  readonly factory: Web.MediaStreamFactory = async () => {
    if (!this.#context || !this.#destination) {
      const context = new AudioContext();
      const oscillator = context.createOscillator();
      oscillator.frequency.value = this.#hz;
      const gain = context.createGain();
      gain.gain.value = 0.05;
      this.#destination = context.createMediaStreamDestination();
      oscillator.connect(gain).connect(this.#destination);
      oscillator.start();
      this.#context = context;
    }
    await this.#context.resume().catch(() => undefined);
    return new MediaStream(this.#destination.stream.getAudioTracks().map((track) => track.clone()));
  };

  async close(): Promise<void> {
    const context = this.#context;
    this.#context = undefined;
    this.#destination = undefined;
    await context?.close().catch(() => undefined);
  }
}

/** How loud each of some frequencies is in a call's remote audio, in dB (AnalyserNode's scale: a full-scale sine reads about -8 dB). */
export type ToneLevels = Record<number, number>;

/**
 * Listens to the far end of `session` for `ms` (Web Audio AnalyserNode, averaged over 50 ms
 * steps) and says how loud each of `frequencies` is, in dB: a tone the far end sends at a
 * speaking level reads above -60 dB, silence and a codec's leftovers far below -80 dB. Empty
 * without remote audio.
 */
export async function remoteToneLevels(session: Session | undefined, frequencies: readonly number[], ms = 1500): Promise<ToneLevels> {
  const stream = session ? remoteStreamOf(session) : undefined;
  if (!stream || stream.getAudioTracks().length === 0) return {};
  const context = new AudioContext();
  try {
    await context.resume().catch(() => undefined);
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0;
    context.createMediaStreamSource(stream).connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const sum = new Float64Array(analyser.frequencyBinCount);
    let frames = 0;
    for (const end = performance.now() + ms; performance.now() < end; frames++) {
      await new Promise((wait) => setTimeout(wait, 50));
      analyser.getFloatFrequencyData(bins);
      bins.forEach((db, index) => (sum[index]! += Number.isFinite(db) ? db : -200));
    }
    const hzPerBin = context.sampleRate / analyser.fftSize;
    const level = (hz: number) => {
      const bin = Math.round(hz / hzPerBin);
      return Math.max(...[bin - 1, bin, bin + 1].map((index) => sum[index]! / frames));
    };
    return Object.fromEntries(frequencies.map((hz) => [hz, Math.round(level(hz))]));
  } finally {
    await context.close().catch(() => undefined);
  }
}
