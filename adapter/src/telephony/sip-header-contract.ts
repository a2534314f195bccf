/**
 * The platform -> agent SIP header contract (ARCHITECTURE.md, "The SIP header contract"):
 * what an INVITE tells the agent about the call. Pure parsing: every field is optional,
 * anything absent or malformed becomes '' (or undefined for the attempt), and nothing
 * here ever throws. Caller-supplied text stays text: the widget renders it as such.
 *
 * Calls ContactPad places (agent -> platform), for consult and transfer (issue 11). No X-CP-*
 * header but the VoiceCall id below travels that way: the SIP edge strips X-CP-* from anyone but
 * the platform. What the platform reads is the
 * Request-URI (of the consult INVITE, or of the INVITE the caller's phone sends to follow a
 * REFER, which takes the Refer-To):
 *
 * | target        | Request-URI / Refer-To                                   |
 * |---------------|----------------------------------------------------------|
 * | an agent      | sip:<User.ContactPad_SIP_User__c>@<sipDomain>             |
 * | a service     | sip:queue-<Queue DeveloperName>@<sipDomain> (model/directory-entry.ts serviceSipUser): the platform routes it into that queue, and rings the queue's agents with X-CP-Queue as usual |
 * | a number      | sip:<digits, leading +>@<sipDomain> (sip-address.ts)      |
 * | attended      | Refer-To <colleague's Contact?Replaces=<consult dialog>> (RFC 3891, 5589; attended-transfer.ts); the SIP edge relays it to that WebSocket connection |
 *
 * The one X-CP-* header an agent may send (issue 14, Service Cloud Voice): a consult or transfer
 * INVITE carrying the call's `X-CP-Voice-Call-Id` is a transfer leg. The SIP edge reads it before
 * it strips X-CP-*, creates the leg's VoiceCall with that parent and rings the colleague with the
 * leg's own id (scripts/sip-server/kamailio.cfg route[VOICE_CALL_LEG], docs/sip-edge.md
 * VoiceCalls). For a blind transfer the platform's INVITE with Referred-By and that header does
 * the same: the REFER names it as a header of the Refer-To URI, in the name-addr form RFC 3261 20
 * requires of a URI with '?' (`Refer-To: <sip:jordan@example.com?X-CP-Voice-Call-Id=0LQ...>`),
 * and the caller's side copies URI headers into the INVITE it sends (RFC 3261 19.1 "Headers:
 * header fields to be included in a request constructed from the URI", 19.1.5; RFC 3515 2.1's
 * Refer-To example carries Replaces so). ContactPad sends only an id of the VoiceCall form
 * ({@link voiceCallIdToSend}: 15 or 18 letters and digits, key prefix 0LQ), and only the one its
 * own INVITE brought (dial.ts for a consult leg, transfer.ts for a blind transfer).
 *
 * A callback through another of the agent's devices (issue 11, item 3; device-callback.ts):
 * ContactPad INVITEs the agent's own address of record with one header for the SIP edge, which
 * removes it before the INVITE goes on (scripts/sip-server/kamailio.cfg route[RING_DEVICE]):
 *
 * | header                     | value                                                            |
 * |----------------------------|------------------------------------------------------------------|
 * | X-ContactPad-Ring-Device   | <Contact URI> of one of the agent's registered devices, as the REGISTER's 200 OK listed it |
 * | the SIP edge               | rings that Contact alone; 403 when the From user is not the Request-URI's user (only an agent's own devices), 404 "Device Not Registered" when no such Contact is registered |
 *
 * Not X-CP-*: that is the platform -> agent namespace. The From display name, "Callback to
 * <number>", is what the device shows while it rings; once answered there, ContactPad REFERs the
 * device to the customer's number (Refer-To as for a number above).
 *
 * A callback alert (issue 12, item 2; desks/callback-alert-desk.ts): the platform offers a caller's
 * callback to an available agent with an INVITE marked `X-CP-Kind: callback` (whom to call:
 * X-CP-Callback-Number, which attempt: X-CP-Callback-Attempt, which request:
 * X-CP-Callback-Request, the Id of the ContactPad_Callback_Request__c the platform was offered by
 * `POST /callbacks/next`; a scheduled call pops the record it was scheduled from, its Record Id).
 * The agent's answer says what to do:
 *
 * | agent / ContactPad                  | on the wire                 | the platform                               |
 * |-------------------------------------|-----------------------------|--------------------------------------------|
 * | Start Call, compliance rules allow  | 200 OK                      | plays "This is the callback call...", calls the customer, bridges them |
 * | Start Call, a rule blocks the number| 486/603 (rejectStatusCode)  | keeps the request waiting (no attempt counted) |
 * | Reject                              | 486 (rejectStatusCode)      | offers it to the next agent                 |
 * | Reject, rejectStatusCode 603        | 603 (a 6xx: RFC 3261 16.7)  | ends the offer: no other agent is tried     |
 * | the customer's line did not connect | the platform's BYE with `Reason: SIP ;cause=486` (480, 408, 5xx...; RFC 3326) | ContactPad records busy / no answer / failed, attempt N: waiting, or Failed at callbackAttemptLimit |
 * | the customer's voicemail answered   | the platform's BYE with `Reason: SIP ;cause=200 ;text="Voicemail"` (or the agent's BYE) | completed |
 * | answered, the call is over          | either side's BYE, no failure cause | completed |
 *
 * In-dialog messages to the platform on a call under way (issue 11, item 5). Call recording is
 * the platform's; ContactPad asks for it with one SIP INFO per command in the call's dialog
 * (recording-info.ts; docs/architecture.md, "Messages to the platform"):
 *
 * | INFO header / body   | value                                                              |
 * |----------------------|--------------------------------------------------------------------|
 * | Content-Type         | application/vnd.contactpad.recording+json                          |
 * | Content-Disposition  | render                                                             |
 * | body                 | {"recording":"start"} (or "pause", "resume", "stop")               |
 * | the platform answers | 200 OK once done; any other final answer (403, 415, 488, 501...), or none (408 after Timer F), leaves the recording as it was |
 *
 * A typed body rather than an `X-CP-Recording: start` header on an empty INFO: an element that
 * does not record but takes INFO would answer an unknown header 200 OK, and the agent would see
 * "Recording" for a call nobody records, whereas an unknown Content-Type must be refused (415,
 * RFC 3261 8.2.3); and X-CP-* is the platform -> agent namespace, which the SIP edge strips
 * from agents' requests. Voicemail drop sends no message of its own: the pre-recorded message
 * is the call's RTP (in place of the agent's microphone), then a BYE when it ends.
 */

