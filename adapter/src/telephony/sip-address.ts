/**
 * The SIP addresses the agent dials or transfers to are built here, and nowhere else: a
 * typed number, a colleague's SIP user from the directory or a full address becomes the
 * Request-URI of an INVITE or the Refer-To of a REFER, on the agent's own SIP domain. (The
 * agent's own address, its address of record, is built by phone-config.ts addressOfRecord:
 * it is needed to register, and this module loads later, with the call control.)
 */
import { UserAgent, type URI } from 'sip.js';
import { dialableNumber } from '../model/dial-input.ts';
import { isSipUser } from '../model/server-addresses.ts';

/**
 * `target` as a SIP URI, or undefined when it is none of:
 * - a full address, `sip:` or `sips:` (kept as given: `sips:` stays `sips:`);
 * - `user@host` without a scheme (a colleague's address an admin typed): `sip:user@host`;
 * - a phone number, punctuation allowed ('+1 (555) 010-2030'), read by the dial box's rule
 *   (model/dial-input.ts dialableNumber): `sip:+15550102030@<domain>` ('#' escaped as %23);
 * - a SIP user part ('jordan.lee', RFC 3261 user characters): `sip:jordan.lee@<domain>`.
 * `domain` is the host of the agent's own address of record.
 */
export function sipTarget(target: string, domain: string): URI | undefined {
  const text = typeof target === 'string' ? target.trim() : '';
  if (text === '' || text.length > 256) return undefined;
  if (/^sips?:/i.test(text)) return UserAgent.makeURI(text);
  const number = dialableNumber(text);
  if (number !== undefined) return UserAgent.makeURI(`sip:${number.replace(/#/g, '%23')}@${domain}`);
  const at = text.lastIndexOf('@');
  if (at > 0) {
    const uri = isSipUser(text.slice(0, at)) ? UserAgent.makeURI(`sip:${text}`) : undefined;
    return uri?.user ? uri : undefined;
  }
  return isSipUser(text) ? UserAgent.makeURI(`sip:${text}@${domain}`) : undefined;
}

/** A target as the agent typed it, quoted and cut short for a message. */
export function shownTarget(target: unknown): string {
  return JSON.stringify((typeof target === 'string' ? target.trim() : '').slice(0, 64));
}
