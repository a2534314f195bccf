/**
 * msw handlers for the fake org's control API under `/__fake-org/` (not Salesforce: the
 * test's and the local console's way to arrange an org). Plain JSON; never counted as
 * API usage.
 *
 * - `POST   /__fake-org/orgs` `{ seed?: "demo" | {records}, dailyLimit?, apiUsed?, name?, customMetadata?,
 *           features?: { legacyChat?, messaging? }, searchIndexDelaySeconds? }`
 *           -> 201 `{ orgId, accessToken, instanceUrl }`
 * - `GET    /__fake-org/orgs/:orgId` -> `{ orgId, accessToken, instanceUrl, name, features, searchIndexDelaySeconds }`
 * - `POST   /__fake-org/orgs/:orgId/reset` -> the org as created (same ids and token)
 * - `GET    /__fake-org/orgs/:orgId/sobjects/:sobject` -> `{ records: [...] }`
 * - `POST   /__fake-org/orgs/:orgId/sobjects/:sobject` `{ ...fields }` -> 201 `{ id }`
 * - `PATCH  /__fake-org/orgs/:orgId/sobjects/:sobject/:id` `{ ...fields }` -> 204
 * - `DELETE /__fake-org/orgs/:orgId/sobjects/:sobject/:id` -> 204
 *           (these three also write custom metadata records, which the REST API cannot)
 * - `GET    /__fake-org/orgs/:orgId/visibility` -> `{ hidden: ['object', 'object.field'...] }`
 * - `PUT    /__fake-org/orgs/:orgId/visibility` `{ sobject, field?, visible }` -> `{ hidden }`
 *           (field-level security / object access for the API user)
 * - `GET    /__fake-org/orgs/:orgId/faults` -> `{ faults: [...] }`
 * - `POST   /__fake-org/orgs/:orgId/faults` `{ kind, times?, ms? }` -> `{ faults: [...] }`
 * - `DELETE /__fake-org/orgs/:orgId/faults` -> 204 (hung requests are released)
 * - `GET    /__fake-org/orgs/:orgId/usage` -> `{ used, limit }`
 * - `PUT    /__fake-org/orgs/:orgId/usage` `{ used?, limit? }` -> `{ used, limit }`
 * - `GET    /__fake-org/orgs/:orgId/search-index` -> `{ delaySeconds }`
 * - `PUT    /__fake-org/orgs/:orgId/search-index` `{ delaySeconds }` -> `{ delaySeconds }`
 *           (how long a REST API write waits before SOSL finds it)
 * - `GET    /__fake-org/clock` -> `{ now, offsetSeconds }` (the store-wide fake clock)
 * - `POST   /__fake-org/clock` `{ advanceSeconds }` -> `{ now, offsetSeconds }` (every org's clock moves)
 * - `GET    /__fake-org/orgs/:orgId/clock` -> `{ now, offsetSeconds }` (that org's clock)
 * - `POST   /__fake-org/orgs/:orgId/clock` `{ advanceSeconds }` -> `{ now, offsetSeconds }` (that org's clock only;
 *           a negative number sets it behind: a clock skew between the org and the SIP server)
 * - `POST   /__fake-org/orgs/:orgId/sessions` `{ userId }` -> 201 `{ accessToken, userId, instanceUrl }`
 *           (a session of that User: Apex REST runs as them)
 * - `GET    /__fake-org/sip-edge` -> `{ configured, turn, lifetimeMinutes, source }` (never the secrets)
 * - `PUT    /__fake-org/sip-edge` `{ sipSecret, turnSecret?, lifetimeMinutes? }` -> the same: the
 *           ContactPad SIP Edge setting of every org without its own (the secret the SIP server has)
 * - `DELETE /__fake-org/sip-edge` -> 204 (no store-wide setting)
 * - `GET` / `PUT` / `DELETE /__fake-org/orgs/:orgId/sip-edge`: that org's own setting
 *           (`{ sipSecret: null }`: the org has the setting but no secret in it)
 * - `PUT    /__fake-org/orgs/:orgId/apex-classes/:className` `{ deployed?, access? }` -> `{ deployed, access }`
 *           (a class not deployed, or that the API user may not run)
 *
 * `:orgId` is a 15- or 18-character org id, or `default` for the DEFAULT org.
 */
import { HttpResponse, http, type HttpHandler, type HttpResponseResolver } from 'msw';
import { attributes } from './field-path.ts';
import { SalesforceApiError } from './salesforce-error.ts';
import { formatDateTime } from './record-values.ts';
import { lifetimeMinutes } from './apex-rest.ts';
import { FAULT_KINDS, type CreateOrgOptions, type FakeOrg, type FakeOrgStore, type Fault, type OrgFeatures, type OrgSeed, type SipEdgeSetting } from './store.ts';

