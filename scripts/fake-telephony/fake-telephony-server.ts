/**
 * A fake of Salesforce's Telephony Integration REST API (https://{MyDomain}.my.salesforce-scrt.com
 * /telephony/v1), enough of it for the voice call service: Create a Voice Call Record. It answers
 * as Salesforce documents, each rule with its source:
 *
 * - Authorization (voice_rest_authorization.htm, "Telephony Integration REST API
 *   Authorization"): every request carries `Authorization: Bearer <JWT>` signed RS256 with the
 *   contact center's private key; the public key is the contact center's certificate. Claims:
 *   iss = the org id, sub = the contact center API name, aud = https://scrt.salesforce.com,
 *   exp "within 3 minutes". A token that fails any of these gets 401.
 * - POST /telephony/v1/voiceCalls (voice_rest_voicecalls_create.htm, "Create a Voice Call
 *   Record"): headers Authorization and Content-Type (JSON or XML; this fake reads JSON) are
 *   required; body fields callCenterApiName, vendorCallKey, to, from, initiationMethod,
 *   startTime and participants (at least one, each { participantKey, type } with type END_USER
 *   or HUMAN_AGENT) are required; parentVoiceCallId "is required if initiationMethod=transfer"
 *   and names the parent VoiceCall by record id or vendor call key. A missing or malformed field
 *   gets 400.
 * - A second Inbound request with the same vendorCallKey creates nothing: "If another voice call
 *   record with the same vendor call key already exists, a new voice call record won't be
 *   created. Instead, Salesforce returns the Salesforce voice call ID of the existing voice call
 *   record" (the same page, API 55.0-58.0 editions; the current edition adds that transfer legs
 *   may share a key, which this fake allows).
 * - The answer carries the new record's id as `voiceCallId` (read so by ServiceCloudVoiceLambdas
 *   invokeTelephonyIntegrationApi/handler.js and demo-scv-connector src/server/scrtConnector.mjs).
 *   VoiceCall ids start with 0LQ (demo-scv-connector config.env: OVERRIDE_VOICECALLID=0LQxx...).
 * - Org limits (voice_limits_scaling_org_limits.htm, voice_limits_scaling_concurrent_call_errors.htm):
 *   past the concurrent-call limit "the system can't create a VoiceCall record"; the message
 *   Salesforce shows is quoted in the `limit` fault below. The HTTP status of that refusal is not
 *   in the pages reached: 429 (Too Many Requests) is this fake's choice, and the service does not
 *   rely on it beyond logging a different code.
 * Checked again on 2026-12-06 (the current voice-dev-guide voice-rest-voicecalls-create page,
 * voice_rest_authorization.htm, the api-cti guide's "Migrate Multiparty and Transfer Calls": one
 * new 0LQ VoiceCall per leg, parentVoiceCallId linking it to the parent; see
 * scripts/voice-call-service/voice-call-request.ts): the URI, headers, required fields and token
 * claims above hold. Still NOT documented in the pages reached, so chosen here and relied on by
 * nobody: the success status (200 here) and the error body (`{"message": ...}` here). The voice call service accepts
 * any 2xx with a voiceCallId and reads only the status of a failure.
 *
 * Faults for tests and the local console (POST /__fake-telephony/fault {"mode": ...}):
 *   none     answer normally (the default)
 *   refuse   500 to every create
 *   limit    429 with Salesforce's concurrent-call message
 *   hang     never answer (a timeout at the caller)
 * GET /__fake-telephony/voice-calls lists the VoiceCalls created, with the request each came from.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { jwtVerify } from 'jose';
import { makeId } from '../fake-org/salesforce-id.ts';

/** The documented audience of Telephony Integration REST API tokens. */
const AUDIENCE = 'https://scrt.salesforce.com';
/** "exp: the expiration time of the assertion within 3 minutes". */
const MAX_TOKEN_LIFETIME_SECONDS = 180;
/** The VoiceCall key prefix. */
const VOICE_CALL_PREFIX = '0LQ';
/** Salesforce's message when the org is over its concurrent-call limit (voice_limits_scaling_concurrent_call_errors.htm). */
export const CONCURRENT_CALL_LIMIT_MESSAGE =
  "We can't make or receive calls right now because your org has exceeded the maximum number of concurrent calls. Contact your Salesforce admin for help.";

