/**
 * Test helper: the fake org on a Node HTTP server on an ephemeral port, as the local
 * console and the web-test-runner server serve it, plus a REST caller with a bearer token.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeOrgClient, type FakeOrgSession } from './client.ts';
import { serveFakeOrg } from './http.ts';

/** A running fake org server. */
export interface FakeOrgServer {
  baseUrl: string;
  client: FakeOrgClient;
  close(): Promise<void>;
}

/** Starts the fake org on 127.0.0.1 on a free port. */
export async function startFakeOrgServer(): Promise<FakeOrgServer> {
  const server: Server = createServer((req, res) => {
    void serveFakeOrg(req, res).then((handled) => {
      if (!handled) res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not the fake org');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    client: new FakeOrgClient(baseUrl),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Calls the org's REST API (`/services/data/v62.0` + `path`) with the session's token. */
export async function sf(session: FakeOrgSession, path: string, init: { method?: string; body?: unknown; token?: string | null } = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const headers: Record<string, string> = {};
  const token = init.token === undefined ? session.accessToken : init.token;
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${session.instanceUrl}/services/data/v62.0${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? null : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** `/search?q=` for a SOSL statement. */
export function searchPath(sosl: string): string {
  return `/search?q=${encodeURIComponent(sosl)}`;
}

/** `/query?q=` for a SOQL statement. */
export function queryPath(soql: string): string {
  return `/query?q=${encodeURIComponent(soql)}`;
}
