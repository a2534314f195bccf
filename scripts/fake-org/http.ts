/**
 * Serves the fake org over Node's HTTP server: the web-test-runner server (browser tests)
 * and the local console hand each request here first. Requests under `/services/data`
 * (the Salesforce REST API), `/services/apexrest` (Apex REST) and `/__fake-org` (the control
 * API) are answered by the msw handlers; anything else is left alone. Tokens are never logged.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getResponse } from 'msw';
import { createFakeOrgHandlers } from './handlers.ts';
import { FakeOrgStore, type OrgSeed } from './store.ts';
import { readShippedCustomMetadata } from './custom-metadata.ts';

/** The demo data of the DEFAULT org (fixtures/demo-org.json; numbers in the README). */
export const demoOrgSeed: OrgSeed = JSON.parse(readFileSync(new URL('./fixtures/demo-org.json', import.meta.url), 'utf8')) as OrgSeed;

/**
 * The custom metadata records the project ships (screen-pop rules and settings), read from
 * its XML: force-app's in every org, force-app-legacy-chat's in orgs with legacy Chat.
 */
export const shippedCustomMetadata: OrgSeed = readShippedCustomMetadata();

/**
 * The shared store: every org holds the shipped custom metadata (as if the project were
 * deployed); the DEFAULT org (the local console's) is seeded with the demo data and has both
 * legacy Chat and Messaging, so both kinds of chat can be shown; `{ seed: "demo" }` names the
 * demo data for a new org (which has the features it is created with).
 */
export const fakeOrgStore = new FakeOrgStore({
  defaultOrg: { seed: demoOrgSeed, name: 'ContactPad Local Console', features: { legacyChat: true, messaging: true } },
  namedSeeds: { demo: demoOrgSeed },
  deployed: shippedCustomMetadata,
});

/** The msw handlers over {@link fakeOrgStore}. */
export const fakeOrgHandlers = createFakeOrgHandlers(fakeOrgStore);

const HANDLED = /^\/(services\/data|services\/apexrest|__fake-org)(\/|$)/;
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host', 'content-length', 'expect', 'proxy-connection']);

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Answers `req` from the fake org when its path is under `/services/data`,
 * `/services/apexrest` or `/__fake-org` and returns true; otherwise returns false without touching `res`.
 * A request held back by a `hang` fault only holds its own response.
 */
export async function serveFakeOrg(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  if (!HANDLED.test(url.pathname)) return false;
  try {
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined || HOP_BY_HOP.has(name) || name.startsWith(':')) continue;
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
    const request = new Request(url, { method, headers, body: body && body.length > 0 ? new Uint8Array(body) : null });
    const response = await getResponse(fakeOrgHandlers, request);
    if (res.destroyed || res.writableEnded) return true;
    if (!response) {
      const notFound = JSON.stringify([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
      res.writeHead(404, { 'Content-Type': 'application/json;charset=UTF-8' }).end(notFound);
      return true;
    }
    const payload = Buffer.from(await response.arrayBuffer());
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      out[name] = value;
    });
    if (response.status !== 204 && response.status !== 304) out['content-length'] = String(payload.length);
    res.writeHead(response.status, out);
    res.end(method === 'HEAD' ? undefined : payload);
  } catch (error) {
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(500, { 'Content-Type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify([{ errorCode: 'UNKNOWN_EXCEPTION', message: `Fake org failure: ${(error as Error).message}` }]));
    }
  }
  return true;
}

/** The part of a Koa context {@link fakeOrgMiddleware} uses. */
export interface KoaLikeContext {
  req: IncomingMessage;
  res: ServerResponse;
  respond?: boolean;
}

/**
 * The fake org as Koa middleware, for the web-test-runner / @web/dev-server `middleware`
 * config option (which runs before the dev server's own file serving: a middleware added
 * with `app.use` in a plugin's `serverStart` runs after it and never sees the requests).
 */
export async function fakeOrgMiddleware(ctx: KoaLikeContext, next: () => Promise<unknown>): Promise<void> {
  if (await serveFakeOrg(ctx.req, ctx.res)) {
    ctx.respond = false;
    return;
  }
  await next();
}
