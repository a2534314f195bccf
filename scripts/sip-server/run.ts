/**
 * Runs the project's SIP edge (Kamailio and rtpengine) until Ctrl-C:
 *   SIP_WS_PORT=8080 SIP_UDP_PORT=5060 node scripts/sip-server/run.ts
 * Optional (docs/sip-edge.md):
 *   SIP_WSS_PORT=8443                 also serve wss:// (the local self-signed certificate,
 *                                     or SIP_TLS_CERT and SIP_TLS_KEY files)
 *   SIP_AUTH_SECRET=<secret>          authenticate WebSocket clients (time-limited credentials
 *                                     signed with this secret; see sip-credential.ts)
 *   SIP_PLATFORM_USERS=customer-*     authenticated users whose X-CP-* headers are kept
 *   SIP_TRUNKS=127.0.0.1,127.0.0.3    trusted trunk addresses (default 127.0.0.1)
 *   SIP_QUEUES_FILE=my-queues.list    the queues (hunt groups; default scripts/sip-server/queues.list,
 *                                     its format in queues.ts)
 */
import { readFileSync } from 'node:fs';
import { startKamailio, type KamailioOptions } from './kamailio.ts';
import { parseQueuesList } from './queues.ts';

function port(name: string, fallback: number | undefined): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    console.error(`${name} must be a port number (1-65535), got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  return value;
}

const list = (name: string) => (process.env[name] ?? '').split(/[\s,]+/).filter(Boolean);

const wsPort = port('SIP_WS_PORT', 8080)!;
const udpPort = port('SIP_UDP_PORT', 5060)!;
const wssPort = port('SIP_WSS_PORT', undefined);
const certFile = process.env.SIP_TLS_CERT || undefined;
const keyFile = process.env.SIP_TLS_KEY || undefined;
const secret = process.env.SIP_AUTH_SECRET || undefined;
const trunks = list('SIP_TRUNKS');
const queuesFile = process.env.SIP_QUEUES_FILE || undefined;

const options: KamailioOptions = {
  wsPort,
  udpPort,
  name: 'console',
  ...(wssPort === undefined ? {} : { tls: { port: wssPort, ...(certFile ? { certFile } : {}), ...(keyFile ? { keyFile } : {}) } }),
  ...(secret === undefined ? {} : { auth: { secret, platformUsers: list('SIP_PLATFORM_USERS') } }),
  ...(trunks.length === 0 ? {} : { trunks }),
};

try {
  const queues = queuesFile === undefined ? undefined : parseQueuesList(readFileSync(queuesFile, 'utf8'));
  const kamailio = await startKamailio({ ...options, ...(queues === undefined ? {} : { queues }) });
  const { ngPort, rtpPorts } = kamailio.mediaGateway;
  console.log(
    [
      `SIP edge up in ${kamailio.startMs} ms:`,
      `  WebSocket      ${kamailio.wsUrl}`,
      ...(kamailio.wssUrl ? [`  WSS            ${kamailio.wssUrl} (certificate ${kamailio.tlsCertFile}, SPKI sha256/base64 ${kamailio.tlsSpki})`] : []),
      `  UDP            127.0.0.1:${kamailio.udpPort} (trunks: ${kamailio.trunks.join(', ')})`,
      ...kamailio.queues.map((queue) => `  queue          sip:${queue.address}@127.0.0.1 rings ${queue.members.join(', ')} in turn, ${queue.ringSeconds} s each`),
      `  rtpengine      ng udp 127.0.0.1:${ngPort}, RTP ${rtpPorts[0]}-${rtpPorts[1]}`,
      `  authentication ${kamailio.authenticated ? 'ON (time-limited credentials)' : 'OFF: anyone may register as anyone'}`,
      `  logs           ${kamailio.logFile}, ${kamailio.mediaGateway.logFile}`,
      'Ctrl-C stops it.',
    ].join('\n'),
  );
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
