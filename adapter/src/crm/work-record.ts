/**
 * The record behind an Omni-Channel work item, for the interaction list and the Task: a
 * Messaging Session (the chats of current orgs: Messaging for In-App and Web, SMS, WhatsApp), a
 * Case (a web case, or an email: Email-to-Case routes the Case, and its Origin says Email), or
 * a legacy Chat Transcript, read with ONE query. `queryAll` is used so that a record deleted
 * since it was routed is told apart (it answers with `IsDeleted` true) from one that does not
 * exist or is not shared with the agent (no row).
 *
 * Fields read are the ones the object references list:
 * - MessagingSession: developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_messagingsession.htm
 *   (Name, ChannelName, CaseId, LeadId, EndUserContactId, EndUserAccountId, MessagingEndUserId -> MessagingEndUser)
 * - MessagingEndUser: .../sforce_api_objects_messagingenduser.htm (Name, MessagingPlatformKey, MessageType, ContactId, AccountId)
 * - Case: .../sforce_api_objects_case.htm (Origin, SuppliedName, SuppliedEmail, SuppliedPhone, ContactId, AccountId)
 * - LiveChatTranscript: .../sforce_api_objects_livechattranscript.htm (Name, ContactId, LeadId, AccountId, CaseId)
 */
import { ContactPadError } from '../model/errors.ts';
import type { CrmConnection, SalesforceRecord } from './crm-connection.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import { shownText } from '../model/shown-text.ts';
import { refusedAs } from './salesforce-error.ts';
import { workItemKind, type WorkItemKind, type WorkObjectType } from './work-item-kind.ts';

/** What the interaction list shows of a work item's record, and what its Task links to. */
export interface WorkRecord {
  readonly recordId: string;
  readonly objectType: WorkObjectType;
  /** The interaction's channel: a chat, or for a Case an email (Origin Email) or a case. */
  readonly channel: WorkItemKind['channel'];
  /** '00001026 Printer jams' for a Case, the session's or transcript's Name for a chat. */
  readonly title: string;
  /** The customer's name (the messaging user, the Contact or Lead, the web or email form's name or address); '' when unknown. */
  readonly customerName: string;
  /** A number to call the customer back on; '' when unknown (a web chat user has none). */
  readonly customerNumber: string;
  /** The Case Origin (Web, Email, Phone...); '' for a chat or a Case without one. */
  readonly origin: string;
  /** For messaging: the channel the customer wrote through, as the org named it (ChannelName: "WhatsApp Support"); '' otherwise. */
  readonly channelName: string;
  /**
   * What a Task about this work may link to: the customer (a Contact or Lead, WhoId) and
   * the record it is about (a Case or Account, WhatId). A Task cannot point at a
   * MessagingSession or LiveChatTranscript (not in Task.WhatId's "Refers To" list); the
   * work item's own id goes to the Task's ContactPad_Work_Item_Id__c instead.
   */
  readonly links: { readonly whoId?: string; readonly whatId?: string };
}

interface WorkObject {
  readonly fields: readonly string[];
  readonly read: (record: SalesforceRecord) => Omit<WorkRecord, 'recordId' | 'objectType'>;
}

/** Messaging end users whose platform key is a phone number (SMS, WhatsApp); web and app users have none. */
const PHONE_MESSAGE_TYPES = new Set(['text', 'whatsapp']);

const WORK_OBJECTS: Readonly<Record<WorkObjectType, WorkObject>> = {
  MessagingSession: {
    fields: [
      'Name', 'ChannelName', 'CaseId', 'LeadId', 'EndUserContactId', 'EndUserAccountId',
      'MessagingEndUser.Name', 'MessagingEndUser.MessagingPlatformKey', 'MessagingEndUser.MessageType', 'MessagingEndUser.ContactId', 'MessagingEndUser.AccountId',
    ],
    read: (record) => {
      const user = related(record['MessagingEndUser']);
      const messageType = text(user['MessageType']).toLowerCase();
      return {
        channel: 'chat',
        title: text(record['Name']),
        customerName: text(user['Name']),
        customerNumber: PHONE_MESSAGE_TYPES.has(messageType) ? phoneOfPlatformKey(text(user['MessagingPlatformKey'])) : '',
        origin: '',
        channelName: text(record['ChannelName']),
        links: links(
          id(record['EndUserContactId']) || id(user['ContactId']) || id(record['LeadId']),
          id(record['CaseId']) || id(record['EndUserAccountId']) || id(user['AccountId']),
        ),
      };
    },
  },
  Case: {
    fields: ['CaseNumber', 'Subject', 'Origin', 'SuppliedName', 'SuppliedEmail', 'SuppliedPhone', 'ContactId', 'Contact.Name', 'ContactPad_Web_Phone__c'],
    read: (record) => {
      const origin = text(record['Origin']);
      return {
        channel: isEmailOrigin(origin) ? 'email' : 'case',
        title: [text(record['CaseNumber']), text(record['Subject'])].filter((part) => part !== '').join(' '),
        customerName: text(related(record['Contact'])['Name']) || text(record['SuppliedName']) || text(record['SuppliedEmail']),
        customerNumber: text(record['ContactPad_Web_Phone__c']) || text(record['SuppliedPhone']),
        origin,
        channelName: '',
        links: links(id(record['ContactId']), id(record['Id'])),
      };
    },
  },
  LiveChatTranscript: {
    fields: ['Name', 'ContactId', 'LeadId', 'AccountId', 'CaseId', 'Contact.Name', 'Lead.Name', 'ContactPad_Visitor_Phone__c'],
    read: (record) => ({
      channel: 'chat',
      title: text(record['Name']),
      customerName: text(related(record['Contact'])['Name']) || text(related(record['Lead'])['Name']),
      customerNumber: text(record['ContactPad_Visitor_Phone__c']),
      origin: '',
      channelName: '',
      links: links(id(record['ContactId']) || id(record['LeadId']), id(record['CaseId']) || id(record['AccountId'])),
    }),
  },
};

