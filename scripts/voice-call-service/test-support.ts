/**
 * What the voice call service's tests share: a contact center key pair made for the test, a
 * configuration pointing at a fake Telephony Integration API, and a log that keeps its lines.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { VoiceCallServiceConfig } from './service-config.ts';
import type { VoiceCallLogLine } from './voice-call-service.ts';

/** The org and contact center the tests stand for. */
export const TEST_ORG_ID = '00D5g0000012345AAA';
export const TEST_CONTACT_CENTER = 'ContactPad_Voice';

/** A fresh 2048-bit RSA key pair: the private key for the service, the public key (PEM) for the fake. */
export function contactCenterKeys(): { privateKey: KeyObject; privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    privateKeyPem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** A service configuration on a free port of 127.0.0.1 that calls `baseUrl`. */
export function testServiceConfig(baseUrl: string, privateKey: KeyObject, timeoutMs = 2000): VoiceCallServiceConfig {
  return {
    listenHost: '127.0.0.1',
    listenPort: 0,
    api: { baseUrl, providerName: 'ContactPad', timeoutMs, issuer: { orgId: TEST_ORG_ID, contactCenterApiName: TEST_CONTACT_CENTER, privateKey } },
    contactCenter: { apiName: TEST_CONTACT_CENTER, phoneNumber: '+14155550000' },
  };
}

/** A log that keeps what the service wrote. */
export function keptLog(): { lines: VoiceCallLogLine[]; log: (line: VoiceCallLogLine) => void } {
  const lines: VoiceCallLogLine[] = [];
  return { lines, log: (line) => lines.push(line) };
}

/** POSTs the edge's form to the service, as Kamailio's http_connect does. */
export async function askService(serviceUrl: string, fields: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(`${serviceUrl}/voice-calls`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: response.status, text: (await response.text()).trim() };
}
