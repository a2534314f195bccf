/**
 * Checks and converts field values written through the REST API the way Salesforce does:
 * unknown, read-only, missing required, restricted picklist, bad ids, wrong types and
 * over-long text all answer with Salesforce's error codes.
 *
 * Sources: the error codes are those of the REST API Developer Guide "Status Codes and Error
 * Responses" (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm)
 * and the SOAP API StatusCode list; the bodies (`[{ message, errorCode, fields }]`) follow
 * real answers recorded in public issues, cited at each check below. Messages not seen in a
 * public source are marked "message unverified".
 */
import { SalesforceApiError } from './salesforce-error.ts';
import { findField, sObjectOfId, type FieldDef, type SObjectDef } from './schema.ts';
import { isSalesforceId, toId18 } from './salesforce-id.ts';

/** A field value as stored and returned in JSON. */
export type FieldValue = string | number | boolean | null;

const MAX_LENGTH: Partial<Record<FieldDef['type'], number>> = {
  string: 255, textarea: 32000, phone: 40, email: 80, url: 255, picklist: 255,
};

/** The most base64 a JSON (non-multipart) request may carry: 37.5 MB (REST "Insert or Update Blob Data"). */
const MAX_BASE64_LENGTH = 37.5 * 1024 * 1024;

/** Salesforce's datetime form: `2024-05-01T12:34:56.000+0000`. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** Milliseconds of a Salesforce date or datetime string (`+0000` offsets accepted). */
export function parseDateTime(value: string): number {
  const normalized = value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2');
  return Date.parse(/^\d{4}-\d\d-\d\d$/.test(normalized) ? `${normalized}T00:00:00Z` : normalized);
}

/** A refusal naming the field, as Salesforce's field errors do (`fields: ["Name"]`). */
function bad(code: string, message: string, field: FieldDef): SalesforceApiError {
  return new SalesforceApiError(400, code, message, [field.name]);
}

/**
 * Converts one JSON value for `field`; `lookup` tells whether a referenced id exists.
 * Throws {@link SalesforceApiError} for a value Salesforce would refuse.
 */
