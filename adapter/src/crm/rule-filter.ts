/**
 * The optional filter of a screen-pop rule (custom metadata field `Filter__c`): a small,
 * SOQL-shaped condition on the fields of the record the caller's number matched.
 *
 * Grammar (keywords in any case), conditions joined by AND:
 *   Field = value | Field != value | Field <> value | Field IN (v1, v2) | Field NOT IN (v1, v2)
 *   value: 'text' (\' and \\ escape), a number, true, false, null
 * Examples: `IsConverted = false`, `Type = 'Former Customer'`, `Type != 'Former Customer'`,
 * `Status IN ('New','Working') AND IsEscalated = false`.
 * OR, parentheses, relationship paths (`Account.Type`) and date literals are not supported:
 * a CRM team writes two rules instead of an OR. A filter that does not parse gives a problem
 * (the rule is skipped), never an exception.
 *
 * Evaluation follows SOQL: text compares case-insensitively; `Field != 'x'` holds for a
 * blank field; `IN` and `NOT IN` never hold for a blank field.
 */
import type { SalesforceRecord } from './crm-connection.ts';

/** A literal in a filter. */
export type FilterValue = string | number | boolean | null;

/** One condition of a filter. */
export interface FilterCondition {
  /** The field's API name (after validation: spelled as describe spells it). */
  readonly field: string;
  readonly operator: '=' | '!=' | 'IN' | 'NOT IN';
  /** One value for `=` and `!=`; one or more for `IN` and `NOT IN`. */
  readonly values: readonly FilterValue[];
}

/** A parsed filter: every condition must hold. Empty: no filter (every record passes). */
export type RuleFilter = readonly FilterCondition[];

/** The outcome of {@link parseRuleFilter}: the filter, or why it cannot be read. */
export type ParsedRuleFilter = { readonly ok: true; readonly filter: RuleFilter } | { readonly ok: false; readonly problem: string };

interface Token {
  readonly kind: 'word' | 'string' | 'number' | 'symbol';
  readonly text: string;
}

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) return 'a text value is missing its closing quote';
        const d = text.charAt(j);
        if (d === '\\') {
          const e = text.charAt(j + 1);
          if (e !== "'" && e !== '\\') return `unknown escape \\${e} in a text value`;
          value += e;
          j += 2;
        } else if (d === "'") {
          break;
        } else {
          value += d;
          j += 1;
        }
      }
      tokens.push({ kind: 'string', text: value });
      i = j + 1;
    } else if (/[-+\d]/.test(c)) {
      const match = /^[-+]?\d+(\.\d+)?/.exec(text.slice(i));
      if (!match) return `unexpected "${c}"`;
      tokens.push({ kind: 'number', text: match[0] });
      i += match[0].length;
    } else if (text.startsWith('!=', i) || text.startsWith('<>', i)) {
      tokens.push({ kind: 'symbol', text: '!=' });
      i += 2;
    } else if (c === '=' || c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'symbol', text: c });
      i += 1;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    } else {
      return `unexpected "${c}"`;
    }
  }
  return tokens;
}

function literal(token: Token | undefined): FilterValue | undefined {
  if (!token) return undefined;
  if (token.kind === 'string') return token.text;
  if (token.kind === 'number') return Number(token.text);
  if (token.kind === 'word') {
    const lower = token.text.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (lower === 'null') return null;
  }
  return undefined;
}

