/**
 * The customer simulator: a SIP user agent (sip.js over WebSocket) that plays the caller.
 * It registers as `customer-<random>` on the local Kamailio and places an INVITE to the agent
 * (sip:agent1@127.0.0.1), or to a queue (sip:queue-sales@127.0.0.1), carrying the SIP header contract: From and P-Asserted-Identity
 * (caller name and number), X-CP-Interaction-Id, X-CP-Queue, X-CP-Location, X-CP-Ad-Source,
 * X-CP-Kind (and the callback headers for a callback: X-CP-Callback-Number, X-CP-Callback-Attempt
 * and, when given, X-CP-Callback-Request). Media comes from the browser's
 * microphone (and camera for video); a fake device in tests.
 *
 * Call states:
 *
 *   idle --call--> calling --1xx--> ringing --2xx--> connected --BYE (either side)--> ended
 *     ^              |  \--4xx/5xx/6xx--> rejected        |
 *     |              \--hang up (CANCEL, then 487)--> ended \--error--> failed
 *     \---------------- call again from ended / rejected / failed
 *
 * A blind transfer: connected --REFER from the agent--> calling (to the Refer-To target, status
 * 'Transferred to jordan.lee'), then the new call's states as above. The simulator accepts the
 * REFER (202), INVITEs the target with the same caller and contract headers (and Referred-By),
 * tells the agent how that call goes (NOTIFY), and leaves the agent's leg for the agent to end.
 * When that call fails while the agent is still on the first one, the customer stays with the
 * agent (connected, 'Transfer to jordan.lee failed (603 Decline); still with the agent').
 *
 * The other line, a caller from the phone network: {@link CustomerSimulator.callFromPhoneNetwork}
 * asks the console server (scripts/console/phone-network-caller.ts) to start a real plain-RTP
 * phone (baresip) that calls the agent through Kamailio as a SIP trunk would, with the caller's
 * name and number only; the simulator follows that call (same states, the Call-ID as the
 * interaction id) and Hang up ends it.
 */
import { Inviter, SessionState, UserAgent, type Core, type InviterOptions, type Referral, type Session } from 'sip.js';
import { clearRemoteMedia, playRemoteMedia, remoteToneLevels, sessionMediaStats, SipPhone, ToneSource, type SipMediaStats, type SipRegistration, type ToneLevels } from './sip-phone.ts';
import type { PhoneNetworkCall } from '../phone-network-caller.ts';
import { PaintedCamera } from './painted-camera.ts';

type IncomingResponse = Core.IncomingResponse;

/** What the simulator's caller says about themselves and the call (all optional but the kind). */
export interface SimulatedCall {
  readonly name: string;
  readonly number: string;
  readonly queue: string;
  readonly location: string;
  readonly adSource: string;
  readonly kind: 'voice' | 'video' | 'callback';
  /** For a callback: the callback request's Salesforce record id (X-CP-Callback-Request), as the platform took it from `POST /callbacks/next`; blank: not sent. */
  readonly callbackRequest?: string;
}

/** How the simulated customer calls: from this browser (WebRTC), or from the phone network (plain RTP), offering opus and PCMU or PCMU only. */
export type SimulatorLine = 'browser' | 'phone-network' | 'phone-network-pcmu';

/** The console server's phone-network call route (scripts/console/phone-network-caller.ts). */
const PHONE_NETWORK_ROUTE = '/__phone-network/';
const PHONE_NETWORK_POLL_MS = 400;

/** Registration with the SIP server. */
export type SimulatorRegistration = SipRegistration;

/** The simulator's call state (see the diagram above). */
export type SimulatorCallState = 'idle' | 'calling' | 'ringing' | 'connected' | 'ended' | 'rejected' | 'failed';

/** WebRTC figures of the current (or last) call, for checks that audio flows. */
export type SimulatorMediaStats = SipMediaStats;

