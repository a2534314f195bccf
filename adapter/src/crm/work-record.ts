/**
 * The record behind an Omni-Channel work item, for the interaction list: a Case (a web or
 * email case) or a Chat Transcript, read with ONE query. `queryAll` is used so that a
 * record deleted since it was routed is told apart (it answers with `IsDeleted` true) from
 * one that does not exist or is not shared with the agent (no row).
 */
import { ContactPadError } from '../model/errors.ts';
import type { CrmConnection, SalesforceRecord } from './crm-connection.ts';
import { isRecordId } from './record-id.ts';
import { refusedAs } from './salesforce-error.ts';

/** What the interaction list shows of a work item's record. */
export interface WorkRecord {
  readonly recordId: string;
  readonly objectType: 'Case' | 'LiveChatTranscript';
  /** '00001026 Printer jams' for a Case, the transcript's Name (00000123) for a chat. */
  readonly title: string;
  /** The Contact's (a chat's Contact or Lead) name, else the web or email form's name or address; '' when unknown. */
  readonly customerName: string;
  /** A number to call the customer back on; '' when unknown. */
  readonly customerNumber: string;
  /** The Case Origin (Web, Email, Phone...); '' for a chat. */
  readonly origin: string;
}

interface WorkObject {
  readonly objectType: WorkRecord['objectType'];
  /** How the agent reads the object's name in a message. */
  readonly noun: string;
  readonly fields: readonly string[];
  readonly read: (record: SalesforceRecord) => Omit<WorkRecord, 'recordId' | 'objectType'>;
}

/** The objects Omni-Channel routes to ContactPad, by their ids' key prefix (the same in every org). */
const WORK_OBJECTS: Readonly<Record<string, WorkObject>> = {
  '500': {
    objectType: 'Case',
    noun: 'case',
    fields: ['CaseNumber', 'Subject', 'Origin', 'SuppliedName', 'SuppliedEmail', 'SuppliedPhone', 'Contact.Name', 'ContactPad_Web_Phone__c'],
    read: (record) => ({
      title: [text(record['CaseNumber']), text(record['Subject'])].filter((part) => part !== '').join(' '),
      customerName: nameOf(record['Contact']) || text(record['SuppliedName']) || text(record['SuppliedEmail']),
      customerNumber: text(record['ContactPad_Web_Phone__c']) || text(record['SuppliedPhone']),
      origin: text(record['Origin']),
    }),
  },
  '570': {
    objectType: 'LiveChatTranscript',
    noun: 'chat transcript',
    fields: ['Name', 'Contact.Name', 'Lead.Name', 'ContactPad_Visitor_Phone__c'],
    read: (record) => ({
      title: text(record['Name']),
      customerName: nameOf(record['Contact']) || nameOf(record['Lead']),
      customerNumber: text(record['ContactPad_Visitor_Phone__c']),
      origin: '',
    }),
  },
};

/**
 * Reads the record behind a work item (one request; none for an id that is not a Case's or
 * a Chat Transcript's). Rejects with WORK_RECORD_UNAVAILABLE when the record was deleted, does
 * not exist, is not shared with the agent, is of another object, or Salesforce refuses the
 * query (the agent cannot read the object or one of its fields); CRM_SESSION_EXPIRED,
 * CRM_UNAVAILABLE or CRM_REQUEST_LIMIT as usual.
 */
export async function loadWorkRecord(connection: CrmConnection, recordId: string): Promise<WorkRecord> {
  const work = isRecordId(recordId) ? WORK_OBJECTS[recordId.slice(0, 3)] : undefined;
  if (!work) {
    throw unavailable(`${JSON.stringify(recordId)} is not a Case or a Chat Transcript: ContactPad cannot show it as a work item.`, recordId, 'other-object');
  }
  const soql = `SELECT Id, IsDeleted, ${work.fields.join(', ')} FROM ${work.objectType} WHERE Id = '${recordId}'`;
  let records: readonly SalesforceRecord[];
  try {
    records = await connection.query(soql, { includeDeleted: true });
  } catch (error) {
    throw refusedAs('WORK_RECORD_UNAVAILABLE', `This agent cannot read the ${work.noun} ${recordId}`, error, { recordId, reason: 'no-access' });
  }
  const record = records[0];
  if (!record) {
    throw unavailable(`The ${work.noun} ${recordId} does not exist or is not shared with this agent.`, recordId, 'not-found');
  }
  const shown = work.read(record);
  if (record['IsDeleted'] === true) {
    throw unavailable(`The ${work.noun} ${shown.title || recordId} was deleted.`, recordId, 'deleted');
  }
  return Object.freeze({ recordId, objectType: work.objectType, ...shown });
}

function unavailable(message: string, recordId: string, reason: string): ContactPadError {
  return new ContactPadError('WORK_RECORD_UNAVAILABLE', message, { detail: { recordId, reason } });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** `Name` of a related record in a query answer (`Contact: { Name }`, or null). */
function nameOf(related: unknown): string {
  return typeof related === 'object' && related !== null ? text((related as Record<string, unknown>)['Name']) : '';
}
