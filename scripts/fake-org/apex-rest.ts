/**
 * msw handlers for Apex REST (`/services/apexrest/...`): the Apex REST classes force-app deploys,
 * answering as Salesforce's Apex REST runtime answers around them. One class today:
 * ContactPadSipCredential (force-app/main/default/classes/ContactPadSipCredential.cls),
 * `GET /services/apexrest/contactpad/sip-credential`, the agent's time-limited SIP credential.
 *
 * Around every class (sources beside each rule below):
 * - authentication by session id (`Authorization: Bearer` / `OAuth`), as the REST API: "Apex REST
 *   supports these authentication mechanisms: OAuth 2.0, Session ID" (Apex Developer Guide,
 *   "Introduction to Apex REST", apex_rest_intro.htm); no token, or the session of an inactive
 *   user: 401 INVALID_SESSION_ID "Session expired or invalid" with `WWW-Authenticate: Token`;
 * - the org's faults, and one request counted against the daily allocation: "Calls to Apex REST
 *   classes count against the organization's API governor limits" (same page); at the limit
 *   403 REQUEST_LIMIT_EXCEEDED. `Sforce-Limit-Info` is added as on the REST API (unverified for
 *   Apex REST: the Limit Info Header page speaks of "REST API");
 * - the class runs as the session's user: `UserInfo.getUserId()` is the running user. A token is
 *   the org's integration user unless it was created or bound for another (store.ts
 *   `createSession` / `bindSession`: control API `POST /__fake-org/orgs/:orgId/sessions`);
 * - no class maps the URL (or it is not deployed): 404 `[{"errorCode":"NOT_FOUND","message":"Could
 *   not find a match for URL"}]` (recorded in github.com/forcedotcom/SalesforceMobileSDK-ReactNative
 *   issue 183; restforce/restforce issue 418 shows it as a 404, Faraday::ResourceNotFound);
 * - a user without access to the class: 403 `[{"errorCode":"FORBIDDEN","message":"You do not have
 *   access to the Apex class named: ContactPadSipCredential"}]` (recorded in
 *   github.com/forcedotcom/SalesforceMobileSDK-Android issue 2690; restforce issue 599);
 * - a method the class does not annotate: 405 `[{"errorCode":"METHOD_NOT_ALLOWED","message":"HTTP
 *   Method 'POST' not allowed. Allowed are GET"}]` (recorded in github.com/jarrodek/ChromeRestClient
 *   issue 1148);
 * - an exception the class does not catch: 500 `[{"errorCode":"APEX_ERROR","message":"<type>: <message>
 *   \n\nClass.<class>.<method>: line n, column m"}]` (recorded in the README of
 *   github.com/iampatrickbrinksma/SFS-Custom-Appointment-Booking-Apex-REST-Service and in
 *   restforce issue 652); the fake raises it only for a fault of its own.
 * What the class itself answers (status, body, headers) is the class's own code, copied here rule
 * for rule: see {@link issueSipCredential}.
 */
import { http, type HttpHandler } from 'msw';
import { signSipCredential } from '../sip-server/sip-credential.ts';
import { errorResult, toResponse, type ApiResult } from './api-response.ts';
import { SalesforceApiError } from './salesforce-error.ts';
import type { FakeOrg, FakeOrgStore, SfRecord, SipEdgeSetting } from './store.ts';
import { callbackQueue } from './callback-queue.ts';

/** The callback queue class (force-app/main/default/classes/ContactPadCallbackQueue.cls), mapped with a wildcard. */
export const CALLBACK_QUEUE_CLASS = 'ContactPadCallbackQueue';
export const CALLBACK_QUEUE_PATH = '/contactpad/callbacks';

const BASE = '*/services/apexrest';

/** The Apex class behind the SIP credential endpoint, and its URL mapping. */
export const SIP_CREDENTIAL_CLASS = 'ContactPadSipCredential';
export const SIP_CREDENTIAL_PATH = '/contactpad/sip-credential';

