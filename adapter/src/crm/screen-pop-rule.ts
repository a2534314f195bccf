/**
 * One screen-pop rule record (`ContactPad_Screen_Pop_Rule__mdt`), checked: its label, action,
 * priority and JSON fields always, and, given the org's describe of its object, that the
 * object can be searched and each phone, filter and name field exists, is visible and fits.
 * A rule that fails a check is not a rule: the check answers why, for the admin's problem list.
 * Loading the records and the settings is screen-pop-rules.ts.
 */
import { filterTypeProblem, parseRuleFilter, type RuleFilter } from './rule-filter.ts';

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

/** The rule fields the rules query reads. */
export const RULE_FIELDS = [
  'DeveloperName', 'MasterLabel', 'Object__c', 'Phone_Fields__c', 'Filter__c', 'Caller_Label__c', 'Priority__c', 'Pop_Action__c',
  'New_Record_Object__c', 'Default_Field_Values__c', 'Flow_Name__c', 'Flow_Arguments__c', 'Name_Field__c',
] as const;
/** A Salesforce API name (object, field, flow): a letter, then letters, digits and underscores. */
export const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const LABELS: Record<string, RuleLabel> = { lead: 'Lead', customer: 'Customer', 'previous customer': 'Previous Customer' };
const ACTIONS: Record<string, PopAction> = { record: 'record', 'new record': 'new-record', search: 'search', flow: 'flow' };

export type RawRule = Partial<Record<(typeof RULE_FIELDS)[number], unknown>>;

/**
 * Objects of the shipped rules that have an AccountId lookup, and their key prefixes (for the
 * built-in rules, which have no describe): the Account lookups and prefixes the object
 * references give (developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_contact.htm, ..._case.htm).
 */
const ACCOUNT_LOOKUP_OBJECTS = new Set(['Contact', 'Case']);
const STANDARD_KEY_PREFIXES: Readonly<Record<string, string>> = { Lead: '00Q', Contact: '003', Account: '001', Case: '500' };

/** Describe of an object (the parts used here). */
export interface ObjectDescribe {
  readonly name: string;
  readonly keyPrefix: string;
  readonly searchable: boolean;
  readonly fields: ReadonlyMap<string, { readonly name: string; readonly type: string; readonly nameField: boolean }>;
}

/** The parts of a describe answer a rule check uses; 'missing' when the object cannot be described. */
export function readDescribe(answer: { httpStatusCode: number; body: unknown }): ObjectDescribe | 'missing' {
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

/**
 * Checks one rule record; with `describe` (the org's) its object and fields too. Returns the
 * rule, or why it must be skipped.
 */
export function checkRule(raw: RawRule, describe: ObjectDescribe | 'missing' | undefined): ScreenPopRule | string {
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

/** A picklist or text value, trimmed and lower-cased; '' when it is not text. */
export function lowerText(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

