/**
 * Compliance before any outbound call (seed 003: "Compliance: DNC, company blacklist/whitelist,
 * personal whitelist; Country whitelist"), plus calling hours in the recipient's time zone. Pure:
 * the crm room reads the lists, the setting and the records (crm/outbound-policy.ts), this file
 * decides, and the voice desk dials only what it allows (desks/outbound-desk.ts).
 *
 * The rules, in the order they are applied (the first that blocks is the one the agent is told):
 *
 * | rule            | blocks when                                                           | code                           |
 * |-----------------|-----------------------------------------------------------------------|--------------------------------|
 * | do-not-call     | a Contact or Lead with the number, or the record called from, has Do Not Call | CALL_BLOCKED_DO_NOT_CALL |
 * | block-list      | the number matches a company block list entry (always wins)           | CALL_BLOCKED_BLOCK_LIST        |
 * | country         | countries are listed and the number's country is not among them       | CALL_BLOCKED_COUNTRY           |
 * | allow-list      | the company allow list has entries, the number matches none, and it is not on the agent's personal allow list | CALL_BLOCKED_NOT_ON_ALLOW_LIST |
 * | calling-hours   | the recipient's local time is outside the calling hours               | CALL_BLOCKED_CALLING_HOURS     |
 * | unchecked       | the lists or records could not be read (the check fails closed)       | CALL_BLOCKED_UNCHECKED         |
 *
 * The personal allow list only lifts the company allow list: it never lifts Do Not Call, a block
 * list entry, the country list or calling hours. Internal calls (a SIP address, or a number of
 * fewer than {@link MIN_EXTERNAL_DIGITS} digits: an extension or a service code) reach no customer
 * number: only Do Not Call of the record they were placed from applies to them.
 *
 * The recipient's time zone ({@link recipientTimeZone}): the number's, when its country or area
 * code has one civil time (number-time-zones.ts); else a time zone the record names; else, for a
 * number that may be in several zones, the call must be inside the hours in every one of them
 * (the strictest reading); and when nothing at all is known of where the number is, the time
 * cannot be known and the call is not placed.
 */
import { hoursWords, isKnownTimeZone, isWithinHours, localTime, localTimeWords, type CallingHours } from './calling-hours.ts';
import { ContactPadError, type ErrorCode } from './errors.ts';

/** A rule that can keep a call from being placed. */
export type ComplianceRule = 'do-not-call' | 'block-list' | 'country' | 'allow-list' | 'calling-hours' | 'unchecked';

/** Each rule's stable code (errors.ts) and its name, as the agent reads it at the start of the notice. */
export const COMPLIANCE_RULES: Readonly<Record<ComplianceRule, { readonly code: ErrorCode; readonly name: string }>> = Object.freeze({
  'do-not-call': Object.freeze({ code: 'CALL_BLOCKED_DO_NOT_CALL', name: 'Do Not Call' }),
  'block-list': Object.freeze({ code: 'CALL_BLOCKED_BLOCK_LIST', name: 'Company block list' }),
  country: Object.freeze({ code: 'CALL_BLOCKED_COUNTRY', name: 'Country allow list' }),
  'allow-list': Object.freeze({ code: 'CALL_BLOCKED_NOT_ON_ALLOW_LIST', name: 'Company allow list' }),
  'calling-hours': Object.freeze({ code: 'CALL_BLOCKED_CALLING_HOURS', name: 'Calling hours' }),
  unchecked: Object.freeze({ code: 'CALL_BLOCKED_UNCHECKED', name: 'Compliance check' }),
});

/** Numbers with fewer digits are internal (extensions, service codes such as *72). */
export const MIN_EXTERNAL_DIGITS = 7;

/** A list entry: an E.164 number ('+14155550100') or a prefix ending in '*' ('+1900*'), and the admin's label for it. */
export interface ListedNumber {
  readonly pattern: string;
  readonly label: string;
}

/** The company's rules for outbound calls, and the agent's own allow list. */
export interface OutboundPolicy {
  readonly blockList: readonly ListedNumber[];
  /** Empty: any number may be called (the other rules permitting). */
  readonly allowList: readonly ListedNumber[];
  /** The agent's own: numbers they may call although the company allow list does not list them. */
  readonly personalAllowList: readonly ListedNumber[];
  /** ISO 3166 alpha-2 codes, upper case; empty: every country. */
  readonly allowedCountries: readonly string[];
  /** undefined: calls at any time. */
  readonly callingHours: CallingHours | undefined;
}

/** Where the recipient's time zone came from, and the zones the call must be inside the hours in. */
export interface RecipientTimeZone {
  /** number: the zones the number may be in all keep one time; record: the record names it; every-zone: all the number may be in, times differ; unknown: none. */
  readonly source: 'number' | 'record' | 'every-zone' | 'unknown';
  readonly zones: readonly string[];
}

/** A record that says its owner does not want calls. */
export interface DoNotCallRecord {
  readonly recordId: string;
  readonly objectType: string;
  readonly name: string;
}

/** What is known of the call about to be placed. */
export interface OutboundCall {
  /** external: a customer's phone number; internal: a SIP address, an extension or a service code. */
  readonly reach: 'external' | 'internal';
  /** The number in E.164 ('+14155550100') when it could be read so; else as dialled. */
  readonly number: string;
  /** The number as the agent reads it in messages ('+1 415 555 0100'). */
  readonly shown: string;
  /** ISO 3166 alpha-2 country of the number; '' when it cannot be told. */
  readonly country: string;
  readonly timeZone: RecipientTimeZone;
  /** Records with the number, or the record called from, marked Do Not Call. */
  readonly doNotCall: readonly DoNotCallRecord[];
}