/** ContactPadSipCredential's lifetime rules (DEFAULT_, MIN_, MAX_LIFETIME_MINUTES). */
export const DEFAULT_LIFETIME_MINUTES = 720;
export const MIN_LIFETIME_MINUTES = 10;
export const MAX_LIFETIME_MINUTES = 1440;

/** ContactPadSipCredential's SIP_USER pattern. */
const SIP_USER = /^[A-Za-z0-9._~-]{1,80}$/;

/** What a class method gets: the org, the store and the running user's record. */
interface ApexContext {
  readonly org: FakeOrg;
  readonly store: FakeOrgStore;
  readonly user: SfRecord;
  /** The path after the class's mapping (a wildcard mapping: `/<id>/start`), the method, and the JSON body ({} when none). */
  readonly path: string;
  readonly method: string;
  readonly body: Record<string, unknown>;
}

/** One Apex REST class: its name and the methods it annotates (@HttpGet...). */
interface ApexResource {
  readonly className: string;
  readonly methods: Readonly<Record<string, { readonly name: string; readonly run: (ctx: ApexContext) => ApiResult }>>;
}

/** The classes force-app deploys, by URL mapping (exact, or ending /* for a wildcard: "urlMapping='/contactpad/callbacks/*'"). */
const RESOURCES: ReadonlyMap<string, ApexResource> = new Map<string, ApexResource>([
  [SIP_CREDENTIAL_PATH, { className: SIP_CREDENTIAL_CLASS, methods: { GET: { name: 'issue', run: issueSipCredential } } }],
  [
    `${CALLBACK_QUEUE_PATH}/*`,
    { className: CALLBACK_QUEUE_CLASS, methods: { POST: { name: 'post', run: callbackQueue }, PATCH: { name: 'patch', run: callbackQueue } } },
  ],
]);

/** The class a path maps to, and the path after a wildcard mapping's prefix. */
function resourceOf(path: string): { resource: ApexResource; rest: string } | undefined {
  const exact = RESOURCES.get(path);
  if (exact) return { resource: exact, rest: '' };
  for (const [mapping, resource] of RESOURCES) {
    const prefix = mapping.endsWith('/*') ? mapping.slice(0, -2) : undefined;
    if (prefix !== undefined && (path === prefix || path.startsWith(`${prefix}/`))) return { resource, rest: path.slice(prefix.length) };
  }
  return undefined;
}

/** The lifetime a setting gives, in minutes: ContactPadSipCredential.lifetimeMinutes. */
export function lifetimeMinutes(setting: Pick<SipEdgeSetting, 'lifetimeMinutes'> | undefined): number {
  const configured = setting?.lifetimeMinutes;
  if (configured === null || configured === undefined) return DEFAULT_LIFETIME_MINUTES;
  return Math.min(MAX_LIFETIME_MINUTES, Math.max(MIN_LIFETIME_MINUTES, Math.trunc(configured)));
}

/**
 * ContactPadSipCredential.issue(), rule for rule (its comments cite the Apex sources): the SIP
 * Edge setting's secret, else 500 SIP_EDGE_NOT_CONFIGURED; the running user's SIP user, else 404
 * NO_SIP_USER (blank) or INVALID_SIP_USER (a character the username cannot carry); then 200 with
 * the credential, signed by scripts/sip-server/sip-credential.ts (the same HMAC-SHA1 scheme),
 * expiring `lifetime` after the org's own clock (so a test can skew it), and a TURN credential
 * only when a TURN secret is set (the class puts no "turn" key otherwise).
 */
