/**
 * The fake org's ContactPadCallbackQueue (force-app/main/default/classes/ContactPadCallbackQueue.cls),
 * `POST|PATCH /services/apexrest/contactpad/callbacks[/next|/<id>/start|/<id>/outcome|/<id>/reject]`:
 * the queuing rules of callback requests, copied rule for rule from the class (its comment is the
 * contract; the statuses are adapter/src/model/callback-request.ts's table).
 *
 * Concurrency as Salesforce gives it to the class: one request is one transaction, and the class
 * reads the records it decides on with SOQL FOR UPDATE, so a second request touching them waits
 * until the first has committed, then reads what it wrote (Apex Developer Guide, "Locking
 * Statements", langCon_apex_locking_statements.htm: "Other clients have to wait until the
 * transaction completes and the records are no longer locked"). Here each call runs to its end
 * synchronously (no await between reading and writing), so requests that arrive together in the
 * fake org's event loop are likewise decided one after the other, each seeing the one before.
 * Errors are the class's own: `[{"errorCode": ..., "message": ...}]` with 400, 404 or 409, written
 * with RestContext.response (statusCode, responseBody: Apex Developer Guide, "RestResponse Class",
 * apex_methods_system_restresponse.htm), in the list shape of Salesforce's own REST errors (REST
 * API Developer Guide, "Status Codes and Error Responses", errorcodes.htm). What the class does not
 * catch (an unknown id) is Apex REST's 500 APEX_ERROR (apex-rest.ts). The records are the custom object as force-app ships it
 * (objects/ContactPad_Callback_Request__c, fields/*.field-meta.xml).
 */
import { SalesforceApiError } from './salesforce-error.ts';
import type { ApiResult } from './api-response.ts';
import type { FakeOrg, SfRecord } from './store.ts';

const OBJECT = 'ContactPad_Callback_Request__c';
/** ContactPadCallbackQueue.MAX_IN_PROGRESS_PER_QUEUE and DEFAULT_ATTEMPT_LIMIT. */
export const MAX_IN_PROGRESS_PER_QUEUE = 2;
export const DEFAULT_ATTEMPT_LIMIT = 3;
const OPEN = new Set(['Waiting', 'Scheduled', 'Offered', 'In Progress']);
const OUTCOMES: Readonly<Record<string, string>> = { answered: 'Answered', voicemail: 'Voicemail', busy: 'Busy', 'no-answer': 'No Answer', failed: 'Failed', blocked: 'Blocked' };

/** What the class gets: the org, the running user, the path after /contactpad/callbacks, the method and the JSON body. */
export interface CallbackQueueCall {
  readonly org: FakeOrg;
  readonly user: SfRecord;
  readonly path: string;
  readonly method: string;
  readonly body: Record<string, unknown>;
}

const ok = (status: number, body: unknown): ApiResult => ({ status, body });

/** ContactPadCallbackQueue.post() / patch(). */
export function callbackQueue({ org, user, path, method, body }: CallbackQueueCall): ApiResult {
  const [id, action] = path.replace(/^\/+/, '').split('/');
  if (method === 'PATCH') return patch(org, locked(org, id ?? ''), body);
  if (!id) return create(org, body);
  if (id === 'next') return next(org, user, text(body, 'queue'));
  const request = locked(org, id);
  if (action === 'start') return start(org, user, request);
  if (action === 'reject') return moved(org, request, ['Offered'], 'Waiting');
  if (action === 'outcome') return outcome(org, request, body);
  throw new SalesforceApiError(404, 'NOT_FOUND', 'Could not find a match for URL');
}

