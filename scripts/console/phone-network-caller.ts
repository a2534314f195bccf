/**
 * The local console's caller from the phone network: on the customer simulator's request the
 * console server starts a real plain-RTP phone (baresip, scripts/sip-peers/baresip.ts: RTP/AVP,
 * no ICE, no DTLS, a 440 Hz tone as its voice) that calls the agent through Kamailio's UDP
 * port, as a SIP trunk would; rtpengine turns its media into WebRTC for ContactPad.
 *
 *   POST /__phone-network/call     {"name", "number", "codecs": "opus+pcmu" | "pcmu"}  -> 202 the call
 *   POST /__phone-network/hangup   -> 200 the call (CANCEL before the answer, BYE after)
 *   GET  /__phone-network/call     -> 200 the call: { state, status, callId, codec, packetsSent, packetsReceived... }
 *
 * One call at a time (409 while one is under way). A trunk passes the caller's name and number
 * only (no X-CP-* headers). POSTs must be JSON from the console's own page: a cross-site form
 * cannot send that Content-Type without a CORS preflight, which this server never grants, and an
 * Origin other than the console's is refused. Each call's phone quits when the call ends, and
 * after 30 minutes whatever happens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startBaresip, type BaresipCodecs, type RunningBaresip } from '../sip-peers/baresip.ts';

/** The phone-network call's state, as the simulator shows it. */
export type PhoneNetworkCallState = 'idle' | 'calling' | 'ringing' | 'connected' | 'ended' | 'rejected' | 'failed';

/** What GET /__phone-network/call answers. */
export interface PhoneNetworkCall {
  readonly state: PhoneNetworkCallState;
  readonly status: string;
  /** The SIP Call-ID (ContactPad's interaction id for a call without X-CP-Interaction-Id). */
  readonly callId: string | undefined;
  readonly number: string;
  readonly name: string;
  readonly codecs: BaresipCodecs;
  /** The final SIP status of a refused call (486, 480, 404...). */
  readonly statusCode: number | undefined;
  /** What the phone sends and decodes ("PCMU 8000Hz/1ch"), and its RTP counts, while connected and after. */
  readonly codec: string;
  readonly packetsSent: number;
  readonly packetsReceived: number;
}

/** The route's handler and what it started. */
export interface PhoneNetworkCaller {
  /** Handles /__phone-network/*; false (nothing sent) for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Hangs up and stops the phone. */
  stop(): Promise<void>;
}

/** Options of {@link createPhoneNetworkCaller}. */
export interface PhoneNetworkCallerOptions {
  /** Kamailio's SIP over UDP port on 127.0.0.1. */
  readonly sipUdpPort: number;
  /** The agent's address, e.g. sip:agent1@127.0.0.1. */
  readonly agentUri: string;
  /** The console's own origin (http://127.0.0.1:<port>): the only Origin allowed to POST. */
  readonly origin: string;
  /** Names the phone's run folder (.run/baresip-phone-network-<name>). */
  readonly name: string;
}

const PREFIX = '/__phone-network/';
const MAX_BODY = 2048;
const MAX_CALL_SECONDS = 1800;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

/**
 * The caller's number as a SIP user part: '+' and digits only ('+1 (415) 555-0100' ->
 * '+14155550100'); '' (anonymous) when blank; undefined when it is not a phone number.
 */
