/**
 * What the compliance check before an outbound call needs from Salesforce, read fresh for every
 * call (so an admin's change to a list counts from the next call on), in two requests sent
 * together:
 *
 *   one composite (POST /composite, one API request):
 *     entries  GET /query?q=SELECT ... FROM ContactPad_Dialing_List_Entry__mdt WHERE Active__c = true
 *     setting  GET /query?q=SELECT ... FROM ContactPad_Outbound_Setting__mdt WHERE DeveloperName = 'Default'
 *     record   GET /query?q=SELECT Id, Name, DoNotCall[, AccountId] FROM Contact|Lead WHERE Id = '<id>'   (a call placed from a Contact or Lead)
 *   and, for a customer's number, one search (composite does not run searches: "Composite is
 *   supported for the following resources": sObject resources, Query, QueryAll and sObject
 *   Collections, REST API Developer Guide, Send Multiple Requests Using Composite,
 *   developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-composite-post.html):
 *     GET /search?q=FIND {<number forms>} IN PHONE FIELDS RETURNING Contact(Id, Name WHERE DoNotCall = true ...), Lead(...)
 *
 * Custom metadata records are read with SOQL like data: "Use SOQL to access your custom metadata
 * types" (Salesforce Help, Access Custom Metadata Records Programmatically,
 * help.salesforce.com/s/articleView?id=platform.custommetadatatypes_accessing.htm), through the REST
 * API's query resource (REST API Developer Guide, Query, .../api_rest/resources_query.htm).
 * DoNotCall is a standard field of Contact (Object Reference, Contact: "Indicates that the contact
 * doesn't want to receive calls", developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-contact.html)
 * and of Lead (Field Reference, Lead: "DoNotCall | Do Not Call | boolean",
 * developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-lead.html).
 *
 * A second request is made only when the number may be in several time zones, the setting names a
 * time zone field of the record (Record_Time_Zone_Field__c) and the call was placed from a record:
 * `SELECT Id, <field> FROM <object> WHERE Id = '<id>'`.
 *
 * Every failure rejects with a ContactPadError (the desk then does not place the call: the check
 * fails closed), except what only an admin can fix and that leaves the check as strict or
 * stricter: a malformed list entry (ignored), a malformed country code (left out of the allowed
 * countries), malformed calling hours (the shipped 08:00–21:00), a missing Default setting (no
 * calling hours, every country), an unreadable time zone field (no record zone: the strictest
 * rule). Those come back as `problems` for the agent to pass on.
 *
 * The search for Do Not Call records depends on Salesforce's search index, which lags writes by
 * minutes (a record made Do Not Call a moment ago may not be found by its number yet; the record a
 * call is placed from is read directly and is always current).
 */
import { readCallingHours } from '../model/calling-hours.ts';
import { ContactPadError } from '../model/errors.ts';
import type { DoNotCallRecord, ListedNumber, OutboundPolicy } from '../model/outbound-compliance.ts';
import { isSalesforceId, sameSalesforceId } from '../model/salesforce-id.ts';
import { recordsOf, type CompositeSubrequest, type CrmConnection, type SalesforceRecord } from './crm-connection.ts';
import { readOutboundNumber, type OutboundNumber } from './outbound-number.ts';
import { searchableNumbers } from './phone-number.ts';
import { subrequestError } from './salesforce-error.ts';
import { buildPhoneSearch } from './sosl.ts';

/** The custom metadata type of the dialing lists. */
export const DIALING_LIST_TYPE = 'ContactPad_Dialing_List_Entry__mdt';
/** The custom metadata type of the outbound settings (the record named {@link OUTBOUND_SETTING_RECORD}). */
export const OUTBOUND_SETTING_TYPE = 'ContactPad_Outbound_Setting__mdt';
export const OUTBOUND_SETTING_RECORD = 'Default';
/** The values of List__c. */
export const DIALING_LISTS = ['Block', 'Allow', 'Personal Allow'] as const;

