/**
 * The Refer-To of a blind transfer (transfer.ts). When the call's INVITE named a VoiceCall
 * (Service Cloud Voice), the Refer-To URI carries it as a URI header, so that the INVITE the
 * caller's side sends to follow the REFER names it too (RFC 3261 19.1 and 19.1.5: a URI's headers
 * are header fields of the request made from it) and the SIP edge makes the leg's Transfer
 * VoiceCall (sip-header-contract.ts; scripts/sip-server/kamailio.cfg route[VOICE_CALL_PARENT]):
 *
 *   Refer-To: <sip:jordan@example.com?X-CP-Voice-Call-Id=0LQ5g000000ABCDGA4>
 *
 * A URI with '?' (or ';') must be written in the name-addr form, in angle brackets (RFC 3261 20;
 * RFC 3515 2.1's Refer-To grammar is name-addr / addr-spec). sip.js writes a URI target as it
 * prints itself, without brackets (sip.js 0.21.2 lib/api/session.js referToString:
 * `referTo = target.toString()`), which its own parser then refuses (Grammar.parse(value,
 * 'Refer_To') fails on `sip:a@b?X=1`), and Session.refer has no other way to write Refer-To
 * (extraHeaders would add a second one). So the target is a URI that prints itself bracketed.
 */
import { URI } from 'sip.js';
import { VOICE_CALL_ID_HEADER, voiceCallIdToSend } from './sip-header-contract.ts';

/** A URI that prints itself in the name-addr form (`<sip:...>`), for Session.refer (see above). */
class NameAddrUri extends URI {
  override toString(): string {
    return `<${super.toString()}>`;
  }
}

/**
 * The Refer-To target for `uri`: with `voiceCallId` as its X-CP-Voice-Call-Id header when that has
 * a VoiceCall id's form (nothing else is forwarded), in angle brackets; else `uri` as it is.
 */
export function referTarget(uri: URI, voiceCallId: string | undefined): URI {
  const id = voiceCallIdToSend(voiceCallId);
  if (!id) return uri;
  const target = new NameAddrUri(uri.scheme, uri.user ?? '', uri.host, uri.port, { ...uri.parameters });
  target.setHeader(VOICE_CALL_ID_HEADER, id);
  return target;
}
