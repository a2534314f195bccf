/**
 * Who is calling: ONE SOSL request for every active screen-pop rule and the customer
 * journey, classified by the rules on this side.
 *
 *   FIND {n1 OR n2} IN PHONE FIELDS RETURNING
 *     Lead(Id, Name, Phone, MobilePhone, IsConverted WHERE IsConverted = false LIMIT 50),
 *     Account(Id, Name, Phone, Type LIMIT 50), ...,
 *     Task(Id, Subject, CreatedDate, Owner.Name, ..., ContactPad_Caller_Number__c ORDER BY CreatedDate DESC LIMIT 5)
 *
 * Each object appears once, with the union of the fields its rules need (Id, the name field,
 * the phone fields, the filter fields, AccountId where the object has it). When every rule of
 * an object has a filter, their OR is sent as the object's WHERE (fewer rows); either way
 * each rule's filter is checked here, because several rules may share an object (Customer
 * and Previous Customer Accounts). The numbers are normalised with libphonenumber-js
 * (phone-number.ts) and escaped for SOSL (sosl.ts).
 *
 * Classification: for each record, each rule of its object whose filter holds and one of
 * whose phone fields holds the caller's number yields a match (`matchedField` says which
 * field; a record SOSL found through a field no rule names matches nothing). Labels: every
 * label any match earned. Winner: the best (lowest) priority that matched; every match at
 * that priority is a winner. The shipped priorities (open Lead 10, Contact 20, Accounts 30
 * and 40, Case 50, chat 60) make a caller who is both an open Lead and a Customer pop the
 * Lead (seed 001). Equal priority across rules: neither outranks the other, so the matches
 * of all of them are the winners (one record pops by its rule's action; several give the
 * agent the picker), and `winningRule` is the first of them by DeveloperName.
 */
import type { CallerLabel } from '../model/caller-label.ts';
import { shownText } from '../model/shown-text.ts';
import type { CrmConnection, SalesforceRecord } from './crm-connection.ts';
import type { CallerIdentity, CallerMatch } from './caller-identity.ts';
import { UNKNOWN_CALLER } from './caller-identity.ts';
import { journeyFromTasks } from './customer-journey.ts';
import { isSameNumber, searchableNumbers } from './phone-number.ts';
import { filterHolds, recordValue, soqlCondition } from './rule-filter.ts';
import type { LoadedRules, ScreenPopRule } from './screen-pop-rules.ts';
import { JOURNEY_NUMBER_FIELD } from './screen-pop-rules.ts';
import { buildPhoneSearch } from './sosl.ts';
import type { SoslReturning } from './sosl.ts';

export type { CallerIdentity, CallerMatch } from './caller-identity.ts';
export { UNKNOWN_CALLER } from './caller-identity.ts';

/** At most this many records of one object come back (a number shared by thousands must not flood the pop). */
export const RECORDS_PER_OBJECT = 50;

const LABEL_ORDER: readonly CallerLabel[] = ['Lead', 'Customer', 'Previous Customer'];

/**
 * Looks the caller up with ONE SOSL request (`GET /search`); no request at all when the
 * number has nothing searchable (withheld, letters, too short), or when there is nothing to
 * search (no rule and no journey), which gives Unknown. Rejects with the connection's
 * ContactPadError (CRM_UNAVAILABLE, CRM_SESSION_EXPIRED, CRM_REQUEST_LIMIT, CRM_REQUEST_REJECTED).
 */
export async function lookUpCaller(connection: CrmConnection, rules: LoadedRules, rawNumber: string, defaultCountry: string): Promise<CallerIdentity> {
  const records = await searchCallerRecords(connection, rules, rawNumber, defaultCountry);
  return classifyCaller(records, rules, searchableNumbers(rawNumber, defaultCountry), defaultCountry);
}

/**
 * The records ONE SOSL request finds for the number (`searchRecords`, unclassified); none and
 * no request when the number has nothing searchable or there is nothing to search.
 */
export async function searchCallerRecords(connection: CrmConnection, rules: LoadedRules, rawNumber: string, defaultCountry: string): Promise<readonly SalesforceRecord[]> {
  const numbers = searchableNumbers(rawNumber, defaultCountry);
  const returning = callerSearch(rules);
  if (numbers.length === 0 || returning.length === 0) return [];
  return connection.search(buildPhoneSearch(numbers, returning));
}

/** The fields the rules of one object need (Id, name, phones, filter fields, AccountId), and its key prefix. */
export interface RuleObject {
  readonly objectType: string;
  readonly keyPrefix: string;
  readonly fields: readonly string[];
}

/** The rules' objects, in the order of their best rule, each with the fields its rules read. */
export function ruleObjects(rules: LoadedRules): RuleObject[] {
  const byObject = new Map<string, ScreenPopRule[]>();
  for (const rule of rules.rules) {
    const key = rule.objectType.toLowerCase();
    byObject.set(key, [...(byObject.get(key) ?? []), rule]);
  }
  return [...byObject.values()].map((group) => {
    const fields = new Set<string>(['Id']);
    for (const rule of group) {
      fields.add(rule.nameField);
      for (const phone of rule.phoneFields) fields.add(phone);
      for (const condition of rule.filter) fields.add(condition.field);
      if (rule.accountField !== '') fields.add(rule.accountField);
    }
    const first = group[0] as ScreenPopRule;
    return { objectType: first.objectType, keyPrefix: first.keyPrefix, fields: uniqueFields(fields) };
  });
}