function issueSipCredential({ org, store, user }: ApexContext): ApiResult {
  const headers = { 'Cache-Control': 'no-store' };
  const edge = store.sipEdgeOf(org);
  const secret = edge?.sipSecret ?? '';
  if (secret.trim() === '') {
    throw new SalesforceApiError(
      500,
      'SIP_EDGE_NOT_CONFIGURED',
      "ContactPad cannot issue SIP credentials: the SIP Secret of the ContactPad SIP Edge custom setting is not set. A Salesforce admin sets it in Setup > Custom Settings > ContactPad SIP Edge (the same secret as the SIP server's).",
    );
  }
  const name = String(user.Name ?? '');
  const sipUser = typeof user.ContactPad_SIP_User__c === 'string' ? user.ContactPad_SIP_User__c.trim() : '';
  if (sipUser === '') {
    throw new SalesforceApiError(404, 'NO_SIP_USER', `User ${name} has no ContactPad SIP User: a Salesforce admin sets it on the user record before this agent can take calls.`);
  }
  if (!SIP_USER.test(sipUser)) {
    throw new SalesforceApiError(
      404,
      'INVALID_SIP_USER',
      `The ContactPad SIP User of ${name} is not a SIP user part a credential can be issued for: only letters, digits and . _ ~ - are allowed (the part before @ of their SIP address).`,
    );
  }
  const ttl = lifetimeMinutes(edge) * 60;
  const expires = Math.floor(org.now().getTime() / 1000) + ttl;
  const credential = (key: string) => {
    const signed = signSipCredential(key, sipUser, expires * 1000);
    return { username: signed.username, password: signed.password, expires, ttl };
  };
  const turnSecret = edge?.turnSecret ?? '';
  const body = { ...credential(secret), sipUser, ...(turnSecret.trim() === '' ? {} : { turn: credential(turnSecret) }) };
  return { status: 200, body, headers };
}

function bearerToken(request: Request): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec((request.headers.get('authorization') ?? '').trim());
  return match?.[1]?.trim() || undefined;
}

const invalidSession = () => new SalesforceApiError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

/** The Apex REST handlers over `store`. */
export function createApexRestHandlers(store: FakeOrgStore): HttpHandler[] {
  return [
    http.all(`${BASE}/*`, async ({ request }) => {
      const token = bearerToken(request);
      const org = store.orgForToken(token);
      if (!org || !token) return toResponse(errorResult(invalidSession()), store.defaultOrg);
      const fault = await org.applyFaults();
      if (fault) return toResponse(errorResult(fault), org);
      if (org.apiUsed >= org.dailyLimit) {
        return toResponse(errorResult(new SalesforceApiError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.')), org);
      }
      org.apiUsed += 1;
      const user = org.byId(org.sessionUserId(token));
      if (!user || user.IsActive === false) return toResponse(errorResult(invalidSession()), org);

      const path = new URL(request.url).pathname.replace(/^.*?\/services\/apexrest/, '');
      const mapped = resourceOf(path);
      const resource = mapped?.resource;
      const access = resource ? org.apexClasses.get(resource.className) : undefined;
      if (!resource || access?.deployed === false) {
        return toResponse(errorResult(new SalesforceApiError(404, 'NOT_FOUND', 'Could not find a match for URL')), org);
      }
      if (access?.access === false) {
        return toResponse(errorResult(new SalesforceApiError(403, 'FORBIDDEN', `You do not have access to the Apex class named: ${resource.className}`)), org);
      }
      const method = resource.methods[request.method.toUpperCase()];
      if (!method) {
        const allowed = Object.keys(resource.methods).join(',');
        return toResponse(errorResult(new SalesforceApiError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method.toUpperCase()}' not allowed. Allowed are ${allowed}`)), org);
      }
      try {
        const raw = request.method === 'GET' ? '' : await request.text();
        let body: Record<string, unknown> = {};
        try {
          const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw);
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        } catch {
          // Apex REST deserializing a body it cannot parse (JSON.deserializeUntyped throws): the class's uncaught exception.
          throw new Error(`System.JSONException: Unexpected character in the request body`);
        }
        return toResponse(method.run({ org, store, user, path: mapped?.rest ?? '', method: request.method.toUpperCase(), body }), org);
      } catch (error) {
        if (error instanceof SalesforceApiError) return toResponse(errorResult(error), org);
        const message = `System.UnexpectedException: ${(error as Error).message}\n\nClass.${resource.className}.${method.name}: line 1, column 1`;
        return toResponse({ status: 500, body: [{ errorCode: 'APEX_ERROR', message }] }, org);
      }
    }),
  ];
}
