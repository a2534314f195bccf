/**
 * What ContactPad's diagnostic log (diagnostic-log.ts) never keeps: credentials and tokens. Every
 * entry passes through {@link redact} before it is stored, so neither the log in memory nor a
 * problem report sent to the admin holds them.
 *
 * Removed, each replaced by `[redacted]`:
 * - a digest's `response` (Authorization and Proxy-Authorization, RFC 3261 22.4 and RFC 2617
 *   3.2.2: the hash that proves the SIP password), wherever it stands (a folded header too); any
 *   other scheme's credentials in those headers (Bearer, Basic) whole;
 * - the value of any X- header whose name says it carries a token (Token, Auth, Secret, Password,
 *   Key, Session, Credential, Signature);
 * - a password in a URI (`sip:user:password@host`, `wss://user:password@host`: RFC 3261 19.1.1
 *   allows one in a SIP URI and advises against it);
 * - URL and URI parameters named like secrets (`?access_token=`, `;password=`, `sig=`...);
 * - Bearer and OAuth tokens anywhere, Salesforce session ids (`00D...!...`) and JSON Web Tokens;
 * - in SDP, `a=ice-pwd` (RFC 8839 5.4: the ICE password that keys the connectivity checks) and
 *   the keys of `a=crypto` (RFC 4568 6.1, SDES: the SRTP master key in clear);
 * - JSON members named password, accessToken, token, secret;
 * - and any literal secret the log was told of (the session token, the SIP password).
 *
 * What stays is what an admin needs: methods, status lines, Call-IDs, addresses, the digest's
 * username, realm and nonce (the server's, not a secret), SDP codecs and candidates. Pure.
 */

export const REDACTED = '[redacted]';

/** Shorter literal secrets are not scrubbed (they would blank ordinary words). */
export const MIN_SECRET_LENGTH = 6;

const TOKEN_NAMES = 'token|auth|secret|password|passwd|pwd|key|session|credential|signature|sig';

type Rule = readonly [RegExp, string | ((match: string, ...groups: string[]) => string)];

const RULES: readonly Rule[] = [
  // A digest's response, quoted or not (RFC 2617 3.2.2 "request-digest" is quoted; some send it bare).
  [/\b(response\s*=\s*)(?:"[^"]*"|[^\s,"]+)/gi, `$1"${REDACTED}"`],
  // Authorization / Proxy-Authorization with any scheme but Digest: the credentials whole (the scheme kept).
  [/^((?:Proxy-)?Authorization[ \t]*:[ \t]*)(?!Digest\b)(\S+)([ \t]+\S.*)?$/gim, (_all, name: string, first: string, rest?: string) => `${name}${rest ? `${first} ` : ''}${REDACTED}`],
  // X- headers named for a token.
  [new RegExp(`^(X-[A-Za-z0-9-]*(?:${TOKEN_NAMES})[A-Za-z0-9-]*[ \\t]*:[ \\t]*)\\S.*$`, 'gim'), `$1${REDACTED}`],
  // user:password@ in a URI of any scheme (sip:, sips:, wss:, https:, turn:...).
  [/\b([a-z][a-z0-9+.-]*:(?:\/\/)?[^\s:@/;<>"'?,[\]]+):[^\s@/<>"']+@/gi, `$1:${REDACTED}@`],
  // URL query and URI parameters named for a secret.
  [new RegExp(`([?&;](?:access_token|${TOKEN_NAMES}|sid|pass)=)[^&;\\s"'<>]+`, 'gi'), `$1${REDACTED}`],
  // Bearer and OAuth tokens.
  [/\b(Bearer|OAuth)\s+[A-Za-z0-9._~+/!=-]{8,}/g, `$1 ${REDACTED}`],
  // Salesforce session ids: the 15- or 18-character org id, "!", the opaque part.
  [/\b00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?![A-Za-z0-9._]{12,}/g, REDACTED],
  // JSON Web Tokens (header.payload.signature, base64url).
  [/\beyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}/g, REDACTED],
  // SDP: the ICE password, SDES keys.
  [/^(a=ice-pwd:)\S.*$/gm, `$1${REDACTED}`],
  [/(inline:)[^|\s]+/g, `$1${REDACTED}`],
  // JSON members that hold secrets.
  [/("(?:password|accessToken|access_token|token|secret)"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${REDACTED}"`],
];

/** `text` without credentials and tokens (see the file comment), and without any of `secrets`. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= MIN_SECRET_LENGTH && out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of RULES) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out;
}
