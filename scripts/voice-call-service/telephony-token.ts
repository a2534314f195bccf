/**
 * The bearer token of the Telephony Integration REST API: a JWT signed with the contact
 * center's private key (RS256). The claims, as Salesforce documents them in "Telephony
 * Integration REST API Authorization"
 * (developer.salesforce.com/docs/atlas.en-us.voice_developer_guide.meta/voice_developer_guide/voice_rest_authorization.htm):
 *   header {"alg":"RS256"};
 *   iss  the Salesforce org id where the contact center is set up and the certificate registered;
 *   sub  the contact center's API name ("Salesforce Call Center API Name");
 *   aud  https://scrt.salesforce.com;
 *   exp  within 3 minutes, seconds since the epoch;
 *   jti  ("jwtId") a unique id per token.
 * Salesforce's own callers sign the same claims: service-cloud-voice/ServiceCloudVoiceLambdas
 * invokeTelephonyIntegrationApi/utils.js generateJWT (issuer orgId, subject callCenterApiName,
 * RS256, jwtid uuid) with config.js audience "https://scrt.salesforce.com", and
 * salesforce/demo-scv-connector src/server/scrtConnector.mjs getToken (issuer orgId, subject
 * callCenterName, RS256).
 *
 * Checked again on 2026-12-06: the current edition of that page adds `iat` (issued at, seconds
 * since the epoch; set here) and says the key may be 1024, 2048 or 4096 bits (the preview
 * edition, 2048 or 4096; the service takes 2048 and 4096). Salesforce's Lambda config.js signs
 * for 5 minutes ("tokenValidFor"), longer than the page's 3; 2 minutes here keeps within both.
 *
 * Signed with `jose` (SignJWT), never by hand. The key stays in this process: it is read from a
 * file on the server beside the SIP edge and never sent anywhere.
 */
import { createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

/** The audience Salesforce documents for Telephony Integration REST API tokens. */
export const TELEPHONY_API_AUDIENCE = 'https://scrt.salesforce.com';

/** Seconds a token lives: under the documented 3 minutes, with room for a clock a little off. */
export const TOKEN_LIFETIME_SECONDS = 120;

/** Who signs: the org and contact center the key pair belongs to. */
export interface TokenIssuer {
  readonly orgId: string;
  readonly contactCenterApiName: string;
  readonly privateKey: KeyObject;
}

/**
 * The contact center's private key from PEM text: PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1
 * ("BEGIN RSA PRIVATE KEY", what `openssl genrsa` writes). Only RSA keys of 2048 bits or more:
 * Salesforce recommends 2048 and accepts 2048 or 4096.
 */
export function readPrivateKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new Error(`the contact center's private key is not a PEM private key (${error instanceof Error ? error.message : String(error)})`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`the contact center's private key must be RSA (RS256), not ${key.asymmetricKeyType ?? 'unknown'}`);
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < 2048) throw new Error(`the contact center's private key has ${bits} bits; use 2048 or 4096`);
  return key;
}

/** A fresh token for one request (a new jti each time). `now` in milliseconds. */
export async function signTelephonyToken(issuer: TokenIssuer, now = Date.now()): Promise<string> {
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(issuer.orgId)
    .setSubject(issuer.contactCenterApiName)
    .setAudience(TELEPHONY_API_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + TOKEN_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(issuer.privateKey);
}
