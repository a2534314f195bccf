/**
 * Runs the voice call service until SIGTERM or Ctrl-C (production: a systemd unit beside
 * Kamailio; README.md beside this file):
 *   CP_TELEPHONY_API_URL=https://acme.my.salesforce-scrt.com/telephony/v1 \
 *   CP_SALESFORCE_ORG_ID=00D... CP_CONTACT_CENTER_API_NAME=ContactPad_Voice \
 *   CP_CONTACT_CENTER_PRIVATE_KEY_FILE=/etc/contactpad/contact-center.key \
 *   node scripts/voice-call-service/main.ts
 */
import { readServiceConfig, type VoiceCallServiceConfig } from './service-config.ts';
import { startVoiceCallService } from './voice-call-service.ts';

let config: VoiceCallServiceConfig;
try {
  config = readServiceConfig(process.env);
} catch (error) {
  console.error(`voice call service: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const service = await startVoiceCallService(config);
console.error(`voice call service: listening on ${service.url}, creating VoiceCalls at ${config.api.baseUrl} for contact center ${config.contactCenter.apiName}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void service.stop().then(() => process.exit(0));
  });
}
