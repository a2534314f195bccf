/**
 * The agent's time-limited SIP credential, as the crm room fetches it from Salesforce (the Apex
 * REST endpoint ContactPadSipCredential, GET /services/apexrest/contactpad/sip-credential) and the
 * telephony room registers with it: the "REST API for access to TURN services" scheme
 * (draft-uberti-behave-turn-rest-00, section 2.2) that Kamailio's auth_ephemeral checks:
 * username "<expiry, Unix seconds>:<SIP user>", password base64(HMAC-SHA1(secret, username)).
 * ContactPad never sees the secret; it only carries the pair.
 *
 * Pure: the rooms hand credentials over through {@link SipCredentialSource}; when to renew one is
 * computed here from what the endpoint said (`ttl`), never from the browser's clock against
 * `expires`, so a browser clock that differs from Salesforce's does not move the renewal.
 */

/** One credential: the SIP digest pair, and a TURN pair when the org has a TURN secret. */
export interface SipCredential {
  /** `<expiry>:<SIP user>`: the SIP digest username. */
  readonly username: string;
  /** The SIP digest password. */
  readonly password: string;
  /** The SIP user the credential is for (what follows the first ':' of the username). */
  readonly sipUser: string;
  /** Seconds it had left when Salesforce issued it (the endpoint's `ttl`). */
  readonly ttlSeconds: number;
  /** The TURN credential (same scheme, the TURN secret), for the call center's turn:/turns: servers. */
  readonly turn?: { readonly username: string; readonly password: string };
}

/** Fetches a fresh credential for the signed-in agent; rejects with a coded ContactPadError. */
export type SipCredentialSource = () => Promise<SipCredential>;

/** No renewal sooner than this after a credential arrives, whatever its lifetime (no tight loop on a tiny ttl). */
export const MIN_RENEWAL_DELAY_MS = 1000;

/**
 * How long after receiving a credential to renew it: at half its life (6 hours of a 12-hour
 * shift credential), so a renewal that fails leaves the other half to retry in while the phone
 * keeps working; at least {@link MIN_RENEWAL_DELAY_MS}.
 */
export function renewalDelayMs(credential: Pick<SipCredential, 'ttlSeconds'>): number {
  return Math.max(MIN_RENEWAL_DELAY_MS, Math.floor((credential.ttlSeconds * 1000) / 2));
}

/** How long after receiving a credential it stops working (its ttl), as a duration. */
export function lifetimeMs(credential: Pick<SipCredential, 'ttlSeconds'>): number {
  return credential.ttlSeconds * 1000;
}

/** The SIP user a credential username names ('1767268800:agent1' -> 'agent1'); '' when it has no ':'. */
export function credentialUser(username: string): string {
  const at = username.indexOf(':');
  return at < 0 ? '' : username.slice(at + 1);
}

/** Why a credential request failed when Salesforce itself did not take it (sip-credential-failure.ts sets `reason`). */
const SALESFORCE_NOT_ANSWERING = new Set(['server', 'network', 'timeout', 'limit']);

/** Why a credential request failed when Salesforce was down or out of reach (not out of API requests). */
const SALESFORCE_DOWN = new Set(['server', 'network', 'timeout']);

/**
 * Whether a failed credential request met a Salesforce that is down or out of reach (503, no
 * network, no answer): a passing outage, during which no other request of ours is likely to be
 * answered either, so the phone cannot count on one to wake it (see {@link waitsForSalesforce}).
 * Out of API requests (`limit`) and a refused session are not: retrying those soon spends
 * requests the org no longer has, or cannot succeed before the agent logs in again.
 */
export function salesforceDown(error: { readonly code: string; readonly detail: Readonly<Record<string, unknown>> }): boolean {
  const reason = error.detail['reason'];
  return error.code === 'SIP_CREDENTIAL_UNAVAILABLE' && typeof reason === 'string' && SALESFORCE_DOWN.has(reason);
}

/**
 * Whether a failed credential request waits for Salesforce rather than for an admin: the org was
 * unavailable or out of reach (SIP_CREDENTIAL_UNAVAILABLE with `reason` server, network, timeout),
 * out of API requests (`limit`), or refused the session (CRM_SESSION_EXPIRED). Such a request is
 * worth trying again as soon as Salesforce answers another request (the phone's
 * `salesforceAnswered`); one that waits for an admin's fix (no SIP secret, no SIP user...) is not.
 */
export function waitsForSalesforce(error: { readonly code: string; readonly detail: Readonly<Record<string, unknown>> }): boolean {
  if (error.code === 'CRM_SESSION_EXPIRED') return true;
  const reason = error.detail['reason'];
  return error.code === 'SIP_CREDENTIAL_UNAVAILABLE' && typeof reason === 'string' && SALESFORCE_NOT_ANSWERING.has(reason);
}
