/**
 * Splits SOQL and SOSL text (outside SOSL's `{search term}`) into tokens, keeping each
 * token's offset for Salesforce-style `ERROR at Row:1:Column:N` messages.
 */

/** One token: a word (keyword, name, dotted path), a quoted string, a literal or a symbol. */
export interface Token {
  kind: 'word' | 'string' | 'literal' | 'symbol' | 'end';
  /** The text as written (for strings: unescaped content). */
  text: string;
  offset: number;
}

/** A lexing or parsing problem at `offset`; the caller turns it into MALFORMED_QUERY/SEARCH. */
export class SyntaxProblem extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const STRING_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', _: '\\_', '%': '\\%' };

/** Tokenizes `text` from `start`. */
export function tokenize(text: string, start = 0): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new SyntaxProblem(`unexpected token: '${text.slice(i)}'`, i);
        const d = text.charAt(j);
        if (d === '\\') {
          const e = text.charAt(j + 1);
          // \uXXXX: "A Unicode character with XXXX as the code" (Quoted String Escape Sequences,
          // developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm).
          if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(text.slice(j + 2, j + 6))) {
            value += String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16));
            j += 6;
            continue;
          }
          const mapped = STRING_ESCAPES[e];
          if (mapped === undefined) throw new SyntaxProblem(`Invalid string literal '${text.slice(i, j + 2)}'. Illegal character sequence '\\${e}' in string literal.`, j);
          value += mapped;
          j += 2;
          continue;
        }
        if (d === "'") break;
        value += d;
        j += 1;
      }
      tokens.push({ kind: 'string', text: value, offset: i });
      i = j + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'symbol', text: two, offset: i });
      i += 2;
      continue;
    }
    if ('(),=<>:'.includes(c)) {
      tokens.push({ kind: 'symbol', text: c, offset: i });
      i += 1;
      continue;
    }
    const literal = /^[-+]?\d[\d\-:.TZ+]*/.exec(text.slice(i));
    if (literal && /^[-+]?\d/.test(c + text.charAt(i + 1))) {
      tokens.push({ kind: 'literal', text: literal[0], offset: i });
      i += literal[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (word) {
      tokens.push({ kind: 'word', text: word[0], offset: i });
      i += word[0].length;
      continue;
    }
    throw new SyntaxProblem(`unexpected token: '${c}'`, i);
  }
  tokens.push({ kind: 'end', text: '', offset: text.length });
  return tokens;
}

/** A cursor over tokens with keyword helpers (keywords are case-insensitive). */
export class TokenStream {
  private readonly tokens: Token[];
  private index = 0;

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  peek(ahead = 0): Token {
    return this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as Token;
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  /** True (and consumed) when the next tokens are these keywords. */
  keyword(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      const token = this.peek(k);
      if (token.kind !== 'word' || token.text.toUpperCase() !== words[k]) return false;
    }
    for (let k = 0; k < words.length; k++) this.next();
    return true;
  }

  isKeyword(word: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'word' && token.text.toUpperCase() === word;
  }

  symbol(text: string): boolean {
    const token = this.peek();
    if (token.kind === 'symbol' && token.text === text) {
      this.next();
      return true;
    }
    return false;
  }

  expectSymbol(text: string): Token {
    const token = this.peek();
    if (!this.symbol(text)) throw unexpected(token);
    return token;
  }

  expectWord(): Token {
    const token = this.peek();
    if (token.kind !== 'word') throw unexpected(token);
    return this.next();
  }

  expectInteger(): number {
    const token = this.peek();
    if (token.kind !== 'literal' || !/^\d+$/.test(token.text)) throw unexpected(token);
    this.next();
    return Number(token.text);
  }
}

/** The problem Salesforce reports for a token it did not expect. */
export function unexpected(token: Token): SyntaxProblem {
  return new SyntaxProblem(token.kind === 'end' ? 'unexpected token: <EOF>' : `unexpected token: '${token.kind === 'string' ? `'${token.text}'` : token.text}'`, token.offset);
}