import { isSalesforceId } from '../model/salesforce-id.ts';
import { INVISIBLE_CHARACTERS } from '../model/shown-text.ts';

/** The VoiceCall header (both ways: the platform's INVITE, and an agent's transfer leg; see above). */
export const VOICE_CALL_ID_HEADER = 'X-CP-Voice-Call-Id';
/** A VoiceCall's key prefix (Salesforce Object Reference, VoiceCall). */
const VOICE_CALL_KEY_PREFIX = '0LQ';

/** `id` when it has a VoiceCall id's form (and may go on the wire), else undefined: nothing else is forwarded. */
export function voiceCallIdToSend(id: string | undefined): string | undefined {
  return isSalesforceId(id, VOICE_CALL_KEY_PREFIX) ? id : undefined;
}

/** What kind of call the INVITE offers (X-CP-Kind, or video from an SDP m=video line). */
export type CallKind = 'voice' | 'video' | 'callback';

/** An incoming call as the agent sees it: the INVITE's headers, read and cleaned. */
export interface CallOffer {
  /** X-CP-Interaction-Id when well-formed, else the SIP Call-ID. */
  readonly callId: string;
  /** The SIP Call-ID header. */
  readonly sipCallId: string;
  readonly kind: CallKind;
  /** P-Asserted-Identity display name (when PAI is present and well-formed), else From's. */
  readonly callerName: string;
  /** The caller's number as a person would read it; '' when withheld or not a number. */
  readonly callerNumber: string;
  /** X-CP-Queue. */
  readonly queue: string;
  /** X-CP-Location: the location or dialed number the caller called ("Call To"). */
  readonly location: string;
  /** X-CP-Ad-Source. */
  readonly adSource: string;
  /** X-CP-Callback-Number. */
  readonly callbackNumber: string;
  /** X-CP-Callback-Attempt (1, 2, ...), undefined when absent or malformed. */
  readonly callbackAttempt: number | undefined;
  /** X-CP-Callback-Request: the callback request's Salesforce record id; absent when not sent or not a record id. */
  readonly callbackRequestId?: string;
  /**
   * X-CP-Voice-Call-Id, under Service Cloud Voice: the VoiceCall record (key prefix 0LQ) the
   * platform's server created for this leg before ringing the agent; absent when not sent or not
   * a VoiceCall id (the call still rings: host/scv says so to Salesforce without one).
   */
  readonly voiceCallId?: string;
}