/** The check's answer: placed (noting when only the personal allow list let it through), or the rule that blocked it. */
export type OutboundDecision =
  | { readonly allowed: true; readonly byPersonalAllowList: boolean }
  | { readonly allowed: false; readonly rule: ComplianceRule; readonly message: string };

/**
 * The recipient's time zone at `at` (see the file comment): the zones the number may be in
 * (number-time-zones.ts) when they all show the same time then (London, Jersey and Guernsey do),
 * else the record's zone when it is one the browser knows, else every zone the number may be in,
 * else unknown.
 */
export function recipientTimeZone(numberZones: readonly string[], recordZone: string, at: number): RecipientTimeZone {
  const zones = Object.freeze([...numberZones]);
  const times = zones.map((zone) => localTime(zone, at));
  const oneTime = times.length > 0 && times.every((time) => time !== undefined && time.weekday === times[0]?.weekday && time.minute === times[0].minute);
  if (oneTime) return Object.freeze({ source: 'number', zones });
  if (isKnownTimeZone(recordZone)) return Object.freeze({ source: 'record', zones: Object.freeze([recordZone.trim()]) });
  if (zones.length > 0) return Object.freeze({ source: 'every-zone', zones });
  return Object.freeze({ source: 'unknown', zones: Object.freeze([]) });
}

/** True when `number` (E.164) is the entry's number, or starts with its prefix. */
export function matchesListed(number: string, entry: ListedNumber): boolean {
  return entry.pattern.endsWith('*') ? number.startsWith(entry.pattern.slice(0, -1)) : number === entry.pattern;
}

/** Applies the rules, in order, to the call at `at` (epoch ms); see the file comment. */
export function checkOutbound(call: OutboundCall, policy: OutboundPolicy, at: number): OutboundDecision {
  if (call.doNotCall.length > 0) {
    const names = call.doNotCall.map((record) => `${record.name || record.recordId} (${record.objectType})`).join(', ');
    return blocked('do-not-call', `${names} ${call.doNotCall.length > 1 ? 'are' : 'is'} marked Do Not Call in Salesforce.`);
  }
  if (call.reach === 'internal') return { allowed: true, byPersonalAllowList: false };
  const listed = (list: readonly ListedNumber[]) => list.find((entry) => matchesListed(call.number, entry));
  const blockEntry = listed(policy.blockList);
  if (blockEntry) return blocked('block-list', `${call.shown} is on the company block list${blockEntry.label ? ` (${blockEntry.label})` : ''}.`);
  if (policy.allowedCountries.length > 0 && !policy.allowedCountries.includes(call.country)) {
    const allowed = policy.allowedCountries.map(countryWords).join(', ');
    const where = call.country === '' ? `the country of ${call.shown} cannot be told` : `calls to ${countryWords(call.country)} are not allowed`;
    return blocked('country', `${where}; calls may go to ${allowed}.`);
  }
  let byPersonalAllowList = false;
  if (policy.allowList.length > 0 && !listed(policy.allowList)) {
    if (!listed(policy.personalAllowList)) return blocked('allow-list', `${call.shown} is not on the company allow list, nor on your personal allow list.`);
    byPersonalAllowList = true;
  }
  if (policy.callingHours) {
    const outside = outsideHours(call, policy.callingHours, at);
    if (outside) return blocked('calling-hours', outside);
  }
  return { allowed: true, byPersonalAllowList };
}

/** A decision that keeps the call from being placed. */
export type BlockedDecision = Extract<OutboundDecision, { allowed: false }>;

/** The decision when the lists or records could not be read: the check fails closed. */
export function uncheckedDecision(why: string): BlockedDecision {
  return blocked('unchecked', `${why.replace(/\.$/, '')}, so the number could not be checked.`);
}

/** A blocked decision as the error the agent is shown (its rule's code, the rule in `detail`). */
export function blockedCallError(decision: BlockedDecision): ContactPadError {
  return new ContactPadError(COMPLIANCE_RULES[decision.rule].code, decision.message, { detail: { rule: decision.rule } });
}

/** Why the call is outside the calling hours, or undefined when it is inside them (in every candidate zone). */
function outsideHours(call: OutboundCall, hours: CallingHours, at: number): string | undefined {
  const allowed = `calls are allowed ${hoursWords(hours)} in the recipient's time`;
  const { source, zones } = call.timeZone;
  if (source === 'unknown' || zones.length === 0) {
    return `the recipient's time zone cannot be known (nothing tells where ${call.shown} is, and the record names no time zone), so the strictest rule applies; ${allowed}.`;
  }
  for (const zone of zones) {
    const local = localTime(zone, at);
    if (!local) return `the recipient's time zone (${zone}) is not known to this browser, so the strictest rule applies; ${allowed}.`;
    if (isWithinHours(hours, local)) continue;
    if (source === 'every-zone') {
      return `${call.shown} may be in ${zones.length} time zones and the record names none, so the call must be within calling hours in all of them, and it is ${localTimeWords(local)} in ${zone}; ${allowed}.`;
    }
    return `it is ${localTimeWords(local)} for the recipient (${source === 'number' ? zones.join(', ') : zone}); ${allowed}.`;
  }
  return undefined;
}

function blocked(rule: ComplianceRule, why: string): BlockedDecision {
  const text = why.charAt(0).toUpperCase() + why.slice(1);
  return { allowed: false, rule, message: `${COMPLIANCE_RULES[rule].name}: ${text} The call was not placed.` };
}

/** A country as people read it: "United Kingdom (GB)"; the code alone where the browser has no name for it. */
function countryWords(code: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}
