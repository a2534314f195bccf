/**
 * SIP messages as text (RFC 3261 section 7) for the SIP server's tests: parse what Kamailio
 * sends, build what a test peer sends. Compact header names are expanded on parse.
 */

const COMPACT: Readonly<Record<string, string>> = {
  v: 'Via', f: 'From', t: 'To', i: 'Call-ID', m: 'Contact', l: 'Content-Length', c: 'Content-Type', k: 'Supported', s: 'Subject', e: 'Content-Encoding', o: 'Event', r: 'Refer-To', b: 'Referred-By', x: 'Session-Expires', u: 'Allow-Events',
};

/** A parsed request or response. */
export interface SipMessage {
  /** The first line, e.g. "INVITE sip:agent1@127.0.0.1 SIP/2.0" or "SIP/2.0 200 OK". */
  readonly startLine: string;
  /** Requests: the method. */
  readonly method: string | undefined;
  /** Requests: the Request-URI. */
  readonly uri: string | undefined;
  /** Responses: the status code and reason phrase. */
  readonly status: number | undefined;
  readonly reason: string | undefined;
  /** Every header line in order, names as sent (compact forms expanded). */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
  /** The first value of a header (case-insensitive name), or undefined. */
  header(name: string): string | undefined;
  /** Every value of a header, in order (comma-separated values of one line are not split). */
  headerAll(name: string): string[];
  /** The whole message as it was received. */
  readonly raw: string;
}

/** Parses one SIP message; throws on something that is not one. */
export function parseSipMessage(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const lines = head.split('\r\n');
  const startLine = lines.shift() ?? '';
  const headers: [string, string][] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1]!;
      last[1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    headers.push([COMPACT[name.toLowerCase()] ?? name, line.slice(colon + 1).trim()]);
  }
  const response = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(startLine);
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(startLine);
  if (!response && !request) throw new Error(`Not a SIP message: ${JSON.stringify(startLine)}`);
  const all = (name: string) => headers.filter(([key]) => key.toLowerCase() === name.toLowerCase()).map(([, value]) => value);
  return {
    startLine,
    method: request?.[1],
    uri: request?.[2],
    status: response ? Number(response[1]) : undefined,
    reason: response?.[2],
    headers,
    body,
    header: (name) => all(name)[0],
    headerAll: all,
    raw,
  };
}

/** Builds a message: start line, header lines ("Name: value"), body (Content-Length is added). */
export function buildSipMessage(startLine: string, headers: readonly string[], body = ''): string {
  const lines = [startLine, ...headers.filter((line) => !/^content-length\s*:/i.test(line)), `Content-Length: ${Buffer.byteLength(body, 'utf8')}`];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** A header's parameter, e.g. tag of a To value or branch of a Via value. */
export function headerParam(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const afterUri = value.includes('>') ? value.slice(value.lastIndexOf('>') + 1) : value;
  const match = new RegExp(`;\\s*${name}=([^;,\\s]+)`, 'i').exec(afterUri);
  return match?.[1];
}

/** The URI inside a name-addr ("Name" <sip:...>;tag=x -> sip:...), or the value itself. */
export function uriOf(value: string): string {
  const match = /<([^>]+)>/.exec(value);
  return match ? match[1]! : value.split(';')[0]!.trim();
}