/** What {@link readCallOffer} reads from an INVITE (sip.js's parsed message, or a test's). */
export interface InviteFields {
  /** The first value of a header, raw as received, or undefined when absent. */
  header(name: string): string | undefined;
  sipCallId: string;
  /** From's display name as the SIP parser gave it (quoted or not). */
  fromDisplayName: string | undefined;
  /** From's URI user part. */
  fromUser: string | undefined;
  /** The INVITE's body when it is SDP. */
  sdp: string | undefined;
}

/** Longest text field kept, in characters. */
export const MAX_TEXT = 128;
/** Longest id kept (interaction id, Call-ID). */
export const MAX_ID = 255;
/** Longest phone number kept. */
export const MAX_NUMBER = 64;

// C0 and C1 controls, DEL, and invisible formatting characters that can disguise text
// (zero-width characters, bidi overrides and isolates, BOM): the pad's rule for any outside text.
const INVISIBLE = INVISIBLE_CHARACTERS;
const WHITESPACE_CONTROLS = /[\t\n\r]/g;
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[A-Za-z]/g;

/** Decodes runs of valid %XX UTF-8 escapes; leaves a lone or invalid '%' as it is. */
function decodePercent(value: string): string {
  return value.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Removes one level of SIP quoted-string quoting ("a \"b\"" -> a "b"). */
function unquote(value: string): string {
  const trimmed = value.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    return trimmed.slice(1, -1).replace(/\\(.)/gs, '$1');
  }
  return trimmed;
}

/** Cuts to at most `max` characters without splitting a surrogate pair. */
function cap(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : chars.slice(0, max).join('').trimEnd();
}

/**
 * Makes a header value safe to show: unquoted, %-decoded, without control or invisible
 * characters (terminal escapes included), single-spaced, trimmed and capped.
 */
export function cleanText(raw: string | undefined, max: number = MAX_TEXT): string {
  if (typeof raw !== 'string' || raw === '') return '';
  try {
    const decoded = decodePercent(unquote(raw.slice(0, max * 8)));
    const text = decoded
      .replace(ANSI_ESCAPE, '')
      .replace(WHITESPACE_CONTROLS, ' ')
      .replace(INVISIBLE, '')
      .normalize('NFC')
      .replace(/\s+/g, ' ')
      .trim();
    return cap(text, max);
  } catch {
    return '';
  }
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@+\-]*$/;

/** An interaction id from the platform: a conservative token ([A-Za-z0-9._:@+-], up to 255), else ''. */
export function cleanId(raw: string | undefined): string {
  if (typeof raw !== 'string') return '';
  const value = raw.trim();
  return value.length <= MAX_ID && ID_PATTERN.test(value) ? value : '';
}