export function phoneNetworkUser(number: string): string | undefined {
  const trimmed = number.trim();
  if (trimmed === '') return '';
  if (!/^\+?[\d\s().-]{3,30}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/[^\d]/g, '');
  if (digits.length < 3 || digits.length > 15) return undefined;
  return `${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

/** A display name a trunk could pass on: one line, no quotes or backslashes, at most 60 characters. */
export function phoneNetworkName(name: string): string {
  return name.replace(/[\0-\x1f\x7f"\\]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
}

/** The request a POST /__phone-network/call carries, checked; a message for the person when it is wrong. */
export function readCallRequest(body: string): { name: string; user: string; number: string; codecs: BaresipCodecs } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { error: 'The request is not JSON.' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { error: 'The request is not a JSON object.' };
  const { name = '', number = '', codecs = 'opus+pcmu' } = parsed as Record<string, unknown>;
  if (typeof name !== 'string' || typeof number !== 'string') return { error: 'name and number must be text.' };
  if (codecs !== 'opus+pcmu' && codecs !== 'pcmu') return { error: 'codecs must be "opus+pcmu" or "pcmu".' };
  const user = phoneNetworkUser(number);
  if (user === undefined) return { error: `A caller from the phone network needs a phone number (digits, + and spaces), not ${JSON.stringify(number.slice(0, 40))}.` };
  return { name: phoneNetworkName(name), user, number: number.trim(), codecs };
}

/** Creates the route's handler; nothing starts until the page asks for a call. */
export function createPhoneNetworkCaller(options: PhoneNetworkCallerOptions): PhoneNetworkCaller {
  let call: PhoneNetworkCall = { state: 'idle', status: 'No phone-network call yet', callId: undefined, number: '', name: '', codecs: 'opus+pcmu', statusCode: undefined, codec: '', packetsSent: 0, packetsReceived: 0 };
  let phone: RunningBaresip | undefined;
  let generation = 0;
  const inCall = () => call.state === 'calling' || call.state === 'ringing' || call.state === 'connected';
  const set = (change: Partial<PhoneNetworkCall>) => {
    call = { ...call, ...change };
  };

  /** Refreshes the RTP figures from the phone while it runs. */
  const withFigures = async (): Promise<PhoneNetworkCall> => {
    if (phone && call.state === 'connected') {
      const stats = await phone.audioStats().catch(() => undefined);
      if (stats) set({ codec: stats.encoder, packetsSent: stats.packetsSent, packetsReceived: stats.packetsReceived });
    }
    return call;
  };

  const place = async (request: { name: string; user: string; number: string; codecs: BaresipCodecs }): Promise<void> => {
    const mine = ++generation;
    const who = request.number || 'an anonymous caller';
    set({ state: 'calling', status: `Calling the agent from ${who} (plain RTP, ${request.codecs === 'pcmu' ? 'PCMU only' : 'opus and PCMU'})...`, callId: undefined, number: request.number, name: request.name, codecs: request.codecs, statusCode: undefined, codec: '', packetsSent: 0, packetsReceived: 0 });
    let started: RunningBaresip | undefined;
    const finish = async (reason: string, byPeer: boolean) => {
      await withFigures();
      const code = Number(/^(\d{3})\b/.exec(reason)?.[1] ?? 0) || undefined;
      if (call.state === 'connected') set({ state: 'ended', status: byPeer ? 'Ended by the agent' : 'Ended (you hung up)' });
      else if (code) set({ state: 'rejected', status: `Rejected (${reason})`, statusCode: code });
      else if (byPeer || /reset by user/i.test(reason)) set({ state: 'ended', status: 'Ended (hung up before the agent answered)' });
      else set({ state: 'failed', status: `Call failed: ${reason}` });
      if (phone === started) phone = undefined;
      await started?.stop();
    };
    try {
      started = await startBaresip({
        name: `phone-network-${options.name}`,
        proxyPort: options.sipUdpPort,
        user: request.user || 'anonymous',
        ...(request.name ? { displayName: request.name } : {}),
        codecs: request.codecs,
        maxLifetimeSeconds: MAX_CALL_SECONDS,
      });
      if (mine !== generation) return void (await started.stop());
      phone = started;
      // This phone places one call: every call event is about it.
      started.onEvent((event) => {
        if (mine !== generation) return;
        if ((event.type === 'CALL_RINGING' || event.type === 'CALL_PROGRESS') && call.state === 'calling') set({ state: 'ringing', status: `Ringing the agent from ${who}` });
        else if (event.type === 'CALL_ESTABLISHED') set({ state: 'connected', status: `Connected from ${who}: the agent hears a 440 Hz tone` });
        else if (event.type === 'CALL_CLOSED') void finish(event.param ?? '', /reset by peer/i.test(event.param ?? ''));
      });
      set({ callId: await started.dial(options.agentUri) });
    } catch (error) {
      if (mine !== generation) return;
      set({ state: 'failed', status: `The phone-network caller could not call: ${(error as Error).message.split('\n')[0]}` });
      if (phone === started) phone = undefined;
      await started?.stop();
    }
  };

  const hangUp = async (): Promise<void> => {
    if (!phone || !inCall()) return;
    await phone.hangUp();
  };

  const stop = async (): Promise<void> => {
    generation++;
    const running = phone;
    phone = undefined;
    await running?.stop();
  };

  return {
    stop,
    async handle(req, res) {
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (!path.startsWith(PREFIX)) return false;
      const route = `${req.method ?? ''} ${path.slice(PREFIX.length)}`;
      if (route === 'GET call') {
        sendJson(res, 200, await withFigures());
        return true;
      }
      if (route !== 'POST call' && route !== 'POST hangup') {
        sendJson(res, 404, { error: 'Not found' });
        return true;
      }
      const origin = req.headers.origin;
      if ((origin !== undefined && origin !== options.origin) || !/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
        sendJson(res, 403, { error: 'Only the console page may place phone-network calls (JSON, same origin).' });
        return true;
      }
      let body: string;
      try {
        body = await readBody(req);
      } catch {
        sendJson(res, 413, { error: 'The request is too large.' });
        return true;
      }
      if (route === 'POST hangup') {
        await hangUp();
        sendJson(res, 200, call);
        return true;
      }
      if (inCall()) {
        sendJson(res, 409, { error: 'A phone-network call is already under way: hang up first.' });
        return true;
      }
      const request = readCallRequest(body);
      if ('error' in request) {
        sendJson(res, 400, { error: request.error });
        return true;
      }
      const running = phone;
      phone = undefined;
      await running?.stop();
      void place(request);
      sendJson(res, 202, call);
      return true;
    },
  };
}
