/**
 * Time-limited SIP credentials, as the SIP server checks them and as the credential endpoint
 * signs them: the "REST API for access to TURN services" scheme (draft-uberti-behave-turn-rest-00,
 * section 2.2) that Kamailio's auth_ephemeral module implements with its defaults
 * (`username_format` 1 and `sha_algorithm` 0):
 *
 *   username = "<expiry, Unix seconds>:<SIP user>"
 *   password = base64(HMAC-SHA1(shared secret, username))
 *
 * The SIP user part is inside the signed username, so a credential cannot register or call as
 * another agent, and the expiry cannot be moved without the secret. The Apex endpoint in
 * force-app (`ContactPadSipCredential`) signs the same way with Crypto.generateMac('HmacSHA1');
 * the fake org and the tests sign with this module. Node only (node:crypto).
 */
import { createHmac, randomBytes } from 'node:crypto';

/** A credential as the endpoint hands it to ContactPad. */
export interface SipCredential {
  /** `<expiry>:<user>`: the SIP digest username. */
  readonly username: string;
  /** base64(HMAC-SHA1(secret, username)): the SIP digest password. */
  readonly password: string;
  /** When it stops working, in ms since the epoch (whole seconds). */
  readonly expiresAt: number;
}

/** A fresh shared secret for a SIP server run (32 random bytes, base64url: no character Kamailio's config would quote). */
export function newEdgeSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Signs a credential for `user` that works until `expiresAtMs` (rounded down to the second). */
export function signSipCredential(secret: string, user: string, expiresAtMs: number): SipCredential {
  if (secret === '') throw new Error('signSipCredential: the shared secret is empty');
  // Agents' SIP users (ContactPadSipCredential.cls allows the same characters) and, for the
  // platform's and the tests' phones, E.164 numbers (+15550100).
  if (!/^\+?[A-Za-z0-9._~-]+$/.test(user)) throw new Error(`signSipCredential: "${user}" is not a SIP user part this server issues credentials for`);
  if (!Number.isFinite(expiresAtMs)) throw new Error('signSipCredential: the expiry is not a time');
  const expiry = Math.floor(expiresAtMs / 1000);
  const username = `${expiry}:${user}`;
  return { username, password: createHmac('sha1', secret).update(username).digest('base64'), expiresAt: expiry * 1000 };
}
