/**
 * VoiceCalls in the local console (off by default; `CONSOLE_VOICE_CALLS=1 npm start`, or
 * startConsole({ voiceCalls: true })): the voice call service that runs beside the SIP edge in
 * production (scripts/voice-call-service), here pointed at the fake Telephony Integration API
 * (scripts/fake-telephony) instead of Salesforce. The contact center's key pair is made for the
 * run and held by this Node process only: the private key goes to the service, the public key to
 * the fake (as the certificate would go to the contact center in Salesforce). Nothing here is
 * served to the browser.
 */
import { generateKeyPairSync } from 'node:crypto';
import { startFakeTelephony } from '../fake-telephony/fake-telephony-server.ts';
import { startVoiceCallService, type VoiceCallLogLine } from '../voice-call-service/voice-call-service.ts';

/** The contact center the console plays: force-app-voice's ContactPad_Voice. */
export const CONSOLE_CONTACT_CENTER = 'ContactPad_Voice';

/** The VoiceCall pieces of a console run. */
export interface ConsoleVoiceCalls {
  /** The voice call service's URL, for Kamailio (voiceCalls.serviceUrl). */
  readonly serviceUrl: string;
  /** http://127.0.0.1:<port>/telephony/v1: the fake; /__fake-telephony/voice-calls lists what it created. */
  readonly telephonyUrl: string;
  stop(): Promise<void>;
}

/** Starts the fake Telephony Integration API and the voice call service for the org `orgId`. */
export async function startConsoleVoiceCalls(orgId: string, log: (line: string) => void): Promise<ConsoleVoiceCalls> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const fake = await startFakeTelephony({ orgId, contactCenterApiName: CONSOLE_CONTACT_CENTER, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
  try {
    const service = await startVoiceCallService(
      {
        listenHost: '127.0.0.1',
        listenPort: 0,
        api: { baseUrl: fake.baseUrl, providerName: 'ContactPad', timeoutMs: 2000, issuer: { orgId, contactCenterApiName: CONSOLE_CONTACT_CENTER, privateKey } },
        contactCenter: { apiName: CONSOLE_CONTACT_CENTER, phoneNumber: undefined },
      },
      (line: VoiceCallLogLine) => log(`voice call service: ${JSON.stringify(line)}`),
    );
    return {
      serviceUrl: service.url,
      telephonyUrl: fake.baseUrl,
      stop: async () => {
        await service.stop();
        await fake.stop();
      },
    };
  } catch (error) {
    await fake.stop();
    throw error;
  }
}
