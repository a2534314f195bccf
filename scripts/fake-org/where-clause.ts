/**
 * SOQL/SOSL `WHERE` conditions: parsing (`a = 'x' AND (b = true OR c IN ('1','2'))`,
 * `LIKE`, `NOT`, `null`, numbers, dates, `TODAY`) with Salesforce's type checks, and
 * evaluation against stored records.
 *
 * Source: SOQL and SOSL Reference, "WHERE", "Comparison Operators", "Date Formats and Date
 * Literals" (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_conditionexpression.htm).
 * `TODAY` is the date of the org's clock in UTC (Salesforce uses the user's time zone: the
 * fake's user is in UTC). The filter-type MALFORMED_QUERY message ("value of filter criterion
 * for field 'X' must be of type Y and should not be enclosed in quotes") and
 * INVALID_QUERY_FILTER_OPERATOR "invalid ID field" are Salesforce's wording as commonly
 * reported; unverified against a recorded answer here.
 */
import type { FakeOrg, SfRecord } from './store.ts';
import { readPath, resolvePath, type FieldPath } from './field-path.ts';
import { SyntaxProblem, TokenStream, unexpected, type Token } from './query-lexer.ts';
import { parseDateTime, type FieldValue } from './record-values.ts';
import { SalesforceApiError, errorLocation } from './salesforce-error.ts';
import { isSalesforceId } from './salesforce-id.ts';
import type { SObjectDef } from './schema.ts';

/** A literal value in a condition. */
export type Literal = { kind: 'string' | 'number' | 'boolean' | 'null' | 'date' | 'datetime'; value: string | number | boolean | null };

/** A parsed condition. */
export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; path: FieldPath; op: string; value: Literal }
  | { kind: 'in'; path: FieldPath; values: Literal[]; negate: boolean }
  | { kind: 'like'; path: FieldPath; pattern: RegExp };

/** What a condition needs to resolve names and literals. */
export interface ConditionContext {
  org: FakeOrg;
  sobject: SObjectDef;
  statement: string;
  today: () => string;
}

/** Parses a condition from the stream (after `WHERE`). */
export function parseCondition(stream: TokenStream, ctx: ConditionContext): Condition {
  return parseOr(stream, ctx);
}

function parseOr(stream: TokenStream, ctx: ConditionContext): Condition {
  const items = [parseAnd(stream, ctx)];
  while (stream.keyword('OR')) items.push(parseAnd(stream, ctx));
  return items.length === 1 ? (items[0] as Condition) : { kind: 'or', items };
}

function parseAnd(stream: TokenStream, ctx: ConditionContext): Condition {
  const items = [parseNot(stream, ctx)];
  while (stream.keyword('AND')) items.push(parseNot(stream, ctx));
  return items.length === 1 ? (items[0] as Condition) : { kind: 'and', items };
}

function parseNot(stream: TokenStream, ctx: ConditionContext): Condition {
  if (stream.keyword('NOT')) return { kind: 'not', item: parseNot(stream, ctx) };
  if (stream.symbol('(')) {
    const inner = parseOr(stream, ctx);
    stream.expectSymbol(')');
    return inner;
  }
  return parseComparison(stream, ctx);
}

function parseComparison(stream: TokenStream, ctx: ConditionContext): Condition {
  const nameToken = stream.expectWord();
  const path = resolvePath(ctx.org, ctx.sobject, nameToken.text, ctx.statement, nameToken.offset);
  if (stream.keyword('LIKE')) {
    const token = stream.next();
    if (token.kind !== 'string') throw unexpected(token);
    return { kind: 'like', path, pattern: likePattern(token.text) };
  }
  const negate = stream.keyword('NOT', 'IN');
  if (negate || stream.keyword('IN')) {
    stream.expectSymbol('(');
    const values: Literal[] = [];
    do {
      const token = stream.next();
      values.push(checkLiteral(path, readLiteral(token, ctx), token, ctx));
    } while (stream.symbol(','));
    stream.expectSymbol(')');
    return { kind: 'in', path, values, negate };
  }
  const opToken = stream.next();
  if (opToken.kind !== 'symbol' || !['=', '!=', '<>', '<', '>', '<=', '>='].includes(opToken.text)) throw unexpected(opToken);
  const valueToken = stream.next();
  const value = checkLiteral(path, readLiteral(valueToken, ctx), valueToken, ctx);
  return { kind: 'compare', path, op: opToken.text === '<>' ? '!=' : opToken.text, value };
}

