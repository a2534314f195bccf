/**
 * Runs the project's SIP server (Kamailio) until Ctrl-C:
 *   SIP_WS_PORT=8080 SIP_UDP_PORT=5060 node scripts/sip-server/run.ts
 */
import { startKamailio } from './kamailio.ts';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} must be a port number (1-65535), got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

const wsPort = port('SIP_WS_PORT', 8080);
const udpPort = port('SIP_UDP_PORT', 5060);
try {
  const kamailio = await startKamailio({ wsPort, udpPort, name: 'console' });
  console.log(`Kamailio is up: WebSocket ${kamailio.wsUrl}, UDP 127.0.0.1:${kamailio.udpPort}. Log: ${kamailio.logFile}. Ctrl-C stops it.`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void kamailio.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