/** The SOSL RETURNING list for the rules and the journey (objects in the order of their best rule). */
export function callerSearch(rules: LoadedRules): SoslReturning[] {
  const byObject = new Map<string, ScreenPopRule[]>();
  for (const rule of rules.rules) {
    const key = rule.objectType.toLowerCase();
    byObject.set(key, [...(byObject.get(key) ?? []), rule]);
  }
  const fieldsOf = new Map(ruleObjects(rules).map((object) => [object.objectType.toLowerCase(), object.fields]));
  const returning: SoslReturning[] = [];
  for (const group of byObject.values()) {
    const fields = fieldsOf.get((group[0] as ScreenPopRule).objectType.toLowerCase()) ?? ['Id'];
    const filtered = group.every((rule) => rule.filter.length > 0);
    const conditions = [...new Set(group.map((rule) => soqlCondition(rule.filter)))];
    const where = !filtered ? undefined : conditions.length === 1 ? conditions[0] : conditions.map((c) => `(${c})`).join(' OR ');
    returning.push({ sobject: (group[0] as ScreenPopRule).objectType, fields: [...fields], ...(where ? { where } : {}), limit: RECORDS_PER_OBJECT });
  }
  const journeySize = rules.settings.journeySize;
  if (rules.journeyFields.length > 0 && journeySize > 0 && !byObject.has('task')) {
    const fields = uniqueFields(new Set([...rules.journeyFields, JOURNEY_NUMBER_FIELD]));
    returning.push({
      sobject: 'Task',
      fields,
      ...(fields.includes('CreatedDate') ? { orderBy: 'CreatedDate DESC' } : {}),
      limit: journeySize,
    });
  }
  return returning;
}

/** Field names once each, whatever their case (SOSL refuses a field listed twice). */
function uniqueFields(fields: Set<string>): string[] {
  const seen = new Set<string>();
  return [...fields].filter((field) => {
    const key = field.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Classifies SOSL `searchRecords` by the rules (pure; see the file comment). `callerForms`
 * are the caller's searchable numbers (phone-number.ts `searchableNumbers`).
 */
export function classifyCaller(records: readonly SalesforceRecord[], rules: LoadedRules, callerForms: readonly string[], defaultCountry: string): CallerIdentity {
  const earned = new Set<CallerLabel>();
  const best = new Map<string, CallerMatch>();
  const tasks: SalesforceRecord[] = [];
  for (const record of records) {
    const objectType = typeof record.attributes?.type === 'string' ? record.attributes.type : '';
    const id = text(recordValue(record, 'Id'));
    // A Task this browser logged a moment ago may have no Id yet (recent-activity.ts): it still belongs in the journey.
    if (objectType === '' || (id === '' && objectType !== 'Task')) continue;
    if (objectType === 'Task' && !rules.rules.some((rule) => rule.objectType === 'Task')) {
      if (isSameNumber(recordValue(record, JOURNEY_NUMBER_FIELD), callerForms, defaultCountry)) tasks.push(record);
      continue;
    }
    for (const rule of rules.rules) {
      if (rule.objectType.toLowerCase() !== objectType.toLowerCase() || !filterHolds(rule.filter, record)) continue;
      const matchedField = rule.phoneFields.find((field) => isSameNumber(recordValue(record, field), callerForms, defaultCountry));
      if (matchedField === undefined) continue;
      earned.add(rule.callerLabel);
      if (best.has(id)) continue; // rules come best first: the first match of a record is its best
      const accountId = rule.accountField === '' ? '' : text(recordValue(record, rule.accountField));
      const match: CallerMatch = {
        id,
        objectType: rule.objectType,
        name: shownText(recordValue(record, rule.nameField)),
        label: rule.callerLabel,
        rule: { name: rule.name, label: rule.label, priority: rule.priority },
        matchedField,
        ...(accountId === '' ? {} : { accountId }),
      };
      best.set(id, match);
    }
  }
  const matches = [...best.values()].sort(compareMatches);
  const journey = journeyFromTasks(tasks, rules.settings.journeySize);
  const [first] = matches;
  if (!first) return journey.length === 0 ? UNKNOWN_CALLER : { ...UNKNOWN_CALLER, journey };
  const winners = matches.filter((match) => match.rule.priority === first.rule.priority);
  const winningRule = rules.rules.find((rule) => rule.name === first.rule.name);
  return {
    labels: LABEL_ORDER.filter((label) => earned.has(label)),
    matches,
    winners,
    ...(winningRule ? { winningRule } : {}),
    journey,
    cached: false,
  };
}

function compareMatches(a: CallerMatch, b: CallerMatch): number {
  return (
    a.rule.priority - b.rule.priority ||
    compareText(a.rule.name, b.rule.name) ||
    compareText(a.name.toLowerCase(), b.name.toLowerCase()) ||
    compareText(a.id, b.id)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
