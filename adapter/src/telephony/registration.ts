/**
 * The phone's registration with the SIP server, kept alive for the whole shift: it connects
 * the user agent's WebSocket, registers (REGISTER, sip.js Registerer), says how that stands
 * ({@link PhoneConnection}) and, when the server cannot be reached or refuses, tries again
 * after a capped exponential backoff with full jitter (model/retry-backoff.ts), forever.
 *
 * ```
 *   start --> connecting: (with a credential source) a credential first --------> no-credential
 *               |  (credentials.ts: the held one, or a fresh one from Salesforce)    |
 *               v  ua.start() / ua.reconnect()                                       |
 *               | fails ---------------------------------------------> unreachable --+
 *               v onConnect (sip.js UserAgentDelegate: WebSocket open)                |
 *             REGISTER with a fresh Registerer                                       |
 *               | Registerer state Registered ------------------------> registered   |
 *               | refused (onReject: 403...) -------------------------> refused -----+
 *               |   the credential expired: a fresh one, REGISTER again at once, once |
 *               | no answer in REGISTER_TIMEOUT_MS: WebSocket dropped,               |
 *               |   then as onDisconnect                                             |
 *   registered -+ Registerer state Unregistered (refresh refused, expired) > unreach.+
 *   registered -- no answer to "are you there?" (server-watch.ts, serverSilent):     |
 *                 WebSocket dropped, then as onDisconnect                            |
 *   any ------- onDisconnect (sip.js UserAgentDelegate: WebSocket lost) > unreachable+
 *                                                                                    |
 *   the retry, after retryDelay(attempt) through the Clock: REGISTER again on the    |
 *   open WebSocket, or connect again  <----------------------------------------------+
 * ```
 *
 * A refusal is also an error the agent must act on (wrong SIP credentials, an agent the
 * server does not know): the first refusal since the phone last registered comes with a
 * SIP_REGISTRATION_REFUSED error beside the `refused` state (later refusals of the same
 * stretch only update the state, so the agent is told once, not at every retry).
 *
 * With a time-limited credential (credentials.ts), every REGISTER goes out with one: none yet,
 * or the held one about to expire, and a fresh one is fetched first; when that fails the state
 * is `no-credential` (with the source's SIP_CREDENTIAL_UNAVAILABLE) and it is tried again after
 * the credential backoff (minutes at most: each try is a Salesforce API call), or as soon as
 * Salesforce answers another request when the credential waits for Salesforce itself (an outage,
 * the API limit, the session refused: {@link Registration.salesforceAnswered}). A refusal is read
 * for what it says of the credential (credential-refusal.ts): expired, the phone fetches a fresh
 * one and registers again at once, once, then tells SIP_CREDENTIAL_EXPIRED; another user's,
 * SIP_CREDENTIAL_NOT_THIS_AGENT; wrong, SIP_CREDENTIAL_INVALID (and the next try fetches a fresh
 * one). These are tried again at the credential backoff (minutes at most), not the reconnect
 * one. Each error is told once per stretch, like the refusal above.
 *
 * Everything runs on sip.js's events and the Clock's timers; nothing polls.
 */
import { Registerer, RegistererState, UserAgentState, type UserAgent } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import { ContactPadError, isContactPadError, type ErrorCode } from '../model/errors.ts';
import type { PhoneConnection } from '../model/phone-connection.ts';
import { retryDelay, type BackoffPolicy, type RandomSource } from '../model/retry-backoff.ts';
import { salesforceDown, waitsForSalesforce, type SipCredential } from '../model/sip-credential.ts';
import type { CredentialRefusal } from './credential-refusal.ts';
import { CREDENTIAL_RETRY, CREDENTIAL_RETRY_WHILE_SALESFORCE_DOWN } from './credentials.ts';
import { errorText } from './error-text.ts';

/** How long a REGISTER may go unanswered before the phone counts the server as unreachable. */
export const REGISTER_TIMEOUT_MS = 10_000;

