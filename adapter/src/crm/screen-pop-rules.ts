/**
 * Screen-pop rules: the custom metadata records CRM teams edit in Setup
 * (`ContactPad_Screen_Pop_Rule__mdt`, one per object and filter, and the
 * `ContactPad_Screen_Pop_Setting__mdt` record named Default), loaded once per session with
 * ONE API request and checked against what this user can see.
 *
 * The one request is a composite (`POST /composite`, allOrNone false) of:
 *   rules     GET /query?q=SELECT ... FROM ContactPad_Screen_Pop_Rule__mdt WHERE Active__c = true
 *   settings  GET /query?q=SELECT ... FROM ContactPad_Screen_Pop_Setting__mdt WHERE DeveloperName = 'Default'
 *   task      GET /sobjects/Task/describe                      (can the customer journey be searched?)
 *   object0.. GET /sobjects/@{rules.records[i].Object__c}/describe   (one per rule, by reference)
 * The rules' objects are not known before the query answers, so each describe names its rule's
 * object through a composite reference; a slot past the last rule fails alone (PROCESSING_HALTED)
 * and is ignored. The composite limits (25 subrequests, 5 queries) leave 22 describe slots: the
 * 23rd and later rules are checked against the describe of an earlier rule on the same object,
 * and skipped (with a problem) when no earlier rule names their object.
 *
 * Every rule is checked: its object exists and this user can see it, each phone field exists,
 * is visible and is a Phone field (SOSL `IN PHONE FIELDS` searches nothing else: Case's Web
 * Phone, SuppliedPhone, is Text), the filter parses and its fields exist with fitting values,
 * the label and action are known, the priority is a number and the JSON fields parse. A bad
 * rule is skipped with a problem naming it and why; the others keep working. When the org
 * cannot be asked at all (API down, session expired), the built-in rules, equal to the records
 * force-app ships, are used and a problem says so; `final: false` tells the caller to load
 * again next time.
 */
import type { CompositeSubrequest, CrmConnection } from './crm-connection.ts';
import { MAX_COMPOSITE_SUBREQUESTS } from './crm-connection.ts';
import { API_NAME, checkRule, lowerText, readDescribe, RULE_FIELDS, type ObjectDescribe, type RawRule, type ScreenPopRule } from './screen-pop-rule.ts';
import { DEFAULT_SCREEN_POP_SETTINGS, type ScreenPopSettings } from './screen-pop-settings.ts';

export { DEFAULT_SCREEN_POP_SETTINGS, type ScreenPopSettings } from './screen-pop-settings.ts';
export type { FlowArgument, PopAction, RuleLabel, ScreenPopRule } from './screen-pop-rule.ts';

/** The rules as one session uses them. */
export interface LoadedRules {
  /** Active, checked rules: best (lowest) priority first, then by name. */
  readonly rules: readonly ScreenPopRule[];
  readonly settings: ScreenPopSettings;
  /** Rules skipped and why, settings replaced by defaults, the journey switched off... for admins. */
  readonly problems: readonly string[];
  /** `org`: read from the org; `built-in`: the shipped defaults, because the org's could not be read. */
  readonly source: 'org' | 'built-in';
  /** False when the org could not be asked (load again next time); true when its answer is the session's. */
  readonly final: boolean;
  /**
   * The Task fields the customer journey returns; [] when the journey cannot be searched
   * (Task.ContactPad_Caller_Number__c missing, hidden, or not a Phone field).
   */
  readonly journeyFields: readonly string[];
}

/** The custom metadata type of the rules. */
export const RULE_TYPE = 'ContactPad_Screen_Pop_Rule__mdt';
/** The custom metadata type of the settings. */
export const SETTING_TYPE = 'ContactPad_Screen_Pop_Setting__mdt';
/** The settings record ContactPad reads (DeveloperName). */
export const SETTING_RECORD = 'Default';
/** The Task Phone field holding the caller's number (force-app, Activity), searched for the journey. */
export const JOURNEY_NUMBER_FIELD = 'ContactPad_Caller_Number__c';
/** Task fields the journey shows, when the user can see them. */
export const JOURNEY_FIELDS: readonly string[] = ['Id', 'Subject', 'CreatedDate', 'Owner.Name', 'CallType', 'ContactPad_Channel__c', 'ContactPad_Status__c', 'WhoId', 'WhatId'];

const SETTING_FIELDS = ['DeveloperName', 'No_Match_Action__c', 'Several_Match_Action__c', 'Caller_Cache_Seconds__c', 'Journey_Size__c'] as const;
const FIXED_SUBREQUESTS = 3;
/** How many rules get a describe of their own in the one composite request. */
export const MAX_DESCRIBED_RULES = MAX_COMPOSITE_SUBREQUESTS - FIXED_SUBREQUESTS;
const MAX_JOURNEY_SIZE = 50;
/**
 * The rule records the default package ships (force-app/main/default/customMetadata/ContactPad_Screen_Pop_Rule.*),
 * as the rules query answers them; scripts/built-in-rules.test.ts keeps the two in step. The
 * legacy Chat rule ships in its own package (force-app-legacy-chat) and is not built in: most
 * orgs have no Chat Transcripts, and a search naming the object fails there.
 */
