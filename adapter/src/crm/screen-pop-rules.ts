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
import { filterTypeProblem, parseRuleFilter, type RuleFilter } from './rule-filter.ts';
import { DEFAULT_SCREEN_POP_SETTINGS, type ScreenPopSettings } from './screen-pop-settings.ts';

export { DEFAULT_SCREEN_POP_SETTINGS, type ScreenPopSettings } from './screen-pop-settings.ts';

/** The label a rule's match earns on the call pop (picklist `Caller_Label__c`). */
export type RuleLabel = 'Lead' | 'Customer' | 'Previous Customer';

/** What a rule pops when it wins with one record (picklist `Pop_Action__c`: Record, New Record, Search, Flow). */
export type PopAction = 'record' | 'new-record' | 'search' | 'flow';

/** One flow input variable (Open CTI `screenPop` FLOW `flowArgs` item). `value` may hold {number} and {recordId}. */
export interface FlowArgument {
  readonly name: string;
  readonly type: string;
  readonly value: string;
}

/** One active, checked screen-pop rule (a `ContactPad_Screen_Pop_Rule__mdt` record). */
export interface ScreenPopRule {
  /** `DeveloperName`: names the rule in problems and on the call pop's "why this record". */
  readonly name: string;
  /** `MasterLabel`, as the CRM team named the rule in Setup. */
  readonly label: string;
  /** `Object__c`, spelled as describe spells it (Lead, Contact, Case, Custom__c...). */
  readonly objectType: string;
  /** `Phone_Fields__c`: the Phone fields matched against the caller's number. */
  readonly phoneFields: readonly string[];
  /** `Filter__c` as written ('' for none). */
  readonly filterText: string;
  /** `Filter__c` parsed (empty: every record passes). */
  readonly filter: RuleFilter;
  /** `Caller_Label__c`. */
  readonly callerLabel: RuleLabel;
  /** `Priority__c`: LOWER wins. */
  readonly priority: number;
  /** `Pop_Action__c`. */
  readonly popAction: PopAction;
  /** For `new-record`: the object of the new record (`New_Record_Object__c`, or the rule's object). */
  readonly newRecordObject: string;
  /** For `new-record`: `Default_Field_Values__c`, values may hold {number} and {recordId}. */
  readonly defaultFieldValues: Readonly<Record<string, string>>;
  /** For `flow`: `Flow_Name__c`. */
  readonly flowName: string;
  /** For `flow`: `Flow_Arguments__c`. */
  readonly flowArguments: readonly FlowArgument[];
  /** The field shown as the record's name (`Name_Field__c`, else the object's name field). */
  readonly nameField: string;
  /** `AccountId` when the object has that lookup (the Task then links the account too); '' otherwise. */
  readonly accountField: string;
  /** The object's key prefix (describe `keyPrefix`: 00Q for Lead): tells a record id's object; '' when unknown. */
  readonly keyPrefix: string;
}

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
export const JOURNEY_FIELDS: readonly string[] = ['Id', 'Subject', 'CreatedDate', 'Owner.Name', 'CallType', 'ContactPad_Channel__c', 'ContactPad_Status__c'];

const RULE_FIELDS = [
  'DeveloperName', 'MasterLabel', 'Object__c', 'Phone_Fields__c', 'Filter__c', 'Caller_Label__c', 'Priority__c', 'Pop_Action__c',
  'New_Record_Object__c', 'Default_Field_Values__c', 'Flow_Name__c', 'Flow_Arguments__c', 'Name_Field__c',
] as const;
const SETTING_FIELDS = ['DeveloperName', 'No_Match_Action__c', 'Several_Match_Action__c', 'Caller_Cache_Seconds__c', 'Journey_Size__c'] as const;
const FIXED_SUBREQUESTS = 3;
/** How many rules get a describe of their own in the one composite request. */
export const MAX_DESCRIBED_RULES = MAX_COMPOSITE_SUBREQUESTS - FIXED_SUBREQUESTS;
const MAX_JOURNEY_SIZE = 50;
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const LABELS: Record<string, RuleLabel> = { lead: 'Lead', customer: 'Customer', 'previous customer': 'Previous Customer' };
const ACTIONS: Record<string, PopAction> = { record: 'record', 'new record': 'new-record', search: 'search', flow: 'flow' };

type RawRule = Partial<Record<(typeof RULE_FIELDS)[number], unknown>>;

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

/**
 * Objects of the shipped rules that have an AccountId lookup, and their key prefixes (for the
 * built-in rules, which have no describe): the Account lookups and prefixes the object
 * references give (developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contact.htm, ..._case.htm).
 */