const WITHHELD = new Set(['anonymous', 'unknown', 'restricted', 'private', 'unavailable', 'withheld', 'anonymous.invalid']);

/**
 * A phone number as a person would read it: digits, a leading +, spaces, dashes, dots,
 * parentheses and letters (vanity numbers); ';ext=12' becomes ' ext. 12'. URI parameters
 * are dropped. Withheld ('anonymous', 'unknown', 'restricted'...) and text with fewer than
 * three digits (a SIP user name, not a number) become ''.
 */
export function cleanNumber(raw: string | undefined): string {
  const text = cleanText(raw, MAX_NUMBER * 4);
  if (text === '') return '';
  const lower = text.toLowerCase();
  if (WITHHELD.has(lower) || WITHHELD.has(lower.split(/[;@]/)[0] ?? '')) return '';
  const [main = '', ...params] = text.split(';');
  let extension = '';
  for (const param of params) {
    const match = /^\s*(?:ext|extension|x)\s*=\s*([0-9]{1,10})\s*$/i.exec(param);
    if (match?.[1]) extension = match[1];
  }
  let number = main
    .replace(/[^0-9A-Za-z+()\-. ]/g, '')
    .replace(/(?!^)\+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  // A trailing "ext 12" / "x12" written inside the number itself.
  const inline = /^(.*?\d)\s*(?:ext\.?|extension|x)\s*([0-9]{1,10})$/i.exec(number);
  if (inline?.[1] && inline[2] && extension === '') {
    number = inline[1];
    extension = inline[2];
  }
  number = number.replace(/^[-. ]+|[-. ]+$/g, '');
  const digits = number.replace(/\D/g, '').length;
  if (digits < 3 || /[A-Za-z]{9,}/.test(number)) return '';
  return cap(extension ? `${number} ext. ${extension}` : number, MAX_NUMBER);
}

/** Display name and user of a name-addr / addr-spec (`"Name" <sip:user@host>`, `tel:+1...`), or undefined. */
export function parseNameAddr(raw: string | undefined): { displayName: string; user: string } | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.trim();
  if (value === '' || value.length > 2048) return undefined;
  let display = '';
  let uri: string;
  const angle = /^((?:"(?:[^"\\]|\\.)*"|[^"<]*?))\s*<([^<>]*)>\s*(?:;.*)?$/s.exec(value);
  if (angle) {
    display = angle[1] ?? '';
    uri = angle[2] ?? '';
  } else {
    if (/[<>"]/.test(value)) return undefined;
    uri = value.split(';')[0] ?? '';
    const scheme = /^(sips?|tel):/i.exec(uri);
    if (!scheme) return undefined;
    if (scheme[1]?.toLowerCase() === 'tel') uri = value; // keep ;ext= on a bare tel URI
  }
  const sip = /^sips?:(?:([^@\s]*)@)?[^@\s]+$/i.exec(uri.trim());
  if (sip) return { displayName: display, user: sip[1] ?? '' };
  const tel = /^tel:([^\s]+)$/i.exec(uri.trim());
  if (tel?.[1]) {
    const [number = '', ...params] = tel[1].split(';');
    const ext = params.find((param) => /^ext=/i.test(param));
    return { displayName: display, user: ext ? `${number};${ext}` : number };
  }
  return undefined;
}

/** Whether the SDP offers video (an m=video line with a non-zero port). */
function sdpOffersVideo(sdp: string | undefined): boolean {
  return typeof sdp === 'string' && /^m=video\s+[1-9]\d*/m.test(sdp.slice(0, 65_536));
}

function kindOf(header: string | undefined, sdp: string | undefined): CallKind {
  const kind = cleanText(header, 16).toLowerCase();
  if (kind === 'callback') return 'callback';
  if (kind === 'video' || sdpOffersVideo(sdp)) return 'video';
  return 'voice';
}

function attemptOf(raw: string | undefined): number | undefined {
  const text = cleanText(raw, 16);
  if (!/^[0-9]{1,3}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

/**
 * A display name: quoted-string escapes undone, even when the SIP parser already took the quotes
 * off. Any character may be a quoted-pair (RFC 3261 25.1: `\` before any character but CR and
 * LF), a tab or a control character too (`java\<TAB>script` is "java script").
 */
function cleanDisplayName(raw: string | undefined): string {
  if (typeof raw !== 'string') return '';
  const trimmed = raw.trim();
  return cleanText(trimmed.startsWith('"') && trimmed.endsWith('"') && trimmed.length >= 2 ? trimmed : trimmed.replace(/\\([^\r\n])/g, '$1'));
}

/**
 * The first name-addr of a header that may list several (P-Asserted-Identity: a sip: and a tel:
 * identity), cut at the first comma outside a quoted display name and outside <...>; a quoted
 * display name may hold escaped quotes and commas (`"Doe, \"JD\"" <sip:...>`).
 */
function firstNameAddr(value: string | undefined): string | undefined {
  // Quoted strings (escapes included) and <...> whole, any other character but a comma.
  return typeof value === 'string' ? /^(?:"(?:[^"\\]|\\.)*"|<[^>]*>|[^,"<])*/s.exec(value)?.[0] : undefined;
}

