/**
 * Builds SOSL (Salesforce Object Search Language) text for the caller lookup. Search terms
 * come from outside (the caller's number), so every SOSL reserved character is escaped;
 * object, field names and filters come from ContactPad's own configuration and are checked
 * to be API names.
 */
import { ContactPadError } from '../model/errors.ts';

/** SOSL reserved characters, which must be escaped with a backslash inside FIND {...}. */
const RESERVED = /[?&|!{}[\]()^~*:\\"'+-]/g;

/** One object in a SOSL `RETURNING` clause: `Lead(Id, Name WHERE IsConverted = false LIMIT 50)`. */
export interface SoslReturning {
  /** Object API name (`Lead`, `Contact`, `Account`, `Custom__c`). */
  readonly sobject: string;
  /** Field API names; relationship paths (`Account.Name`) allowed. */
  readonly fields: readonly string[];
  /** A SOQL-style filter, from configuration only (never from caller data). */
  readonly where?: string;
  /** `Field [ASC|DESC]`, for example `CreatedDate DESC`. */
  readonly orderBy?: string;
  readonly limit?: number;
}

/**
 * Escapes a search term for SOSL's FIND clause: each of `? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -`
 * gets a backslash, so a term matches literally and can never close the `{...}` braces.
 */
export function escapeSosl(term: string): string {
  return term.replace(RESERVED, (character) => `\\${character}`);
}

/**
 * `FIND {n1 OR n2} IN PHONE FIELDS RETURNING Lead(...), Contact(...)`: one search over the
 * phone fields of several objects. Terms are escaped; blank terms are skipped.
 * Throws `INVALID_CONFIGURATION` for a bad object or field name, RangeError for no terms
 * (callers must not search for nothing).
 */
export function buildPhoneSearch(numbers: readonly string[], returning: readonly SoslReturning[]): string {
  const terms = [...new Set(numbers.map((number) => number.trim()).filter((number) => number !== ''))];
  if (terms.length === 0) throw new RangeError('buildPhoneSearch needs at least one number');
  if (returning.length === 0) throw invalid('the RETURNING clause lists no object');
  const clauses = returning.map(returningClause);
  return `FIND {${terms.map(escapeSosl).join(' OR ')}} IN PHONE FIELDS RETURNING ${clauses.join(', ')}`;
}

function returningClause(item: SoslReturning): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(item.sobject)) throw invalid(`"${item.sobject}" is not an object API name`);
  if (item.fields.length === 0) throw invalid(`${item.sobject} lists no fields`);
  for (const field of item.fields) {
    if (!/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(field)) {
      throw invalid(`"${field}" is not a field API name`);
    }
  }
  let clause = item.fields.join(', ');
  const where = item.where?.trim();
  if (where) clause += ` WHERE ${where}`;
  if (item.orderBy !== undefined) {
    if (!/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*( (ASC|DESC))?$/.test(item.orderBy)) throw invalid(`"${item.orderBy}" is not an ORDER BY field`);
    clause += ` ORDER BY ${item.orderBy}`;
  }
  if (item.limit !== undefined) {
    if (!Number.isInteger(item.limit) || item.limit < 1 || item.limit > 2000) throw invalid('LIMIT must be 1 to 2000');
    clause += ` LIMIT ${item.limit}`;
  }
  return `${item.sobject}(${clause})`;
}

function invalid(why: string): ContactPadError {
  return new ContactPadError('INVALID_CONFIGURATION', `Caller search: ${why}.`);
}
