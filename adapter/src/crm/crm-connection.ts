/**
 * ContactPad's connection to the org's REST API, built from the host's session (the
 * Visualforce page hands over the instance URL and the session id as an OAuth bearer
 * token). Maps to a jsforce `Connection`; jsforce itself is loaded lazily (see
 * jsforce-loader.ts), so creating a CrmConnection costs no I/O.
 *
 * Every request goes through one private helper that applies the timeout and turns any
 * failure into a ContactPadError (salesforce-error.ts), so callers handle one error type.
 * The access token is held privately and never logged or put in an error.
 */
import type { Connection, HttpRequest } from 'jsforce';
import { ContactPadError } from '../model/errors.ts';
import { loadJsforce } from './jsforce-loader.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import { toContactPadError } from './salesforce-error.ts';

/** How to reach the org. */
export interface CrmConfig {
  /** The org's instance URL, for example `https://acme.my.salesforce.com`. */
  instanceUrl: string;
  /** The session id (OAuth access token). Never logged. */
  accessToken: string;
  /** REST API version, `'68.0'`. */
  apiVersion: string;
  /** How long one request may take before it fails with `CRM_UNAVAILABLE` (reason `timeout`). */
  timeoutMs: number;
}

/** A record in a REST answer: fields plus `attributes.type`. Values are unchecked data. */
export interface SalesforceRecord {
  readonly attributes?: { readonly type?: unknown; readonly url?: unknown };
  readonly [field: string]: unknown;
}

/** The answer to an upsert: the record id and whether it was created (201) or updated (200). */
export interface UpsertOutcome {
  /** The record id; '' when the org answered 204 No Content (API versions before 46.0). */
  readonly id: string;
  readonly created: boolean;
}

/** The most subrequests one composite request may hold. */
export const MAX_COMPOSITE_SUBREQUESTS = 25;

/** One call inside a composite request. */
export interface CompositeSubrequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the versioned base: `/query?q=...`, `/sobjects/Task/...`. */
  readonly url: string;
  /** Names the subrequest in the answer (letters, digits, underscore). */
  readonly referenceId: string;
  readonly body?: unknown;
}

/** One subrequest's answer: its own HTTP status and body (Salesforce's JSON, unchecked). */
export interface CompositeSubresponse {
  readonly referenceId: string;
  readonly httpStatusCode: number;
  readonly body: unknown;
}

/** Whether Salesforce takes the session, as its latest answer said: `expired` after a 401 INVALID_SESSION_ID, `working` after any answer that came back. */
export type SessionState = 'working' | 'expired';

/** Told when the session's state changes (`error`: the CRM_SESSION_EXPIRED that said it expired). */
export type SessionListener = (state: SessionState, error?: ContactPadError) => void;

/** Maps to a jsforce `Connection` on the REST API. */
export class CrmConnection {
  readonly #config: Readonly<CrmConfig>;
  readonly #answerListeners = new Set<() => void>();
  #connection: Connection | undefined;
  #session: SessionState = 'working';
  readonly #sessionListeners = new Set<SessionListener>();

  /** Validates the configuration; throws `INVALID_CONFIGURATION` naming the bad setting. No I/O. */
  constructor(config: CrmConfig) {
    this.#config = Object.freeze(validate(config));
  }

  /** The org's instance URL. */
  get instanceUrl(): string {
    return this.#config.instanceUrl;
  }

  /** REST API version in use (`'68.0'`). */
  get apiVersion(): string {
    return this.#config.apiVersion;
  }

  /** The org's API usage from the last `Sforce-Limit-Info` header, if any answer carried one. */
  get apiUsage(): { readonly used: number; readonly limit: number } | undefined {
    const usage = this.#connection?.limitInfo?.apiUsage;
    return usage ? { used: usage.used, limit: usage.limit } : undefined;
  }

  /**
   * Whether the session works, as the latest request found. One 401 does not end a shift: the
   * same session often answers again (a lookup right after), and the outbox resumes then.
   */
  get session(): SessionState {
    return this.#session;
  }

