/**
 * The voice call service: an HTTP server beside the SIP edge. Before Kamailio relays an incoming
 * call or a transfer leg to an agent or a queue, it asks here (POST /voice-calls, form fields
 * call_id, from, to and, for a transfer leg, parent); this service creates the VoiceCall through
 * Salesforce's Telephony Integration REST API and answers with its id, which Kamailio adds to the
 * INVITE as X-CP-Voice-Call-Id.
 *
 * Answers to the edge (text/plain, one line). 200 means the service dealt with the leg, and the
 * line says how (Kamailio 5.6's http_connect hands the script the body of 2xx-4xx answers only,
 * so the outcome travels in the body of a 200):
 *   200 VOICE_CALL_CREATED <VoiceCall id>   created
 *   200 <code>                              Salesforce refused, failed, was over its limits or
 *                                           did not answer in time (codes in outcome-codes.ts)
 *   400 VOICE_CALL_BAD_REQUEST              the edge's fields were not usable
 * Whatever the answer, the edge rings the agent: without the header when there is no id.
 * Every leg is logged as one JSON line with its code. Tokens and keys are never logged.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { VOICE_CALL_OUTCOMES, type VoiceCallOutcome } from './outcome-codes.ts';
import type { VoiceCallServiceConfig } from './service-config.ts';
import { createVoiceCall } from './telephony-client.ts';
import { createVoiceCallBody, readEdgeLeg } from './voice-call-request.ts';

/** One log line: a leg's outcome. */
export interface VoiceCallLogLine {
  readonly time: string;
  readonly code: VoiceCallOutcome;
  readonly callId: string | undefined;
  readonly kind: 'inbound' | 'transfer' | undefined;
  readonly voiceCallId?: string;
  readonly status?: number;
  readonly detail?: string;
  readonly ms: number;
}

/** A running service. */
export interface RunningVoiceCallService {
  /** http://host:port, what the SIP edge is given. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The largest form the edge sends (a Call-ID and three numbers): anything bigger is refused. */
const MAX_BODY_BYTES = 4096;

async function readForm(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  // Kamailio's {s.escape.param} percent-encodes what a URI parameter may not hold but leaves
  // "+" as it is; in a form "+" would be a space, so it is read as the plus of a phone number.
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8').replace(/\+/g, '%2B'));
}

/** The default log: one JSON line on stdout. */
function logToStdout(line: VoiceCallLogLine): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** Starts the service on config.listenHost:listenPort (port 0: any free port). */
export async function startVoiceCallService(config: VoiceCallServiceConfig, log: (line: VoiceCallLogLine) => void = logToStdout): Promise<RunningVoiceCallService> {
  const server: Server = createServer((req, res) => {
    const began = performance.now();
    const reply = (status: number, text: string) => {
      if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }).end(`${text}\n`);
    };
    const path = new URL(req.url ?? '/', 'http://edge').pathname;
    if (path !== '/voice-calls') return reply(404, 'not found');
    if (req.method !== 'POST') return reply(405, 'POST only');
    void (async () => {
      const form = await readForm(req);
      const leg = form === undefined ? { problem: 'the request body is too large' } : readEdgeLeg(form);
      if ('problem' in leg) {
        log({ time: new Date().toISOString(), code: 'VOICE_CALL_BAD_REQUEST', callId: form?.get('call_id') ?? undefined, kind: undefined, detail: leg.problem, ms: Math.round(performance.now() - began) });
        return reply(400, 'VOICE_CALL_BAD_REQUEST');
      }
      const kind = leg.parent === undefined ? 'inbound' : 'transfer';
      const outcome = await createVoiceCall(config.api, createVoiceCallBody(leg, config.contactCenter, new Date()));
      const ms = Math.round(performance.now() - began);
      if (outcome.code === 'VOICE_CALL_CREATED') {
        log({ time: new Date().toISOString(), code: outcome.code, callId: leg.callId, kind, voiceCallId: outcome.voiceCallId, status: outcome.status, ms });
        return reply(200, `${outcome.code} ${outcome.voiceCallId}`);
      }
      log({ time: new Date().toISOString(), code: outcome.code, callId: leg.callId, kind, ...(outcome.status === undefined ? {} : { status: outcome.status }), detail: outcome.detail, ms });
      return reply(200, outcome.code);
    })().catch((error: unknown) => {
      // Not expected (createVoiceCall never throws): still an answer, so the edge does not wait.
      log({ time: new Date().toISOString(), code: 'VOICE_CALL_UNREACHABLE', callId: undefined, kind: undefined, detail: error instanceof Error ? error.message : String(error), ms: Math.round(performance.now() - began) });
      reply(200, 'VOICE_CALL_UNREACHABLE');
    });
  });
  // The edge opens a connection per request; a connection that sends nothing is closed.
  server.requestTimeout = config.api.timeoutMs + 5000;
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(config.listenPort, config.listenHost, () => done());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.listenHost.includes(':') ? `[${config.listenHost}]` : config.listenHost;
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

export { VOICE_CALL_OUTCOMES };
