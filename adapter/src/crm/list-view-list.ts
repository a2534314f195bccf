/**
 * A Lead or Contact list view as a calling list (preview dialling): the records the list view
 * shows now, in its own order, each with the fields the agent reviews and where it stands on this
 * list (the last outcome logged from it). Two requests:
 * 1. "List View Results", `GET /sobjects/{Lead|Contact}/listviews/{id}/results?limit=200`
 *    (REST API Developer Guide, resources_listviewresults: "Executes the SOQL query for the list
 *    view and returns the resulting data"): only each record's Id is read, from its `Id` cell
 *    (every result carries the hidden Id column; the columns shown are whatever the admin chose).
 * 2. One composite request: the records' fields (a query by Id: Phone, Mobile, Do Not Call...
 *    need not be columns of the view) and the outcome Tasks logged from this list view (their
 *    key begins `calling-<list view id>-`, model/calling-record.ts `outcomeKey`).
 *
 * Where a record stands comes from its newest outcome Task from this list view: Waiting (a
 * rescheduled attempt, due at the Task's reminder) is Rescheduled; Failed is Not Reached; Ended
 * is Rejected when the Task has a Call Result (the reject reason), else Called. Called and
 * Rejected are not offered again from this list view, like a campaign's members.
 */
import type { CallingListSource } from '../model/calling-record.ts';
import { listOutcomeKeyPrefix } from '../model/calling-record.ts';
import { ContactPadError } from '../model/errors.ts';
import type { CallingList } from './calling-list.ts';
import type { CrmConnection, SalesforceRecord } from './crm-connection.ts';
import { recordsOf } from './crm-connection.ts';
import { salesforceTime } from './customer-journey.ts';
import { MAX_CALLING_RECORDS, personType, text, waitingRecord } from './calling-record-fields.ts';
import { refusedAs, subrequestError } from './salesforce-error.ts';

/** The objects whose list views are calling lists: a call and its outcome go to a Lead or a Contact. */
export const LIST_VIEW_OBJECTS = ['Lead', 'Contact'] as const;

type ListViewSource = Extract<CallingListSource, { readonly kind: 'list-view' }>;

/** The fields of each object ContactPad previews, in the order a calling record reads them. */
const RECORD_FIELDS: Readonly<Record<ListViewSource['objectType'], string>> = {
  Lead: 'Id, Name, Title, Company, Phone, MobilePhone, Email, City, State, Country, DoNotCall',
  Contact: 'Id, Name, Title, Account.Name, Phone, MobilePhone, Email, MailingCity, MailingState, MailingCountry, DoNotCall',
};

/** Where a record stands on the list, by its newest outcome Task's journey status. */
const STANDING: Readonly<Record<string, string>> = { Waiting: 'Rescheduled', Failed: 'Not Reached' };

/**
 * A list view's calling list: two requests. CALLING_LIST_UNAVAILABLE for an id that is no list
 * view id, a list view that is gone or the agent cannot see, or records the agent cannot read.
 */