function readLiteral(token: Token, ctx: ConditionContext): Literal {
  if (token.kind === 'string') return { kind: 'string', value: token.text };
  if (token.kind === 'literal') {
    if (/^[-+]?\d+(\.\d+)?$/.test(token.text)) return { kind: 'number', value: Number(token.text) };
    if (/^\d{4}-\d\d-\d\d$/.test(token.text)) return { kind: 'date', value: token.text };
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/.test(token.text)) return { kind: 'datetime', value: parseDateTime(token.text) };
    throw unexpected(token);
  }
  if (token.kind === 'word') {
    const upper = token.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'boolean', value: upper === 'TRUE' };
    if (upper === 'NULL') return { kind: 'null', value: null };
    if (upper === 'TODAY') return { kind: 'date', value: ctx.today() };
  }
  throw unexpected(token);
}

function filterError(path: FieldPath, expected: string, quoted: boolean, token: Token, ctx: ConditionContext): SalesforceApiError {
  return new SalesforceApiError(
    400,
    'MALFORMED_QUERY',
    `${errorLocation(ctx.statement, token.offset)}value of filter criterion for field '${path.text}' must be of type ${expected} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  );
}

function checkLiteral(path: FieldPath, literal: Literal, token: Token, ctx: ConditionContext): Literal {
  if (literal.kind === 'null') return literal;
  const type = path.field.type;
  if (type === 'boolean' && literal.kind !== 'boolean') throw filterError(path, 'boolean', false, token, ctx);
  if ((type === 'int' || type === 'double') && literal.kind !== 'number') throw filterError(path, type, false, token, ctx);
  if (type === 'date' && literal.kind !== 'date') throw filterError(path, 'date', false, token, ctx);
  if (type === 'datetime' && literal.kind !== 'datetime' && literal.kind !== 'date') throw filterError(path, 'dateTime', false, token, ctx);
  if (['string', 'textarea', 'phone', 'email', 'url', 'picklist', 'id', 'reference'].includes(type) && literal.kind !== 'string') {
    throw filterError(path, 'string', true, token, ctx);
  }
  if ((type === 'id' || type === 'reference') && literal.value !== '' && !isSalesforceId(literal.value)) {
    throw new SalesforceApiError(400, 'INVALID_QUERY_FILTER_OPERATOR', `${errorLocation(ctx.statement, token.offset)}invalid ID field: ${String(literal.value)}`);
  }
  return literal;
}

function likePattern(text: string): RegExp {
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (c === '\\' && (text.charAt(i + 1) === '%' || text.charAt(i + 1) === '_')) {
      source += text.charAt(i + 1);
      i += 1;
    } else if (c === '%') source += '.*';
    else if (c === '_') source += '.';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'is');
}

function comparable(path: FieldPath, value: FieldValue): string | number | boolean | null {
  if (value === null) return null;
  const type = path.field.type;
  if (type === 'datetime') return parseDateTime(String(value));
  if (type === 'id' || type === 'reference') return String(value).slice(0, 15);
  if (typeof value === 'string') return value.toLowerCase();
  return value;
}

function literalComparable(path: FieldPath, literal: Literal): string | number | boolean | null {
  if (literal.value === null) return null;
  if (path.field.type === 'datetime' && literal.kind === 'date') return parseDateTime(String(literal.value));
  return comparable(path, literal.value as FieldValue);
}

function compare(op: string, left: string | number | boolean | null, right: string | number | boolean | null): boolean {
  if (op === '=') return left === right;
  if (op === '!=') return left !== right;
  if (left === null || right === null) return false;
  if (op === '<') return left < right;
  if (op === '>') return left > right;
  if (op === '<=') return left <= right;
  return left >= right;
}

/** True when `record` satisfies `condition`. */
export function matches(org: FakeOrg, record: SfRecord, condition: Condition): boolean {
  switch (condition.kind) {
    case 'and':
      return condition.items.every((item) => matches(org, record, item));
    case 'or':
      return condition.items.some((item) => matches(org, record, item));
    case 'not':
      return !matches(org, record, condition.item);
    case 'like': {
      const value = readPath(org, record, condition.path);
      return value !== null && condition.pattern.test(String(value));
    }
    case 'in': {
      const value = comparable(condition.path, readPath(org, record, condition.path));
      const found = condition.values.some((literal) => literalComparable(condition.path, literal) === value);
      return condition.negate ? !found && value !== null : found;
    }
    default:
      return compare(condition.op, comparable(condition.path, readPath(org, record, condition.path)), literalComparable(condition.path, condition.value));
  }
}

export { SyntaxProblem };
