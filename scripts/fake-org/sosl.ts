/**
 * The SOSL subset the fake org answers (REST `GET /search?q=`):
 * `FIND {term} [IN ALL|NAME|PHONE|EMAIL FIELDS] [RETURNING Obj[(fields [WHERE ...]
 * [ORDER BY ...] [LIMIT n])], ...] [LIMIT n]`. The term may combine words and "phrases"
 * with OR, AND, AND NOT and parentheses, `*`/`?` wildcards, and must escape the reserved
 * characters `? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -` with `\` to use them literally.
 * Answers `{ searchRecords: [...] }`.
 *
 * Sources: SOQL and SOSL Reference, "FIND {SearchQuery}" (reserved characters, operators,
 * wildcards) and "IN SearchGroup" / "RETURNING FieldSpec"
 * (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_sosl_find.htm);
 * REST API "Search" (.../api_rest/resources_search.htm) for the `searchRecords` answer.
 *
 * What SOSL finds is what the org's search index holds (store.ts `indexedValues`): a record
 * written through the REST API is found only once the org's indexing delay has passed, a
 * record changed since it was indexed is found by its indexed values; the fields returned,
 * and RETURNING's WHERE, read the record as it is now. Deleted records are never returned.
 */
import type { FakeOrg, SfRecord } from './store.ts';
import { resolvePath, shapeRecord, type FieldPath } from './field-path.ts';
import { phoneMatches } from './phone-match.ts';
import { SyntaxProblem, TokenStream, tokenize, unexpected } from './query-lexer.ts';
import { SalesforceApiError, errorLocation, invalidType } from './salesforce-error.ts';
import { allSObjects, isSearchable, type FieldDef, type SObjectDef } from './schema.ts';
import { malformed, parseOrderBy, sortRecords, type OrderItem } from './soql.ts';
import { matches, parseCondition, type Condition } from './where-clause.ts';

/** A search word: its literal text, and whether it has wildcards. */
interface Word {
  text: string;
  pattern: RegExp;
}

/** A parsed search term. */
type Term =
  | { kind: 'words'; words: Word[]; phrase: boolean }
  | { kind: 'and' | 'or'; items: Term[] }
  | { kind: 'andNot'; left: Term; right: Term };

type Scope = 'ALL' | 'NAME' | 'PHONE' | 'EMAIL';

interface Returning {
  sobject: SObjectDef;
  paths: FieldPath[];
  where?: Condition;
  order: OrderItem[];
  limit?: number;
  offset: number;
}

const RESERVED = new Set('?&|!{}[]()^~*:\\"\'+-'.split(''));
const OPERATOR_FREE = new Set('&|!{}[]^~:\'+-'.split(''));

function malformedSearch(statement: string, message: string, offset: number): SalesforceApiError {
  return new SalesforceApiError(400, 'MALFORMED_SEARCH', `${errorLocation(statement, offset)}${message}`);
}

/** Runs a SOSL search against `org`. */
export function runSosl(org: FakeOrg, statement: string, version: string, today: () => string): { searchRecords: unknown[] } {
  try {
    return execute(org, statement, version, today);
  } catch (error) {
    if (error instanceof SyntaxProblem) throw malformed(statement, error, 'MALFORMED_SEARCH');
    throw error;
  }
}

function execute(org: FakeOrg, statement: string, version: string, today: () => string): { searchRecords: unknown[] } {
  const head = /^\s*FIND\s*/i.exec(statement);
  if (!head) throw malformedSearch(statement, "unexpected token: 'FIND' expected", 0);
  const open = head[0].length;
  if (statement.charAt(open) !== '{') {
    throw new SalesforceApiError(400, 'MALFORMED_SEARCH', 'No search term found. The search term must be enclosed in braces.');
  }
  const { term, end } = parseTerm(statement, open + 1);
  const stream = new TokenStream(tokenize(statement, end + 1));
  let scope: Scope = 'ALL';
  if (stream.keyword('IN')) {
    const word = stream.expectWord();
    const upper = word.text.toUpperCase();
    if (!['ALL', 'NAME', 'PHONE', 'EMAIL'].includes(upper) || !stream.keyword('FIELDS')) throw unexpected(word);
    scope = upper as Scope;
  }
  const returning: Returning[] = [];
  if (stream.keyword('RETURNING')) {
    do returning.push(parseReturning(stream, org, statement, today));
    while (stream.symbol(','));
  }
  let limit = 2000;
  if (stream.keyword('LIMIT')) limit = stream.expectInteger();
  if (stream.peek().kind !== 'end') throw unexpected(stream.peek());

  const targets: Returning[] = returning.length > 0
    ? returning
    : allSObjects()
      .filter((s) => s.name !== 'User' && isSearchable(s) && org.visibleSObject(s.name))
      .map((sobject) => ({ sobject, paths: [], order: [], offset: 0 }));
  const out: unknown[] = [];
  for (const target of targets) {
    const fields = searchFields(org, target.sobject, scope);
    let found = org.list(target.sobject.name).filter((record) => {
      const indexed = org.indexedValues(record);
      return indexed !== undefined && termMatches(term, indexed, fields) && (!target.where || matches(org, record, target.where));
    });
    found = sortRecords(org, found, target.order).slice(target.offset, target.limit === undefined ? undefined : target.offset + target.limit);
    for (const record of found) {
      if (out.length >= limit) break;
      const paths = target.paths.length > 0 ? target.paths : [resolvePath(org, target.sobject, 'Id', statement, 0)];
      out.push(shapeRecord(org, target.sobject, record, paths, version));
    }
  }
  return { searchRecords: out };
}

