/**
 * Salesforce record ids, the one place their form is known: 15 case-sensitive letters and
 * digits, or 18 (the same 15 plus a 3-character case-safe suffix), the first three being the
 * object's key prefix (Salesforce Help, "What is a Salesforce ID?", and the REST API's
 * describe `keyPrefix`). Which prefix means which object, and which objects a Task may link
 * to, is the crm room's knowledge (crm/task-links.ts, crm/work-item-kind.ts); this module only
 * reads the form. Pure: no I/O.
 */

const SALESFORCE_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/**
 * True when `value` has the form of a Salesforce record id (it may still not exist); with
 * `keyPrefix`, only when the id also starts with that prefix (case-sensitive, as ids are).
 */
export function isSalesforceId(value: unknown, keyPrefix?: string): value is string {
  return typeof value === 'string' && SALESFORCE_ID.test(value) && (keyPrefix === undefined || value.startsWith(keyPrefix));
}

/** The key prefix of an id (its first three characters: `500` for a Case); '' when `value` is not an id. */
export function keyPrefixOf(value: unknown): string {
  return isSalesforceId(value) ? value.slice(0, 3) : '';
}

/**
 * The 15-character (case-sensitive) form of an id: an 18-character id without its case-safe
 * suffix, a 15-character one as it is. Text that is not an id is cut the same way, so two
 * values compare as {@link sameSalesforceId} does.
 */
export function salesforceId15(id: string): string {
  return id.slice(0, 15);
}

/** True when two ids name the same record: the 15- and 18-character forms of an id compare equal. */
export function sameSalesforceId(a: string, b: string): boolean {
  return salesforceId15(a) === salesforceId15(b);
}
