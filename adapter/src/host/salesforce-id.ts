/** A Salesforce record id: 15 (case-sensitive) or 18 (case-safe) alphanumerics. */
const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** True when `value` has the form of a Salesforce record id (it may still not exist). */
export function isSalesforceId(value: unknown): value is string {
  return typeof value === 'string' && SALESFORCE_ID.test(value);
}
