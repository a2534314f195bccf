/**
 * The agent's phone: a SIP user agent (sip.js UserAgent) registered with the SIP server
 * over WebSocket, with WebRTC calls that can be answered, rejected, released, dialled, held,
 * retrieved (re-INVITE) and blind transferred (REFER). A facade over the room's parts:
 *
 * - phone-config.ts: the settings, checked, and the sip.js user agent they describe;
 * - registration.ts: connect and REGISTER, say how that stands, reconnect with backoff and
 *   jitter, forever (sip.js events and the Clock's timers);
 * - server-watch.ts, loaded once registered: asks the server every few seconds whether it is
 *   there, so a server that hangs with the WebSocket open is noticed within seconds;
 * - after a lost WebSocket is made again, every answered call tells its far end the new
 *   connection (dialog-refresh.ts, in the call control), so hang-ups reach both ways again; a
 *   Release made while it was down goes out again (release-delivery.ts), and an outbound call
 *   still ringing ends (its answer can no longer reach the phone: dial.ts);
 * - credentials.ts: with a credential source (Salesforce's credential endpoint), the
 *   time-limited SIP credential every REGISTER goes out with, fetched before the first and
 *   renewed at half its life; phone-config.ts applyCredential puts a renewed one into the
 *   running user agent (sip.js has no public setter: see there);
 * - calls.ts: the calls, each a Call (call.ts) moving through the state table of
 *   call-state.ts; incoming calls ring, are answered, rejected and released there;
 * - call-control.ts, loaded lazily once the phone has registered (it is not needed to ring
 *   and answer): dialling out (dial.ts), hold and retrieve (hold.ts), transfer (transfer.ts),
 *   mute (mute.ts) and keypad tones (dtmf-sender.ts), with far-end.ts for what they wait on,
 *   and media figures (media-stats.ts, also read for the line-quality indicator);
 *   sip-address.ts builds every SIP address dialled or transferred to, phone-config.ts the
 *   agent's own.
 */
import type { Invitation, UserAgent, UserAgentOptions } from 'sip.js';
import { realClock, type Clock } from '../model/clock.ts';
import type { RandomSource } from '../model/retry-backoff.ts';
import type { SipCredential, SipCredentialSource } from '../model/sip-credential.ts';
import type { AudioDevices } from './audio-devices.ts';
import { Calls, type CallVideo, type MediaStats } from './calls.ts';
import { ContactPadError } from '../model/errors.ts';
import type { DtmfMethod } from '../model/dtmf.ts';
import type { DtmfSent } from './dtmf-sender.ts';
import type { RecordingCommand } from '../model/recording.ts';
import type { VoicemailDropped } from './voicemail-drop.ts';
import type { DeviceCallbacks } from './device-callback.ts';
import { SipCredentials } from './credentials.ts';
import type { DiagnosticSink } from '../model/diagnostic-log.ts';
import { applyCredential, createUserAgent, DEFAULT_RECONNECT, iceServersFor, invalid, sipDomain, validateConfig, type PhoneConfig } from './phone-config.ts';
import { guarded, type PhoneListener } from './phone-listener.ts';
import { Registration } from './registration.ts';
import { errorText } from './error-text.ts';

export type { CallEnd } from './call-state.ts';
export type { DtmfSent } from './dtmf-sender.ts';
export type { VoicemailDropped } from './voicemail-drop.ts';
export { INVITE_RECEIVED_MARK, type CallVideo, type MediaStats } from './calls.ts';
export { REINVITE_READY_TIMEOUT_MS, TRANSFER_ANSWER_TIMEOUT_MS, TRANSFER_COMPLETE_TIMEOUT_MS } from './call-control-limits.ts';
export { addressOfRecord, type PhoneConfig } from './phone-config.ts';
export type { PhoneListener } from './phone-listener.ts';
export { REGISTER_TIMEOUT_MS } from './registration.ts';

/** The longest a step of stop() (hanging up a call, unregistering) may take. */
const STOP_STEP_MS = 2000;

