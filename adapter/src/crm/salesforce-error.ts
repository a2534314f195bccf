/**
 * The one place where Salesforce failures become ContactPad errors. Salesforce (and jsforce
 * on its way) fails in several shapes: a REST error body (`[{"message", "errorCode"}]`,
 * surfaced by jsforce as an `HttpApiError` with `errorCode` and `data`), a body jsforce could
 * not read (`ERROR_HTTP_<status>`), a network failure (`TypeError: Failed to fetch`), our
 * own timeout. Like lwc-recipes' `reduceErrors`, they are normalised once, here, and the
 * rest of ContactPad only sees a {@link ContactPadError} with a catalogue code.
 */
import { ContactPadError, isContactPadError, type ErrorCode } from '../model/errors.ts';

/** Salesforce errorCodes that say the platform, not the request, is at fault. */
const UNAVAILABLE_ERROR_CODES = new Set(['SERVER_UNAVAILABLE', 'UNKNOWN_EXCEPTION', 'REQUEST_RUNNING_TOO_LONG']);

/** Facts about the failed HTTP exchange that jsforce does not keep on its error. */
export interface SalesforceErrorContext {
  /** The HTTP status of the response, when one arrived. */
  readonly status?: number;
}

/**
 * Maps any failure of a Salesforce REST request to a {@link ContactPadError}:
 * - `INVALID_SESSION_ID` or HTTP 401 -> `CRM_SESSION_EXPIRED`
 * - `REQUEST_LIMIT_EXCEEDED` -> `CRM_REQUEST_LIMIT`
 * - HTTP 5xx, a network failure or a timeout -> `CRM_UNAVAILABLE`
 * - any other Salesforce `errorCode` (MALFORMED_SEARCH, INVALID_FIELD...) -> `CRM_REQUEST_REJECTED`
 * The Salesforce `errorCode` and the HTTP status are kept in `detail`. An error that is
 * already a ContactPadError passes through unchanged.
 */
export function toContactPadError(error: unknown, context: SalesforceErrorContext = {}): ContactPadError {
  if (isContactPadError(error)) return error;
  const { status } = context;
  const errorCode = salesforceErrorCode(error);
  const message = salesforceMessage(error);
  const detail: Record<string, string | number> = {};
  if (errorCode !== undefined) detail['errorCode'] = errorCode;
  if (status !== undefined) detail['status'] = status;
  const fields = salesforceErrorFields(error);
  if (fields !== '') detail['fields'] = fields;

  if (errorCode === 'INVALID_SESSION_ID' || status === 401 || errorCode === 'ERROR_HTTP_401') {
    return new ContactPadError('CRM_SESSION_EXPIRED', `Salesforce session expired: ${message}`, { cause: error, detail });
  }
  if (errorCode === 'REQUEST_LIMIT_EXCEEDED') {
    return new ContactPadError('CRM_REQUEST_LIMIT', `Salesforce API limit reached: ${message}`, { cause: error, detail });
  }
  const httpStatus = status ?? statusFromErrorCode(errorCode);
  if ((httpStatus !== undefined && httpStatus >= 500) || (errorCode !== undefined && UNAVAILABLE_ERROR_CODES.has(errorCode))) {
    return new ContactPadError('CRM_UNAVAILABLE', `Salesforce is unavailable: ${message}`, {
      cause: error,
      detail: { reason: 'server', ...detail },
    });
  }
  if (errorCode === undefined && status === undefined) {
    // No response at all: fetch failed (offline, DNS, CORS, connection reset).
    return new ContactPadError('CRM_UNAVAILABLE', `Salesforce could not be reached: ${message}`, {
      cause: error,
      detail: { reason: 'network' },
    });
  }
  return new ContactPadError('CRM_REQUEST_REJECTED', `Salesforce rejected the request: ${message}`, { cause: error, detail });
}

/**
 * A failed composite subrequest as a ContactPadError: its body is Salesforce's error list
 * (`[{ message, errorCode }]`) and its httpStatusCode says the rest (401, 403, 5xx, 400).
 * A subrequest missing from the answer, or one without a status, is treated as unavailable:
 * its outcome is unknown.
 */
export function subrequestError(response: { readonly httpStatusCode: number; readonly body: unknown } | undefined): ContactPadError {
  if (!response || !(response.httpStatusCode >= 100)) {
    return new ContactPadError('CRM_UNAVAILABLE', 'Salesforce answered the composite request without this subrequest’s outcome.', {
      detail: { reason: 'server' },
    });
  }
  const body = Array.isArray(response.body) ? (response.body[0] as unknown) : response.body;
  return toContactPadError(typeof body === 'object' && body !== null ? body : { message: String(body ?? '') }, { status: response.httpStatusCode });
}

/**
 * A request Salesforce refused (what {@link toContactPadError} calls CRM_REQUEST_REJECTED: a
 * bad owner, a deleted record, no access...) told as `code`: `what`, then Salesforce's own
 * message; `detail` is added to the errorCode and status. An expired session, the API limit
 * or Salesforce being unavailable keep their usual codes.
 */
export function refusedAs(code: ErrorCode, what: string, error: unknown, detail: Record<string, string | number> = {}): ContactPadError {
  const mapped = toContactPadError(error);
  if (mapped.code !== 'CRM_REQUEST_REJECTED') return mapped;
  return new ContactPadError(code, `${what}: ${salesforceMessage(mapped.cause ?? mapped)}`, { cause: mapped, detail: { ...mapped.detail, ...detail } });
}

/** The Salesforce errorCode carried by a jsforce error (first one of several), if any. */
function salesforceErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const record = error as { errorCode?: unknown; data?: unknown };
  if (record.errorCode === 'MULTIPLE_API_ERRORS' && Array.isArray(record.data)) {
    const first: unknown = record.data[0];
    if (typeof first === 'object' && first !== null && typeof (first as { errorCode?: unknown }).errorCode === 'string') {
      return (first as { errorCode: string }).errorCode;
    }
  }
  if (typeof record.errorCode === 'string' && record.errorCode !== '') return record.errorCode;
  if (Array.isArray(error)) return salesforceErrorCode(error[0]);
  return undefined;
}

/**
 * The fields a Salesforce error names (`"fields": ["WhatId"]` in a REST error body; jsforce
 * keeps them on its error as `fields`), comma-joined; '' when none.
 */
function salesforceErrorFields(error: unknown): string {
  if (typeof error !== 'object' || error === null) return '';
  const record = error as { fields?: unknown; data?: unknown };
  const fields = Array.isArray(record.fields)
    ? record.fields
    : Array.isArray(record.data) && typeof record.data[0] === 'object' && record.data[0] !== null
      ? (record.data[0] as { fields?: unknown }).fields
      : undefined;
  return Array.isArray(fields) ? fields.filter((field): field is string => typeof field === 'string').join(',').slice(0, 200) : '';
}

/** jsforce's `ERROR_HTTP_503` (a body it could not parse) carries the status in its name. */
function statusFromErrorCode(errorCode: string | undefined): number | undefined {
  const match = /^ERROR_HTTP_(\d{3})$/.exec(errorCode ?? '');
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** A short, single-line message (an HTML maintenance page is not a message). */
function salesforceMessage(error: unknown): string {
  let text = '';
  if (typeof error === 'string') text = error;
  else if (error instanceof Error) text = error.message;
  else if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    text = (error as { message: string }).message;
  }
  if (/^\s*</.test(text)) text = 'the server answered with a web page instead of data';
  text = text.replace(/\s+/g, ' ').trim();
  if (text === '') text = 'no details given';
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}