  /** Tells `listener` each change of {@link session}; returns the way to stop. */
  watchSession(listener: SessionListener): () => void {
    this.#sessionListeners.add(listener);
    return () => this.#sessionListeners.delete(listener);
  }

  #sessionIs(state: SessionState, error?: ContactPadError): void {
    if (this.#session === state) return;
    this.#session = state;
    for (const listener of [...this.#sessionListeners]) {
      try {
        listener(state, error);
      } catch (thrown) {
        console.error('ContactPad session listener failed', thrown);
      }
    }
  }

  /** Loads jsforce now (call it once the phone is up, so the first lookup does not wait for it). */
  async preload(): Promise<void> {
    await this.#jsforceConnection();
  }

  /**
   * Tells `listener` each time Salesforce answers a request on this connection with a success
   * within the timeout (a caller lookup included): the org takes requests again. Returns the way
   * to stop.
   */
  onAnswer(listener: () => void): () => void {
    this.#answerListeners.add(listener);
    return () => this.#answerListeners.delete(listener);
  }

  /**
   * Salesforce answered, within its time, a request this connection did not make but made with
   * the same session (the phone's SIP credential, fetched before jsforce loads): told as an
   * answer of its own, so the session works again and whoever waits for an answer ({@link onAnswer},
   * the outbox) goes now.
   */
  answeredElsewhere(): void {
    this.#sessionIs('working');
    this.#answered();
  }

  #answered(): void {
    for (const listener of [...this.#answerListeners]) {
      try {
        listener();
      } catch (thrown) {
        console.error('ContactPad answer listener failed', thrown);
      }
    }
  }

  /**
   * Runs a SOSL search. Maps to `GET /services/data/vXX.X/search?q=<sosl>`; resolves with
   * `searchRecords` (an empty list when the answer has none).
   */
  async search(sosl: string): Promise<readonly SalesforceRecord[]> {
    const answer = await this.#send<unknown>({ method: 'GET', url: `/search?q=${encodeURIComponent(sosl)}` });
    return recordsOf(answer, 'searchRecords');
  }

  /**
   * Runs a SOQL query. Maps to `GET /services/data/vXX.X/query?q=<soql>`, or `queryAll` with
   * `includeDeleted` (records in the Recycle Bin answer too, with `IsDeleted` true). Resolves
   * with the first batch of `records` (up to 2000; ContactPad's queries ask for fewer).
   */
  async query(soql: string, options: { includeDeleted?: boolean } = {}): Promise<readonly SalesforceRecord[]> {
    const resource = options.includeDeleted === true ? 'queryAll' : 'query';
    return recordsOf(await this.#send<unknown>({ method: 'GET', url: `/${resource}?q=${encodeURIComponent(soql)}` }));
  }

  /**
   * Reads one REST resource under the versioned base. Maps to `GET /services/data/vXX.X<path>`
   * (`/sobjects/Lead/listviews/<id>/results?limit=200`, say); resolves with its JSON body.
   */
  async get(path: string): Promise<unknown> {
    if (!/^\/[A-Za-z]/.test(path)) throw new ContactPadError('INVALID_CONFIGURATION', `Not a REST resource path: ${path}`);
    return this.#send<unknown>({ method: 'GET', url: path });
  }

  /**
   * Changes fields of one record. Maps to `PATCH /sobjects/<sobject>/<id>` (204 No Content).
   * Throws `INVALID_CONFIGURATION` for a bad API name or id, before any request.
   */
  async update(sobject: string, id: string, fields: object): Promise<void> {
    if (!isApiName(sobject)) throw new ContactPadError('INVALID_CONFIGURATION', `Not a Salesforce API name: ${sobject}`);
    if (!isSalesforceId(id)) throw new ContactPadError('INVALID_CONFIGURATION', `Not a Salesforce record id: ${id}`);
    await this.#send<unknown>(
      { method: 'PATCH', url: `/sobjects/${sobject}/${id}`, body: JSON.stringify(fields), headers: { 'content-type': 'application/json' } },
      { noContentResponse: { success: true } },
    );
  }

  /**
   * Calls an Apex REST class that force-app deploys. Maps to `<method> /services/apexrest/<path>`
   * with a JSON body (jsforce sends a path starting with /services/ to the instance as it is).
   */
  async apexRest(method: 'POST' | 'PATCH', path: string, body: object): Promise<unknown> {
    return this.#send<unknown>({ method, url: `/services/apexrest/${path.replace(/^\/+/, '')}`, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  }

  /**
   * Creates or updates one record by an external id. Maps to
   * `PATCH /sobjects/<sobject>/<externalIdField>/<url-encoded value>` (201 created, 200 updated).
   */
  async upsert(sobject: string, externalIdField: string, externalId: string, fields: object): Promise<UpsertOutcome> {
    if (!isApiName(sobject) || !isApiName(externalIdField)) {
      throw new ContactPadError('INVALID_CONFIGURATION', `Not a Salesforce API name: ${sobject}.${externalIdField}`);
    }
    const answer = await this.#send<unknown>(
      {
        method: 'PATCH',
        url: `/sobjects/${sobject}/${externalIdField}/${encodeURIComponent(externalId)}`,
        body: JSON.stringify(fields),
        headers: { 'content-type': 'application/json' },
      },
      { noContentResponse: { success: true } },
    );
    const body = (typeof answer === 'object' && answer !== null ? answer : {}) as { id?: unknown; created?: unknown; success?: unknown };
    if (body.success === false) {
      throw toContactPadError((answer as { errors?: unknown }).errors ?? answer);
    }
    return { id: typeof body.id === 'string' ? body.id : '', created: body.created === true };
  }

  /**
   * Several REST calls in ONE API request. Maps to `POST /services/data/vXX.X/composite`
   * (at most 25 subrequests, at most 5 of them queries). `url` of each subrequest is relative
   * to the versioned base, e.g. `/query?q=...` or `/sobjects/Task/Field__c/value`. With
   * `allOrNone` false each subrequest succeeds or fails alone: read `httpStatusCode` of each.
   */
  async composite(subrequests: readonly CompositeSubrequest[], allOrNone = false): Promise<readonly CompositeSubresponse[]> {
    if (subrequests.length === 0) return [];
    if (subrequests.length > MAX_COMPOSITE_SUBREQUESTS) {
      throw new ContactPadError('INVALID_CONFIGURATION', `A composite request holds at most ${MAX_COMPOSITE_SUBREQUESTS} subrequests, not ${subrequests.length}.`);
    }
    const base = `/services/data/v${this.#config.apiVersion}`;
    const answer = await this.#send<unknown>({
      method: 'POST',
      url: '/composite',
      body: JSON.stringify({
        allOrNone,
        compositeRequest: subrequests.map((sub) => ({
          method: sub.method,
          url: `${base}${sub.url}`,
          referenceId: sub.referenceId,
          ...(sub.body === undefined ? {} : { body: sub.body }),
        })),
      }),
      headers: { 'content-type': 'application/json' },
    });
    const responses = (typeof answer === 'object' && answer !== null ? (answer as { compositeResponse?: unknown }).compositeResponse : undefined);
    if (!Array.isArray(responses)) throw new ContactPadError('CRM_REQUEST_REJECTED', 'Salesforce answered a composite request without compositeResponse.');
    return responses.map((response: unknown) => {
      const r = (typeof response === 'object' && response !== null ? response : {}) as Record<string, unknown>;
      return {
        referenceId: typeof r['referenceId'] === 'string' ? r['referenceId'] : '',
        httpStatusCode: typeof r['httpStatusCode'] === 'number' ? r['httpStatusCode'] : 0,
        body: r['body'],
      };
    });
  }

  async #jsforceConnection(): Promise<Connection> {
    if (!this.#connection) {
      const jsforce = await loadJsforce();
      this.#connection ??= new jsforce.Connection({
        instanceUrl: this.#config.instanceUrl,
        accessToken: this.#config.accessToken,
        version: this.#config.apiVersion,
      });
    }
    return this.#connection;
  }

  /**
   * The one way out to Salesforce: loads jsforce if needed, sends, applies the timeout
   * (to the whole step, library load included, so nothing waits forever) and normalises
   * every failure once.
   */
  async #send<T>(request: HttpRequest, options: { noContentResponse?: unknown } = {}): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let late = false;
    // jsforce's public error keeps no HTTP status (HttpApiError has errorCode and data only;
    // the status is reachable only through the Connection's private transport field), so a
    // failure is told by Salesforce's documented errorCode, or jsforce's ERROR_HTTP_<status>
    // when the body was not a Salesforce error list (see salesforce-error.ts).
    const work = (async () => {
      const connection = await this.#jsforceConnection();
      // No retries inside jsforce (it would retry 5xx five times, ~15 s, spending API
      // requests): a lookup must answer while the phone rings, and the outbox retries writes.
      const answer = (await connection.request<T>(request, { ...options, retry: { maxRetries: 0 } })) as T;
      // An answer after the timeout says the org is slow, not back: telling it would end backoffs in a loop.
      if (!late) this.#answered();
      return answer;
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        reject(
          new ContactPadError('CRM_UNAVAILABLE', `Salesforce did not answer within ${this.#config.timeoutMs} ms.`, {
            detail: { reason: 'timeout', timeoutMs: this.#config.timeoutMs },
          }),
        );
      }, this.#config.timeoutMs);
    });
    // A request that loses the race still settles later; its outcome is no longer wanted.
    work.catch(() => undefined);
    try {
      const answer = await Promise.race([work, timeout]);
      this.#sessionIs('working');
      return answer;
    } catch (error) {
      const failure = toContactPadError(error);
      if (failure.code === 'CRM_SESSION_EXPIRED') this.#sessionIs('expired', failure);
      throw failure;
    } finally {
      clearTimeout(timer);
    }
  }
}

