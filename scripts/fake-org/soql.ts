/**
 * The SOQL subset the fake org answers (REST `GET /query?q=`):
 * `SELECT fields | COUNT() FROM Object [WHERE ...] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], ...]
 * [LIMIT n] [OFFSET n]`, with relationship paths (`Account.Name`) in fields, filters and
 * ordering. Answers `{ totalSize, done: true, records }`; `queryAll` also sees deleted records.
 *
 * Sources: SOQL and SOSL Reference (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/),
 * "Relationship Queries" for the nested relationship objects and `null` for an empty lookup,
 * "Understanding Relationship Fields and Polymorphic Fields" for Who/What/Owner (`Name`,
 * `Type`); REST API Query (.../api_rest/resources_query.htm) for the answer. SOQL reads the
 * database: a write is visible at once (no search index). Syntax errors carry Salesforce's
 * `ERROR at Row:1:Column:N` locator (salesforce-error.ts).
 */
import type { FakeOrg, SfRecord } from './store.ts';
import { readPath, resolvePath, shapeRecord, type FieldPath } from './field-path.ts';
import { SyntaxProblem, TokenStream, tokenize, unexpected, type Token } from './query-lexer.ts';
import { SalesforceApiError, errorLocation, invalidType } from './salesforce-error.ts';
import type { SObjectDef } from './schema.ts';
import { matches, parseCondition, type Condition } from './where-clause.ts';

/** One `ORDER BY` item. */
export interface OrderItem {
  path: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

/** Parses `ORDER BY ...` items (shared with SOSL). */
export function parseOrderBy(stream: TokenStream, org: FakeOrg, sobject: SObjectDef, statement: string): OrderItem[] {
  const items: OrderItem[] = [];
  do {
    const token = stream.expectWord();
    const path = resolvePath(org, sobject, token.text, statement, token.offset);
    const descending = stream.keyword('DESC') ? true : (stream.keyword('ASC'), false);
    let nullsLast = descending;
    if (stream.keyword('NULLS', 'FIRST')) nullsLast = false;
    else if (stream.keyword('NULLS', 'LAST')) nullsLast = true;
    items.push({ path, descending, nullsLast });
  } while (stream.symbol(','));
  return items;
}

/** Sorts records by `ORDER BY` items (strings case-insensitively). */
export function sortRecords(org: FakeOrg, records: SfRecord[], order: OrderItem[]): SfRecord[] {
  return [...records].sort((a, b) => {
    for (const item of order) {
      const x = readPath(org, a, item.path);
      const y = readPath(org, b, item.path);
      if (x === y) continue;
      if (x === null) return item.nullsLast ? 1 : -1;
      if (y === null) return item.nullsLast ? -1 : 1;
      const left = typeof x === 'string' ? x.toLowerCase() : x;
      const right = typeof y === 'string' ? y.toLowerCase() : y;
      if (left === right) continue;
      const result = left < right ? -1 : 1;
      return item.descending ? -result : result;
    }
    return 0;
  });
}

/** The MALFORMED_QUERY error for a syntax problem. */
export function malformed(statement: string, problem: SyntaxProblem, code = 'MALFORMED_QUERY'): SalesforceApiError {
  return new SalesforceApiError(400, code, `${errorLocation(statement, problem.offset)}${problem.message}`);
}

/**
 * Runs a SOQL query against `org`; `version` is the API version in record URLs. With
 * `includeDeleted` (REST `queryAll`) records in the Recycle Bin answer too (`IsDeleted` true).
 */
export function runSoql(org: FakeOrg, statement: string, version: string, today: () => string, includeDeleted = false): { totalSize: number; done: true; records: unknown[] } {
  try {
    return execute(org, statement, version, today, includeDeleted);
  } catch (error) {
    if (error instanceof SyntaxProblem) throw malformed(statement, error);
    throw error;
  }
}

function execute(org: FakeOrg, statement: string, version: string, today: () => string, includeDeleted: boolean): { totalSize: number; done: true; records: unknown[] } {
  const stream = new TokenStream(tokenize(statement));
  if (!stream.keyword('SELECT')) throw unexpected(stream.peek());
  const selected: Token[] = [];
  let count: 'none' | 'count' | 'countField' = 'none';
  let countToken: Token | undefined;
  do {
    const token = stream.expectWord();
    if (token.text.toUpperCase() === 'COUNT' && stream.symbol('(')) {
      if (stream.peek().kind === 'word') {
        countToken = stream.next();
        count = 'countField';
      } else count = 'count';
      stream.expectSymbol(')');
      continue;
    }
    selected.push(token);
  } while (stream.symbol(','));
  if (!stream.keyword('FROM')) throw unexpected(stream.peek());
  const fromToken = stream.expectWord();
  const sobject = org.visibleSObject(fromToken.text);
  if (!sobject) throw invalidType(fromToken.text, errorLocation(statement, fromToken.offset));
  if (count !== 'none' && selected.length > 0) throw new SyntaxProblem(`Field must be grouped or aggregated: ${selected[0]?.text}`, selected[0]?.offset ?? 0);
  const paths = selected.map((token) => resolvePath(org, sobject, token.text, statement, token.offset));
  if (countToken) resolvePath(org, sobject, countToken.text, statement, countToken.offset);
  let where: Condition | undefined;
  let order: OrderItem[] = [];
  let limit: number | undefined;
  let offset = 0;
  if (stream.keyword('WHERE')) where = parseCondition(stream, { org, sobject, statement, today });
  if (stream.keyword('ORDER', 'BY')) order = parseOrderBy(stream, org, sobject, statement);
  if (stream.keyword('LIMIT')) limit = stream.expectInteger();
  if (stream.keyword('OFFSET')) offset = stream.expectInteger();
  if (stream.peek().kind !== 'end') throw unexpected(stream.peek());

  let records = org.list(sobject.name, includeDeleted).filter((record) => !where || matches(org, record, where));
  records = sortRecords(org, records, order).slice(offset, limit === undefined ? undefined : offset + limit);
  if (count === 'count') return { totalSize: records.length, done: true, records: [] };
  if (count === 'countField') {
    return { totalSize: 1, done: true, records: [{ attributes: { type: 'AggregateResult' }, expr0: records.length }] };
  }
  return { totalSize: records.length, done: true, records: records.map((record) => shapeRecord(org, sobject, record, paths, version)) };
}
