/**
 * Salesforce record ids start with a 3-character key prefix naming the sObject type
 * (00Q Lead, 003 Contact...). The console reads a record's type from its id, as Lightning does
 * to build /lightning/r/<Type>/<Id>/view.
 */
const KEY_PREFIXES: Readonly<Record<string, string>> = {
  '00Q': 'Lead',
  '003': 'Contact',
  '001': 'Account',
  '500': 'Case',
  '00T': 'Task',
  '00U': 'Event',
  '006': 'Opportunity',
  '570': 'LiveChatTranscript',
};

/** Whether `id` has the form of a Salesforce record id (15 or 18 letters and digits). */
export function isRecordId(id: string): boolean {
  return /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/.test(id);
}

/**
 * The standard sObject type of a 15- or 18-character record id, or undefined for a malformed
 * id or a prefix that is not a standard one (custom objects' prefixes differ per org: the
 * workspace asks describeGlobal for those).
 */
export function objectTypeOfId(id: string): string | undefined {
  if (!isRecordId(id)) return undefined;
  return KEY_PREFIXES[id.slice(0, 3)];
}

/**
 * The field that names a record of this type in tab titles (Case: CaseNumber, Task: Subject,
 * a custom metadata record: MasterLabel; LiveChatTranscript and custom objects: Name).
 */
export function nameFieldOf(objectType: string): string {
  if (objectType === 'Case') return 'CaseNumber';
  if (objectType === 'Task' || objectType === 'Event') return 'Subject';
  if (objectType.endsWith('__mdt')) return 'MasterLabel';
  return 'Name';
}

/** The record's display name: its name field, else First + Last name, else its id. */
export function recordNameOf(objectType: string, record: Readonly<Record<string, unknown>>, fallback: string): string {
  const named = record[nameFieldOf(objectType)];
  if (typeof named === 'string' && named.trim() !== '') return named;
  const person = [record['FirstName'], record['LastName']].filter((part) => typeof part === 'string' && part !== '').join(' ');
  return person || fallback;
}

/** The Lightning URL of a record page, as onNavigationChange reports it. */
export function recordUrlOf(objectType: string, recordId: string): string {
  return `/lightning/r/${objectType}/${recordId}/view`;
}