const SHIPPED_RULE_RECORDS: readonly RawRule[] = [
  { DeveloperName: 'Open_Lead', MasterLabel: 'Open Lead', Object__c: 'Lead', Phone_Fields__c: 'Phone, MobilePhone', Filter__c: 'IsConverted = false', Caller_Label__c: 'Lead', Priority__c: 10, Pop_Action__c: 'Record' },
  { DeveloperName: 'Customer_Contact', MasterLabel: 'Customer Contact', Object__c: 'Contact', Phone_Fields__c: 'Phone, MobilePhone, HomePhone, OtherPhone', Caller_Label__c: 'Customer', Priority__c: 20, Pop_Action__c: 'Record' },
  { DeveloperName: 'Customer_Account', MasterLabel: 'Customer Account', Object__c: 'Account', Phone_Fields__c: 'Phone', Filter__c: "Type != 'Former Customer'", Caller_Label__c: 'Customer', Priority__c: 30, Pop_Action__c: 'Record' },
  { DeveloperName: 'Previous_Customer_Account', MasterLabel: 'Previous Customer Account', Object__c: 'Account', Phone_Fields__c: 'Phone', Filter__c: "Type = 'Former Customer'", Caller_Label__c: 'Previous Customer', Priority__c: 40, Pop_Action__c: 'Record' },
  { DeveloperName: 'Open_Case_Web_Phone', MasterLabel: 'Open Case by Web Phone', Object__c: 'Case', Phone_Fields__c: 'ContactPad_Web_Phone__c', Filter__c: 'IsClosed = false', Caller_Label__c: 'Customer', Priority__c: 50, Pop_Action__c: 'Record', Name_Field__c: 'CaseNumber' },
];

/** The built-in rules: the records force-app ships, used when the org's cannot be read. */
export const BUILT_IN_RULES: readonly ScreenPopRule[] = Object.freeze(
  sortRules(SHIPPED_RULE_RECORDS.map((raw) => {
    const checked = checkRule(raw, undefined);
    if (typeof checked === 'string') throw new Error(`built-in rule ${String(raw.DeveloperName)}: ${checked}`);
    return checked;
  })),
);

/**
 * Loads the active rules and the settings with ONE API request (see the file comment).
 * Never rejects: when the org cannot be asked, resolves with the built-in rules,
 * `source: 'built-in'`, `final: false` and a problem saying why.
 */
export async function loadScreenPopRules(connection: CrmConnection): Promise<LoadedRules> {
  const subrequests: CompositeSubrequest[] = [
    { method: 'GET', referenceId: 'rules', url: queryUrl(`SELECT ${RULE_FIELDS.join(', ')} FROM ${RULE_TYPE} WHERE Active__c = true`) },
    { method: 'GET', referenceId: 'settings', url: queryUrl(`SELECT ${SETTING_FIELDS.join(', ')} FROM ${SETTING_TYPE} WHERE DeveloperName = '${SETTING_RECORD}'`) },
    { method: 'GET', referenceId: 'task', url: '/sobjects/Task/describe' },
  ];
  for (let i = 0; i < MAX_DESCRIBED_RULES; i++) {
    subrequests.push({ method: 'GET', referenceId: `object${i}`, url: `/sobjects/@{rules.records[${i}].Object__c}/describe` });
  }
  let answers: Awaited<ReturnType<CrmConnection['composite']>>;
  try {
    answers = await connection.composite(subrequests, false);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      rules: BUILT_IN_RULES,
      settings: DEFAULT_SCREEN_POP_SETTINGS,
      problems: [`Screen-pop rules could not be loaded from Salesforce (${why}): the built-in rules are used until they can be.`],
      source: 'built-in',
      final: false,
      journeyFields: JOURNEY_FIELDS,
    };
  }
  const byReference = new Map(answers.map((answer) => [answer.referenceId, answer]));
  const problems: string[] = [];

  const settingsAnswer = byReference.get('settings');
  const settings = readSettings(settingsAnswer?.httpStatusCode === 200 ? firstRecord(settingsAnswer.body) : undefined, settingsAnswer, problems);
  const journeyFields = readJourneyFields(byReference.get('task'), problems);

  const rulesAnswer = byReference.get('rules');
  const records = rulesAnswer?.httpStatusCode === 200 ? recordsOf(rulesAnswer.body) : undefined;
  if (!records) {
    problems.unshift(`Screen-pop rules could not be read (${errorText(rulesAnswer?.body)}): the built-in rules are used.`);
    return { rules: BUILT_IN_RULES, settings, problems, source: 'built-in', final: true, journeyFields };
  }

  const describes = new Map<string, ObjectDescribe | 'missing'>();
  const rules: ScreenPopRule[] = [];
  records.forEach((raw, index) => {
    const name = ruleName(raw, index);
    const object = typeof raw.Object__c === 'string' ? raw.Object__c.trim() : '';
    let describe: ObjectDescribe | 'missing' | undefined;
    if (index < MAX_DESCRIBED_RULES) {
      const answer = byReference.get(`object${index}`);
      describe = answer ? readDescribe(answer) : 'missing';
      if (describe !== 'missing' && describe.name.toLowerCase() !== object.toLowerCase()) describe = 'missing';
      if (API_NAME.test(object) && (describe !== 'missing' || !describes.has(object.toLowerCase()))) describes.set(object.toLowerCase(), describe);
    } else {
      describe = describes.get(object.toLowerCase());
    }
    const checked = describe === undefined && API_NAME.test(object)
      ? `ContactPad checks at most ${MAX_DESCRIBED_RULES} active rules on different objects in one request; deactivate a rule or merge rules`
      : checkRule(raw, describe ?? 'missing');
    if (typeof checked === 'string') problems.push(`Rule ${name} skipped: ${checked}`);
    else rules.push(checked);
  });
  return { rules: sortRules(rules), settings, problems, source: 'org', final: true, journeyFields };
}

