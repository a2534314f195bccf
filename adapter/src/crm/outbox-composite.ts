/**
 * The activity outbox's composite requests (activity-outbox.ts): how the writes that are due
 * are packed into requests of at most MAX_COMPOSITE_SUBREQUESTS (25) subrequests, what one
 * write puts in a request (the deletes of the duplicate Tasks known for it, its upsert on the
 * interaction id, its record update, the records read back with it, at most
 * {@link MAX_READ_BACK}), and what the answers say (the Task id an upsert answered with, the
 * records read back, the Tasks a 300 answer names, why a write failed). Each subrequest carries
 * its write's index in the batch in its referenceId (`duplicate<i>_<n>`, `task<i>`,
 * `update<i>`, `read<i>_<n>`), so each write finds its own answers.
 *
 * A write with a record update (a calling list outcome: its Task and the campaign member) is
 * sent in a request of its own with allOrNone true, so Salesforce writes both or neither ("If
 * the value is true, the entire composite request is rolled back", REST API "Composite Request
 * Body"); other writes share requests with allOrNone false, each answered on its own.
 */
import { isSalesforceId } from '../model/salesforce-id.ts';
import { INTERACTION_ID_FIELD } from './activity-log.ts';
import type { QueuedTaskFields } from './activity-log.ts';
import { MAX_COMPOSITE_SUBREQUESTS } from './crm-connection.ts';
import type { CompositeSubrequest, CompositeSubresponse, SalesforceRecord } from './crm-connection.ts';
import type { OutboxRecord, ReadBack, RecordUpdate } from './outbox-store.ts';

/** Records read with one write, at most: a Task links one Who and one What. */
export const MAX_READ_BACK = 2;

/** Key prefix of Task ids (the same in every org). */
const TASK_KEY_PREFIX = '00T';

/**
 * Sends `due` in order, in batches of at most MAX_COMPOSITE_SUBREQUESTS subrequests, one
 * batch at a time; the writes with a record update go after, each in a batch of its own (sent
 * all or none). `needs` says how many subrequests a write takes, asked as it is packed; `send`
 * says whether to go on with the next batch, and nothing more is sent once `closed()`.
 */
export async function sendInBatches(
  due: readonly OutboxRecord[],
  needs: (record: OutboxRecord) => number,
  send: (batch: readonly OutboxRecord[]) => Promise<boolean>,
  closed: () => boolean,
): Promise<void> {
  const batches: OutboxRecord[][] = [];
  let batch: OutboxRecord[] = [];
  let size = 0;
  for (const record of due.filter((write) => !hasUpdate(write))) {
    const count = needs(record);
    if (batch.length > 0 && size + count > MAX_COMPOSITE_SUBREQUESTS) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(record);
    size += count;
  }
  if (batch.length > 0) batches.push(batch);
  for (const alone of due.filter(hasUpdate)) batches.push([alone]);
  for (const [n, next] of batches.entries()) {
    if (n > 0 && closed()) return;
    if (!(await send(next))) return;
  }
}

/** Whether a batch is sent all or none: a write with a record update, alone. */
export function isAllOrNone(batch: readonly OutboxRecord[]): boolean {
  return batch.length === 1 && hasUpdate(batch[0]!);
}

/** Salesforce's PROCESSING_HALTED: a subrequest rolled back because another in the same all-or-none request failed. */
const ROLLED_BACK = 'PROCESSING_HALTED';

/**
 * Why a write with a record update failed: the answer of the part that failed for a reason of
 * its own (under allOrNone the other answers 400 PROCESSING_HALTED "The transaction was rolled
 * back since another operation in the same transaction failed."), else the first that failed;
 * undefined when both are in.
 */
export function failedPart(upsert: CompositeSubresponse | undefined, update: CompositeSubresponse | undefined): CompositeSubresponse | undefined {
  // A part Salesforce gave no answer for failed too (status 0: told as Salesforce unavailable, subrequestError).
  const failed = [upsert, update]
    .map((answer) => answer ?? { referenceId: '', httpStatusCode: 0, body: undefined })
    .filter((answer) => !(answer.httpStatusCode >= 200 && answer.httpStatusCode < 300));
  return failed.find((answer) => answer.httpStatusCode !== 0 && errorCodeOf(answer.body) !== ROLLED_BACK) ?? failed[0];
}

function errorCodeOf(body: unknown): unknown {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  return typeof first === 'object' && first !== null ? (first as { errorCode?: unknown }).errorCode : undefined;
}

/** How many subrequests a write takes: a delete per known duplicate, its upsert, its record update, its read-backs. */
export function subrequestCount(record: OutboxRecord, duplicates: readonly string[]): number {
  return duplicates.length + 1 + (updateOf(record) ? 1 : 0) + readBackOf(record).length;
}

