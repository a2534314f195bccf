/**
 * The record a scheduled call was scheduled from (its callback request's Record_Id__c,
 * model/scheduled-call.ts ScheduledCallOrigin), as Salesforce has it now: the call pops that
 * record when it starts, and is checked against it when it starts or is moved.
 *
 *   the request  SELECT Id, Record_Id__c, Caller_Name__c FROM ContactPad_Callback_Request__c WHERE Id = '<id>'
 *   its object   the record id's key prefix: among the screen-pop rules' objects (their describe
 *                keyPrefix; Lead 00Q and Contact 003 for the built-in rules), else Describe
 *                Global's `keyPrefix` of each object (GET /sobjects, REST API Developer Guide,
 *                "Describe Global", resources_describeGlobal.htm), read once per session
 *   the record   SELECT Id FROM <object> WHERE Id = '<record id>'
 *
 * Unreadable: no row (the record was deleted, or the agent's sharing does not let them see it:
 * queries through the REST API return only the records the running user can see, Salesforce
 * Security Guide, "Sharing Rules" / REST API Developer Guide, "Query"), an object the agent
 * cannot query (INVALID_TYPE: "sObject type 'X' is not supported", the REST error for an object
 * the user has no access to), or a key prefix no object of the org has. Any other failure
 * rejects (a ContactPadError): the caller decides.
 */
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import type { ScheduledCallOrigin } from '../model/scheduled-call.ts';
import type { CrmConnection } from './crm-connection.ts';

const OBJECT = 'ContactPad_Callback_Request__c';
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** The object of a record id (its API name), undefined when no object of the org has its key prefix. */
export type ObjectOfId = (recordId: string) => Promise<string | undefined>;

/** The record a callback request was scheduled from; `none` when the request names none (or is no longer there). */
export async function readRequestOrigin(connection: CrmConnection, requestId: string, objectOf: ObjectOfId): Promise<ScheduledCallOrigin> {
  if (!isSalesforceId(requestId)) return { kind: 'none' };
  const [row] = await connection.query(`SELECT Id, Record_Id__c, Caller_Name__c FROM ${OBJECT} WHERE Id = '${requestId}'`);
  const recordId = typeof row?.['Record_Id__c'] === 'string' ? row['Record_Id__c'].trim() : '';
  if (recordId === '') return { kind: 'none' };
  return readRecordOrigin(connection, recordId, typeof row?.['Caller_Name__c'] === 'string' ? row['Caller_Name__c'] : '', objectOf);
}

/** Whether the record `recordId` (named `name` on the request) is there for the agent now. */
export async function readRecordOrigin(connection: CrmConnection, recordId: string, name: string, objectOf: ObjectOfId): Promise<ScheduledCallOrigin> {
  if (!isSalesforceId(recordId)) return { kind: 'unreadable', recordId, why: `${JSON.stringify(recordId)} is not a record id` };
  const objectType = await objectOf(recordId);
  if (!objectType || !API_NAME.test(objectType)) return { kind: 'unreadable', recordId, why: 'no object you can see has records like it' };
  try {
    const [row] = await connection.query(`SELECT Id FROM ${objectType} WHERE Id = '${recordId}'`);
    if (!row) return { kind: 'unreadable', recordId, why: `the ${objectType} was deleted, or is not shared with you` };
    return { kind: 'record', record: { recordId: typeof row['Id'] === 'string' ? row['Id'] : recordId, objectType, name } };
  } catch (error) {
    if (isContactPadError(error, 'CRM_REQUEST_REJECTED') && error.detail['errorCode'] === 'INVALID_TYPE') {
      return { kind: 'unreadable', recordId, why: `you cannot read ${objectType} records` };
    }
    throw error;
  }
}

/** Describe Global's objects by key prefix (see the file comment); asked inside a composite, the connection's one way to GET a resource (one API request all the same). */
export async function objectsByKeyPrefix(connection: CrmConnection): Promise<ReadonlyMap<string, string>> {
  const [answer] = await connection.composite([{ method: 'GET', url: '/sobjects', referenceId: 'objects' }]);
  const body = answer?.body as { sobjects?: unknown } | undefined;
  if (answer?.httpStatusCode !== 200 || !Array.isArray(body?.sobjects)) {
    throw new ContactPadError('CRM_REQUEST_REJECTED', `Salesforce did not list its objects (HTTP ${answer?.httpStatusCode ?? 0}).`);
  }
  const byPrefix = new Map<string, string>();
  for (const entry of body.sobjects as unknown[]) {
    const { name, keyPrefix } = (typeof entry === 'object' && entry !== null ? entry : {}) as { name?: unknown; keyPrefix?: unknown };
    if (typeof name === 'string' && typeof keyPrefix === 'string' && keyPrefix.length === 3) byPrefix.set(keyPrefix, name);
  }
  return byPrefix;
}