/** Options of {@link CustomerSimulator}. */
export interface CustomerSimulatorOptions {
  /** ws://127.0.0.1:<port> of the local Kamailio. */
  readonly sipWsUrl: string;
  /** 127.0.0.1 */
  readonly sipDomain: string;
  /** The agent's SIP user (agent1). */
  readonly agentUser: string;
  /**
   * The customer speaks a tone of this frequency instead of the browser's microphone (the
   * console page's `?customerToneHz=`), so a test tells them apart from an agent in the same
   * browser. Voice only.
   */
  readonly toneHz?: number;
  /**
   * The customer's camera is painted (painted-camera.ts: the console page's
   * `?customerCamera=painted`), so the site needs no camera permission for the customer.
   */
  readonly paintedCamera?: boolean;
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
    if (call.callbackRequest?.trim()) headers.push(`X-CP-Callback-Request: ${headerValue(call.callbackRequest)}`);
  }
  return headers;
}

/** A SIP URI's user part as people read it (`%2B1555` -> `+1555`); kept as written when it is not valid escaping. */
function unescapedUser(user: string): string {
  try {
    return decodeURIComponent(user);
  } catch {
    return user;
  }
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
  readonly #phone: SipPhone;
  readonly #painted: PaintedCamera | undefined;
  #session: Session | undefined;
  /** The call a REFER took the customer away from, until the agent ends it. */
  #referred: Session | undefined;
  /** The options the current call was placed with; a transferred call goes out with them too. */
  #callOptions: InviterOptions | undefined;
  #state: SimulatorCallState = 'idle';
  #status = 'Not registered';
  #transferredTo: string | undefined;
  #lastStatusCode: number | undefined;
  #lastReasonPhrase: string | undefined;
  #lastInteractionId: string | undefined;
  #remoteMedia: HTMLMediaElement | undefined;
  /** The caller hung up before an answer (CANCEL): the 487 that follows is not a rejection. */
  #cancelled = false;
  /** The line of the current or last call. */
  #line: SimulatorLine = 'browser';
  /** The phone-network call as the console server last told it. */
  #phoneNetworkCall: PhoneNetworkCall | undefined;
  #phoneNetworkPoll: ReturnType<typeof setTimeout> | undefined;
  #lastReinviteAt: number | undefined;

  constructor(options: CustomerSimulatorOptions) {
    this.#options = options;
    this.#painted = options.paintedCamera ? new PaintedCamera() : undefined;
    this.#phone = new SipPhone({
      sipWsUrl: options.sipWsUrl,
      sipDomain: options.sipDomain,
      user: this.#user,
      displayName: 'Customer simulator',
      ...(options.toneHz === undefined ? {} : { mediaStreamFactory: new ToneSource(options.toneHz).factory }),
      ...(this.#painted ? { mediaStreamFactory: this.#painted.factory } : {}),
    });
    this.#phone.onChange(() => {
      const phone = this.#phone;
      if (phone.registration !== 'registered') this.#set({ status: phone.registrationStatus });
      else this.#set({ status: this.inCall ? this.#status : `${phone.registrationStatus}; ready to call` });
    });
  }

  /** The simulator's own SIP user (customer-xxxxxxxx). */
  get user(): string {
    return this.#user;
  }
  get registration(): SimulatorRegistration {
    return this.#phone.registration;
  }
  get state(): SimulatorCallState {
    return this.#state;
  }
  /** The status line shown to the user ('Ringing', 'Rejected (486 Busy Here)', 'Transferred to jordan.lee: Connected'...). */
  get status(): string {
    return this.#status;
  }
  /** The SIP user (or number) the agent transferred the current or last call to; undefined when it was not transferred. */
  get transferredTo(): string | undefined {
    return this.#transferredTo;
  }
  /** The final or latest provisional SIP status code of the last call (180, 200, 486...). */
  get lastStatusCode(): number | undefined {
    return this.#lastStatusCode;
  }
  get lastReasonPhrase(): string | undefined {
    return this.#lastReasonPhrase;
  }
  /** X-CP-Interaction-Id of the last call placed (a transferred call keeps it). */
  get lastInteractionId(): string | undefined {
    return this.#lastInteractionId;
  }
  /**
   * When (epoch ms) the agent's phone last re-offered the call from this browser (a re-INVITE:
   * hold, retrieve, or the refresh after its connection to the SIP server came back); the fault
   * suite times the refresh by it (scripts/faults).
   */
  get lastReinviteAt(): number | undefined {
    return this.#lastReinviteAt;
  }
  /** The line of the current or last call. */
  get line(): SimulatorLine {
    return this.#line;
  }
  /** The current or last phone-network call as the console server tells it (its phone's codec and RTP counts). */
  get phoneNetworkCall(): PhoneNetworkCall | undefined {
    return this.#phoneNetworkCall;
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

  #set(change: { state?: SimulatorCallState; status: string }): void {
    if (change.state) this.#state = change.state;
    this.#status = change.status;
    for (const listener of this.#listeners) listener();
  }

  /** A call status, said of the transferred call once the agent transferred it. */
  #callStatus(text: string): string {
    return this.#transferredTo === undefined ? text : `Transferred to ${this.#transferredTo}: ${text}`;
  }

  /** Where the agent's voice (and video) plays. */
  attachRemoteMedia(element: HTMLMediaElement): void {
    this.#remoteMedia = element;
  }

  /** Connects to the SIP server and registers; keeps retrying when the server is away. */
  async start(): Promise<void> {
    await this.#phone.start();
  }

  /**
   * A caller from the phone network: the console server starts a plain-RTP phone that calls the
   * agent from `call.number` (a trunk passes the name and number only: no queue, location, ad
   * source or kind). Throws with the server's reason when it refuses (a call under way, not a
   * phone number).
   */
  async callFromPhoneNetwork(call: Pick<SimulatedCall, 'name' | 'number'>, codecs: 'opus+pcmu' | 'pcmu' = 'opus+pcmu'): Promise<void> {
    if (this.inCall) throw new Error('A call is already under way: hang up first.');
    const response = await this.#phoneNetworkRequest('call', { name: call.name, number: call.number, codecs });
    this.#line = codecs === 'pcmu' ? 'phone-network-pcmu' : 'phone-network';
    this.#session = undefined;
    this.#transferredTo = undefined;
    this.#lastStatusCode = undefined;
    this.#lastReasonPhrase = undefined;
    this.#lastInteractionId = undefined;
    this.#followPhoneNetwork(response);
  }

  async #phoneNetworkRequest(action: 'call' | 'hangup', body: unknown): Promise<PhoneNetworkCall> {
    const response = await fetch(`${PHONE_NETWORK_ROUTE}${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const answer = (await response.json().catch(() => ({}))) as PhoneNetworkCall & { error?: string };
    if (!response.ok) throw new Error(answer.error ?? `The console server refused the phone-network call (HTTP ${response.status}).`);
    return answer;
  }

  /** Takes the server's view of the phone-network call, and asks again shortly while it is under way. */
  #followPhoneNetwork(call: PhoneNetworkCall): void {
    clearTimeout(this.#phoneNetworkPoll);
    this.#phoneNetworkCall = call;
    if (call.callId) this.#lastInteractionId = call.callId;
    if (call.statusCode !== undefined) this.#lastStatusCode = call.statusCode;
    const state: SimulatorCallState = call.state;
    this.#set({ state, status: `Phone network: ${call.status}` });
    if (state === 'calling' || state === 'ringing' || state === 'connected') {
      this.#phoneNetworkPoll = setTimeout(() => {
        void fetch(`${PHONE_NETWORK_ROUTE}call`, { cache: 'no-store' })
          .then((response) => (response.ok ? (response.json() as Promise<PhoneNetworkCall>) : Promise.reject(new Error(`HTTP ${response.status}`))))
          .then(
            (next) => this.#followPhoneNetwork(next),
            (error: unknown) => this.#set({ state: 'failed', status: `Phone network: lost the console server (${error instanceof Error ? error.message : String(error)})` }),
          );
      }, PHONE_NETWORK_POLL_MS);
    }
  }

  /**
   * Places the call to the agent, or to `to`: another SIP user, e.g. a queue of the SIP edge
   * (sip:queue-sales@..., whose agents Kamailio rings one at a time). Throws when not registered
   * or a call is under way.
   */
  async call(call: SimulatedCall, to: string = this.#options.agentUser): Promise<void> {
    const ua = this.#phone.userAgent;
    if (!ua || this.registration !== 'registered') throw new Error('The customer simulator is not registered with the SIP server yet.');
    if (this.inCall) throw new Error('A call is already under way: hang up first.');
    const { sipDomain } = this.#options;
    const target = UserAgent.makeURI(`sip:${to}@${sipDomain}`);
    if (!target) throw new Error(`Cannot make a SIP URI for ${to}@${sipDomain}`);
    const interactionId = newInteractionId();
    const number = call.number.trim();
    const name = call.name.trim();
    const fromUri = number === '' ? 'sip:anonymous@anonymous.invalid' : `sip:${sipUserOf(number)}@${sipDomain}`;
    const options: InviterOptions = {
      extraHeaders: contractHeaders(call, interactionId, sipDomain),
      params: { fromUri, fromDisplayName: name === '' ? (number === '' ? 'Anonymous' : '') : quotedDisplayName(name) },
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: call.kind === 'video' } },
    };
    this.#callOptions = options;
    this.#line = 'browser';
    this.#phoneNetworkCall = undefined;
    this.#lastInteractionId = interactionId;
    this.#transferredTo = undefined;
    this.#referred = undefined;
    await this.#place(new Inviter(ua, target, this.#withReferHandling(options)), 'Calling...');
  }

  /** The call's options, with REFERs followed (a blind transfer) instead of left to sip.js, and the agent's re-INVITEs timed. */
  #withReferHandling(options: InviterOptions): InviterOptions {
    return {
      ...options,
      extraHeaders: [...(options.extraHeaders ?? [])],
      delegate: {
        onRefer: (referral) => void this.#followReferral(referral),
        onInvite: () => {
          this.#lastReinviteAt = Date.now();
        },
      },
    };
  }

  /** Places `inviter`'s INVITE and follows it to the end. */
  async #place(inviter: Inviter, callingStatus: string): Promise<void> {
    this.#session = inviter;
    this.#lastStatusCode = undefined;
    this.#lastReasonPhrase = undefined;
    this.#cancelled = false;
    inviter.stateChange.addListener((state) => this.#onSessionState(inviter, state));
    this.#set({ state: 'calling', status: callingStatus });
    const response = (label: string) => (incoming: IncomingResponse) => {
      if (this.#session !== inviter) return;
      const code = incoming.message.statusCode ?? 0;
      this.#lastStatusCode = code;
      this.#lastReasonPhrase = incoming.message.reasonPhrase;
      if (label === 'progress' && this.#state === 'calling' && code >= 180) {
        this.#set({ state: 'ringing', status: this.#callStatus('Ringing') });
      } else if (label === 'reject' && this.#cancelled) {
        this.#set({ state: 'ended', status: this.#callStatus('Ended (hung up before the agent answered)') });
      } else if (label === 'reject') {
        const why = `${code} ${incoming.message.reasonPhrase ?? ''}`.trim();
        if (!this.#backFromFailedTransfer(why)) this.#set({ state: 'rejected', status: this.#callStatus(`Rejected (${why})`) });
      }
    };
    try {
      await inviter.invite({ requestDelegate: { onProgress: response('progress'), onReject: response('reject'), onAccept: response('accept') } });
    } catch (error) {
      if (this.#session !== inviter) return;
      const why = error instanceof Error ? error.message : String(error);
      if (this.#backFromFailedTransfer(why)) return;
      this.#session = undefined;
      this.#set({ state: 'failed', status: this.#callStatus(`Call failed: ${why}`) });
    }
  }

  /**
   * The call a REFER asked for failed: when the agent has not left the first call, the customer
   * is still on it (state connected again). False when there is no such call to go back to.
   */
  #backFromFailedTransfer(why: string): boolean {
    const referred = this.#referred;
    const target = this.#transferredTo;
    if (!referred || target === undefined || referred.state !== SessionState.Established) return false;
    this.#referred = undefined;
    this.#transferredTo = undefined;
    this.#session = referred;
    playRemoteMedia(referred, this.#remoteMedia);
    this.#set({ state: 'connected', status: `Transfer to ${target} failed (${why}); still with the agent` });
    return true;
  }

  /**
   * A REFER from the agent on the connected call (a blind transfer): accepts it (202) and calls
   * the Refer-To target as the same caller, with the same contract headers. The agent's leg stays
   * up until the agent ends it (after the NOTIFY that says how the new call went).
   */
  async #followReferral(referral: Referral): Promise<void> {
    const from = this.#session;
    const options = this.#callOptions;
    if (!from || !options || this.#state !== 'connected') {
      await referral.reject({ statusCode: 488, reasonPhrase: 'Not Acceptable Here' });
      return;
    }
    const target = referral.referTo.uri;
    this.#transferredTo = target.user === undefined ? target.toString() : unescapedUser(target.user);
    this.#referred = from;
    await referral.accept();
    await this.#place(referral.makeInviter(this.#withReferHandling(options)), `Transferred to ${this.#transferredTo}`);
  }

  #onSessionState(session: Session, state: SessionState): void {
    if (this.#session !== session) return;
    if (state === SessionState.Established) {
      playRemoteMedia(session, this.#remoteMedia);
      this.#set({ state: 'connected', status: this.#callStatus('Connected') });
    } else if (state === SessionState.Terminated) {
      clearRemoteMedia(this.#remoteMedia);
      if (this.#state === 'rejected' || this.#state === 'failed' || this.#state === 'ended') return;
      const status = this.#state === 'connected' ? 'Ended' : this.#cancelled ? 'Ended (hung up before the agent answered)' : 'Ended (not answered)';
      this.#set({ state: 'ended', status: this.#callStatus(status) });
    }
  }

  /**
   * Hangs up: CANCEL while ringing, BYE once connected (and BYE to the agent still on a call being transferred).
   * `reason`: a Reason header for the BYE (RFC 3326), as the platform ends a callback's agent leg to say how the
   * customer's line went (`SIP;cause=480;text="Temporarily Unavailable"`; the SIP header contract).
   */
  async hangUp(reason?: string): Promise<void> {
    if (this.#line !== 'browser') {
      if (this.inCall) this.#followPhoneNetwork(await this.#phoneNetworkRequest('hangup', {}));
      return;
    }
    const referred = this.#referred;
    this.#referred = undefined;
    if (referred?.state === SessionState.Established) await referred.bye().catch(() => undefined);
    const session = this.#session;
    if (!session || !this.inCall) return;
    if (session.state === SessionState.Established) await session.bye(reason ? { requestOptions: { extraHeaders: [`Reason: ${headerValue(reason)}`] } } : undefined);
    else if (session instanceof Inviter && (session.state === SessionState.Initial || session.state === SessionState.Establishing)) {
      this.#cancelled = true;
      await session.cancel();
    }
    else await session.dispose();
  }

  /** WebRTC figures of the current or last call from this browser (zeros before any, and for a phone-network call: see {@link phoneNetworkCall}). */
  mediaStats(): Promise<SimulatorMediaStats> {
    return sessionMediaStats(this.#session);
  }

  /** How loud `frequencies` are in what the customer hears on the call from this browser (sip-phone.ts remoteToneLevels). */
  toneLevels(frequencies: readonly number[]): Promise<ToneLevels> {
    return remoteToneLevels(this.#state === 'connected' ? this.#session : undefined, frequencies);
  }

  /** Unregisters and disconnects. */
  async stop(): Promise<void> {
    await this.hangUp().catch(() => undefined);
    await this.#phone.stop();
    this.#painted?.stop();
  }
}