function parseReturning(stream: TokenStream, org: FakeOrg, statement: string, today: () => string): Returning {
  const nameToken = stream.expectWord();
  const sobject = org.visibleSObject(nameToken.text);
  if (!sobject || !isSearchable(sobject)) throw invalidType(nameToken.text, errorLocation(statement, nameToken.offset));
  const spec: Returning = { sobject, paths: [], order: [], offset: 0 };
  if (!stream.symbol('(')) return spec;
  do {
    const token = stream.expectWord();
    spec.paths.push(resolvePath(org, sobject, token.text, statement, token.offset));
  } while (stream.symbol(','));
  if (stream.keyword('WHERE')) spec.where = parseCondition(stream, { org, sobject, statement, today });
  if (stream.keyword('ORDER', 'BY')) spec.order = parseOrderBy(stream, org, sobject, statement);
  if (stream.keyword('LIMIT')) spec.limit = stream.expectInteger();
  if (stream.keyword('OFFSET')) spec.offset = stream.expectInteger();
  stream.expectSymbol(')');
  return spec;
}

/** The fields a search scope covers (only those the user can see; PHONE: fields of type phone only). */
function searchFields(org: FakeOrg, sobject: SObjectDef, scope: Scope): FieldDef[] {
  return org.visibleFields(sobject).filter((field) => {
    if (scope === 'PHONE') return field.type === 'phone';
    if (scope === 'NAME') return field.nameField === true;
    if (scope === 'EMAIL') return field.type === 'email';
    return ['string', 'textarea', 'phone', 'email', 'url', 'picklist'].includes(field.type);
  });
}