const ACCOUNT_LOOKUP_OBJECTS = new Set(['Contact', 'Case']);
const STANDARD_KEY_PREFIXES: Readonly<Record<string, string>> = { Lead: '00Q', Contact: '003', Account: '001', Case: '500' };

/** The built-in rules: the records force-app ships, used when the org's cannot be read. */
export const BUILT_IN_RULES: readonly ScreenPopRule[] = Object.freeze(
  sortRules(SHIPPED_RULE_RECORDS.map((raw) => {
    const checked = checkRule(raw, undefined);
    if (typeof checked === 'string') throw new Error(`built-in rule ${String(raw.DeveloperName)}: ${checked}`);
    return checked;
  })),
);

/** Describe of an object (the parts used here). */
interface ObjectDescribe {
  readonly name: string;
  readonly keyPrefix: string;
  readonly searchable: boolean;
  readonly fields: ReadonlyMap<string, { readonly name: string; readonly type: string; readonly nameField: boolean }>;
}

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

function readDescribe(answer: { httpStatusCode: number; body: unknown }): ObjectDescribe | 'missing' {
  if (answer.httpStatusCode !== 200 || typeof answer.body !== 'object' || answer.body === null) return 'missing';
  const body = answer.body as { name?: unknown; keyPrefix?: unknown; searchable?: unknown; fields?: unknown };
  if (typeof body.name !== 'string' || !Array.isArray(body.fields)) return 'missing';
  const fields = new Map<string, { name: string; type: string; nameField: boolean }>();
  for (const field of body.fields as unknown[]) {
    if (typeof field !== 'object' || field === null) continue;
    const { name, type, nameField } = field as { name?: unknown; type?: unknown; nameField?: unknown };
    if (typeof name === 'string' && typeof type === 'string') fields.set(name.toLowerCase(), { name, type, nameField: nameField === true });
  }
  return { name: body.name, keyPrefix: typeof body.keyPrefix === 'string' ? body.keyPrefix : '', searchable: body.searchable !== false, fields };
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

function lowerText(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}


/**
 * Checks one rule record; with `describe` (the org's) its object and fields too. Returns the
 * rule, or why it must be skipped.
 */
function checkRule(raw: RawRule, describe: ObjectDescribe | 'missing' | undefined): ScreenPopRule | string {
  const name = text(raw.DeveloperName);
  const objectText = text(raw.Object__c);
  if (objectText === '') return 'it names no object (Object__c is blank)';
  if (!API_NAME.test(objectText)) return `"${objectText}" is not an object API name`;

  const callerLabel = LABELS[lowerText(raw.Caller_Label__c)];
  if (!callerLabel) return `unknown caller label ${JSON.stringify(raw.Caller_Label__c ?? null)} (use Lead, Customer or Previous Customer)`;
  const popAction = ACTIONS[lowerText(raw.Pop_Action__c).replace(/[_-]/g, ' ')];
  if (!popAction) return `unknown pop action ${JSON.stringify(raw.Pop_Action__c ?? null)} (use Record, New Record, Search or Flow)`;
  const priority = typeof raw.Priority__c === 'number' ? raw.Priority__c : typeof raw.Priority__c === 'string' && raw.Priority__c.trim() !== '' ? Number(raw.Priority__c) : Number.NaN;
  if (!Number.isFinite(priority)) return `priority ${JSON.stringify(raw.Priority__c ?? null)} is not a number`;

  const defaultFieldValues = parseDefaultFieldValues(raw.Default_Field_Values__c);
  if (typeof defaultFieldValues === 'string') return defaultFieldValues;
  const flowArguments = parseFlowArguments(raw.Flow_Arguments__c);
  if (typeof flowArguments === 'string') return flowArguments;
  const flowName = text(raw.Flow_Name__c);
  if (flowName !== '' && !API_NAME.test(flowName)) return `"${flowName}" is not a flow API name`;
  if (popAction === 'flow' && flowName === '') return 'the Flow action needs a Flow_Name__c';
  const newRecordText = text(raw.New_Record_Object__c);
  if (newRecordText !== '' && !API_NAME.test(newRecordText)) return `"${newRecordText}" is not an object API name (New_Record_Object__c)`;

  const phoneTexts = text(raw.Phone_Fields__c).split(',').map((field) => field.trim()).filter((field) => field !== '');
  if (phoneTexts.length === 0) return 'it names no phone field (Phone_Fields__c is blank)';
  const badPhone = phoneTexts.find((field) => !API_NAME.test(field));
  if (badPhone !== undefined) return `"${badPhone}" is not a field API name (Phone_Fields__c)`;

  const parsed = parseRuleFilter(text(raw.Filter__c));
  if (!parsed.ok) return parsed.problem;
  const nameText = text(raw.Name_Field__c);
  if (nameText !== '' && !API_NAME.test(nameText)) return `"${nameText}" is not a field API name (Name_Field__c)`;

  let objectType = objectText;
  let phoneFields = phoneTexts;
  let filter = parsed.filter;
  let nameField = nameText !== '' ? nameText : objectText === 'Case' ? 'CaseNumber' : 'Name';
  let accountField = ACCOUNT_LOOKUP_OBJECTS.has(objectText) ? 'AccountId' : '';
  let keyPrefix = STANDARD_KEY_PREFIXES[objectText] ?? '';
  if (describe !== undefined) {
    if (describe === 'missing') return `object ${objectText} does not exist or is not visible to this user`;
    if (!describe.searchable) return `object ${describe.name} cannot be searched (SOSL)`;
    objectType = describe.name;
    keyPrefix = describe.keyPrefix;
    const field = (fieldName: string) => describe.fields.get(fieldName.toLowerCase());
    const missing = (fieldName: string) => `field ${objectType}.${fieldName} does not exist or is not visible to this user`;
    const canonicalPhones: string[] = [];
    for (const phone of phoneTexts) {
      const found = field(phone);
      if (!found) return missing(phone);
      if (found.type !== 'phone') return `field ${objectType}.${found.name} is a ${found.type} field, and phone search (SOSL IN PHONE FIELDS) only searches Phone fields`;
      canonicalPhones.push(found.name);
    }
    phoneFields = canonicalPhones;
    const canonicalFilter = [];
    for (const condition of filter) {
      const found = field(condition.field);
      if (!found) return missing(condition.field);
      const typeProblem = filterTypeProblem({ ...condition, field: `${objectType}.${found.name}` }, found.type);
      if (typeProblem !== '') return typeProblem;
      canonicalFilter.push({ ...condition, field: found.name });
    }
    filter = canonicalFilter;
    if (nameText !== '') {
      const found = field(nameText);
      if (!found) return missing(nameText);
      nameField = found.name;
    } else {
      nameField = [...describe.fields.values()].find((f) => f.nameField)?.name ?? (field('Name') ? 'Name' : 'Id');
    }
    const account = field('AccountId');
    accountField = account && account.type === 'reference' ? account.name : '';
  }
  return {
    name,
    label: text(raw.MasterLabel) || name,
    objectType,
    phoneFields: [...new Set(phoneFields)],
    filterText: text(raw.Filter__c),
    filter,
    callerLabel,
    priority,
    popAction,
    newRecordObject: newRecordText !== '' ? newRecordText : objectType,
    defaultFieldValues,
    flowName,
    flowArguments,
    nameField,
    accountField,
    keyPrefix,
  };
}

function parseJson(value: unknown, field: string): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) return { ok: true, value: undefined };
  if (typeof value !== 'string') return { ok: false, problem: `${field} is not JSON text` };
  try {
    return { ok: true, value: JSON.parse(value) };
  } catch {
    return { ok: false, problem: `${field} is not valid JSON` };
  }
}

