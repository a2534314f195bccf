/**
 * Every SIP message from the server, cleaned before sip.js parses it, so a header sip.js's
 * parser cannot read never loses a whole call.
 *
 * Where sip.js falls short (SIP.js 0.21.2, github.com/onsip/SIP.js at tag 0.21.2, commit
 * 2e1c525): its parser drops the whole message, silently, when one header it parses does not
 * match its grammar (src/core/messages/parser.ts lines 245-248: `logger.error(parsedHeader.error);
 * return;`; then src/api/user-agent.ts line 918: "Failed to parse incoming message. Dropping.").
 * No 400 goes back (RFC 3261 8.2 asks a UAS for one), so the caller waits until the proxy gives
 * up (408) and the agent never rings. A From display name with a control character (\x01, ESC)
 * is enough: its quoted-string admits no control characters (src/grammar/pegjs/src/grammar.pegjs
 * line 88, `qdtext = LWS / "\x21" / [\x23-\x5B] / [\x5D-\x7E] / UTF8_NONASCII`, as RFC 3261
 * 25.1), and an unquoted display name must be tokens (line 453), so `From: Jöhn Smith <sip:...>`
 * is dropped too, though carriers send both. sip.js offers no hook between the WebSocket and its
 * parser except the transport, whose `onMessage` the user agent sets (user-agent.ts line 890):
 * {@link cleaningTransport} wraps that callback.
 *
 * What is cleaned, in the start line and the headers only (the body, and so Content-Length,
 * stay as they came): terminal escape sequences and control characters other than tab, CR and
 * LF are removed; a CR or LF that is not part of a CRLF becomes a space (never a new header
 * line, so no header can be smuggled past the SIP edge); an unquoted From or To display name
 * that is not plain tokens is quoted. The header contract (sip-header-contract.ts) then reads
 * the fields as usual and blanks what it cannot use.
 */
import type { UserAgentOptions } from 'sip.js';

type TransportConstructor = NonNullable<UserAgentOptions['transportConstructor']>;

// Control characters RFC 3261 allows nowhere in a header (tab, CR and LF are dealt with apart).
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;
const LONE_CR_OR_LF = /\r(?!\n)|(?<!\r)\n/g;
// A From or To header (long or compact name) whose value starts with an unquoted display name before "<".
const NAME_ADDR_HEADER = /^((?:from|f|to|t)[ \t]*:[ \t]*)([^"<\s][^<\r\n]*?)([ \t]*<)/gim;
// sip.js's display name without quotes: tokens (grammar.pegjs `token`) separated by white space.
const TOKENS = /^[A-Za-z0-9\-.!%*_+`'~]+(?:[ \t]+[A-Za-z0-9\-.!%*_+`'~]+)*$/;

function quoted(displayName: string): string {
  return `"${displayName.replace(/["\\]/g, '\\$&')}"`;
}

/** `message` with its start line and headers cleaned as this file's comment says; the body as it came. */
export function cleanIncomingSip(message: string): string {
  const end = message.indexOf('\r\n\r\n');
  const head = end < 0 ? message : message.slice(0, end);
  const clean = head
    .replace(ANSI_ESCAPE, '')
    .replace(CONTROLS, '')
    .replace(LONE_CR_OR_LF, ' ')
    .replace(NAME_ADDR_HEADER, (whole, start: string, name: string, open: string) => {
      const trimmed = name.trim();
      return trimmed === '' || TOKENS.test(trimmed) ? whole : `${start}${quoted(trimmed)}${open}`;
    });
  if (clean === head) return message;
  return end < 0 ? clean : clean + message.slice(end);
}

/**
 * `Base` (sip.js's Web.Transport, or a test's) whose incoming messages are cleaned
 * ({@link cleanIncomingSip}) before the user agent parses them. A message sip.js still fails on
 * in a way that throws (a response whose CSeq it cannot read: parser.ts reads `.method` of an
 * unparsed header) is dropped with one warning instead of an uncaught error.
 */
export function cleaningTransport(Base: TransportConstructor): TransportConstructor {
  return class CleaningTransport extends Base {
    // The constructor's parameters are sip.js's own (UserAgent passes them through).
    constructor(...args: ConstructorParameters<TransportConstructor>) {
      super(...args);
      let deliver: ((message: string) => void) | undefined;
      // An accessor in place of the onMessage field: the user agent sets it after construction.
      Object.defineProperty(this, 'onMessage', {
        configurable: true,
        enumerable: true,
        get: () => deliver,
        set: (parse: ((message: string) => void) | undefined) => {
          deliver = parse && ((message: string) => {
            try {
              parse(cleanIncomingSip(message));
            } catch (error) {
              console.warn(`ContactPad dropped a SIP message sip.js could not read: ${error instanceof Error ? error.message : String(error)}`);
            }
          });
        },
      });
    }
  };
}
