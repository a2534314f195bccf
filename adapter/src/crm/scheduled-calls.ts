/**
 * Scheduled calls in Salesforce (model/scheduled-call.ts): through the callback queue's endpoint,
 * the Apex REST class ContactPadCallbackQueue (force-app; `/services/apexrest/contactpad/callbacks`),
 * the one writer of a callback request's status: POST a request with `scheduledAt`, `agentId` and
 * `recordId`; PATCH `/<id>` with a new `scheduledAt`, or `status: Cancelled`. The agent's list is
 * one SOQL query of their Scheduled requests.
 */
import { ContactPadError } from '../model/errors.ts';
import { readScheduledCalls, type ScheduledCall } from '../model/scheduled-call.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import type { CrmConnection } from './crm-connection.ts';

const ENDPOINT = 'contactpad/callbacks';
/** The queue of agents' scheduled calls: the platform asks `POST /callbacks/next {"queue": "Scheduled"}` for each agent, and the class offers one only to its agent once due. */
export const SCHEDULED_QUEUE = 'Scheduled';

/** What the agent scheduled. */
export interface ScheduleRequest {
  readonly number: string;
  readonly name: string;
  readonly at: number;
  readonly agentId: string;
  readonly recordId?: string;
}

/** Creates the scheduled request; the class's SCHEDULE_IN_PAST comes back as that code. */
export async function scheduleCall(connection: CrmConnection, request: ScheduleRequest): Promise<string> {
  const body = {
    number: request.number,
    name: request.name,
    queue: SCHEDULED_QUEUE,
    scheduledAt: new Date(request.at).toISOString(),
    ...(isSalesforceId(request.agentId) ? { agentId: request.agentId } : {}),
    ...(request.recordId && isSalesforceId(request.recordId) ? { recordId: request.recordId } : {}),
  };
  const answer = await asked(() => connection.apexRest('POST', ENDPOINT, body));
  const id = typeof answer === 'object' && answer !== null ? (answer as Record<string, unknown>)['Id'] : undefined;
  if (typeof id !== 'string') throw new ContactPadError('CRM_REQUEST_REJECTED', 'Salesforce answered the scheduled call without its record.');
  return id;
}

/** Moves a scheduled call to `at`. */
export async function moveScheduledCall(connection: CrmConnection, id: string, at: number): Promise<void> {
  await asked(() => connection.apexRest('PATCH', `${ENDPOINT}/${checkedId(id)}`, { scheduledAt: new Date(at).toISOString() }));
}

/** Cancels a scheduled call. */
export async function cancelScheduledCall(connection: CrmConnection, id: string): Promise<void> {
  await asked(() => connection.apexRest('PATCH', `${ENDPOINT}/${checkedId(id)}`, { status: 'Cancelled' }));
}

/** The agent's scheduled calls, soonest first (at most 50). */
export async function scheduledCalls(connection: CrmConnection, agentId: string): Promise<readonly ScheduledCall[]> {
  if (!isSalesforceId(agentId)) return [];
  const rows = await connection.query(
    `SELECT Id, Scheduled_At__c, Number__c, Caller_Name__c, Record_Id__c FROM ContactPad_Callback_Request__c WHERE Status__c = 'Scheduled' AND Agent__c = '${agentId}' ORDER BY Scheduled_At__c LIMIT 50`,
  );
  return readScheduledCalls(rows as readonly Readonly<Record<string, unknown>>[]);
}

function checkedId(id: string): string {
  if (!isSalesforceId(id)) throw new ContactPadError('INVALID_INPUT', `Not a callback request id: ${id}`);
  return id;
}

/** The class's own refusals keep their codes (a time past, a request no longer Scheduled). */
async function asked<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = error instanceof ContactPadError ? error.detail?.['errorCode'] : undefined;
    if (code === 'SCHEDULE_IN_PAST' || code === 'CALLBACK_NOT_ALLOWED') throw new ContactPadError(code, error instanceof Error ? error.message : String(error), { cause: error });
    throw error;
  }
}