/**
 * The subrequests of the write at `index` in its batch: deleting its known duplicates, then
 * its upsert of `fields`, then reading its records back.
 */
export function writeSubrequests(record: OutboxRecord, index: number, duplicates: readonly string[], fields: QueuedTaskFields): CompositeSubrequest[] {
  const subrequests: CompositeSubrequest[] = [];
  for (const [n, taskId] of duplicates.entries()) {
    subrequests.push({ method: 'DELETE', url: `/sobjects/Task/${taskId}`, referenceId: `duplicate${index}_${n}` });
  }
  subrequests.push({
    method: 'PATCH',
    url: `/sobjects/Task/${INTERACTION_ID_FIELD}/${encodeURIComponent(record.interactionId)}`,
    referenceId: `task${index}`,
    body: fields,
  });
  // The record update after the Task (a calling list member), in a request of its own with
  // allOrNone true (sendInBatches): both are written or neither.
  const update = updateOf(record);
  if (update) subrequests.push({ method: 'PATCH', url: `/sobjects/${update.objectType}/${update.id}`, referenceId: `update${index}`, body: update.fields });
  // sObject Rows GET, supported in a composite request like the upsert (REST API "Composite": all sObject resources).
  for (const [n, read] of readBackOf(record).entries()) {
    subrequests.push({ method: 'GET', url: `/sobjects/${read.objectType}/${read.id}?fields=${read.fields.map(encodeURIComponent).join(',')}`, referenceId: `read${index}_${n}` });
  }
  return subrequests;
}

/** A composite request's answers, by referenceId. */
export type CompositeAnswers = ReadonlyMap<string, CompositeSubresponse>;

export function answersByReference(responses: readonly CompositeSubresponse[]): CompositeAnswers {
  return new Map(responses.map((response) => [response.referenceId, response]));
}

/** The answer to the upsert of the write at `index`, if Salesforce gave one. */
export function upsertAnswer(answers: CompositeAnswers, index: number): CompositeSubresponse | undefined {
  return answers.get(`task${index}`);
}

/** The answer to the record update of the write at `index`: undefined when it has none (or no answer came). */
export function updateAnswer(answers: CompositeAnswers, index: number): CompositeSubresponse | undefined {
  return answers.get(`update${index}`);
}

/** Whether the write at `index` carries a record update (checked: it was read back from disk). */
export function hasUpdate(record: OutboxRecord): boolean {
  return updateOf(record) !== undefined;
}

/** The records read back with the write at `index`: those that could be read. */
export function readBackRecords(answers: CompositeAnswers, index: number, record: OutboxRecord): SalesforceRecord[] {
  return readBackOf(record).flatMap((_read, n) => {
    const answer = answers.get(`read${index}_${n}`);
    return answer?.httpStatusCode === 200 && typeof answer.body === 'object' && answer.body !== null ? [answer.body as SalesforceRecord] : [];
  });
}

/** The Task id an upsert answered with (`{ id, success, created }`); '' when the body does not say. */
export function taskIdOf(body: unknown): string {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return isSalesforceId(id, TASK_KEY_PREFIX) ? id : '';
}

/** The Tasks a 300 answer names (record URLs), each once, in order of id. */
export function duplicateTaskIds(body: unknown): string[] {
  return [...new Set((Array.isArray(body) ? body : []).map(taskIdFromUrl).filter((t): t is string => t !== undefined))].sort();
}

/** A queued write's record update, checked (it was read back from disk). */
function updateOf(record: OutboxRecord): RecordUpdate | undefined {
  const update = record.alsoUpdate;
  if (typeof update !== 'object' || update === null) return undefined;
  if (!isSalesforceId(update.id) || typeof update.objectType !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(update.objectType)) return undefined;
  return typeof update.fields === 'object' && update.fields !== null ? update : undefined;
}

/** A queued write's read-backs, checked (it was read back from disk). */
function readBackOf(record: OutboxRecord): readonly ReadBack[] {
  if (!Array.isArray(record.readBack)) return [];
  return record.readBack
    .filter((read) => isSalesforceId(read?.id) && typeof read.objectType === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(read.objectType) && Array.isArray(read.fields) && read.fields.length > 0 && read.fields.every((field: unknown) => typeof field === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(field)))
    .slice(0, MAX_READ_BACK);
}

/** The Task id at the end of a record URL in a 300 answer (`/services/data/v68.0/sobjects/Task/00T...`). */
function taskIdFromUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const id = /\/sobjects\/Task\/([^/]*)$/.exec(url)?.[1];
  return isSalesforceId(id, TASK_KEY_PREFIX) ? id : undefined;
}
