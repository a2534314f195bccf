/**
 * The voice call service's settings, from the environment (README.md beside this file lists
 * them). Everything is checked at start: a service that cannot sign a token or does not know
 * where Salesforce is refuses to start, rather than failing every call later.
 */
import { readFileSync } from 'node:fs';
import { readPrivateKey } from './telephony-token.ts';
import type { TelephonyApi } from './telephony-client.ts';

/** Everything the service needs to run. */
export interface VoiceCallServiceConfig {
  /** Where the SIP edge reaches the service: 127.0.0.1 unless the edge runs on another host. */
  readonly listenHost: string;
  readonly listenPort: number;
  readonly api: TelephonyApi;
  readonly contactCenter: { readonly apiName: string; readonly phoneNumber: string | undefined };
}

/** The default time Salesforce gets to answer: under the SIP edge's own 3 s (kamailio.cfg VOICE_CALL_TIMEOUT). */
export const DEFAULT_TIMEOUT_MS = 2000;

/** A Salesforce org id: 00D followed by 12 or 15 letters and digits. */
const ORG_ID = /^00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;
/** A contact center API name: a letter, then letters, digits and single underscores (the CallCenter internal name). */
const API_NAME = /^[A-Za-z](?:_?[A-Za-z0-9])*$/;

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim();
  if (!value) throw new Error(`${name} is not set (scripts/voice-call-service/README.md)`);
  return value;
}

/** The configuration from `env`; throws with every problem named. */
export function readServiceConfig(env: NodeJS.ProcessEnv): VoiceCallServiceConfig {
  const baseUrl = required(env, 'CP_TELEPHONY_API_URL');
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new Error(`CP_TELEPHONY_API_URL is not a URL: ${JSON.stringify(baseUrl)}`);
  }
  const loopback = parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
  if (parsed.protocol !== 'https:' && !loopback) throw new Error('CP_TELEPHONY_API_URL must be https:// (http:// only for a fake on this machine)');
  const orgId = required(env, 'CP_SALESFORCE_ORG_ID');
  if (!ORG_ID.test(orgId)) throw new Error(`CP_SALESFORCE_ORG_ID is not an org id (00D...): ${JSON.stringify(orgId)}`);
  const apiName = required(env, 'CP_CONTACT_CENTER_API_NAME');
  if (!API_NAME.test(apiName) || apiName.length > 80) throw new Error(`CP_CONTACT_CENTER_API_NAME is not an API name: ${JSON.stringify(apiName)}`);
  const keyFile = required(env, 'CP_CONTACT_CENTER_PRIVATE_KEY_FILE');
  let pem: string;
  try {
    pem = readFileSync(keyFile, 'utf8');
  } catch (error) {
    throw new Error(`CP_CONTACT_CENTER_PRIVATE_KEY_FILE cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const privateKey = readPrivateKey(pem);
  const timeoutMs = Number(env.CP_TELEPHONY_TIMEOUT_MS ?? DEFAULT_TIMEOUT_MS);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 10_000) throw new Error('CP_TELEPHONY_TIMEOUT_MS must be 100 to 10000 (milliseconds)');
  const listenPort = Number(env.CP_VOICE_CALL_SERVICE_PORT ?? 5081);
  if (!Number.isInteger(listenPort) || listenPort < 1 || listenPort > 65535) throw new Error('CP_VOICE_CALL_SERVICE_PORT must be a port number');
  const phoneNumber = env.CP_CONTACT_CENTER_NUMBER?.trim() || undefined;
  if (phoneNumber !== undefined && !/^\+?[0-9]{3,20}$/.test(phoneNumber)) throw new Error('CP_CONTACT_CENTER_NUMBER must be a phone number (+ and digits)');
  return {
    listenHost: env.CP_VOICE_CALL_SERVICE_HOST?.trim() || '127.0.0.1',
    listenPort,
    api: {
      baseUrl,
      providerName: env.CP_TELEPHONY_PROVIDER_NAME?.trim() || 'ContactPad',
      timeoutMs,
      issuer: { orgId, contactCenterApiName: apiName, privateKey },
    },
    contactCenter: { apiName, phoneNumber },
  };
}
