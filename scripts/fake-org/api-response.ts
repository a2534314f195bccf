/**
 * Builds REST answers with the headers Salesforce puts on every API response:
 * `Content-Type: application/json;charset=UTF-8` and `Sforce-Limit-Info: api-usage=USED/LIMIT`
 * (REST API Developer Guide, "Limit Info Header",
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/headers_api_usage.htm:
 * "returned in each request to REST API (except for calls to the Versions URI)"; its example
 * response shows `Content-Type: application/json;charset=UTF-8`).
 */
import { HttpResponse } from 'msw';
import type { FakeOrg } from './store.ts';
import { SalesforceApiError } from './salesforce-error.ts';

/** The content type Salesforce answers JSON with. */
export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';

/** An API result before it becomes a Response. */
export interface ApiResult {
  status: number;
  /** JSON body; omitted for 204. */
  body?: unknown;
  /** A binary body instead (a blob field's content) with its content type. */
  raw?: { readonly bytes: Uint8Array; readonly contentType: string };
  headers?: Record<string, string>;
}

/** The Response for `result`, with the org's API usage when an org is known. */
export function toResponse(result: ApiResult, org: FakeOrg | undefined): HttpResponse<string> {
  const headers = new Headers(result.headers);
  if (org) headers.set('Sforce-Limit-Info', `api-usage=${org.apiUsed}/${org.dailyLimit}`);
  if (result.raw) {
    headers.set('Content-Type', result.raw.contentType);
    return new HttpResponse(result.raw.bytes as unknown as string, { status: result.status, headers });
  }
  if (result.status === 204 || result.body === undefined) {
    return new HttpResponse(null, { status: result.status, headers });
  }
  headers.set('Content-Type', JSON_CONTENT_TYPE);
  return new HttpResponse(JSON.stringify(result.body), { status: result.status, headers });
}

/** The result for a Salesforce error (401s carry `WWW-Authenticate: Token`, as Salesforce sends). */
export function errorResult(error: SalesforceApiError): ApiResult {
  const headers: Record<string, string> = error.status === 401 ? { 'WWW-Authenticate': 'Token' } : {};
  return { status: error.status, body: error.toBody(), headers };
}