export async function loadListViewList(connection: CrmConnection, source: ListViewSource): Promise<CallingList> {
  if (!isListViewId(source.id) || !LIST_VIEW_OBJECTS.includes(source.objectType)) {
    throw new ContactPadError('CALLING_LIST_UNAVAILABLE', 'That is not a list view: choose one from the list.');
  }
  const ids = await listedIds(connection, source);
  if (ids.length === 0) return Object.freeze({ source, records: Object.freeze([]), memberStatuses: Object.freeze([]) });
  const quoted = ids.map((id) => `'${id}'`).join(', ');
  const query = (soql: string): string => `/query?q=${encodeURIComponent(soql)}`;
  const answers = await connection.composite([
    { method: 'GET', referenceId: 'records', url: query(`SELECT ${RECORD_FIELDS[source.objectType]} FROM ${source.objectType} WHERE Id IN (${quoted})`) },
    {
      method: 'GET',
      referenceId: 'outcomes',
      url: query(
        `SELECT WhoId, CallDisposition, ReminderDateTime, ContactPad_Status__c, CreatedDate FROM Task WHERE WhoId IN (${quoted}) AND ContactPad_Interaction_Id__c LIKE '${listOutcomeKeyPrefix(source.id)}%' ORDER BY CreatedDate DESC, Id DESC LIMIT 2000`,
      ),
    },
  ]);
  const answered = (referenceId: string): readonly SalesforceRecord[] => {
    const answer = answers.find((response) => response.referenceId === referenceId);
    if (answer?.httpStatusCode !== 200) throw refusedAs('CALLING_LIST_UNAVAILABLE', 'The list view\'s records could not be read', subrequestError(answer));
    return recordsOf(answer.body);
  };
  const byId = new Map(answered('records').map((record) => [text(record['Id']), record]));
  const newest = new Map<string, SalesforceRecord>();
  for (const task of answered('outcomes')) {
    const whoId = text(task['WhoId']);
    if (!newest.has(whoId)) newest.set(whoId, task);
  }
  return Object.freeze({
    source,
    records: Object.freeze(ids.flatMap((id) => {
      const record = byId.get(id);
      return record ? listedRecord(source.objectType, record, newest.get(id)) : [];
    })),
    memberStatuses: Object.freeze([]),
  });
}

/** The ids of the records the list view shows, in its order (of its object only, each once). */
async function listedIds(connection: CrmConnection, source: ListViewSource): Promise<string[]> {
  let results: unknown;
  try {
    results = await connection.get(`/sobjects/${source.objectType}/listviews/${source.id}/results?limit=${MAX_CALLING_RECORDS}`);
  } catch (error) {
    const refused = refusedAs('CALLING_LIST_UNAVAILABLE', 'The list view could not be read', error);
    if (refused.detail['errorCode'] !== 'NOT_FOUND') throw refused;
    throw new ContactPadError('CALLING_LIST_UNAVAILABLE', `${source.name || 'That list view'} was deleted, or you can no longer see it: choose another list.`, { cause: refused, detail: refused.detail });
  }
  const rows = (typeof results === 'object' && results !== null ? (results as { records?: unknown }).records : undefined);
  const ids: string[] = [];
  for (const row of Array.isArray(rows) ? (rows as unknown[]) : []) {
    const cells = (typeof row === 'object' && row !== null ? (row as { columns?: unknown }).columns : undefined);
    const cell = (Array.isArray(cells) ? (cells as unknown[]) : []).find((candidate) => (candidate as { fieldNameOrPath?: unknown } | null)?.fieldNameOrPath === 'Id');
    const id = text((cell as { value?: unknown } | undefined)?.value);
    if (personType(id) === source.objectType && !ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** A list view's Lead or Contact as a calling record, standing as its newest outcome Task from the list says. */
function listedRecord(objectType: ListViewSource['objectType'], record: SalesforceRecord, outcome: SalesforceRecord | undefined) {
  const lead = objectType === 'Lead';
  const account = record['Account'];
  const status = text(outcome?.['ContactPad_Status__c']);
  const standing = !outcome ? '' : status === 'Ended' ? (text(outcome['CallDisposition']) ? 'Rejected' : 'Called') : (STANDING[status] ?? '');
  return waitingRecord({
    memberId: record['Id'],
    personId: record['Id'],
    name: record['Name'],
    title: record['Title'],
    company: lead ? record['Company'] : typeof account === 'object' && account !== null ? (account as { Name?: unknown }).Name : '',
    phone: record['Phone'],
    mobilePhone: record['MobilePhone'],
    email: record['Email'],
    place: lead ? [record['City'], record['State'], record['Country']] : [record['MailingCity'], record['MailingState'], record['MailingCountry']],
    memberStatus: standing,
    doNotCall: record['DoNotCall'],
    nextAttemptAt: standing === 'Rescheduled' ? salesforceTime(outcome?.['ReminderDateTime']) : 0,
  });
}

function isListViewId(id: string): boolean {
  return /^00B[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/.test(id);
}