export type FakeTelephonyFault = 'none' | 'refuse' | 'limit' | 'hang';
const FAULTS: readonly FakeTelephonyFault[] = ['none', 'refuse', 'limit', 'hang'];

/** One VoiceCall the fake created, with the request it came from. */
export interface FakeVoiceCall {
  readonly voiceCallId: string;
  readonly vendorCallKey: string;
  readonly initiationMethod: string;
  readonly parentVoiceCallId: string | undefined;
  readonly request: Record<string, unknown>;
  /** The Telephony-Provider-Name header, as sent. */
  readonly providerName: string | undefined;
}

/** The org and contact center the fake stands for. */
export interface FakeTelephonyOptions {
  readonly orgId: string;
  readonly contactCenterApiName: string;
  /** The contact center's public key or certificate (PEM): what Salesforce verifies tokens with. */
  readonly publicKeyPem: string;
  /** 0: any free port. */
  readonly port?: number;
}

/** A running fake. */
export interface RunningFakeTelephony {
  /** http://127.0.0.1:<port>/telephony/v1: the base URL the voice call service is given. */
  readonly baseUrl: string;
  readonly port: number;
  readonly voiceCalls: readonly FakeVoiceCall[];
  setFault(fault: FakeTelephonyFault): void;
  stop(): Promise<void>;
}

const REQUIRED_STRINGS = ['callCenterApiName', 'vendorCallKey', 'to', 'from', 'initiationMethod', 'startTime'] as const;
/** "Allowed values: Inbound / Outbound / Transfer / Conference" (the same page, API 49.0 edition). */
const INITIATION_METHODS = ['Inbound', 'Outbound', 'Transfer', 'Conference'];
const PARTICIPANT_TYPES = ['END_USER', 'HUMAN_AGENT'];

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8' }).end(JSON.stringify(body));
}

/** Why `body` is not a valid Create VoiceCall request, or undefined when it is. */
function problemOf(body: unknown, contactCenterApiName: string, known: (id: string) => boolean): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body is not a JSON object';
  const fields = body as Record<string, unknown>;
  for (const name of REQUIRED_STRINGS) {
    if (typeof fields[name] !== 'string' || (fields[name] as string).trim() === '') return `${name} is required`;
  }
  if (fields.callCenterApiName !== contactCenterApiName) return `no contact center named ${String(fields.callCenterApiName)}`;
  if (!INITIATION_METHODS.some((method) => method.toLowerCase() === String(fields.initiationMethod).toLowerCase())) return `initiationMethod ${String(fields.initiationMethod)} is not allowed`;
  if (Number.isNaN(Date.parse(String(fields.startTime)))) return 'startTime is not a date and time';
  const participants = fields.participants;
  if (!Array.isArray(participants) || participants.length === 0) return 'participants needs at least one participant';
  for (const participant of participants as unknown[]) {
    const p = participant as Record<string, unknown> | null;
    if (typeof p?.participantKey !== 'string' || p.participantKey === '' || !PARTICIPANT_TYPES.includes(String(p.type))) return 'each participant needs participantKey and type END_USER or HUMAN_AGENT';
  }
  const transfer = String(fields.initiationMethod).toLowerCase() === 'transfer';
  if (transfer && typeof fields.parentVoiceCallId !== 'string') return 'parentVoiceCallId is required for a transfer';
  if (transfer && !known(fields.parentVoiceCallId as string)) return `no VoiceCall ${String(fields.parentVoiceCallId)}`;
  return undefined;
}