function create(org: FakeOrg, body: Record<string, unknown>): ApiResult {
  const number = text(body, 'number');
  if (number === '') throw new SalesforceApiError(400, 'INVALID_INPUT', 'A callback request needs a number.');
  const scheduledAt = when(body, 'scheduledAt');
  if (scheduledAt !== undefined && scheduledAt < org.now().getTime()) throw new SalesforceApiError(400, 'SCHEDULE_IN_PAST', 'A call cannot be scheduled in the past.');
  const fields: Record<string, unknown> = {
    Number__c: number,
    Caller_Name__c: text(body, 'name'),
    Location__c: text(body, 'location'),
    Ad_Source__c: text(body, 'adSource'),
    Queue__c: text(body, 'queue'),
    Requested_At__c: org.now().toISOString(),
    Scheduled_At__c: scheduledAt === undefined ? null : new Date(scheduledAt).toISOString(),
    Status__c: scheduledAt === undefined ? 'Waiting' : 'Scheduled',
    Attempts__c: 0,
    Agent__c: typeof body['agentId'] === 'string' ? body['agentId'] : null,
    // The class: Record_Id__c = text(body, 'recordId').left(18), the record an agent scheduled it from.
    Record_Id__c: text(body, 'recordId').slice(0, 18) || null,
  };
  // The caller's open requests (locked in the class): the first one is kept.
  const digits = digitsOf(number);
  const first = open(org)
    .filter((r) => digitsOf(String(r['Number__c'] ?? '')) === digits)
    .sort(byRequestTime)[0];
  if (first) {
    return ok(200, org.insert(OBJECT, { ...fields, Status__c: 'Duplicate', Duplicate_Of__c: first.Id, Reason__c: `Duplicate of ${first.Id}` }));
  }
  return ok(201, org.insert(OBJECT, fields));
}

function next(org: FakeOrg, user: SfRecord, queue: string): ApiResult {
  const rows = open(org).filter((r) => r['Queue__c'] === queue);
  const busy = inProgress(org, queue);
  const now = org.now().getTime();
  const due = (r: SfRecord) =>
    r['Status__c'] === 'Waiting' || (r['Status__c'] === 'Scheduled' && Date.parse(String(r['Scheduled_At__c'])) <= now && r['Agent__c'] === user.Id);
  const oldest = rows.filter(due).sort(byRequestTime)[0];
  if (!oldest) return ok(200, {});
  if (busy >= MAX_IN_PROGRESS_PER_QUEUE) {
    const followUp = org.update(OBJECT, String(oldest.Id), {
      Status__c: 'Follow-up',
      Reason__c: `Queue ${queue} had ${MAX_IN_PROGRESS_PER_QUEUE} callbacks in progress: missed-call follow-up`,
    });
    // Salesforce queues cannot own activities: the follow-up Task names the queue. The class relates it
    // to the request (WhatId = oldest.Id: the Task reference allows custom objects with activities,
    // which force-app enables); the fake's Task WhatId knows only Account, Campaign and Case
    // (schema.ts), so here the Description names the request instead: a known difference.
    org.insert('Task', { Subject: `Missed call follow-up (queue ${queue}): ${String(oldest['Number__c'])}`, Status: 'Not Started', Priority: 'High', Description: `Callback request ${oldest.Id}` });
    return ok(200, { followUp });
  }
  return ok(200, { offered: org.update(OBJECT, String(oldest.Id), { Status__c: 'Offered', Agent__c: user.Id }) });
}

function start(org: FakeOrg, user: SfRecord, request: SfRecord): ApiResult {
  const mine = request['Status__c'] === 'Offered' && request['Agent__c'] === user.Id;
  if (!mine && request['Status__c'] !== 'Waiting') throw notAllowed(request, 'started');
  // A waiting request started without being offered counts toward its queue's limit like one
  // `next` offers: the two-in-progress rule holds whichever way a callback starts.
  if (!mine && inProgress(org, request['Queue__c']) >= MAX_IN_PROGRESS_PER_QUEUE) throw queueFull(request);
  return ok(200, org.update(OBJECT, String(request.Id), { Status__c: 'In Progress', Agent__c: user.Id }));
}

function outcome(org: FakeOrg, request: SfRecord, body: Record<string, unknown>): ApiResult {
  const outcomeValue = OUTCOMES[text(body, 'outcome')];
  if (!outcomeValue) throw new SalesforceApiError(400, 'INVALID_INPUT', `outcome is one of ${Object.keys(OUTCOMES).join(', ')}.`);
  if (request['Status__c'] !== 'In Progress' && !(outcomeValue === 'Blocked' && request['Status__c'] === 'Offered')) throw notAllowed(request, 'given an outcome');
  const limit = Number.isInteger(body['attemptLimit']) ? Math.max(1, body['attemptLimit'] as number) : DEFAULT_ATTEMPT_LIMIT;
  const fields: Record<string, unknown> = { Outcome__c: outcomeValue, Reason__c: text(body, 'reason').slice(0, 255) };
  if (outcomeValue === 'Blocked') fields['Status__c'] = 'Waiting';
  else {
    const attempts = Number(request['Attempts__c'] ?? 0) + 1;
    fields['Attempts__c'] = attempts;
    fields['Status__c'] = outcomeValue === 'Answered' || outcomeValue === 'Voicemail' ? 'Completed' : attempts >= limit ? 'Failed' : 'Waiting';
  }
  return ok(200, org.update(OBJECT, String(request.Id), fields));
}