/** What the registration needs besides the user agent. */
export interface RegistrationOptions {
  /** The SIP server's WebSocket URL, for the reasons the agent reads. */
  readonly serverUrl: string;
  readonly backoff: BackoffPolicy;
  readonly clock: Clock;
  readonly random: RandomSource;
  /**
   * Hears every change of the connection state (a repeat of the same state is not told
   * twice); `error` is the coded error the agent is told of, with the first refusal.
   */
  readonly report: (state: PhoneConnection, error?: ContactPadError) => void;
  /** The time-limited credential every REGISTER goes out with, when the phone has a credential source (credentials.ts). */
  readonly credentials?: RegistrationCredentials;
  /** The SIP user this phone registers as: a credential for another is not used. */
  readonly user?: string;
}

/** What the registration needs of the phone's credential (credentials.ts SipCredentials). */
export interface RegistrationCredentials {
  /** The held credential, or a fresh one; rejects with a coded error. */
  ready(): Promise<SipCredential>;
  /** A fresh one now. */
  renew(): Promise<SipCredential>;
  /** Drops the held one: the next ready() fetches. */
  forget(): void;
}

type ProblemState = 'unreachable' | 'refused' | 'no-credential';

/** Bounds one step of stopping: resolves when the step settles or its time is up. */
export type StopBound = (step: Promise<unknown>) => Promise<unknown>;

/** The registration of one user agent, from Phone.start to Phone.stop. */
export class Registration {
  readonly #ua: UserAgent;
  readonly #options: RegistrationOptions;
  #running = false;
  /** Counts connection attempts and retries; callbacks of an older one are ignored. */
  #generation = 0;
  /** Failed attempts since the last registration: the backoff's attempt number. */
  #failures = 0;
  #registerer: Registerer | undefined;
  #cancelRetry: (() => void) | undefined;
  #cancelRegisterTimeout: (() => void) | undefined;
  #lastKey = '';
  #lastState: PhoneConnection['state'] | undefined;
  /** Why we closed the WebSocket ourselves, for the report that follows. */
  #disconnectReason: string | undefined;
  /** The errors the agent was told of since the phone last registered (each once a stretch). */
  #told = new Set<ErrorCode>();
  /** An expired credential was renewed and registered again at once in this stretch (once only). */
  #renewedAfterExpiry = false;
  /** The last state told, for {@link tell}. */
  #lastReported: PhoneConnection | undefined;
  /** The retry set is for a credential that waits for Salesforce to answer again (model/sip-credential.ts waitsForSalesforce). */
  #waitingForSalesforce = false;

  constructor(ua: UserAgent, options: RegistrationOptions) {
    this.#ua = ua;
    this.#options = options;
  }

  /** Connects and registers; keeps trying until {@link stop}. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#failures = 0;
    void this.#connect();
  }

  /** Stops trying: no retry and no REGISTER deadline from now on. */
  stop(): void {
    this.#running = false;
    this.#generation++;
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    this.#cancelRegisterTimeout?.();
    this.#cancelRegisterTimeout = undefined;
  }

  /** Every Contact the last accepted REGISTER's 200 OK listed for the agent's address (sip.js Registerer.contacts): this browser and the agent's other devices. Read while registered. */
  get contacts(): readonly string[] {
    return this.#registerer?.contacts ?? [];
  }

