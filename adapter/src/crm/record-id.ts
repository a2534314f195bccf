/** Salesforce record ids as the crm room checks them before they go into a URL or a query. */

const RECORD_ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/;

/** True for the form of a Salesforce record id: 15 (case-sensitive) or 18 (case-safe) letters and digits. */
export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID.test(value);
}
