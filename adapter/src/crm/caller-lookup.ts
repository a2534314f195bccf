/**
 * Who is calling, as far as Salesforce knows: one SOSL search of the caller's number over
 * the phone fields of Lead, Contact and Account, classified into the labels the call pop
 * shows (Lead, Customer, Previous Customer, Unknown).
 *
 * Classification (this simple rules; the configurable screen-pop rules come later):
 * - an open Lead (IsConverted = false) -> Lead;
 * - a Contact, or an Account whose Type is not 'Former Customer' -> Customer;
 * - an Account whose Type is 'Former Customer' -> Previous Customer; a Contact is a
 *   Previous Customer only when its account matched in the same search and is a former
 *   customer (we spend no second request to learn the account type of a lone Contact);
 * - nothing -> Unknown. Several labels can hold at once (Lead and Customer).
 * Record values are data: a null phone, a missing or markup-laden name are kept as text.
 */
import type { CallerLabel } from '../store.ts';
import type { CrmConnection, SalesforceRecord } from './crm-connection.ts';
import { searchableNumbers } from './phone-number.ts';
import { buildPhoneSearch } from './sosl.ts';
import type { SoslReturning } from './sosl.ts';

/** One record whose phone fields matched the caller's number. */
export interface CallerMatch {
  readonly id: string;
  readonly objectType: 'Lead' | 'Contact' | 'Account';
  /** The record's Name; '' when Salesforce sent none. Plain text, never markup. */
  readonly name: string;
  /** For a Contact: its Account's id. */
  readonly accountId?: string;
}

/** The caller as Salesforce knows them: the labels earned and the matching records. */
export interface CallerIdentity {
  readonly labels: readonly CallerLabel[];
  readonly matches: readonly CallerMatch[];
}

/** The Account Type value (standard picklist) that marks a previous customer. */
export const FORMER_CUSTOMER_TYPE = 'Former Customer';

/** The objects and fields searched: Lead (open only), Contact, Account. */
export const CALLER_SEARCH: readonly SoslReturning[] = [
  { sobject: 'Lead', fields: ['Id', 'Name', 'Phone', 'MobilePhone', 'IsConverted'], where: 'IsConverted = false' },
  { sobject: 'Contact', fields: ['Id', 'Name', 'Phone', 'MobilePhone', 'AccountId'] },
  { sobject: 'Account', fields: ['Id', 'Name', 'Phone', 'Type'] },
];

/** The identity of a caller nobody knows (or whose number cannot be searched). */
export const UNKNOWN_CALLER: CallerIdentity = Object.freeze({ labels: Object.freeze(['Unknown'] as const), matches: Object.freeze([]) });

/**
 * Looks the caller up with ONE SOSL request (`GET /search`); no request at all when the
 * number has nothing searchable (withheld, letters, too short), which gives Unknown.
 * Rejects with the connection's ContactPadError (CRM_UNAVAILABLE, CRM_SESSION_EXPIRED...).
 */
export async function lookUpCaller(connection: CrmConnection, rawNumber: string, defaultCountry: string): Promise<CallerIdentity> {
  const numbers = searchableNumbers(rawNumber, defaultCountry);
  if (numbers.length === 0) return UNKNOWN_CALLER;
  const records = await connection.search(buildPhoneSearch(numbers, CALLER_SEARCH));
  return classifyCaller(records);
}

/** Classifies SOSL `searchRecords` into labels and matches (pure; exported for the rules' tests). */
export function classifyCaller(records: readonly SalesforceRecord[]): CallerIdentity {
  const matches: CallerMatch[] = [];
  const seen = new Set<string>();
  const formerAccounts = new Set<string>();
  let lead = false;
  let customer = false;
  let previous = false;

  for (const record of records) {
    const objectType = record.attributes?.type;
    const id = text(record['Id']);
    if (id === '' || seen.has(id)) continue;
    if (objectType !== 'Lead' && objectType !== 'Contact' && objectType !== 'Account') continue;
    // The WHERE clause already filters converted Leads; a converted one slipping through is not open.
    if (objectType === 'Lead' && record['IsConverted'] === true) continue;
    seen.add(id);
    const name = text(record['Name']);
    const accountId = objectType === 'Contact' ? text(record['AccountId']) : '';
    matches.push(accountId === '' ? { id, objectType, name } : { id, objectType, name, accountId });
    if (objectType === 'Account' && text(record['Type']) === FORMER_CUSTOMER_TYPE) formerAccounts.add(id);
  }

  for (const match of matches) {
    if (match.objectType === 'Lead') lead = true;
    else if (match.objectType === 'Account') {
      if (formerAccounts.has(match.id)) previous = true;
      else customer = true;
    } else if (match.accountId !== undefined && formerAccounts.has(match.accountId)) previous = true;
    else customer = true;
  }

  const labels: CallerLabel[] = [];
  if (lead) labels.push('Lead');
  if (customer) labels.push('Customer');
  if (previous) labels.push('Previous Customer');
  if (labels.length === 0) labels.push('Unknown');
  return { labels, matches };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}