function queryUrl(soql: string): string {
  return `/query?q=${encodeURIComponent(soql)}`;
}

function sortRules(rules: ScreenPopRule[]): ScreenPopRule[] {
  return rules.sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function ruleName(raw: RawRule, index: number): string {
  return typeof raw.DeveloperName === 'string' && raw.DeveloperName.trim() !== '' ? raw.DeveloperName.trim() : `#${index + 1} (no DeveloperName)`;
}

function recordsOf(body: unknown): RawRule[] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const records = (body as { records?: unknown }).records;
  if (!Array.isArray(records)) return undefined;
  return records.map((record: unknown) => (typeof record === 'object' && record !== null ? (record as RawRule) : {}));
}

function firstRecord(body: unknown): Record<string, unknown> | undefined {
  return recordsOf(body)?.[0] as Record<string, unknown> | undefined;
}

function errorText(body: unknown): string {
  const first: unknown = Array.isArray(body) ? body[0] : body;
  if (typeof first === 'object' && first !== null) {
    const { errorCode, message } = first as { errorCode?: unknown; message?: unknown };
    const text = [errorCode, message].filter((part) => typeof part === 'string' && part !== '').join(': ');
    if (text !== '') return text.replace(/\s+/g, ' ').trim().slice(0, 200);
  }
  return 'no answer';
}

function readJourneyFields(answer: { httpStatusCode: number; body: unknown } | undefined, problems: string[]): readonly string[] {
  const describe = answer ? readDescribe(answer) : 'missing';
  if (describe === 'missing') {
    problems.push(`Customer journey off: Task cannot be described (${errorText(answer?.body)}).`);
    return [];
  }
  const number = describe.fields.get(JOURNEY_NUMBER_FIELD.toLowerCase());
  if (!number || number.type !== 'phone') {
    problems.push(`Customer journey off: Task.${JOURNEY_NUMBER_FIELD} ${number ? `is a ${number.type} field, not a Phone field` : 'does not exist or is not visible to this user'}.`);
    return [];
  }
  return JOURNEY_FIELDS.filter((path) => describe.fields.has((path === 'Owner.Name' ? 'OwnerId' : path).toLowerCase()));
}

function readSettings(
  record: Record<string, unknown> | undefined,
  answer: { httpStatusCode: number; body: unknown } | undefined,
  problems: string[],
): ScreenPopSettings {
  if (!record) {
    problems.push(
      answer?.httpStatusCode === 200
        ? `Screen-pop settings: no ${SETTING_TYPE} record named ${SETTING_RECORD}; the defaults are used.`
        : `Screen-pop settings could not be read (${errorText(answer?.body)}); the defaults are used.`,
    );
    return DEFAULT_SCREEN_POP_SETTINGS;
  }
  const defaults = DEFAULT_SCREEN_POP_SETTINGS;
  const bad = (field: string, value: unknown, used: string | number) => {
    problems.push(`Screen-pop setting ${field} = ${JSON.stringify(value)} is not valid; ${used} is used.`);
  };
  let noMatchAction = defaults.noMatchAction;
  const noMatch = lowerText(record['No_Match_Action__c']);
  if (noMatch === 'greeting' || noMatch === 'search') noMatchAction = noMatch;
  else if (noMatch !== '') bad('No_Match_Action__c', record['No_Match_Action__c'], 'Greeting');
  const several = lowerText(record['Several_Match_Action__c']);
  if (several !== '' && several !== 'search') bad('Several_Match_Action__c', record['Several_Match_Action__c'], 'Search');
  const number = (field: string, fallback: number, max: number): number => {
    const value = record[field];
    if (value === null || value === undefined || value === '') return fallback;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(n) || n < 0 || n > max) {
      bad(field, value, fallback);
      return fallback;
    }
    return Math.floor(n);
  };
  return {
    noMatchAction,
    severalMatchAction: 'search',
    callerCacheSeconds: number('Caller_Cache_Seconds__c', defaults.callerCacheSeconds, 86_400),
    journeySize: number('Journey_Size__c', defaults.journeySize, MAX_JOURNEY_SIZE),
  };
}