const BASE = '*/__fake-org';
const VERSION = 'v62.0';

function problem(status: number, message: string): HttpResponse<string> {
  return HttpResponse.json({ error: message }, { status }) as unknown as HttpResponse<string>;
}

async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === '') return {};
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new TypeError('The body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

function orgInfo(org: FakeOrg, request: Request): Record<string, unknown> {
  return { orgId: org.orgId, accessToken: org.accessToken, instanceUrl: new URL(request.url).origin, name: org.name };
}

/** `features` of a create-org body: `{ legacyChat?: boolean, messaging?: boolean }`. */
function parseFeatures(value: unknown): Partial<OrgFeatures> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('features must be an object { legacyChat?, messaging? }');
  const features: Partial<OrgFeatures> = {};
  for (const [key, flag] of Object.entries(value)) {
    if (key !== 'legacyChat' && key !== 'messaging') throw new TypeError(`Unknown feature ${key}; known: legacyChat, messaging`);
    if (typeof flag !== 'boolean') throw new TypeError(`features.${key} must be true or false`);
    features[key] = flag;
  }
  return features;
}

/** A non-negative number of seconds from a body field. */
function seconds(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`${name} must be a non-negative number of seconds`);
  return value;
}

/** A number of seconds, negative allowed (an org clock set behind). */
function signedSeconds(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${name} must be a number of seconds`);
  return value;
}

/** A SIP Edge setting from a body: `{ sipSecret, turnSecret?, lifetimeMinutes? }`, each null or absent when not set. */
function parseSipEdge(body: Record<string, unknown>): SipEdgeSetting {
  const text = (name: string): string | null => {
    const value = body[name];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw new TypeError(`${name} must be text or null`);
    return value;
  };
  const minutes = body.lifetimeMinutes;
  if (minutes !== undefined && minutes !== null && (typeof minutes !== 'number' || !Number.isFinite(minutes))) {
    throw new TypeError('lifetimeMinutes must be a number of minutes or null');
  }
  for (const key of Object.keys(body)) {
    if (!['sipSecret', 'turnSecret', 'lifetimeMinutes'].includes(key)) throw new TypeError(`Unknown SIP Edge field ${key}; known: sipSecret, turnSecret, lifetimeMinutes`);
  }
  return { sipSecret: text('sipSecret'), turnSecret: text('turnSecret'), lifetimeMinutes: typeof minutes === 'number' ? minutes : null };
}

/** What the control API tells of a SIP Edge setting: whether it signs, never the secrets. */
function sipEdgeInfo(setting: SipEdgeSetting | undefined, source: 'org' | 'store' | 'none'): Record<string, unknown> {
  return {
    configured: (setting?.sipSecret ?? '').trim() !== '',
    turn: (setting?.turnSecret ?? '').trim() !== '',
    lifetimeMinutes: lifetimeMinutes(setting),
    source,
  };
}

function orgSipEdgeInfo(store: FakeOrgStore, org: FakeOrg): Record<string, unknown> {
  return sipEdgeInfo(store.sipEdgeOf(org), org.sipEdge ? 'org' : store.sipEdge ? 'store' : 'none');
}

function clockInfo(now: Date, offsetSeconds: number): Record<string, unknown> {
  return { now: formatDateTime(now), offsetSeconds };
}

function parseFault(body: Record<string, unknown>): Fault {
  const kind = body.kind;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(`kind must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const fault: Fault = { kind: kind as Fault['kind'] };
  if (body.times !== undefined) {
    if (typeof body.times !== 'number' || !Number.isInteger(body.times) || body.times < 1) throw new TypeError('times must be a positive integer');
    fault.times = body.times;
  }
  if (body.ms !== undefined) {
    if (typeof body.ms !== 'number' || body.ms < 0) throw new TypeError('ms must be a number of milliseconds');
    fault.ms = body.ms;
  }
  return fault;
}