function patch(org: FakeOrg, request: SfRecord, body: Record<string, unknown>): ApiResult {
  if (text(body, 'status') === 'Cancelled') return moved(org, request, ['Waiting', 'Scheduled'], 'Cancelled');
  const at = when(body, 'scheduledAt');
  if (at === undefined) throw new SalesforceApiError(400, 'INVALID_SCHEDULE', 'Give scheduledAt (ISO 8601) or status Cancelled.');
  if (at < org.now().getTime()) throw new SalesforceApiError(400, 'SCHEDULE_IN_PAST', 'A call cannot be scheduled in the past.');
  if (!['Waiting', 'Scheduled'].includes(String(request['Status__c']))) throw notAllowed(request, 'moved');
  return ok(200, org.update(OBJECT, String(request.Id), { Scheduled_At__c: new Date(at).toISOString(), Status__c: 'Scheduled' }));
}

function moved(org: FakeOrg, request: SfRecord, from: readonly string[], to: string): ApiResult {
  if (!from.includes(String(request['Status__c']))) throw notAllowed(request, `moved to ${to}`);
  return ok(200, org.update(OBJECT, String(request.Id), { Status__c: to, ...(to === 'Waiting' ? { Agent__c: null } : {}) }));
}

function locked(org: FakeOrg, id: string): SfRecord {
  const found = org.list(OBJECT).find((r) => r.Id === id || String(r.Id).slice(0, 15) === id);
  // The class's CallbackException, uncaught: Apex REST's 500 APEX_ERROR (apex-rest.ts raises it for any other error).
  if (!found) throw new Error(`ContactPadCallbackQueue.CallbackException: No callback request ${id}`);
  return found;
}

function open(org: FakeOrg): SfRecord[] {
  return org.list(OBJECT).filter((r) => OPEN.has(String(r['Status__c'])));
}

function byRequestTime(a: SfRecord, b: SfRecord): number {
  return Date.parse(String(a['Requested_At__c'])) - Date.parse(String(b['Requested_At__c'])) || String(a.Id).localeCompare(String(b.Id));
}

/** The queue's requests Offered or In Progress (the class reads them FOR UPDATE). */
function inProgress(org: FakeOrg, queue: unknown): number {
  return open(org).filter((r) => r['Queue__c'] === queue && (r['Status__c'] === 'Offered' || r['Status__c'] === 'In Progress')).length;
}

function queueFull(request: SfRecord): SalesforceApiError {
  return new SalesforceApiError(409, 'CALLBACK_NOT_ALLOWED', `Queue ${String(request['Queue__c'])} already has ${MAX_IN_PROGRESS_PER_QUEUE} callbacks in progress.`);
}

function notAllowed(request: SfRecord, what: string): SalesforceApiError {
  return new SalesforceApiError(409, 'CALLBACK_NOT_ALLOWED', `A ${String(request['Status__c'])} callback request cannot be ${what}.`);
}

/** ContactPadCallbackQueue.digitsOf: the last ten digits, so +1 415 555 0100 and (415) 555-0100 are one caller. */
function digitsOf(value: string): string {
  return value.replace(/\D/g, '').slice(-10);
}

function text(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  return typeof value === 'string' ? value.trim() : '';
}

function when(body: Record<string, unknown>, key: string): number | undefined {
  const value = text(body, key);
  if (value === '') return undefined;
  const at = Date.parse(value);
  // A known difference: the class's JSON.deserialize('"' + value + '"', Datetime.class) throws, uncaught,
  // which Apex REST answers 500 APEX_ERROR (apex-rest.ts); the fake answers 400 with the REST API's
  // datetime message (record-values.ts). ContactPad sends only times it wrote itself (toISOString).
  if (Number.isNaN(at)) throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of datetime from VALUE_STRING value ${value}`);
  return at;
}