/** Objects whose records carry Do Not Call (the standard DoNotCall field). */
const DO_NOT_CALL_OBJECTS = ['Contact', 'Lead'] as const;
const ENTRY_FIELDS = ['DeveloperName', 'MasterLabel', 'List__c', 'Number__c', 'Agent__c'];
const SETTING_FIELDS = ['DeveloperName', 'Calling_Hours_Start__c', 'Calling_Hours_End__c', 'Calling_Days__c', 'Allowed_Countries__c', 'Record_Time_Zone_Field__c'];
/** The only country allowed when Allowed Countries holds no readable code: ISO 3166's user-assigned "unknown" code, which no number has. */
const NO_COUNTRY = 'ZZ';
/** How many Do Not Call records of each object the search returns (one is enough to block; a few name them). */
const DO_NOT_CALL_LIMIT = 5;

/** The outbound call to check: what the agent dialled, and the record it was placed from (click-to-dial, redial). */
export interface OutboundCheckRequest {
  /** The number as dialled (model/dial-input.ts), or a SIP address. */
  readonly target: { readonly kind: 'number'; readonly number: string } | { readonly kind: 'sip'; readonly address: string };
  readonly record?: { readonly recordId: string; readonly objectType: string };
  /**
   * The time zones an E.164 number may be in (model/number-time-zones.ts, handed in by the desk
   * so that its map loads with the outbound desk, not with this room): when they are not one, the
   * record's time zone field is read. Without it, the field is read whenever one is named.
   */
  readonly timeZonesOf?: (e164: string) => readonly string[];
}

/** Who is calling: their personal allow list entries name them by User id or ContactPad SIP user. */
export interface OutboundAgent {
  readonly userId: string;
  readonly sipUser: string;
}

/** What Salesforce says about the call; the desk adds the time and asks the model (outbound-compliance.ts). */
export interface OutboundFacts {
  readonly number: OutboundNumber;
  /** The time zones the number may be in (the request's timeZonesOf; [] without it). */
  readonly numberZones: readonly string[];
  /** The time zone the record names ('' when none, or none asked for). */
  readonly recordZone: string;
  readonly doNotCall: readonly DoNotCallRecord[];
  readonly policy: OutboundPolicy;
  /** The record the call was placed from, as Salesforce has it (its name; a Contact's Account); undefined when not read. */
  readonly record?: { readonly recordId: string; readonly objectType: string; readonly name: string; readonly accountId?: string };
  /** What an admin should fix (malformed entries, settings); the check went on without them. */
  readonly problems: readonly string[];
}