/** A background renewal failed: the same code, said as what it means while the phone still works. */
function renewalFailed(error: ContactPadError, expiresAt: number): ContactPadError {
  const until = new Date(expiresAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return new ContactPadError(error.code, `ContactPad could not renew this agent's SIP credential; the phone keeps working until ${until} and ContactPad keeps trying. ${error.message}`, {
    cause: error,
    detail: { ...error.detail, expiresAt },
  });
}

/** What the phone takes besides its settings: its credential source, and injection points for tests. */
export interface PhoneOptions {
  /**
   * Where the agent's time-limited SIP credential comes from (Salesforce's credential endpoint,
   * crm/sip-credential-source.ts, handed over by the composition). With it the phone registers
   * only with a credential and renews it; without it, it registers with the settings' fixed
   * credentials, if any (a SIP server that challenges nobody).
   */
  credentials?: SipCredentialSource;
  /** Default: {@link realClock}. For tests: the clock every timer of the phone runs on. */
  clock?: Clock;
  /** Default: Math.random. For tests: the random source of the reconnect and credential jitter. */
  random?: RandomSource;
  /** Default: sip.js's WebSocket transport. For tests: a SIP server in the page. */
  transportConstructor?: UserAgentOptions['transportConstructor'];
  /** The agent's devices and the ringtone (audio-devices.ts). Without them calls open the default microphone, play on the default output and do not ring aloud. */
  audio?: AudioDevices;
  /**
   * Default true: while registered, the phone asks the server every few seconds whether it is
   * there (server-watch.ts). For tests that move a fake clock by many seconds at once: false, as
   * the check's deadline would then run before the server's answer could arrive.
   */
  serverCheck?: boolean;
  /**
   * The diagnostic log (problem reports): every SIP message sent and received goes there, redacted
   * there. The SIP password never travels in a message (a digest carries a hash of it, which the
   * log removes), so the phone tells the log no secret of its own.
   */
  diagnostics?: DiagnosticSink;
}

/** The SIP phone of one agent. */
export class Phone {
  readonly #config: PhoneConfig;
  readonly #listener: PhoneListener;
  readonly #clock: Clock;
  readonly #random: RandomSource;
  readonly #calls: Calls;
  readonly #credentials: SipCredentials | undefined;
  readonly #transportConstructor: PhoneOptions['transportConstructor'];
  readonly #mediaStreamFactory: AudioDevices['mediaStreamFactory'] | undefined;
  readonly #serverCheck: boolean;
  readonly #diagnostics: DiagnosticSink | undefined;
  #ua: UserAgent | undefined;
  #registration: Registration | undefined;
  /** The user agent did not take a renewed credential (applyCredential): a new one is made when no call is up. */
  #uaStale = false;
  #restarting = false;
  /** The agent was told that TURN servers are left out for want of a TURN credential. */
  #turnLeftOutTold = false;
  /** The WebSocket was lost since it was last open: the calls' far ends send to a dead connection. */
  #connectionLost = false;
  /** The "are you there?" of the phone server while registered (server-watch.ts). */
  #serverWatch: { stop(): void } | undefined;

  constructor(config: PhoneConfig, listener: PhoneListener, options: PhoneOptions = {}) {
    validateConfig(config);
    if (!listener || typeof listener.connection !== 'function' || typeof listener.incoming !== 'function') {
      throw invalid('a listener with connection, incoming, connected and ended is required');
    }
    if (options.credentials !== undefined && typeof options.credentials !== 'function') throw invalid('credentials must be a function that fetches a SIP credential');
    this.#config = { ...config };
    this.#listener = guarded(listener);
    this.#clock = options.clock ?? realClock;
    this.#random = options.random ?? Math.random;
    this.#transportConstructor = options.transportConstructor;
    this.#mediaStreamFactory = options.audio?.mediaStreamFactory;
    this.#serverCheck = options.serverCheck !== false;
    this.#diagnostics = options.diagnostics;
    const told = this.#listener;
    this.#calls = new Calls({
      // A call's end is also the moment a user agent that kept an old credential can be replaced.
      listener: { ...told, ended: (callId, end) => {
        told.ended(callId, end);
        this.#afterCall();
      } },
      clock: this.#clock,
      rejectStatusCode: config.rejectStatusCode ?? 486,
      domain: sipDomain(config),
      audio: options.audio,
    });
    this.#credentials = options.credentials
      ? new SipCredentials({
          source: options.credentials,
          clock: this.#clock,
          random: this.#random,
          apply: (credential) => this.#applyCredential(credential),
          renewalFailed: (error, expiresAt) => this.#registration?.tell(renewalFailed(error, expiresAt)),
        })
      : undefined;
  }

  /**
   * The agent is about to go Ready (the microphone is being checked): with a credential source,
   * the credential is fetched now, so that {@link start} finds it (a failed fetch is left for the
   * registration, which fetches again, says why and retries).
   */
  prepare(): void {
    if (this.#registration) return;
    this.#credentials?.ready().catch(() => undefined);
  }

  /** Connects to the SIP server and registers (with a credential source: a credential first); keeps trying until {@link stop}. */
  start(): void {
    if (this.#registration) return;
    this.#startUserAgent();
    this.#credentials?.start();
  }

  /**
   * Salesforce answered a request again (the composition tells it: start-rooms.ts, from the crm
   * room's connection): a SIP credential that waits for Salesforce (an outage, the API limit, the
   * session refused) is asked for now, so the phone registers without waiting out its backoff.
   */
  salesforceAnswered(): void {
    this.#registration?.salesforceAnswered();
    this.#credentials?.salesforceAnswered();
  }

  #startUserAgent(): void {
    let registration: Registration | undefined;
    this.#connectionLost = false; // a new user agent: no call of it has a far end on an old connection
    const credential = this.#credentials?.current;
    const ua = createUserAgent(
      this.#config,
      {
        onInvite: (invitation: Invitation) => this.#calls.onInvite(invitation),
        onConnect: () => {
          registration?.onConnect();
          // The far ends of the calls still send to the connection that was lost: tell them the new one.
          if (this.#connectionLost) this.#calls.reconnected(ua);
          this.#connectionLost = false;
        },
        onDisconnect: (error?: Error) => {
          this.#connectionLost = true;
          this.#stopServerWatch();
          registration?.onDisconnect(error);
        },
      },
      { credential, transportConstructor: this.#transportConstructor, mediaStreamFactory: this.#mediaStreamFactory, diagnostics: this.#diagnostics },
    );
    const { firstDelayMs, maxDelayMs } = this.#config.reconnect ?? DEFAULT_RECONNECT;
    registration = new Registration(ua, {
      serverUrl: this.#config.serverUrl,
      backoff: { baseMs: firstDelayMs, capMs: maxDelayMs },
      clock: this.#clock,
      random: this.#random,
      report: (state, error) => {
        if (state.state === 'registered') {
          this.#calls.prepare();
          this.#watchServer(ua, registration);
        } else {
          this.#stopServerWatch();
        }
        this.#listener.connection(state, error);
      },
      ...(this.#credentials ? { credentials: this.#credentials, user: ua.configuration.uri.user ?? '' } : {}),
    });
    this.#ua = ua;
    this.#uaStale = false;
    this.#registration = registration;
    registration.start();
    if (!this.#credentials && iceServersFor(this.#config, undefined).turnLeftOut) this.#tellTurnLeftOut();
  }

  /**
   * While registered: asks the server every few seconds whether it is there (server-watch.ts,
   * loaded now: not needed to ring and answer); a server that stops answering with the WebSocket
   * open is dropped and reconnected (Registration.serverSilent).
   */
  #watchServer(ua: UserAgent, registration: Registration | undefined): void {
    this.#stopServerWatch();
    if (!this.#serverCheck) return;
    const watching = { stop: () => undefined as void };
    this.#serverWatch = watching;
    import('./server-watch.ts')
      .then(({ watchServer }) => {
        if (this.#serverWatch !== watching) return; // not registered any more
        watching.stop = watchServer(ua, { clock: this.#clock, domain: sipDomain(this.#config), lost: (reason) => registration?.serverSilent(reason) });
      })
      .catch((error: unknown) => console.warn(`ContactPad phone: cannot watch the phone server (${errorText(error)})`));
  }

  #stopServerWatch(): void {
    this.#serverWatch?.stop();
    this.#serverWatch = undefined;
  }

  /** Ends every call, unregisters and disconnects. The phone can be started again. */
  async stop(): Promise<void> {
    const registration = this.#registration;
    const ua = this.#ua;
    if (!registration || !ua) return;
    this.#registration = undefined;
    this.#ua = undefined;
    this.#credentials?.stop();
    this.#stopServerWatch();
    registration.stop();
    await this.#calls.hangUpAll(this.#bound);
    await registration.unregister(this.#bound);
    await ua.stop().catch(() => undefined);
    this.#calls.endAll();
    registration.reportStopped();
  }

  /**
   * The page is going (pagehide: a reload, the tab or window closed): each call is hung up (BYE;
   * CANCEL for a call being placed; 486 for one ringing) and the phone unregisters (REGISTER
   * with Expires 0), all sent now, while the WebSocket is still open, without waiting for any
   * answer (nothing would be there to read it). sip.js sends each request in the call that makes
   * it (Session.bye, Registerer.dispose when not waiting: SIP.js 0.21.2 lib/api/session.js _bye,
   * lib/api/registerer.js dispose). The calls end as released, as {@link stop} ends them. A call
   * answered a moment ago whose ACK has not come yet gets its BYE when the ACK comes (RFC 3261
   * 15), if the page is still there then.
   */
  leave(): void {
    const registration = this.#registration;
    const ua = this.#ua;
    if (!registration || !ua) return;
    this.#registration = undefined;
    this.#ua = undefined;
    this.#credentials?.stop();
    registration.stop();
    const now = (step: Promise<unknown>) => step;
    void this.#calls.hangUpAll(now).catch(() => undefined);
    void registration.unregister(now).catch(() => undefined);
    // sip.js then lets go of the rest and closes the WebSocket, after what was sent on it (RFC 6455 7.1.1).
    void ua.stop().catch(() => undefined);
  }

  /**
   * Bounds one step of stopping: going Offline must not wait on a far end that no longer
   * answers (a BYE transaction can take 32 s to time out): each step gets STOP_STEP_MS, then the
   * phone stops regardless.
   */
  readonly #bound = (step: Promise<unknown>): Promise<unknown> =>
    new Promise<unknown>((done) => {
      const cancel = this.#clock.schedule(() => done(undefined), STOP_STEP_MS);
      step.catch(() => undefined).then((value) => {
        cancel();
        done(value);
      });
    });

  /** A fresh credential: into the running user agent (or, if it will not take it, a new user agent when no call is up). */
  #applyCredential(credential: SipCredential): void {
    const ua = this.#ua;
    if (!ua) return; // the next start makes the user agent with it
    const { applied, turnLeftOut } = applyCredential(ua, this.#config, credential);
    if (turnLeftOut) this.#tellTurnLeftOut();
    if (applied) return;
    this.#uaStale = true;
    this.#afterCall();
  }

  /** When the user agent kept an old credential and no call is up: a new user agent, registered with the new one. */
  #afterCall(): void {
    if (!this.#uaStale || this.#restarting || this.#calls.size > 0) return;
    void this.#restartUserAgent();
  }

  async #restartUserAgent(): Promise<void> {
    const registration = this.#registration;
    const ua = this.#ua;
    if (!registration || !ua) return;
    this.#restarting = true;
    this.#stopServerWatch();
    try {
      registration.stop();
      await registration.unregister(this.#bound);
      await ua.stop().catch(() => undefined);
      if (this.#registration !== registration) return; // stopped meanwhile
      this.#startUserAgent();
    } finally {
      this.#restarting = false;
    }
  }

  #tellTurnLeftOut(): void {
    if (this.#turnLeftOutTold) return;
    this.#turnLeftOutTold = true;
    this.#registration?.tell(
      new ContactPadError(
        'INVALID_CONFIGURATION',
        'The call center item iceServers names TURN servers, but no TURN credential came with the SIP credential, so calls go without TURN. A Salesforce admin sets the TURN Secret in Setup > Custom Settings > ContactPad SIP Edge.',
        { detail: { item: '/ContactPad/iceServers' } },
      ),
    );
  }

  /** Answers a ringing call (200 OK with audio; an offered video stream is answered receive-only). */
  accept(callId: string): Promise<void> {
    return this.#calls.accept(callId);
  }

  /** Refuses a ringing call with {@link PhoneConfig.rejectStatusCode} (486 Busy Here by default). */
  reject(callId: string): Promise<void> {
    return this.#calls.reject(callId);
  }

  /** Hangs up: BYE on an answered call, CANCEL on our own call still ringing, reject on an incoming one. */
  release(callId: string): Promise<void> {
    return this.#calls.release(callId);
  }

  /**
   * Places an outbound audio call. `target` is a full SIP address (sip:bob@example.com,
   * sips:...), a colleague's address without scheme (bob@example.com), a phone number
   * ('+1 (555) 010-2030', sent as sip:+15550102030@<the agent's domain>) or a SIP user
   * ('jordan.lee', sent as sip:jordan.lee@<the agent's domain>); see sip-address.ts.
   * Resolves with the call id (the SIP Call-ID) once the INVITE is sent;
   * {@link PhoneListener.connected} or {@link PhoneListener.ended} follow.
   * SIP_SERVER_UNREACHABLE while not connected; SIP_CALL_FAILED for a target that is none of
   * those; MEDIA_UNAVAILABLE when the microphone cannot be opened. `about`: the call this one is
   * a consult about; when its INVITE named a VoiceCall, this INVITE names it too (a transfer
   * leg: sip-header-contract.ts).
   */
  async dial(target: string, about?: string): Promise<string> {
    const ua = this.#ua;
    if (!ua || !ua.isConnected()) {
      throw new ContactPadError('SIP_SERVER_UNREACHABLE', 'The phone is not connected to the phone server, so it cannot dial.');
    }
    return this.#calls.dial(ua, target, about);
  }

  /**
   * Callbacks through the agent's other registered devices (device-callback.ts, in the call
   * control): those devices, and the way to ring one and connect a customer.
   * Undefined while this phone is not registered (the registrar lists them in its answers to this phone's REGISTERs).
   */
  deviceCallbacks(): Promise<DeviceCallbacks | undefined> {
    return this.#calls.deviceCallbacks(this.#ua, this.#registration);
  }

  /**
   * Puts an answered call on hold: a re-INVITE offering a=sendonly (sip.js Web.holdModifier);
   * resolves on the far end's 200 OK. The agent's microphone is silenced from the moment
   * hold is asked (the call control loaded: it loads once the phone registers, call-control.ts),
   * and is not sent while the call is held. Asked the moment a call is
   * answered, it first waits for the far end to confirm the call (its ACK), at most
   * {@link REINVITE_READY_TIMEOUT_MS}; failing that, SIP_CALL_FAILED and the call goes on.
   * CALL_NOT_FOUND for an unknown call (or one that ends before the answer); INVALID_TRANSITION
   * when the call is not answered, is already held, or a hold, retrieve or transfer of it (or
   * a re-INVITE of the far end) is in progress: nothing is sent then; SIP_CALL_FAILED when
   * the far end refuses the re-INVITE (the call stays as it was, not held).
   */
  hold(callId: string): Promise<void> {
    return this.#calls.setHold(callId, true);
  }

  /** Takes a held call off hold (re-INVITE sendrecv). Same errors (INVALID_TRANSITION when not held). */
  retrieve(callId: string): Promise<void> {
    return this.#calls.setHold(callId, false);
  }

  /**
   * Blind transfer: sends REFER to the far end with Refer-To the target (as for
   * {@link dial}). Resolves when the far end accepts the REFER (2xx); the phone then hangs up
   * its leg (BYE) and the listener gets ended(callId, { reason: 'transferred' }).
   * TRANSFER_FAILED for a target that is none of those, or when the far end refuses the REFER
   * or does not answer it within {@link TRANSFER_ANSWER_TIMEOUT_MS} (the call stays up, as it
   * was: held stays held). CALL_NOT_FOUND / INVALID_TRANSITION as for {@link hold}.
   */
  transfer(callId: string, target: string): Promise<void> {
    return this.#calls.transfer(callId, target);
  }

  /**
   * Attended transfer (RFC 5589): REFER on `callId` naming the far end of `consultId` with
   * Replaces (attended-transfer.ts). Resolves once the caller is through to the consulted
   * party; both calls then end as transferred. TRANSFER_FAILED when the caller's phone refuses
   * the REFER, the target does not take the call, or it is not confirmed within
   * TRANSFER_COMPLETE_TIMEOUT_MS: both calls stay as they were. CALL_NOT_FOUND /
   * INVALID_TRANSITION as for {@link hold} (the consult call must be connected, not held).
   */
  completeTransfer(callId: string, consultId: string): Promise<void> {
    return this.#calls.completeTransfer(callId, consultId);
  }

  /**
   * Joins two answered calls into a three-way call mixed in this browser (conference.ts): a
   * held one is taken off hold, each far end hears the agent and the other. Either call
   * ending returns the other to a two-party call. CONFERENCE_FAILED when the browser cannot
   * mix; CALL_NOT_FOUND / INVALID_TRANSITION as for {@link hold}.
   */
  conference(callId: string, otherId: string): Promise<void> {
    return this.#calls.conference(callId, otherId);
  }

  /**
   * Mutes the agent's microphone on an answered call (held or not): the far end receives
   * silence (the audio track is disabled; keypad tones still go out). The call stays muted
   * through hold and retrieve until {@link unmute}; another call is not affected.
   * CALL_NOT_FOUND / INVALID_TRANSITION (not answered, or ending) as for {@link hold}.
   */
  mute(callId: string): Promise<void> {
    return this.#calls.setMuted(callId, true);
  }

  /** Gives the microphone back (heard again at once, unless the call is held: then on retrieve). */
  unmute(callId: string): Promise<void> {
    return this.#calls.setMuted(callId, false);
  }

  /**
   * Sends keypad tones (0-9, *, #, A-D; a comma pauses 2 s) on a connected call: with `rfc4733`
   * in its audio as RFC 4733 telephone-events, or, when the call cannot carry them (the far end
   * offered no telephone-event) or with `info`, as SIP INFO application/dtmf-relay, one per
   * tone; the answer says which, and whether INFO was a fallback. INVALID_INPUT naming a
   * character that is no key (nothing sent); INVALID_TRANSITION unless connected; DTMF_FAILED
   * when the far end refuses or does not answer an INFO (telephony/dtmf-sender.ts).
   */
  sendDtmf(callId: string, tones: string, method: DtmfMethod = 'rfc4733'): Promise<DtmfSent> {
    return this.#calls.sendDtmf(callId, tones, method);
  }

  /**
   * Asks the platform to start, pause, resume or stop recording the answered call: a SIP INFO
   * in its dialog (recording-info.ts, the message the platform contract documents). Resolves on
   * the platform's 200 OK. RECORDING_FAILED when it refuses or does not answer (the recording is
   * as it was), INVALID_TRANSITION when the call is not answered, CALL_NOT_FOUND as for {@link hold}.
   */
  recording(callId: string, command: RecordingCommand): Promise<void> {
    return this.#calls.recording(callId, command);
  }

  /**
   * Voicemail drop (voicemail-drop.ts): plays the audio at `audioUrl` into the connected call in
   * place of the agent's microphone and resolves once it plays (with its length); the call is
   * hung up (BYE) when it ends, and the listener's `ended` follows then. VOICEMAIL_DROP_FAILED
   * when the call is not connected or the file cannot be loaded, decoded or played (the call
   * goes on as it was); CALL_NOT_FOUND as for {@link hold}.
   */
  dropVoicemail(callId: string, audioUrl: string): Promise<VoicemailDropped> {
    return this.#calls.dropVoicemail(callId, audioUrl);
  }

  /** A call's media figures (RTCPeerConnection.getStats): ICE state, bytes each way, the far end's packets received and lost, jitter and round trip. */
  mediaStats(callId: string): Promise<MediaStats> {
    return this.#calls.mediaStats(callId);
  }

  /** An accepted video call's camera (and its switch), the caller's picture and both streams (video-call.ts); CALL_NOT_FOUND for another call. */
  video(callId: string): Promise<CallVideo> {
    return this.#calls.video(callId);
  }

  /** The output a call's sound plays on ('' = the default; undefined: no such call or no sound yet): HTMLMediaElement.sinkId. */
  speakerOf(callId: string): string | undefined {
    return this.#calls.speakerOf(callId);
  }
}