function parseDefaultFieldValues(value: unknown): Readonly<Record<string, string>> | string {
  const parsed = parseJson(value, 'Default_Field_Values__c');
  if (!parsed.ok) return parsed.problem;
  if (parsed.value === undefined) return {};
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return 'Default_Field_Values__c must be a JSON object of field names and values';
  }
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(parsed.value)) {
    if (!API_NAME.test(key)) return `Default_Field_Values__c: "${key}" is not a field API name`;
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      return `Default_Field_Values__c: the value of ${key} must be text, a number or true/false`;
    }
    out[key] = String(item);
  }
  return out;
}

function parseFlowArguments(value: unknown): readonly FlowArgument[] | string {
  const parsed = parseJson(value, 'Flow_Arguments__c');
  if (!parsed.ok) return parsed.problem;
  if (parsed.value === undefined) return [];
  if (!Array.isArray(parsed.value)) return 'Flow_Arguments__c must be a JSON array of {"name", "type", "value"}';
  const out: FlowArgument[] = [];
  for (const item of parsed.value as unknown[]) {
    const { name, type, value: argument } = (typeof item === 'object' && item !== null ? item : {}) as { name?: unknown; type?: unknown; value?: unknown };
    if (typeof name !== 'string' || !API_NAME.test(name) || typeof type !== 'string' || type.trim() === '') {
      return 'Flow_Arguments__c: each argument needs a "name" (an API name) and a "type"';
    }
    if (typeof argument !== 'string' && typeof argument !== 'number' && typeof argument !== 'boolean') {
      return `Flow_Arguments__c: the value of ${name} must be text, a number or true/false`;
    }
    out.push({ name, type: type.trim(), value: String(argument) });
  }
  return out;
}