function validate(config: CrmConfig): CrmConfig {
  const bad = (setting: string, why: string) =>
    new ContactPadError('INVALID_CONFIGURATION', `CRM setting ${setting} ${why}.`, { detail: { setting } });
  if (typeof config !== 'object' || config === null) throw bad('config', 'is missing');
  let url: URL;
  try {
    url = new URL(config.instanceUrl);
  } catch {
    throw bad('instanceUrl', 'is not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad('instanceUrl', 'must be an http(s) URL');
  if (typeof config.accessToken !== 'string' || config.accessToken.trim() === '') throw bad('accessToken', 'is empty');
  if (typeof config.apiVersion !== 'string' || !/^\d{2,3}\.0$/.test(config.apiVersion)) {
    throw bad('apiVersion', "must look like '68.0'");
  }
  if (typeof config.timeoutMs !== 'number' || !Number.isFinite(config.timeoutMs) || config.timeoutMs <= 0) {
    throw bad('timeoutMs', 'must be a positive number of milliseconds');
  }
  return {
    instanceUrl: url.origin,
    accessToken: config.accessToken,
    apiVersion: config.apiVersion,
    timeoutMs: config.timeoutMs,
  };
}

function isRecord(value: unknown): value is SalesforceRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The records of a query answer (`{ totalSize, done, records }`, also a composite query
 * subrequest's body) or of a search answer (`searchRecords`); none when the answer has none.
 */
export function recordsOf(answer: unknown, key: 'records' | 'searchRecords' = 'records'): readonly SalesforceRecord[] {
  const records = isRecord(answer) ? answer[key] : undefined;
  return Array.isArray(records) ? records.filter(isRecord) : [];
}

function isApiName(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(name);
}
