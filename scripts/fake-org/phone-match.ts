/**
 * How SOSL `IN PHONE FIELDS` matches: Salesforce compares the digits of the search term
 * with the digits of stored phone numbers, ignoring their formatting. The fake org
 * matches when one digit string ends with the other and the shorter has at least 7
 * digits, so `4155550100`, `+14155550100` and `(415) 555-0100` all meet. An extension
 * written after the number (`ext. 12`, `x12`, `#12`) is not part of the number.
 *
 * Source: SOQL and SOSL Reference, "IN SearchGroup" (PHONE FIELDS searches the fields of
 * type Phone), https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_sosl_in.htm,
 * and ../shared/design/SALESFORCE-NOTES.md ("Phone search ignores formatting of stored
 * numbers"). The exact rule (suffix match, 7 digits, extensions) is not documented:
 * unverified, chosen to be no more lenient than what ContactPad's lookup needs.
 */

const MIN_DIGITS = 7;

/** The digits of a stored phone number, without a trailing extension. */
export function phoneDigits(stored: string): string {
  const withoutExtension = stored.replace(/\s*(?:ext\.?|extension|x|#)\s*\d+\s*$/i, '');
  return withoutExtension.replace(/\D/g, '');
}

/** True when the search digits and the stored number are the same phone number. */
export function phoneMatches(searchDigits: string, stored: string): boolean {
  const digits = phoneDigits(stored);
  const shorter = searchDigits.length <= digits.length ? searchDigits : digits;
  const longer = shorter === searchDigits ? digits : searchDigits;
  return shorter.length >= MIN_DIGITS && longer.endsWith(shorter);
}