/** Reads the lists, the setting and the Do Not Call facts for one call (see the file comment). */
export async function readOutboundFacts(connection: CrmConnection, request: OutboundCheckRequest, options: { readonly defaultCountry: string; readonly agent: OutboundAgent }): Promise<OutboundFacts> {
  const number = request.target.kind === 'number'
    ? readOutboundNumber(request.target.number, options.defaultCountry)
    : Object.freeze({ reach: 'internal' as const, number: request.target.address, country: '', shown: request.target.address });
  const record = request.record && isSalesforceId(request.record.recordId) ? request.record : undefined;
  const recordObject = DO_NOT_CALL_OBJECTS.find((name) => name === record?.objectType);
  const forms = number.reach === 'external' ? searchableNumbers(number.number, options.defaultCountry) : [];

  const subrequests: CompositeSubrequest[] = [
    query('entries', `SELECT ${ENTRY_FIELDS.join(', ')} FROM ${DIALING_LIST_TYPE} WHERE Active__c = true`),
    query('setting', `SELECT ${SETTING_FIELDS.join(', ')} FROM ${OUTBOUND_SETTING_TYPE} WHERE DeveloperName = '${OUTBOUND_SETTING_RECORD}'`),
  ];
  if (record && recordObject) {
    const fields = ['Id', 'Name', 'DoNotCall', ...(recordObject === 'Contact' ? ['AccountId'] : [])];
    subrequests.push(query('record', `SELECT ${fields.join(', ')} FROM ${recordObject} WHERE Id = '${record.recordId}'`));
  }
  const search = forms.length > 0
    ? connection.search(buildPhoneSearch(forms, DO_NOT_CALL_OBJECTS.map((sobject) => ({ sobject, fields: ['Id', 'Name'], where: 'DoNotCall = true', limit: DO_NOT_CALL_LIMIT }))))
    : Promise.resolve([]);
  const [answers, found] = await Promise.all([connection.composite(subrequests), search]);
  const answer = (referenceId: string): readonly SalesforceRecord[] => {
    const response = answers.find((a) => a.referenceId === referenceId);
    if (!response || response.httpStatusCode !== 200) throw subrequestError(response);
    return recordsOf(response.body);
  };

  const problems: string[] = [];
  const policy = readPolicy(answer('entries'), answer('setting')[0], options, problems);
  const doNotCall: DoNotCallRecord[] = [];
  let readRecord: OutboundFacts['record'];
  if (record && recordObject) {
    const row = answer('record')[0];
    if (!row) throw new ContactPadError('CRM_REQUEST_REJECTED', `The ${recordObject} ${record.recordId} the call was placed from could not be read (deleted, or not shared with you).`);
    readRecord = { recordId: record.recordId, objectType: recordObject, name: text(row['Name']), ...(isSalesforceId(row['AccountId']) ? { accountId: row['AccountId'] } : {}) };
    if (row['DoNotCall'] === true) doNotCall.push({ recordId: record.recordId, objectType: recordObject, name: readRecord.name });
  }
  for (const row of found) {
    const id = text(row['Id']);
    const type = typeof row.attributes?.type === 'string' ? row.attributes.type : '';
    if (isSalesforceId(id) && !doNotCall.some((known) => sameSalesforceId(known.recordId, id))) doNotCall.push({ recordId: id, objectType: type, name: text(row['Name']) });
  }

  const numberZones = number.reach === 'external' && number.number.startsWith('+') ? (request.timeZonesOf?.(number.number) ?? []) : [];
  let recordZone = '';
  const zoneField = text(answer('setting')[0]?.['Record_Time_Zone_Field__c']);
  if (number.reach === 'external' && numberZones.length !== 1 && zoneField !== '' && record) {
    recordZone = await readRecordZone(connection, record, zoneField, problems);
  }
  return Object.freeze({ number, numberZones, recordZone, doNotCall: Object.freeze(doNotCall), policy, ...(readRecord ? { record: Object.freeze(readRecord) } : {}), problems: Object.freeze(problems) });
}

function query(referenceId: string, soql: string): CompositeSubrequest {
  return { method: 'GET', url: `/query?q=${encodeURIComponent(soql)}`, referenceId };
}

