/**
 * Checks a SOQL or SOSL statement ContactPad sent against Salesforce's own escaping rules,
 * independently of the fake org's parser:
 *
 * - SOQL string literals: a backslash starts one of the escape sequences of "Quoted String
 *   Escape Sequences" (\n \N \r \R \t \T \b \B \f \F \" \' \\, \_ and \% in LIKE, \uXXXX); "If
 *   you use a backslash character in any other context, an error occurs." A quote or backslash
 *   in a value must be escaped ("Reserved Characters": ' and \).
 *   developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 *   developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_reservedcharacters.htm
 * - SOSL search terms (FIND {...}): the reserved characters ? & | ! { } [ ] ( ) ^ ~ * : \ " ' + -
 *   must be escaped with a backslash to be searched for ("FIND {SearchQuery}", and "Example Text
 *   Searches": "Escaping special characters"); AND, OR and AND NOT are operators.
 *   developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_sosl_find.htm
 *   developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_sosl_examples.htm
 *
 * A statement's skeleton is the statement with every SOQL string literal replaced by '?' and
 * the SOSL search term by {?}: a value that changed the skeleton (a clause of its own, a wider
 * WHERE, a term that became operators) widened the query.
 */

/** What a check found. */
export interface QueryCheck {
  readonly language: 'SOQL' | 'SOSL';
  /** '' when the statement keeps every rule; else what is wrong. */
  readonly problem: string;
  /** The statement with its values replaced (see the file comment). */
  readonly skeleton: string;
  /** The values it carries (SOQL literals unescaped, SOSL term words unescaped). */
  readonly values: readonly string[];
  /** A value turned into SOSL operators (AND, OR, NOT in a value's place). */
  readonly operatorInjected: boolean;
}

const SOQL_ESCAPES = new Set(['n', 'N', 'r', 'R', 't', 'T', 'b', 'B', 'f', 'F', '"', "'", '\\', '_', '%']);
const SOSL_RESERVED = new Set('?&|!{}[]()^~*:\\"\'+-'.split(''));

/** Reads the SOQL string literals of `text` from `start`; returns the skeleton, the values and the first problem. */
function soqlLiterals(text: string): { skeleton: string; values: string[]; problem: string } {
  let skeleton = '';
  const values: string[] = [];
  let problem = '';
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c !== "'") {
      skeleton += c;
      i += 1;
      continue;
    }
    let value = '';
    let j = i + 1;
    let closed = false;
    while (j < text.length) {
      const d = text.charAt(j);
      if (d === '\\') {
        const e = text.charAt(j + 1);
        if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(j + 2, j + 6))) {
          value += String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16));
          j += 6;
          continue;
        }
        if (!SOQL_ESCAPES.has(e)) {
          problem ||= `SOQL literal at ${i}: backslash before ${JSON.stringify(e)} is no escape sequence`;
        }
        value += e;
        j += 2;
        continue;
      }
      if (d === "'") {
        closed = true;
        break;
      }
      value += d;
      j += 1;
    }
    if (!closed) {
      problem ||= `SOQL literal at ${i} is never closed`;
      skeleton += "'?";
      values.push(value);
      break;
    }
    skeleton += "'?'";
    values.push(value);
    i = j + 1;
  }
  return { skeleton: skeleton.replace(/\s+/g, ' ').trim(), values, problem };
}

/** Checks a SOQL statement (see the file comment). */
export function checkSoql(statement: string): QueryCheck {
  const { skeleton, values, problem } = soqlLiterals(statement);
  return { language: 'SOQL', problem, skeleton, values, operatorInjected: false };
}

/** Checks a SOSL statement: its search term, then the rest as SOQL-like text (RETURNING ... WHERE). */
export function checkSosl(statement: string): QueryCheck {
  const head = /^\s*FIND\s*\{/i.exec(statement);
  if (!head) return { language: 'SOSL', problem: 'no FIND {...} search term', skeleton: statement, values: [], operatorInjected: false };
  let i = head[0].length;
  let problem = '';
  const words: string[] = [];
  let word = '';
  let raw = '';
  const tokens: Array<{ text: string; raw: string }> = [];
  let closed = -1;
  const flush = () => {
    if (raw !== '') tokens.push({ text: word, raw });
    word = '';
    raw = '';
  };
  while (i < statement.length) {
    const c = statement.charAt(i);
    if (c === '\\') {
      const e = statement.charAt(i + 1);
      if (!SOSL_RESERVED.has(e)) problem ||= `SOSL term: backslash before ${JSON.stringify(e)}, which is not a reserved character`;
      word += e;
      raw += `\\${e}`;
      i += 2;
      continue;
    }
    if (c === '}') {
      closed = i;
      break;
    }
    if (/\s/.test(c)) {
      flush();
      i += 1;
      continue;
    }
    if (SOSL_RESERVED.has(c)) problem ||= `SOSL term: reserved character ${JSON.stringify(c)} at ${i} is not escaped`;
    word += c;
    raw += c;
    i += 1;
  }
  flush();
  if (closed < 0) return { language: 'SOSL', problem: problem || 'SOSL term: no closing }', skeleton: statement, values: [], operatorInjected: false };
  // ContactPad's terms are values joined by OR: value (OR value)*. Anything else made operators of a value.
  let operatorInjected = false;
  tokens.forEach((token, index) => {
    const operator = token.raw === token.text && /^(AND|OR|NOT)$/i.test(token.text);
    if (index % 2 === 1 ? !(operator && /^OR$/i.test(token.text)) : operator) operatorInjected = true;
    if (index % 2 === 0) words.push(token.text);
  });
  if (tokens.length % 2 === 0 && tokens.length > 0) operatorInjected = true;
  const rest = soqlLiterals(statement.slice(closed + 1));
  return {
    language: 'SOSL',
    problem: problem || rest.problem,
    skeleton: `FIND {?} ${rest.skeleton}`.trim(),
    values: [...words, ...rest.values],
    operatorInjected,
  };
}

/** The statements of one REST request to the fake org: its `q` (query, queryAll, search) or a composite's subrequests' `q`. */
export function statementsOf(url: string, body: string | null): Array<{ language: 'SOQL' | 'SOSL'; statement: string }> {
  const out: Array<{ language: 'SOQL' | 'SOSL'; statement: string }> = [];
  const fromUrl = (address: string) => {
    const parsed = new URL(address, 'http://x');
    const q = parsed.searchParams.get('q');
    if (q === null) return;
    if (/\/search\/?$/.test(parsed.pathname)) out.push({ language: 'SOSL', statement: q });
    else if (/\/(query|queryAll)\/?$/.test(parsed.pathname)) out.push({ language: 'SOQL', statement: q });
  };
  fromUrl(url);
  if (body && /\/composite\/?$/.test(new URL(url, 'http://x').pathname)) {
    try {
      const parsed = JSON.parse(body) as { compositeRequest?: Array<{ url?: unknown }> };
      for (const sub of parsed.compositeRequest ?? []) if (typeof sub.url === 'string') fromUrl(sub.url);
    } catch {
      // not JSON: the fake org answers it; nothing to check here
    }
  }
  return out;
}