function safeHeader(input: InviteFields, name: string): string | undefined {
  try {
    const value = input.header(name);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A display name as the caller's name: '' when it only says the caller is withheld ("Anonymous",
 * RFC 3261 8.1.1.3's anonymous From, or "Unknown", "Restricted"...), which is no name (seed 000:
 * the name is blank when not given).
 */
function callerNameOf(displayName: string | undefined): string {
  const name = cleanDisplayName(displayName);
  return WITHHELD.has(name.toLowerCase()) ? '' : name;
}

/** Reads the header contract from an INVITE. Never throws; malformed fields come back blank. */
export function readCallOffer(input: InviteFields): CallOffer {
  const sipCallId = cleanText(typeof input.sipCallId === 'string' ? input.sipCallId : '', MAX_ID).replace(/\s/g, '');
  const interactionId = cleanId(safeHeader(input, 'X-CP-Interaction-Id'));

  const fromName = callerNameOf(input.fromDisplayName);
  const fromNumber = cleanNumber(input.fromUser);
  const pai = parseNameAddr(firstNameAddr(safeHeader(input, 'P-Asserted-Identity')));
  const paiName = pai ? callerNameOf(pai.displayName) : '';
  const paiNumber = pai ? cleanNumber(pai.user) : '';

  return {
    callId: interactionId || sipCallId,
    sipCallId,
    kind: kindOf(safeHeader(input, 'X-CP-Kind'), input.sdp),
    callerName: paiName || fromName,
    callerNumber: pai ? paiNumber : fromNumber,
    queue: cleanText(safeHeader(input, 'X-CP-Queue')),
    location: cleanText(safeHeader(input, 'X-CP-Location')),
    adSource: cleanText(safeHeader(input, 'X-CP-Ad-Source')),
    callbackNumber: cleanNumber(safeHeader(input, 'X-CP-Callback-Number')),
    callbackAttempt: attemptOf(safeHeader(input, 'X-CP-Callback-Attempt')),
    ...recordIdOf('callbackRequestId', safeHeader(input, 'X-CP-Callback-Request')),
    ...recordIdOf('voiceCallId', safeHeader(input, VOICE_CALL_ID_HEADER), VOICE_CALL_KEY_PREFIX),
  };
}

/** `{ [field]: id }` for a Salesforce record id (with `keyPrefix`, of that object only), else nothing. */
function recordIdOf<F extends 'callbackRequestId' | 'voiceCallId'>(field: F, raw: string | undefined, keyPrefix?: string): { [K in F]?: string } {
  const id = cleanText(raw, 32);
  return (isSalesforceId(id, keyPrefix) ? { [field]: id } : {}) as { [K in F]?: string };
}
