/**
 * Turns a caller's number, as the phone network or the platform sent it, into the forms to
 * search Salesforce phone fields with. Salesforce's SOSL phone search ignores the
 * formatting of stored numbers ("(415) 555-0100" matches 4155550100), but not a country
 * code: a number stored as "+1 415 555 0100" and one stored as "415-555-0100" need the
 * E.164 digits and the national digits respectively, so both are searched.
 *
 * Metadata: libphonenumber-js's 'min' build, on purpose. We only need what it carries
 * (country calling codes, national prefixes, possible lengths) to split a number into
 * country code and national number; 'max' adds exact per-type validation patterns, which we
 * must not apply here: CRM data and test data are full of numbers that 'max' calls invalid
 * (the fictional 555-01xx range, new ranges the metadata does not know yet), and refusing
 * to search for them would hide real matches. 'min' is also several times smaller.
 *
 * Decisions:
 * - Letters make the number unsearchable (`[]`), vanity numbers included. A caller id from
 *   the network is never a vanity number; letters there mean "anonymous", "Restricted",
 *   "unavailable" or garbage, and converting them (anonymous -> 266666687) would search for
 *   a stranger. Extension markers ("ext", "x", "extension", ";ext=", "#") are not letters
 *   of the number: the extension is dropped, since records store the main number.
 * - A leading `00` is read as the international prefix whatever the default country (no
 *   national number starts with 00); other international prefixes (North America's 011)
 *   are recognised by libphonenumber for the default country.
 * - Punctuation (spaces, dots, dashes, parentheses, slashes) and any other symbol are ignored.
 * - Fewer than 7 digits (internal extensions, short codes) or more than 15 (longer than
 *   E.164 allows) give `[]`.
 * - A number libphonenumber cannot place (unknown country code, impossible length) is still
 *   searched as the digits given, so odd data stored the same way is found.
 */
import { parsePhoneNumberFromString, isSupportedCountry } from 'libphonenumber-js/min';
import type { CountryCode } from 'libphonenumber-js/min';

/** The fewest digits a searchable number has. */
export const MIN_SEARCHABLE_DIGITS = 7;
/** The most digits an E.164 number has. */
export const MAX_E164_DIGITS = 15;

const EXTENSION = /(?:;\s*ext\s*=|(?<!\p{L})ext(?:ension)?\.?|(?<!\p{L})x|#)\s*\d{1,10}\s*#?\s*$/iu;
const LETTERS = /\p{L}/u;
const TEL_PREFIX = /^\s*tel:/i;

/**
 * The digit strings to search a caller's number by: E.164 digits (country code + national
 * number, no '+'), the national significant number, and the national dialling form
 * (with a trunk prefix such as the UK's 0) when it differs; deduplicated, most specific
 * first. `[]` when there is nothing searchable (empty, letters, too short, too long).
 * `defaultCountry` is an ISO 3166 alpha-2 code ('US', 'GB'); an unknown one is ignored.
 */
export function searchableNumbers(raw: string, defaultCountry: string): readonly string[] {
  if (typeof raw !== 'string') return [];
  let text = raw.replace(TEL_PREFIX, '').normalize('NFKC').trim();
  text = text.replace(EXTENSION, '').trim();
  if (text === '' || LETTERS.test(text)) return [];

  let international = false;
  let digits = text.replace(/\D/g, '');
  if (/^\+/.test(text)) {
    international = true;
  } else if (/^00/.test(digits)) {
    international = true;
    digits = digits.slice(2);
  }
  if (digits.length < MIN_SEARCHABLE_DIGITS || digits.length > MAX_E164_DIGITS) return [];

  const country = toCountry(defaultCountry);
  const parsed = international
    ? parsePhoneNumberFromString(`+${digits}`)
    : country === undefined
      ? undefined
      : parsePhoneNumberFromString(digits, country);
  if (!parsed || !parsed.isPossible()) return [digits];

  const e164 = parsed.number.replace(/\D/g, '');
  const national = String(parsed.nationalNumber);
  const dialled = parsed.format('NATIONAL').replace(/\D/g, '');
  return [...new Set([e164, national, dialled])].filter(
    (form) => form.length >= MIN_SEARCHABLE_DIGITS && form.length <= MAX_E164_DIGITS,
  );
}

function toCountry(code: string): CountryCode | undefined {
  const upper = typeof code === 'string' ? code.trim().toUpperCase() : '';
  return /^[A-Z]{2}$/.test(upper) && isSupportedCountry(upper) ? upper : undefined;
}

/**
 * Whether a phone value stored in Salesforce is the caller's number, for telling which
 * field of a record SOSL found matched ("why this record"). `callerForms` is what
 * {@link searchableNumbers} gave for the caller. The stored value is read the same way:
 * - written with a country code (`+1 207...`, `0044 20...`): it must be the same E.164
 *   number (a US number ending in a UK national number is another number);
 * - written without one (`(415) 555-0100`, `020 7946 0958`): any form in common is a match
 *   (the national number is all the record says);
 * - with words in it (`415-555-0100 (mobile)`): its digits must equal one of the caller's forms.
 */
export function isSameNumber(stored: unknown, callerForms: readonly string[], defaultCountry: string): boolean {
  if (typeof stored !== 'string' || callerForms.length === 0) return false;
  const text = stored.replace(TEL_PREFIX, '').normalize('NFKC').trim();
  const forms = searchableNumbers(text, defaultCountry);
  if (forms.length === 0) {
    const digits = text.replace(EXTENSION, '').replace(/\D/g, '');
    return digits.length >= MIN_SEARCHABLE_DIGITS && callerForms.includes(digits);
  }
  if (/^(\+|00)/.test(text)) return forms[0] === callerForms[0];
  return forms.some((form) => callerForms.includes(form));
}