/** The lists (this agent's personal entries only) and the Default setting, each malformed value reported and left out. */
function readPolicy(entries: readonly SalesforceRecord[], setting: SalesforceRecord | undefined, options: { readonly defaultCountry: string; readonly agent: OutboundAgent }, problems: string[]): OutboundPolicy {
  const lists: Record<(typeof DIALING_LISTS)[number], ListedNumber[]> = { Block: [], Allow: [], 'Personal Allow': [] };
  for (const row of entries) {
    const name = `Dialing list entry "${text(row['MasterLabel']) || text(row['DeveloperName'])}"`;
    const list = DIALING_LISTS.find((known) => known === row['List__c']);
    if (!list) {
      problems.push(`${name}: its list ${JSON.stringify(row['List__c'] ?? null)} is none of ${DIALING_LISTS.join(', ')}; it is ignored.`);
      continue;
    }
    const pattern = listedPattern(text(row['Number__c']), options.defaultCountry);
    if (!pattern) {
      problems.push(`${name}: ${JSON.stringify(text(row['Number__c']))} is neither a phone number (+14155550100) nor a prefix ending in * (+1900*); it is ignored.`);
      continue;
    }
    if (list === 'Personal Allow' && !isThisAgent(text(row['Agent__c']), options.agent)) continue;
    lists[list].push(Object.freeze({ pattern, label: text(row['MasterLabel']) }));
  }
  let callingHours: OutboundPolicy['callingHours'];
  const allowedCountries: string[] = [];
  if (!setting) {
    problems.push(`The outbound setting ${OUTBOUND_SETTING_TYPE} record ${OUTBOUND_SETTING_RECORD} is missing: no calling hours and no country list apply until it is deployed again.`);
  } else {
    const hours = readCallingHours(setting['Calling_Hours_Start__c'], setting['Calling_Hours_End__c'], setting['Calling_Days__c']);
    callingHours = hours.hours;
    problems.push(...hours.problems);
    const codes = text(setting['Allowed_Countries__c']).split(/[\s,;]+/).filter((c) => c !== '');
    for (const code of codes) {
      if (/^[A-Za-z]{2}$/.test(code)) allowedCountries.push(code.toUpperCase());
      else problems.push(`Allowed Countries: ${JSON.stringify(code)} is not a two-letter country code (US, GB); it is left out, so calls to that country stay blocked.`);
    }
    // Listed but none readable: no country is allowed (never every country). ZZ is ISO 3166's
    // "unknown or unspecified" code: no number has it.
    if (codes.length > 0 && allowedCountries.length === 0) allowedCountries.push(NO_COUNTRY);
  }
  return Object.freeze({
    blockList: Object.freeze(lists.Block),
    allowList: Object.freeze(lists.Allow),
    personalAllowList: Object.freeze(lists['Personal Allow']),
    allowedCountries: Object.freeze([...new Set(allowedCountries)]),
    callingHours,
  });
}

/** An entry's number as a pattern: a prefix '+<digits>*', or a number read to E.164; undefined when it is neither. */
function listedPattern(value: string, defaultCountry: string): string | undefined {
  const compact = value.replace(/[\s().-]/g, '');
  if (compact.endsWith('*')) return /^\+\d{1,14}\*$/.test(compact) ? compact : undefined;
  if (!/^\+?\d{7,15}$/.test(compact) && !/^00\d{7,15}$/.test(compact)) return undefined;
  const read = readOutboundNumber(compact, defaultCountry);
  return read.reach === 'external' && read.number.startsWith('+') ? read.number : undefined;
}

/** A personal entry's Agent__c names this agent: their User id (15 or 18 characters) or their ContactPad SIP user (any case). */
function isThisAgent(named: string, agent: OutboundAgent): boolean {
  if (named === '') return false;
  const userId: unknown = named;
  if (isSalesforceId(userId, '005')) return agent.userId !== '' && sameSalesforceId(userId, agent.userId);
  return agent.sipUser !== '' && named.toLowerCase() === agent.sipUser.toLowerCase();
}

/** The record's time zone field, '' when it is blank, unreadable (a problem says why) or not an API name. */
async function readRecordZone(connection: CrmConnection, record: { readonly recordId: string; readonly objectType: string }, field: string, problems: string[]): Promise<string> {
  if (!/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(field) || !/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(record.objectType)) {
    problems.push(`Record Time Zone Field ${JSON.stringify(field)} is not a field API name; no record time zone is read.`);
    return '';
  }
  try {
    const rows = await connection.query(`SELECT Id, ${field} FROM ${record.objectType} WHERE Id = '${record.recordId}'`);
    return text(rows[0]?.[field]);
  } catch (error) {
    problems.push(`Record Time Zone Field ${field} could not be read on ${record.objectType} (${error instanceof Error ? error.message : String(error)}); the strictest calling-hours rule applies.`);
    return '';
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