  /**
   * After {@link stop}: unregisters (REGISTER with Expires 0) when registered, within `bound`, and
   * lets the Registerer go. Registerer.dispose() is sip.js's public way to do both: it
   * un-REGISTERs a registered Registerer and resolves once the final answer came, then clears its
   * refresh timers (SIP.js 0.21.2 lib/api/registerer.js dispose, "If registered, unregisters and
   * resolves after final response received"). Awaiting only unregister() (it resolves once the
   * request is sent) let the user agent stop before the answer, and the Registerer kept its
   * refresh timer, which fired minutes later on a stopped user agent.
   */
  async unregister(bound: StopBound): Promise<void> {
    const registerer = this.#registerer;
    this.#registerer = undefined;
    if (!registerer) return;
    const disposed = registerer.dispose().catch(() => undefined);
    if (this.#ua.isConnected()) await bound(disposed);
  }

  /** Says the phone is stopped. */
  reportStopped(): void {
    this.#report({ state: 'stopped' });
  }

  /** Tells the agent `error` beside the current state (a failed credential renewal, TURN servers left out), once a stretch per code. */
  tell(error: ContactPadError): void {
    if (!this.#running || this.#told.has(error.code) || !this.#lastReported) return;
    this.#told.add(error.code);
    this.#options.report(this.#lastReported, error);
  }

  /**
   * Salesforce answered a request again (the crm room's, wired by start-rooms.ts): a credential
   * that waits for Salesforce (unavailable, out of API requests, the session refused) is asked
   * for now instead of at the credential backoff's next try, which may be minutes away after an
   * outage. Nothing else changes: one that waits for an admin's fix keeps its backoff, and a
   * try that fails again backs off further, so answers coming often cost at most one credential
   * request each.
   */
  salesforceAnswered(): void {
    if (!this.#running || !this.#waitingForSalesforce || !this.#cancelRetry) return;
    this.#cancelRetry();
    this.#cancelRetry = undefined;
    this.#waitingForSalesforce = false;
    this.#tryAgain(++this.#generation);
  }

  /** sip.js UserAgentDelegate.onConnect (the transport's onConnect): the WebSocket is open, register on it. */
  onConnect(): void {
    if (!this.#running) return;
    this.#register(this.#generation);
  }

  /** sip.js UserAgentDelegate.onDisconnect (the transport's onDisconnect): the WebSocket is gone. */
  onDisconnect(error?: Error): void {
    if (!this.#running) return;
    this.#generation++; // whatever was in flight belongs to the lost connection
    this.#cancelRetry?.();
    this.#cancelRetry = undefined;
    this.#dropRegisterer();
    const reason = this.#disconnectReason ?? `Lost the connection to ${this.#options.serverUrl}${error ? ` (${errorText(error)})` : ''}`;
    this.#disconnectReason = undefined;
    this.#retry('unreachable', reason);
  }

  async #connect(): Promise<void> {
    if (!this.#running) return;
    const generation = ++this.#generation;
    this.#report({ state: 'connecting' });
    const ua = this.#ua;
    // A credential before a WebSocket: an agent Salesforce gives none opens no connection.
    if (!(await this.#credentialReady(generation))) return;
    try {
      if (ua.state === UserAgentState.Started) await ua.reconnect();
      else await ua.start();
      // Connected: onConnect has registered.
    } catch (error) {
      if (generation !== this.#generation || !this.#running) return;
      this.#retry('unreachable', `Cannot connect to ${this.#options.serverUrl} (${errorText(error)})`);
    }
  }

  /**
   * Sends a REGISTER with a fresh Registerer: sip.js sends no new REGISTER while an earlier
   * one (lost with its connection) waits for its timeout (32 s), and says to "dispose of the
   * current Registerer and create a new Registerer" instead (SIP.js 0.21.2 src/api/registerer.ts
   * line 787, waitingWarning; onsip/SIP.js#1071). Whether a REGISTER is outstanding is private
   * (`waiting`, line 765; onsip/SIP.js#1108 would expose it), so every REGISTER gets a fresh one.
   */
  #register(generation: number): void {
    if (!this.#options.credentials) {
      this.#sendRegister(generation);
      return;
    }
    void this.#credentialReady(generation).then((ready) => {
      if (ready) this.#sendRegister(generation);
    });
  }

  /**
   * With a credential source: true once a credential for this phone's user is in the user agent
   * (the held one, or a fresh one); false (and the retry set) when none can be had, or when this
   * attempt is no longer current. Without a source: true.
   */
  async #credentialReady(generation: number): Promise<boolean> {
    const credentials = this.#options.credentials;
    if (!credentials) return true;
    let credential: SipCredential;
    try {
      credential = await credentials.ready();
    } catch (error) {
      if (generation !== this.#generation || !this.#running) return false;
      const coded = isContactPadError(error) ? error : new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', errorText(error));
      this.#retry('no-credential', coded.message, coded);
      return false;
    }
    if (generation !== this.#generation || !this.#running) return false;
    const user = this.#options.user;
    if (user !== undefined && credential.sipUser !== user) {
      credentials.forget();
      const error = (await loadRefusals()).notThisAgent(credential.sipUser, user);
      if (generation === this.#generation && this.#running) this.#retry('no-credential', error.message, error);
      return false;
    }
    return true;
  }

  #sendRegister(generation: number): void {
    this.#dropRegisterer();
    const registerer = new Registerer(this.#ua, { expires: 300 });
    this.#registerer = registerer;
    registerer.stateChange.addListener((state) => {
      if (registerer !== this.#registerer || !this.#running) return;
      if (state === RegistererState.Registered) {
        this.#cancelRegisterTimeout?.();
        this.#failures = 0;
        this.#told.clear();
        this.#renewedAfterExpiry = false;
        this.#report({ state: 'registered' });
      } else if (state === RegistererState.Unregistered && this.#lastState === 'registered') {
        // A refresh was refused or the registration expired: register again.
        this.#retry('unreachable', 'The registration with the phone server was lost');
      }
    });
    this.#cancelRegisterTimeout?.();
    this.#cancelRegisterTimeout = this.#options.clock.schedule(() => this.#registerTimedOut(generation, registerer), REGISTER_TIMEOUT_MS);
    registerer
      .register({
        requestDelegate: {
          onReject: (response) => {
            if (generation !== this.#generation || !this.#running) return;
            const { statusCode, reasonPhrase } = response.message;
            const status = `${statusCode} ${reasonPhrase}`.trim();
            this.#cancelRegisterTimeout?.();
            this.#refused(generation, status, statusCode ?? 0, reasonPhrase ?? '');
          },
        },
      })
      .catch((error: unknown) => {
        if (generation !== this.#generation || !this.#running) return;
        this.#retry('unreachable', `Could not register with ${this.#options.serverUrl} (${errorText(error)})`);
      });
  }

  /**
   * A final refusal of the REGISTER: read for what it says of the credential, when the phone has
   * one (credential-refusal.ts, loaded then: a refusal is off the ring-and-answer path).
   */
  #refused(generation: number, status: string, statusCode: number, reasonPhrase: string): void {
    const credentials = this.#options.credentials;
    if (!credentials) {
      this.#retry('refused', status, refusal(status, statusCode));
      return;
    }
    void loadRefusals().then(({ credentialRefusal, credentialRefusalError }) => {
      if (generation !== this.#generation || !this.#running) return;
      this.#credentialRefused(generation, credentials, status, statusCode, credentialRefusal(statusCode, reasonPhrase), credentialRefusalError);
    });
  }

  #credentialRefused(
    generation: number,
    credentials: RegistrationCredentials,
    status: string,
    statusCode: number,
    kind: CredentialRefusal,
    credentialRefusalError: (kind: Exclude<CredentialRefusal, 'other'>, status: string, statusCode: number) => ContactPadError,
  ): void {
    if (kind === 'other') {
      this.#retry('refused', status, refusal(status, statusCode));
      return;
    }
    if (kind === 'expired' && !this.#renewedAfterExpiry) {
      // Expired: a fresh credential and REGISTER again at once, once per stretch.
      this.#renewedAfterExpiry = true;
      credentials.renew().then(
        () => {
          if (generation === this.#generation && this.#running) this.#register(generation);
        },
        (error: unknown) => {
          if (generation !== this.#generation || !this.#running) return;
          const coded = isContactPadError(error) ? error : new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', errorText(error));
          this.#retry('no-credential', coded.message, coded);
        },
      );
      return;
    }
    // docs/sip-edge.md: these are configuration (secrets apart, users apart, clocks apart), not
    // passing faults: tried again only at the credential backoff (minutes at most). A wrong
    // credential is dropped each time, so a secret an admin corrects in Salesforce is picked up
    // without a reload.
    if (kind === 'invalid') credentials.forget();
    this.#retry('refused', status, credentialRefusalError(kind, status, statusCode), CREDENTIAL_RETRY);
  }

  #registerTimedOut(generation: number, registerer: Registerer): void {
    if (generation !== this.#generation || !this.#running) return;
    if (registerer.state === RegistererState.Registered) return;
    const reason = 'The phone server did not answer the registration';
    if (this.#ua.isConnected()) this.serverSilent(reason);
    else this.#retry('unreachable', reason);
  }

  /**
   * The WebSocket is open but the server answers nothing (no answer to a REGISTER, or to the
   * phone's "are you there?", server-watch.ts): drop it (onDisconnect follows, with `reason`)
   * and start over on a new one.
   */
  serverSilent(reason: string): void {
    if (!this.#running || !this.#ua.isConnected()) return;
    this.#disconnectReason = reason;
    this.#ua.transport.disconnect().catch(() => undefined);
  }

  /**
   * Lets the current Registerer go. sip.js keeps its refresh timers private (Registerer
   * clearTimers, SIP.js 0.21.2 src/api/registerer.ts line 638); dispose() is the public way
   * to stop them, as sip.js's own SessionManager does once the connection is lost
   * (src/platform/web/session-manager/session-manager.ts line 148, onDisconnect). It is only called while the
   * Registerer is not registered on an open WebSocket (refused, lost, or its WebSocket gone:
   * dispose's un-REGISTER then cannot be sent), so it never removes the binding a fresh
   * Registerer of the same contact is making.
   */
  #dropRegisterer(): void {
    const old = this.#registerer;
    this.#registerer = undefined;
    old?.dispose().catch(() => undefined);
  }

  /**
   * Says what went wrong (and `error`, the agent's coded error, unless told already in this
   * stretch) and when the next try is, then tries again after the backoff (`policy`; by default
   * the credential backoff when the phone has no credential, the reconnect backoff otherwise).
   */
  #retry(state: ProblemState, reason: string, error?: ContactPadError, policy?: BackoffPolicy): void {
    if (!this.#running || this.#cancelRetry) return;
    this.#cancelRegisterTimeout?.();
    const { clock, backoff, random } = this.#options;
    const delay = retryDelay(this.#failures, policy ?? this.#policyFor(state, error), random);
    this.#failures++;
    const tell = error && !this.#told.has(error.code) ? error : undefined;
    if (tell) this.#told.add(tell.code);
    this.#report({ state, reason, retryAt: clock.now() + delay }, tell);
    this.#waitingForSalesforce = state === 'no-credential' && error !== undefined && waitsForSalesforce(error);
    const generation = ++this.#generation;
    this.#cancelRetry = clock.schedule(() => {
      this.#cancelRetry = undefined;
      this.#waitingForSalesforce = false;
      this.#tryAgain(generation);
    }, delay);
  }

  /** The backoff of a retry in `state`: the credential's (shorter while Salesforce is down) without a credential, else the reconnect backoff. */
  #policyFor(state: ProblemState, error: ContactPadError | undefined): BackoffPolicy {
    if (state !== 'no-credential') return this.#options.backoff;
    return error && salesforceDown(error) ? CREDENTIAL_RETRY_WHILE_SALESFORCE_DOWN : CREDENTIAL_RETRY;
  }

  /** The retry: REGISTER again on the open WebSocket, or connect again. */
  #tryAgain(generation: number): void {
    if (!this.#running || generation !== this.#generation) return;
    if (this.#ua.isConnected()) {
      this.#report({ state: 'connecting' });
      this.#register(generation);
    } else {
      void this.#connect();
    }
  }

  /** Tells the listener, unless it is what it was told last. */
  #report(state: PhoneConnection, error?: ContactPadError): void {
    const key = JSON.stringify(state);
    if (key === this.#lastKey && !error) return;
    this.#lastKey = key;
    this.#lastState = state.state;
    this.#lastReported = state;
    this.#options.report(state, error);
  }
}

/** What a refusal says of a credential, and the agent's errors for it: loaded with the first refusal. */
function loadRefusals(): Promise<typeof import('./credential-refusal.ts')> {
  return import('./credential-refusal.ts');
}

/** The agent's error for a refused REGISTER (`status`: "403 Forbidden"). */
function refusal(status: string, statusCode: number | undefined): ContactPadError {
  return new ContactPadError('SIP_REGISTRATION_REFUSED', `The phone server refused to register this agent (${status}).`, statusCode ? { detail: { statusCode } } : {});
}
