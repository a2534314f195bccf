/**
 * getPhoneContacts: ContactPad's directory (the org's agents with a ContactPad phone, and its
 * services) as Salesforce's transfer and consult dialog lists it, filtered as the ContactsFilter
 * asks (Service Connector API, ContactsFilter: `contains`, `types`, `offset`, `limit`).
 */
import type { DirectoryEntry } from '../../model/directory-entry.ts';
import { scv } from './scv-base.ts';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A whole number from 0, else undefined. */
function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** The types of contact the dialog offers: agents, services (queues) and a number the agent types. */
export function contactTypes(): string[] {
  const { CONTACT_TYPE } = scv.Constants;
  return [CONTACT_TYPE.AGENT, CONTACT_TYPE.QUEUE, CONTACT_TYPE.PHONENUMBER];
}

/**
 * The directory's entries as Contacts: an agent (only one with a ContactPad phone: the others
 * cannot be called) or a service (Queue), by the directory's id (the User or queue id), which
 * addParticipant and dial take back. A filter that is not an object is no filter; a type the
 * directory has none of (PhoneBook, Flow, Contact) leaves nothing of it; AVAILABLE keeps every
 * agent (ContactPad does not know their availability: Salesforce shows its own).
 */
export function phoneContacts(directory: readonly DirectoryEntry[], filter: unknown): object[] {
  const { CONTACT_TYPE, CONTACTS_FILTER_TYPES } = scv.Constants;
  const asked = isRecord(filter) ? filter : {};
  const contains = typeof asked['contains'] === 'string' ? asked['contains'].trim().toLowerCase() : '';
  const types = Array.isArray(asked['types']) ? asked['types'].filter((type): type is string => typeof type === 'string').map((type) => type.toUpperCase()) : [];
  const wants = (kind: DirectoryEntry['kind']) =>
    types.length === 0 ||
    (kind === 'agent' ? types.includes(CONTACTS_FILTER_TYPES.AGENT) || types.includes(CONTACTS_FILTER_TYPES.AVAILABLE) : types.includes(CONTACTS_FILTER_TYPES.QUEUE));
  const chosen = directory
    .filter((entry) => (entry.kind === 'service' || entry.sipUser !== '') && wants(entry.kind))
    .filter((entry) => contains === '' || entry.name.toLowerCase().includes(contains));
  const offset = count(asked['offset']) ?? 0;
  const limit = count(asked['limit']);
  return chosen
    .slice(offset, limit === undefined ? undefined : offset + limit)
    .map((entry) => new scv.Contact({ id: entry.id, type: entry.kind === 'agent' ? CONTACT_TYPE.AGENT : CONTACT_TYPE.QUEUE, name: entry.name }));
}
