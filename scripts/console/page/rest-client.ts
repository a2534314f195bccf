/**
 * The console page's Salesforce REST client (fetch, bearer token): sObject read and create,
 * SOQL query and SOSL search, with Salesforce's error bodies (`[{ message, errorCode }]`)
 * turned into {@link RestError}s that say what Salesforce said.
 */

/** A failed REST request: the HTTP status and Salesforce's errorCode and message. */
export class RestError extends Error {
  readonly status: number;
  readonly errorCode: string;
  constructor(status: number, errorCode: string, message: string) {
    super(message);
    this.name = 'RestError';
    this.status = status;
    this.errorCode = errorCode;
  }
}

/** A record as the REST API returns it (`attributes` plus fields). */
export type SObjectRecord = Readonly<Record<string, unknown>> & { readonly attributes?: { readonly type?: string; readonly url?: string } };

async function errorOf(response: Response): Promise<RestError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const first = Array.isArray(body) ? (body[0] as Record<string, unknown> | undefined) : (body as Record<string, unknown> | undefined);
  const code = typeof first?.['errorCode'] === 'string' ? first['errorCode'] : `HTTP_${response.status}`;
  const message = typeof first?.['message'] === 'string' ? first['message'] : response.statusText || 'Request failed';
  return new RestError(response.status, code, `${code}: ${message}`);
}

/** Escapes SOSL's reserved characters (`? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -`) with a backslash. */
export function escapeSosl(text: string): string {
  return text.replace(/[?&|!{}[\]()^~*:\\"'+-]/g, (char) => `\\${char}`);
}

/** REST calls against /services/data/v<apiVersion>/ on this origin, as the console's user. */
export class RestClient {
  readonly #base: string;
  readonly #token: string;

  constructor(apiVersion: string, token: string) {
    this.#base = `/services/data/v${apiVersion}`;
    this.#token = token;
  }

  async #request(method: string, path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.#token}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new RestError(0, 'NETWORK_ERROR', 'The local console server did not answer.');
    }
    if (!response.ok) throw await errorOf(response);
    if (response.status === 204) return undefined;
    return response.json();
  }

  /** GET /sobjects/<type>/<id>: the record with all its fields. */
  async getRecord(objectType: string, id: string): Promise<SObjectRecord> {
    return (await this.#request('GET', `/sobjects/${encodeURIComponent(objectType)}/${encodeURIComponent(id)}`)) as SObjectRecord;
  }

  /** POST /sobjects/<type>: creates a record; resolves with its id. */
  async createRecord(objectType: string, fields: Readonly<Record<string, unknown>>): Promise<string> {
    const result = (await this.#request('POST', `/sobjects/${encodeURIComponent(objectType)}`, fields)) as { id?: unknown };
    if (typeof result?.id !== 'string') throw new RestError(500, 'UNKNOWN', 'Salesforce did not return the new record id.');
    return result.id;
  }

  /** PATCH /sobjects/<type>/<id>: updates fields of a record. */
  async updateRecord(objectType: string, id: string, fields: Readonly<Record<string, unknown>>): Promise<void> {
    await this.#request('PATCH', `/sobjects/${encodeURIComponent(objectType)}/${encodeURIComponent(id)}`, fields);
  }

  /** GET /sobjects (describeGlobal): every object's API name and key prefix ('' when it has none). */
  async describeGlobal(): Promise<{ name: string; keyPrefix: string }[]> {
    const result = (await this.#request('GET', '/sobjects')) as { sobjects?: unknown };
    const objects = Array.isArray(result?.sobjects) ? (result.sobjects as unknown[]) : [];
    return objects.flatMap((entry) => {
      const object = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
      const name = object['name'];
      const keyPrefix = object['keyPrefix'];
      return typeof name === 'string' ? [{ name, keyPrefix: typeof keyPrefix === 'string' ? keyPrefix : '' }] : [];
    });
  }

  /** GET /query?q=<SOQL>: the first page of records. */
  async query(soql: string): Promise<SObjectRecord[]> {
    const result = (await this.#request('GET', `/query?q=${encodeURIComponent(soql)}`)) as { records?: unknown };
    return Array.isArray(result?.records) ? (result.records as SObjectRecord[]) : [];
  }

  /** GET /search?q=<SOSL>: the matching records across objects. */
  async search(sosl: string): Promise<SObjectRecord[]> {
    const result = (await this.#request('GET', `/search?q=${encodeURIComponent(sosl)}`)) as { searchRecords?: unknown } | unknown[];
    if (Array.isArray(result)) return result as SObjectRecord[];
    return Array.isArray(result?.searchRecords) ? (result.searchRecords as SObjectRecord[]) : [];
  }
}