/** Reads a filter's text; blank text is no filter. Never throws. */
export function parseRuleFilter(text: string | null | undefined): ParsedRuleFilter {
  if (typeof text !== 'string' || text.trim() === '') return { ok: true, filter: [] };
  const tokens = tokenize(text);
  if (typeof tokens === 'string') return { ok: false, problem: `filter "${text}" cannot be read: ${tokens}` };
  const conditions: FilterCondition[] = [];
  let i = 0;
  const fail = (why: string): ParsedRuleFilter => ({ ok: false, problem: `filter "${text}" cannot be read: ${why}` });
  for (;;) {
    const field = tokens[i];
    if (!field || field.kind !== 'word') return fail(field ? `expected a field name, found "${field.text}"` : 'it ends where a condition should start');
    if (field.text.includes('.')) return fail(`relationship fields such as ${field.text} are not supported`);
    if (!NAME.test(field.text) || ['and', 'or', 'not', 'in'].includes(field.text.toLowerCase())) return fail(`"${field.text}" is not a field name`);
    i += 1;
    const op = tokens[i];
    const keyword = op?.kind === 'word' ? op.text.toUpperCase() : '';
    if (op?.kind === 'symbol' && (op.text === '=' || op.text === '!=')) {
      const value = literal(tokens[i + 1]);
      if (value === undefined) return fail(`${field.text} ${op.text} needs a value ('text', a number, true, false or null)`);
      conditions.push({ field: field.text, operator: op.text, values: [value] });
      i += 2;
    } else if (keyword === 'IN' || (keyword === 'NOT' && tokens[i + 1]?.kind === 'word' && tokens[i + 1]?.text.toUpperCase() === 'IN')) {
      i += keyword === 'IN' ? 1 : 2;
      if (tokens[i]?.text !== '(') return fail(`${keyword === 'IN' ? 'IN' : 'NOT IN'} needs a list in parentheses`);
      i += 1;
      const values: FilterValue[] = [];
      for (;;) {
        const value = literal(tokens[i]);
        if (value === undefined) return fail(`the list after ${field.text} holds something that is not a value`);
        values.push(value);
        i += 1;
        if (tokens[i]?.text === ',') i += 1;
        else if (tokens[i]?.text === ')') break;
        else return fail('a list of values is missing its closing parenthesis');
      }
      i += 1;
      conditions.push({ field: field.text, operator: keyword === 'IN' ? 'IN' : 'NOT IN', values });
    } else {
      return fail(op ? `unsupported operator "${op.text}" after ${field.text} (use =, !=, IN or NOT IN)` : `${field.text} has no operator`);
    }
    const next = tokens[i];
    if (!next) break;
    if (next.kind === 'word' && next.text.toUpperCase() === 'AND') {
      i += 1;
      continue;
    }
    if (next.kind === 'word' && next.text.toUpperCase() === 'OR') return fail('OR is not supported (write a second rule instead)');
    return fail(`unexpected "${next.text}" (join conditions with AND)`);
  }
  return { ok: true, filter: conditions };
}

/** A field's value in a record from the API, found whatever the case of its name. */
export function recordValue(record: SalesforceRecord, field: string): unknown {
  if (field in record) return record[field];
  const lower = field.toLowerCase();
  const key = Object.keys(record).find((name) => name.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

function same(value: unknown, literalValue: FilterValue): boolean {
  if (literalValue === null) return value === null || value === undefined || value === '';
  if (typeof literalValue === 'string') return typeof value === 'string' && value.toLowerCase() === literalValue.toLowerCase();
  return value === literalValue;
}

/** True when every condition holds for `record` (SOQL semantics, see the file comment). */
export function filterHolds(filter: RuleFilter, record: SalesforceRecord): boolean {
  return filter.every((condition) => {
    const value = recordValue(record, condition.field);
    const blank = value === null || value === undefined || value === '';
    switch (condition.operator) {
      case '=':
        return same(value, condition.values[0] ?? null);
      case '!=':
        return !same(value, condition.values[0] ?? null);
      case 'IN':
        return !blank && condition.values.some((v) => same(value, v));
      case 'NOT IN':
        return !blank && !condition.values.some((v) => same(value, v));
    }
  });
}

function soqlLiteral(value: FilterValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return String(value);
}

/** The filter as SOQL condition text (for a SOSL `WHERE`), text values escaped. */
export function soqlCondition(filter: RuleFilter): string {
  return filter
    .map((c) => (c.operator === 'IN' || c.operator === 'NOT IN' ? `${c.field} ${c.operator} (${c.values.map(soqlLiteral).join(', ')})` : `${c.field} ${c.operator} ${soqlLiteral(c.values[0] ?? null)}`))
    .join(' AND ');
}

const TEXT_TYPES = new Set(['string', 'picklist', 'phone', 'email', 'url', 'id', 'reference', 'combobox']);
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent', 'long']);

/**
 * Why a filter's values do not fit the field's describe `type`, or '' when they do:
 * booleans for checkboxes, numbers for numeric fields, 'text' for text-like fields (null
 * always fits). Dates, long text and multi-select picklists cannot be filtered here.
 */
export function filterTypeProblem(condition: FilterCondition, fieldType: string): string {
  const expected = fieldType === 'boolean' ? 'boolean' : NUMBER_TYPES.has(fieldType) ? 'number' : TEXT_TYPES.has(fieldType) ? 'string' : '';
  if (expected === '') return `field ${condition.field} is a ${fieldType} field, which a rule filter cannot compare`;
  const wrong = condition.values.find((value) => value !== null && typeof value !== expected);
  if (wrong === undefined) return '';
  const wanted = expected === 'boolean' ? 'true or false' : expected === 'number' ? 'a number' : "a 'quoted' text";
  return `field ${condition.field} is a ${fieldType} field: compare it with ${wanted}, not ${soqlLiteral(wrong)}`;
}