/**
 * Reads the record behind a work item (one request; none for an id of an object ContactPad
 * does not work). Rejects with WORK_RECORD_UNAVAILABLE when the record was deleted, does not
 * exist, is not shared with the agent, is of another object, or Salesforce refuses the query
 * (the agent cannot read the object or one of its fields, or the org does not have the object:
 * legacy Chat in a new org); CRM_SESSION_EXPIRED, CRM_UNAVAILABLE or CRM_REQUEST_LIMIT as usual.
 */
export async function loadWorkRecord(connection: CrmConnection, recordId: string): Promise<WorkRecord> {
  const kind = workItemKind(recordId);
  if (!kind || !isSalesforceId(recordId)) {
    throw unavailable(`${JSON.stringify(String(recordId).slice(0, 40))} is not a Messaging Session, a Case or a Chat Transcript: ContactPad cannot show it as a work item.`, String(recordId), 'other-object');
  }
  const work = WORK_OBJECTS[kind.objectType];
  const soql = `SELECT Id, IsDeleted, ${work.fields.join(', ')} FROM ${kind.objectType} WHERE Id = '${recordId}'`;
  let records: readonly SalesforceRecord[];
  try {
    records = await connection.query(soql, { includeDeleted: true });
  } catch (error) {
    throw refusedAs('WORK_RECORD_UNAVAILABLE', `This agent cannot read the ${kind.noun} ${recordId}`, error, { recordId, reason: 'no-access' });
  }
  const record = records[0];
  if (!record) {
    throw unavailable(`The ${kind.noun} ${recordId} does not exist or is not shared with this agent.`, recordId, 'not-found');
  }
  const shown = work.read(record);
  if (record['IsDeleted'] === true) {
    throw unavailable(`The ${kind.noun} ${shown.title || recordId} was deleted.`, recordId, 'deleted');
  }
  return Object.freeze({ recordId, objectType: kind.objectType, ...shown });
}

/**
 * A Case that came in by email: its Origin is the standard picklist value "Email" (Email-to-Case
 * sets it: help.salesforce.com "Email-to-Case" settings, Case Origin), or an org's own value that
 * starts with it ("Email - Support"). A Case with no Origin is a case.
 */
function isEmailOrigin(origin: string): boolean {
  return /^e-?mail\b/i.test(origin);
}

/**
 * The phone number in a messaging user's platform key: SMS keys are the number itself
 * (+14155550100); WhatsApp keys carry a `whatsapp:` prefix. Anything that is not a phone
 * number ('' for web and app users) gives ''.
 */
function phoneOfPlatformKey(key: string): string {
  const number = key.replace(/^whatsapp:/i, '').trim();
  return /^\+?[0-9][0-9 ()./-]{5,30}$/.test(number) ? number : '';
}

function links(whoId: string, whatId: string): WorkRecord['links'] {
  return Object.freeze({ ...(whoId ? { whoId } : {}), ...(whatId ? { whatId } : {}) });
}

function unavailable(message: string, recordId: string, reason: string): ContactPadError {
  return new ContactPadError('WORK_RECORD_UNAVAILABLE', message, { detail: { recordId, reason } });
}

/** A value of the record as the pad shows it (model/shown-text.ts: no control or bidi characters). */
function text(value: unknown): string {
  return typeof value === 'string' ? shownText(value) : '';
}

function id(value: unknown): string {
  return isSalesforceId(value) ? value : '';
}

/** A related record in a query answer (`Contact: { Name }`, or null): its fields, or none. */
function related(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}