/** Builds the control API handlers over `store`. */
export function createControlHandlers(store: FakeOrgStore): HttpHandler[] {
  const withOrg = (resolver: (org: FakeOrg, request: Request, params: Record<string, string>) => Promise<Response> | Response): HttpResponseResolver =>
    async ({ request, params }) => {
      const org = store.getOrg(String(params.orgId ?? ''));
      if (!org) return problem(404, `No such org: ${String(params.orgId ?? '')}`);
      const strings: Record<string, string> = {};
      for (const [key, value] of Object.entries(params)) if (typeof value === 'string') strings[key] = value;
      try {
        return await resolver(org, request, strings);
      } catch (error) {
        if (error instanceof SalesforceApiError) return HttpResponse.json(error.toBody(), { status: error.status });
        return problem(400, (error as Error).message);
      }
    };

  return [
    http.post(`${BASE}/orgs`, async ({ request }) => {
      let body: Record<string, unknown>;
      try {
        body = await jsonBody(request);
      } catch (error) {
        return problem(400, (error as Error).message);
      }
      const options: CreateOrgOptions = {};
      if (typeof body.seed === 'string') {
        const named = store.namedSeeds.get(body.seed);
        if (!named) return problem(400, `No seed named ${body.seed}; known: ${[...store.namedSeeds.keys()].join(', ') || 'none'}`);
        options.seed = named;
      } else if (body.seed && typeof body.seed === 'object') options.seed = body.seed as OrgSeed;
      if (typeof body.dailyLimit === 'number') options.dailyLimit = body.dailyLimit;
      if (typeof body.apiUsed === 'number') options.apiUsed = body.apiUsed;
      if (typeof body.name === 'string') options.name = body.name;
      if (typeof body.customMetadata === 'boolean') options.customMetadata = body.customMetadata;
      try {
        if (body.features !== undefined) options.features = parseFeatures(body.features);
        if (body.searchIndexDelaySeconds !== undefined) options.searchIndexDelaySeconds = seconds(body.searchIndexDelaySeconds, 'searchIndexDelaySeconds');
        const org = store.createOrg(options);
        const { name: _name, ...info } = orgInfo(org, request);
        void _name;
        return HttpResponse.json(info, { status: 201 });
      } catch (error) {
        if (error instanceof SalesforceApiError) return HttpResponse.json(error.toBody(), { status: error.status });
        return problem(400, (error as Error).message);
      }
    }),
    http.get(`${BASE}/orgs/:orgId`, withOrg((org, request) => HttpResponse.json({
      ...orgInfo(org, request), features: org.features, searchIndexDelaySeconds: org.searchIndexDelaySeconds,
    }))),
    http.get(`${BASE}/clock`, () => HttpResponse.json(clockInfo(store.now(), store.clockOffsetSeconds()))),
    http.post(`${BASE}/clock`, async ({ request }) => {
      try {
        store.advanceClock(seconds((await jsonBody(request)).advanceSeconds, 'advanceSeconds'));
      } catch (error) {
        return problem(400, (error as Error).message);
      }
      return HttpResponse.json(clockInfo(store.now(), store.clockOffsetSeconds()));
    }),
    http.get(`${BASE}/orgs/:orgId/clock`, withOrg((org) => HttpResponse.json(clockInfo(org.now(), store.clockOffsetSeconds() + org.clockOffsetSeconds())))),
    http.post(`${BASE}/orgs/:orgId/clock`, withOrg(async (org, request) => {
      org.advanceClock(signedSeconds((await jsonBody(request)).advanceSeconds, 'advanceSeconds'));
      return HttpResponse.json(clockInfo(org.now(), store.clockOffsetSeconds() + org.clockOffsetSeconds()));
    })),
    http.get(`${BASE}/orgs/:orgId/search-index`, withOrg((org) => HttpResponse.json({ delaySeconds: org.searchIndexDelaySeconds }))),
    http.put(`${BASE}/orgs/:orgId/search-index`, withOrg(async (org, request) => {
      org.searchIndexDelaySeconds = seconds((await jsonBody(request)).delaySeconds, 'delaySeconds');
      return HttpResponse.json({ delaySeconds: org.searchIndexDelaySeconds });
    })),
    http.post(`${BASE}/orgs/:orgId/reset`, withOrg((org, request) => {
      org.reset();
      return HttpResponse.json(orgInfo(org, request));
    })),
    http.get(`${BASE}/orgs/:orgId/sobjects/:sobject`, withOrg((org, _request, params) => {
      const def = org.definition(params.sobject ?? '');
      return HttpResponse.json({ records: org.list(def.name).map((record) => ({ attributes: attributes(def.name, record.Id, VERSION), ...record })) });
    })),
    http.post(`${BASE}/orgs/:orgId/sobjects/:sobject`, withOrg(async (org, request, params) => {
      const record = org.insert(params.sobject ?? '', await jsonBody(request), 'seed');
      return HttpResponse.json({ id: record.Id }, { status: 201 });
    })),
    http.patch(`${BASE}/orgs/:orgId/sobjects/:sobject/:id`, withOrg(async (org, request, params) => {
      org.update(params.sobject ?? '', params.id ?? '', await jsonBody(request), 'seed-update');
      return new HttpResponse(null, { status: 204 });
    })),
    http.delete(`${BASE}/orgs/:orgId/sobjects/:sobject/:id`, withOrg((org, _request, params) => {
      org.remove(params.sobject ?? '', params.id ?? '');
      return new HttpResponse(null, { status: 204 });
    })),
    http.get(`${BASE}/orgs/:orgId/visibility`, withOrg((org) => HttpResponse.json({ hidden: org.hidden() }))),
    http.put(`${BASE}/orgs/:orgId/visibility`, withOrg(async (org, request) => {
      const body = await jsonBody(request);
      if (typeof body.sobject !== 'string' || body.sobject === '') throw new TypeError('sobject must name an object');
      if (body.field !== undefined && typeof body.field !== 'string') throw new TypeError('field must be a field name');
      if (typeof body.visible !== 'boolean') throw new TypeError('visible must be true or false');
      org.setVisibility(body.sobject, body.field, body.visible);
      return HttpResponse.json({ hidden: org.hidden() });
    })),
    http.get(`${BASE}/orgs/:orgId/faults`, withOrg((org) => HttpResponse.json({ faults: org.faults }))),
    http.post(`${BASE}/orgs/:orgId/faults`, withOrg(async (org, request) => {
      org.addFault(parseFault(await jsonBody(request)));
      return HttpResponse.json({ faults: org.faults });
    })),
    http.delete(`${BASE}/orgs/:orgId/faults`, withOrg((org) => {
      org.clearFaults();
      return new HttpResponse(null, { status: 204 });
    })),
    http.get(`${BASE}/orgs/:orgId/usage`, withOrg((org) => HttpResponse.json({ used: org.apiUsed, limit: org.dailyLimit }))),
    http.put(`${BASE}/orgs/:orgId/usage`, withOrg(async (org, request) => {
      const body = await jsonBody(request);
      if (body.used !== undefined) {
        if (typeof body.used !== 'number' || body.used < 0) throw new TypeError('used must be a non-negative number');
        org.apiUsed = body.used;
      }
      if (body.limit !== undefined) {
        if (typeof body.limit !== 'number' || body.limit < 0) throw new TypeError('limit must be a non-negative number');
        org.dailyLimit = body.limit;
      }
      return HttpResponse.json({ used: org.apiUsed, limit: org.dailyLimit });
    })),
    http.post(`${BASE}/orgs/:orgId/sessions`, withOrg(async (org, request) => {
      const { userId } = await jsonBody(request);
      if (typeof userId !== 'string') throw new TypeError('userId must be a User id');
      const accessToken = org.createSession(userId);
      return HttpResponse.json({ accessToken, userId: org.sessionUserId(accessToken), instanceUrl: new URL(request.url).origin }, { status: 201 });
    })),
    http.get(`${BASE}/sip-edge`, () => HttpResponse.json(sipEdgeInfo(store.sipEdge, store.sipEdge ? 'store' : 'none'))),
    http.put(`${BASE}/sip-edge`, async ({ request }) => {
      try {
        store.sipEdge = parseSipEdge(await jsonBody(request));
      } catch (error) {
        return problem(400, (error as Error).message);
      }
      return HttpResponse.json(sipEdgeInfo(store.sipEdge, 'store'));
    }),
    http.delete(`${BASE}/sip-edge`, () => {
      store.sipEdge = undefined;
      return new HttpResponse(null, { status: 204 });
    }),
    http.get(`${BASE}/orgs/:orgId/sip-edge`, withOrg((org) => HttpResponse.json(orgSipEdgeInfo(store, org)))),
    http.put(`${BASE}/orgs/:orgId/sip-edge`, withOrg(async (org, request) => {
      org.sipEdge = parseSipEdge(await jsonBody(request));
      return HttpResponse.json(orgSipEdgeInfo(store, org));
    })),
    http.delete(`${BASE}/orgs/:orgId/sip-edge`, withOrg((org) => {
      org.sipEdge = undefined;
      return new HttpResponse(null, { status: 204 });
    })),
    http.put(`${BASE}/orgs/:orgId/apex-classes/:className`, withOrg(async (org, request, params) => {
      const body = await jsonBody(request);
      for (const key of ['deployed', 'access'] as const) {
        if (body[key] !== undefined && typeof body[key] !== 'boolean') throw new TypeError(`${key} must be true or false`);
      }
      const name = params.className ?? '';
      const was = org.apexClasses.get(name) ?? { deployed: true, access: true };
      const now = { deployed: (body.deployed as boolean | undefined) ?? was.deployed, access: (body.access as boolean | undefined) ?? was.access };
      org.apexClasses.set(name, now);
      return HttpResponse.json(now);
    })),
    http.all(`${BASE}/*`, () => problem(404, 'No such control route')),
  ];
}