/** Starts the fake on 127.0.0.1. */
export async function startFakeTelephony(options: FakeTelephonyOptions): Promise<RunningFakeTelephony> {
  const publicKey: KeyObject = createPublicKey(options.publicKeyPem);
  const voiceCalls: FakeVoiceCall[] = [];
  let fault: FakeTelephonyFault = 'none';
  let serial = 1;
  const known = (id: string) => voiceCalls.some((call) => call.voiceCallId === id || call.voiceCallId.slice(0, 15) === id || call.vendorCallKey === id);

  const verifyToken = async (header: string | undefined): Promise<string | undefined> => {
    const token = /^Bearer (\S+)$/.exec(header ?? '')?.[1];
    if (token === undefined) return 'no bearer token';
    try {
      const { payload } = await jwtVerify(token, publicKey, {
        algorithms: ['RS256'],
        audience: AUDIENCE,
        issuer: options.orgId,
        subject: options.contactCenterApiName,
        requiredClaims: ['exp'],
      });
      if ((payload.exp ?? 0) - Date.now() / 1000 > MAX_TOKEN_LIFETIME_SECONDS + 5) return 'the token expires more than 3 minutes from now';
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://fake').pathname;
      if (path === '/__fake-telephony/fault' && req.method === 'POST') {
        const mode = (JSON.parse((await readBody(req)) || '{}') as { mode?: unknown }).mode;
        if (!FAULTS.includes(mode as FakeTelephonyFault)) return answer(res, 400, { message: `mode must be one of ${FAULTS.join(', ')}` });
        fault = mode as FakeTelephonyFault;
        return answer(res, 200, { mode: fault });
      }
      if (path === '/__fake-telephony/voice-calls' && req.method === 'GET') return answer(res, 200, voiceCalls);
      if (path !== '/telephony/v1/voiceCalls') return answer(res, 404, { message: 'not found' });
      if (req.method !== 'POST') return answer(res, 405, { message: 'POST only' });
      const refusedToken = await verifyToken(req.headers.authorization);
      const text = await readBody(req);
      if (refusedToken !== undefined) return answer(res, 401, { message: `invalid token: ${refusedToken}` });
      if (fault === 'hang') return; // never answered; the socket closes when the fake stops
      if (fault === 'refuse') return answer(res, 500, { message: 'internal error' });
      if (fault === 'limit') return answer(res, 429, { message: CONCURRENT_CALL_LIMIT_MESSAGE });
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return answer(res, 400, { message: 'Content-Type must be application/json' });
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return answer(res, 400, { message: 'the body is not JSON' });
      }
      const problem = problemOf(body, options.contactCenterApiName, known);
      if (problem !== undefined) return answer(res, 400, { message: problem });
      const fields = body as Record<string, unknown>;
      const method = String(fields.initiationMethod);
      const vendorCallKey = String(fields.vendorCallKey);
      const existing = method.toLowerCase() === 'inbound' ? voiceCalls.find((call) => call.vendorCallKey === vendorCallKey) : undefined;
      if (existing !== undefined) return answer(res, 200, { voiceCallId: existing.voiceCallId });
      const providerName = req.headers['telephony-provider-name'];
      const created: FakeVoiceCall = {
        voiceCallId: makeId(VOICE_CALL_PREFIX, serial++),
        vendorCallKey,
        initiationMethod: method,
        parentVoiceCallId: typeof fields.parentVoiceCallId === 'string' ? fields.parentVoiceCallId : undefined,
        request: fields,
        providerName: Array.isArray(providerName) ? providerName.join(', ') : providerName,
      };
      voiceCalls.push(created);
      return answer(res, 200, { voiceCallId: created.voiceCallId });
    })().catch((error: unknown) => {
      if (!res.headersSent) answer(res, 500, { message: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/telephony/v1`,
    port,
    voiceCalls,
    setFault: (next) => {
      fault = next;
    },
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