/** Reads the term between `{` (at `start`) and its closing `}`. */
function parseTerm(statement: string, start: number): { term: Term; end: number } {
  interface Lex { kind: 'word' | 'phrase' | 'open' | 'close' | 'op'; text: string; raw: string; offset: number }
  const lexed: Lex[] = [];
  let i = start;
  let closed = -1;
  while (i < statement.length) {
    const c = statement.charAt(i);
    if (c === '}') {
      closed = i;
      break;
    }
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '(' || c === ')') {
      lexed.push({ kind: c === '(' ? 'open' : 'close', text: c, raw: c, offset: i });
      i += 1;
      continue;
    }
    if (c === '"') {
      const begin = i;
      let text = '';
      i += 1;
      while (i < statement.length && statement.charAt(i) !== '"') {
        if (statement.charAt(i) === '\\' && i + 1 < statement.length) i += 1;
        text += statement.charAt(i);
        i += 1;
      }
      if (i >= statement.length) throw malformedSearch(statement, 'unmatched quotes in search term', begin);
      i += 1;
      lexed.push({ kind: 'phrase', text, raw: text, offset: begin });
      continue;
    }
    const begin = i;
    let text = '';
    let raw = '';
    while (i < statement.length) {
      const d = statement.charAt(i);
      if (/\s/.test(d) || d === '}' || d === '(' || d === ')' || d === '"') break;
      if (d === '\\') {
        const e = statement.charAt(i + 1);
        if (!RESERVED.has(e)) throw malformedSearch(statement, `Invalid escape sequence '\\${e}' in search term. Only reserved characters can be escaped: ? & | ! { } [ ] ( ) ^ ~ * : \\ " ' + -`, i);
        text += e;
        raw += `\\${e}`;
        i += 2;
        continue;
      }
      if (OPERATOR_FREE.has(d)) {
        // As recorded from Salesforce for an unescaped '|' (restforce/restforce issue 688):
        // "\nFIND {John|jane_gray@uoa.edu} RETURNING Contact\n         ^\nERROR at Row:1:Column:10\nline 1:10
        // mismatched character '|' expecting '}'", the column counted from 0 in the last line and
        // from 1 in the locator (the caret stands one before the character). The same wording for
        // the other reserved characters is assumed (unverified).
        throw new SalesforceApiError(400, 'MALFORMED_SEARCH', `${errorLocation(statement, i - 1)}line 1:${i} mismatched character '${d}' expecting '}'`);
      }
      text += d;
      raw += d;
      i += 1;
    }
    const upper = text.toUpperCase();
    lexed.push({ kind: raw === text && (upper === 'OR' || upper === 'AND' || upper === 'NOT') ? 'op' : 'word', text, raw, offset: begin });
  }
  if (closed < 0) throw malformedSearch(statement, 'No search term found. The search term must be enclosed in braces.', start - 1);

  let k = 0;
  const peek = () => lexed[k];
  const isOp = (word: string) => peek()?.kind === 'op' && peek()?.text.toUpperCase() === word;
  const parseOr = (): Term => {
    const items = [parseAnd()];
    while (isOp('OR')) {
      k += 1;
      items.push(parseAnd());
    }
    return items.length === 1 ? (items[0] as Term) : { kind: 'or', items };
  };
  const parseAnd = (): Term => {
    let left = parseUnit();
    for (;;) {
      if (isOp('AND') && lexed[k + 1]?.kind === 'op' && lexed[k + 1]?.text.toUpperCase() === 'NOT') {
        k += 2;
        left = { kind: 'andNot', left, right: parseUnit() };
      } else if (isOp('AND')) {
        k += 1;
        left = { kind: 'and', items: [left, parseUnit()] };
      } else if (peek() && peek()?.kind !== 'close' && peek()?.kind !== 'op') {
        left = { kind: 'and', items: [left, parseUnit()] };
      } else return left;
    }
  };
  const parseUnit = (): Term => {
    const token = peek();
    if (!token) throw malformedSearch(statement, 'unexpected end of search term', closed);
    if (token.kind === 'open') {
      k += 1;
      const inner = parseOr();
      if (peek()?.kind !== 'close') throw malformedSearch(statement, "missing ')' in search term", peek()?.offset ?? closed);
      k += 1;
      return inner;
    }
    if (token.kind === 'phrase') {
      k += 1;
      return { kind: 'words', words: [toWord(token.text)], phrase: true };
    }
    if (token.kind !== 'word') throw malformedSearch(statement, `unexpected token: '${token.text}' in search term`, token.offset);
    const words: Word[] = [];
    while (peek()?.kind === 'word') {
      const word = peek() as Lex;
      words.push(toWord(word.text, word.raw));
      k += 1;
    }
    return { kind: 'words', words, phrase: false };
  };
  const searchable = lexed.filter((t) => t.kind === 'word' || t.kind === 'phrase').map((t) => t.raw.replace(/\\./g, 'x').replace(/[*?]/g, '')).join('');
  if (searchable.length < 2) {
    throw new SalesforceApiError(400, 'INVALID_SEARCH', `search term must be longer than one character: ${statement.slice(start, closed)}`);
  }
  const term = parseOr();
  if (k < lexed.length) throw malformedSearch(statement, `unexpected token: '${lexed[k]?.text}' in search term`, lexed[k]?.offset ?? closed);
  return { term, end: closed };
}

function toWord(text: string, raw = text): Word {
  let source = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (c === '\\') {
      source += raw.charAt(i + 1).replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
      i += 1;
    } else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return { text, pattern: new RegExp(source, 'i') };
}

function termMatches(term: Term, record: SfRecord, fields: FieldDef[]): boolean {
  switch (term.kind) {
    case 'or':
      return term.items.some((item) => termMatches(item, record, fields));
    case 'and':
      return term.items.every((item) => termMatches(item, record, fields));
    case 'andNot':
      return termMatches(term.left, record, fields) && !termMatches(term.right, record, fields);
    default:
      return wordsMatch(term.words, term.phrase, record, fields);
  }
}

function wordsMatch(words: Word[], phrase: boolean, record: SfRecord, fields: FieldDef[]): boolean {
  const digits = words.map((w) => w.text).join('').replace(/\D/g, '');
  const phoneHit = digits.length > 0 && fields.some((field) => field.type === 'phone' && typeof record[field.name] === 'string' && phoneMatches(digits, record[field.name] as string));
  if (phoneHit) return true;
  const texts = fields.filter((field) => field.type !== 'phone').map((field) => record[field.name]).filter((v): v is string => typeof v === 'string');
  if (texts.length === 0) return false;
  if (phrase) return texts.some((text) => (words[0] as Word).pattern.test(text));
  return words.every((word) => texts.some((text) => word.pattern.test(text)));
}
