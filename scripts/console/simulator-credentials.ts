/**
 * SIP credentials for the local console's own phones: the customer simulator
 * (`customer-xxxxxxxx`) and the colleague Jordan Lee (`jordan.lee`), which are no Salesforce
 * users and so get theirs from the console, signed with the same secret as the agent's (the fake
 * org's ContactPad SIP Edge setting) and the SIP server's, by scripts/sip-server/sip-credential.ts.
 * Served at `GET /console/sip-credential?user=<SIP user>` to the console page: a day's credential
 * (the page fetches one each time a phone starts). Any other user, the agent's agent1 first of
 * all, is refused: ContactPad gets the agent's credential from Salesforce, for the session's own
 * user, as in an org.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signSipCredential } from '../sip-server/sip-credential.ts';
import { COLLEAGUE } from './page/console-config.ts';

/** The path the console page asks. */
export const SIMULATOR_CREDENTIAL_PATH = '/console/sip-credential';

/** How long a simulator's credential lasts: a day (the console page fetches one whenever a phone starts). */
export const SIMULATOR_CREDENTIAL_SECONDS = 24 * 3600;

/** Whether `user` is one of the console's own phones. */
export function isSimulatorUser(user: string): boolean {
  return /^customer-[a-z0-9]{1,32}$/.test(user) || user === COLLEAGUE.sipUser;
}

/** What the console page gets: the SIP digest pair and its lifetime (the endpoint's shape, without TURN). */
export interface SimulatorCredential {
  readonly username: string;
  readonly password: string;
  readonly ttl: number;
}

/** A day's credential for `user`, in the shape the console page reads; throws for a user the signer refuses. */
export function consolePhoneCredential(secret: string, user: string, now = Date.now()): SimulatorCredential {
  const signed = signSipCredential(secret, user, now + SIMULATOR_CREDENTIAL_SECONDS * 1000);
  return { username: signed.username, password: signed.password, ttl: SIMULATOR_CREDENTIAL_SECONDS };
}

/** A credential for a console phone's `user`, or undefined for any other user. */
export function simulatorCredential(secret: string, user: string, now = Date.now()): SimulatorCredential | undefined {
  return isSimulatorUser(user) ? consolePhoneCredential(secret, user, now) : undefined;
}

/** Answers `GET /console/sip-credential?user=...`: 200 with the credential, 403 for a user that is not the console's. */
export function serveSimulatorCredential(req: IncomingMessage, res: ServerResponse, secret: string, query: URLSearchParams): void {
  const user = query.get('user') ?? '';
  const credential = simulatorCredential(secret, user);
  const body = credential ?? { error: `No console phone registers as ${JSON.stringify(user)}; the agent's credential comes from Salesforce's endpoint.` };
  const text = JSON.stringify(body);
  res.writeHead(credential ? 200 : 403, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(req.method === 'HEAD' ? undefined : text);
}
