/**
 * The phone's time-limited SIP credential (model/sip-credential.ts): fetched from the source the
 * composition hands over (Salesforce's credential endpoint) before the phone registers, put into
 * the user agent, and renewed at half its life, on the Clock, for as long as the phone runs.
 *
 * ```
 *   ready() --> held and not about to expire? --> the held one
 *                 | no
 *                 v
 *   renew() --> source() --> apply (the user agent's next challenge uses it) --> renewal at ttl/2
 *                 | fails: rejects with the source's coded error (the caller retries)
 *   renewal due --> renew() --> fails: the agent is told once (the held credential keeps working
 *                               until it expires), tried again after a backoff, until it works
 *                               (or as soon as Salesforce answers another request, when the
 *                               failure waits for Salesforce: salesforceAnswered)
 * ```
 *
 * One request at a time: a renewal and a registration that both need a credential share it.
 */
import type { Clock } from '../model/clock.ts';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { retryDelay, type BackoffPolicy, type RandomSource } from '../model/retry-backoff.ts';
import { lifetimeMs, renewalDelayMs, waitsForSalesforce, type SipCredential, type SipCredentialSource } from '../model/sip-credential.ts';
import { errorText } from './error-text.ts';

/**
 * How failed credential requests back off: from 2 s up to 5 minutes (full jitter). Each request
 * is one Salesforce API call from each agent's browser, and what fails for one agent (no secret
 * set, no SIP user) fails for all of them: a cap of minutes keeps a misconfigured org from
 * spending its shared daily API allocation on retries.
 */
export const CREDENTIAL_RETRY: BackoffPolicy = Object.freeze({ baseMs: 2000, capMs: 300_000 });

/**
 * How a phone without a credential backs off while Salesforce is down or out of reach (503, no
 * network, no answer: model/sip-credential.ts salesforceDown): from 2 s up to 15 s. A Ready
 * agent without a phone misses calls, and once Salesforce is back the first answer wakes the
 * phone only if some other request of ours is made (registration.ts salesforceAnswered); with
 * the minutes of CREDENTIAL_RETRY the phone was ready 15-38 s after a 90 s outage ended (the
 * fault suite's org outage). One request per agent every 7.5 s on average is what it costs
 * while the org is down, when the request limit is not what fails.
 */
export const CREDENTIAL_RETRY_WHILE_SALESFORCE_DOWN: BackoffPolicy = Object.freeze({ baseMs: 2000, capMs: 15_000 });

/** A credential this close to its expiry is not used for a new registration: a fresh one is fetched first. */
export const CREDENTIAL_SAFETY_MS = 60_000;

/** What the keeper needs. */
export interface SipCredentialsOptions {
  readonly source: SipCredentialSource;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Puts a credential into the user agent: the next REGISTER and the next INVITE challenged use it. */
  readonly apply: (credential: SipCredential) => void;
  /**
   * A renewal in the background failed: `error` says why, the held credential keeps working
   * until `expiresAt` (epoch ms). Told once per failing stretch.
   */
  readonly renewalFailed: (error: ContactPadError, expiresAt: number) => void;
}

interface Held {
  readonly credential: SipCredential;
  /** When it stops working, by this clock (received + ttl: never the browser's reading of `expires`). */
  readonly expiresAt: number;
  /** When to renew it. */
  readonly renewAt: number;
}

/** The source's failure as a coded error (a source that throws something else is a bug: still told as unavailable). */
function coded(error: unknown): ContactPadError {
  if (isContactPadError(error)) return error;
  return new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', `The phone cannot register without a SIP credential: ${errorText(error)}`, { cause: error, detail: { reason: 'unexpected' } });
}

/** The phone's credential, from its first fetch to the phone's stop (and kept for a later start). */
export class SipCredentials {
  readonly #options: SipCredentialsOptions;
  #held: Held | undefined;
  #inflight: Promise<SipCredential> | undefined;
  #running = false;
  #cancelRenewal: (() => void) | undefined;
  /** Failed renewals in a row: the backoff's attempt number. */
  #failures = 0;
  /** The agent was told of a failing renewal in this stretch. */
  #told = false;
  /** The renewal's retry is set for a failure that waits for Salesforce to answer again (model/sip-credential.ts waitsForSalesforce). */
  #waitingForSalesforce = false;

  constructor(options: SipCredentialsOptions) {
    this.#options = options;
  }

  /** The credential held now, if any. */
  get current(): SipCredential | undefined {
    return this.#held?.credential;
  }

  /** Renews in the background from now on (a held credential at its due time). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    if (this.#held) this.#schedule(Math.max(0, this.#held.renewAt - this.#options.clock.now()));
  }

  /** No more renewals (the phone stopped); the held credential stays for a later start. */
  stop(): void {
    this.#running = false;
    this.#cancelRenewal?.();
    this.#cancelRenewal = undefined;
  }

  /**
   * A credential to register with: the held one while it is more than
   * {@link CREDENTIAL_SAFETY_MS} from expiring, else a fresh one. Rejects with a ContactPadError.
   */
  ready(): Promise<SipCredential> {
    const held = this.#held;
    if (held && this.#options.clock.now() < held.expiresAt - CREDENTIAL_SAFETY_MS) return Promise.resolve(held.credential);
    return this.renew();
  }

  /** Fetches a fresh credential now (sharing a request already under way), applies it and schedules its renewal. */
  renew(): Promise<SipCredential> {
    this.#inflight ??= this.#fetch().finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  /**
   * Salesforce answered a request again (the crm room's): a renewal retry that waits for
   * Salesforce goes now, not at its backoff (one that waits for an admin's fix keeps it).
   */
  salesforceAnswered(): void {
    if (!this.#running || !this.#waitingForSalesforce || !this.#cancelRenewal) return;
    this.#waitingForSalesforce = false;
    this.#schedule(0);
  }

  /** Forgets the held credential (the server refused it as wrong): the next {@link ready} fetches a fresh one. */
  forget(): void {
    this.#held = undefined;
  }

  async #fetch(): Promise<SipCredential> {
    let credential: SipCredential;
    try {
      credential = await this.#options.source();
    } catch (error) {
      throw coded(error);
    }
    const now = this.#options.clock.now();
    this.#held = { credential, expiresAt: now + lifetimeMs(credential), renewAt: now + renewalDelayMs(credential) };
    this.#failures = 0;
    this.#told = false;
    this.#options.apply(credential);
    this.#schedule(renewalDelayMs(credential));
    return credential;
  }

  #schedule(delayMs: number): void {
    this.#waitingForSalesforce = false;
    this.#cancelRenewal?.();
    this.#cancelRenewal = undefined;
    if (!this.#running) return;
    this.#cancelRenewal = this.#options.clock.schedule(() => {
      this.#cancelRenewal = undefined;
      void this.#renewInBackground();
    }, delayMs);
  }

  async #renewInBackground(): Promise<void> {
    try {
      await this.renew();
    } catch (error) {
      if (!this.#running) return;
      const { clock, random, renewalFailed } = this.#options;
      const failure = coded(error);
      if (!this.#told) {
        this.#told = true;
        renewalFailed(failure, this.#held?.expiresAt ?? clock.now());
      }
      this.#schedule(retryDelay(this.#failures++, CREDENTIAL_RETRY, random));
      this.#waitingForSalesforce = waitsForSalesforce(failure);
    }
  }
}