export function convertValue(field: FieldDef, value: unknown, exists: (id: string) => boolean): FieldValue {
  if (value === null || value === undefined || value === '') return null;
  switch (field.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from VALUE_STRING value ${String(value)} or request may be missing a required field at [line:1, column:1]`);
    case 'int':
    case 'double': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(n) || (field.type === 'int' && !Number.isInteger(n))) {
        throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${field.type === 'int' ? 'int' : 'double'} from VALUE_STRING value ${String(value)} or request may be missing a required field at [line:1, column:1]`);
      }
      return n;
    }
    case 'date':
      if (typeof value === 'string' && /^\d{4}-\d\d-\d\d/.test(value) && !Number.isNaN(parseDateTime(value.slice(0, 10)))) return value.slice(0, 10);
      throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of date from VALUE_STRING value ${String(value)} or request may be missing a required field at [line:1, column:1]`);
    case 'datetime': {
      const ms = typeof value === 'string' ? parseDateTime(value) : Number.NaN;
      if (Number.isNaN(ms)) {
        throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of datetime from VALUE_STRING value ${String(value)} or request may be missing a required field at [line:1, column:1]`);
      }
      return formatDateTime(new Date(ms));
    }
    case 'base64': {
      // Base64 in the JSON body (REST "Insert or Update Blob Data": a non-multipart message takes
      // at most 37.5 MB of base64-encoded data). The refusal of text that is not base64 is
      // unverified: worded as the other JSON_PARSER_ERROR answers here.
      const text = typeof value === 'string' ? value.replace(/\s+/g, '') : '';
      if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
        throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of base64 from VALUE_STRING value ${String(value).slice(0, 40)} or request may be missing a required field at [line:1, column:1]`);
      }
      if (text.length > MAX_BASE64_LENGTH) {
        // Message unverified.
        throw bad('STRING_TOO_LONG', `${field.label}: data value too large (max 37.5 MB of base64 in a JSON request)`, field);
      }
      return text;
    }
    case 'reference':
    case 'id': {
      // "<Field label>: id value of incorrect type: <id>" on [field]: MALFORMED_ID for a value
      // that is no id (github.com/springml/salesforce-wave-api, AddTaskResponse.java records
      // `[{"message":"Related To ID: id value of incorrect type: 006B000002nBrQ","errorCode":
      // "MALFORMED_ID","fields":["WhatId"]}]`), FIELD_INTEGRITY_EXCEPTION for an id of an object
      // the field does not refer to (jsforce/jsforce issue 1006: a Task WhoId given an Account id
      // answered "Name ID: id value of incorrect type: 0015w000029KTYHAA4", FIELD_INTEGRITY_EXCEPTION,
      // fields ["WhoId"]; mshanemc/roundRobinProcessBuilder issue 2 shows the same pattern,
      // "FIELD_INTEGRITY_EXCEPTION, BDR Assigned: id value of incorrect type: 00G...: [BDR__c]",
      // for a custom lookup). So a WhatId of an object outside Task's "Refers To" list answers
      // 400 [{"message":"Related To ID: id value of incorrect type: <id>","errorCode":
      // "FIELD_INTEGRITY_EXCEPTION","fields":["WhatId"]}]: label and code from those records,
      // the exact WhatId wording combined from them (no recorded REST answer for WhatId with
      // FIELD_INTEGRITY_EXCEPTION found). INVALID_CROSS_REFERENCE_KEY "invalid cross reference
      // id" for an id of no record (message unverified).
      const text = String(value);
      if (!isSalesforceId(text)) throw bad('MALFORMED_ID', `${field.label}: id value of incorrect type: ${text}`, field);
      const target = sObjectOfId(text);
      if (field.referenceTo && (!target || !field.referenceTo.includes(target.name))) {
        throw bad('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${text}`, field);
      }
      const id = toId18(text);
      if (!exists(id)) throw bad('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, field);
      return id;
    }
    default: {
      if (typeof value === 'object') {
        throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${field.type === 'textarea' ? 'textarea' : 'string'} from START_OBJECT value [line:1, column:1]`);
      }
      const text = String(value);
      const max = field.length ?? MAX_LENGTH[field.type];
      if (max !== undefined && text.length > max) {
        // STRING_TOO_LONG "<label>: data value too large: <value> (max length=<n>)" (message unverified).
        throw bad('STRING_TOO_LONG', `${field.label}: data value too large: ${text.slice(0, 40)} (max length=${max})`, field);
      }
      if (field.type === 'picklist' && field.restricted && !field.picklistValues?.includes(text)) {
        // INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST "<label>: bad value for restricted picklist field: <value>" (message unverified).
        throw bad('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${field.label}: bad value for restricted picklist field: ${text}`, field);
      }
      return text;
    }
  }
}

/**
 * How a write is checked: an API create or update, or a trusted seed or control-API update
 * (read-only fields allowed).
 */
export type WriteMode = 'create' | 'update' | 'seed' | 'seed-update';

/**
 * Validates a JSON body of field values for `sobject` and returns them keyed by the
 * fields' API names. `canonical` maps a custom field to its first-seen spelling.
 */
export function convertFields(
  sobject: SObjectDef,
  body: unknown,
  mode: WriteMode,
  exists: (id: string) => boolean,
  canonical: (field: FieldDef) => string,
): Map<string, FieldValue> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new SalesforceApiError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${sobject.name} from ${Array.isArray(body) ? 'START_ARRAY' : 'VALUE_STRING'} value at [line:1, column:1]`);
  }
  const out = new Map<string, FieldValue>();
  const readOnly: string[] = [];
  const trusted = mode === 'seed' || mode === 'seed-update';
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === 'attributes') continue;
    const field = findField(sobject, name);
    // INVALID_FIELD "No such column '<name>' on sobject of type <Object>" (message unverified).
    if (!field) throw new SalesforceApiError(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${sobject.name}`);
    if (!trusted && (field.readOnly || (field.createOnly && mode === 'update'))) {
      readOnly.push(field.name);
      continue;
    }
    out.set(canonical(field), convertValue(field, value, exists));
  }
  if (readOnly.length > 0) {
    // INVALID_FIELD_FOR_INSERT_UPDATE, the field-level security answer for a field that is not
    // writable (message as the REST API words it; unverified against a recorded answer).
    throw new SalesforceApiError(
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      readOnly,
    );
  }
  const missing = sobject.fields
    .filter((field) => field.required && !(trusted && field.seedMayOmit))
    .filter((field) => (mode === 'update' || mode === 'seed-update' ? out.has(field.name) && out.get(field.name) === null : (out.get(field.name) ?? null) === null))
    .map((field) => field.name);
  if (missing.length > 0) {
    // REQUIRED_FIELD_MISSING "Required fields are missing: [LastName]" on [LastName] (message unverified).
    throw new SalesforceApiError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  }
  return out;
}
