/**
 * Hostile records in the fake org, seeded through its store as an admin's import or another
 * integration would write them (scripts/fake-org/store.ts `insert`, mode 'seed': the org's own
 * field checks apply, STRING_TOO_LONG included). A value longer than its field is refused as
 * Salesforce refuses it; the suite then writes it cut to the field's length, the longest
 * Salesforce holds, so a long value still reaches ContactPad.
 */
import { fakeOrgStore } from '../fake-org/http.ts';
import { SalesforceApiError } from '../fake-org/salesforce-error.ts';
import type { FakeOrg, SfRecord } from '../fake-org/store.ts';

/** The local console's org. */
export function consoleOrg(): FakeOrg {
  const org = fakeOrgStore.getOrg('default');
  if (!org) throw new Error('The fake org has no default org');
  return org;
}

/** One hostile field of a record: what was asked, what Salesforce took. */
export interface SeededValue {
  readonly field: string;
  /** The value as asked. */
  readonly asked: string;
  /** The value the record holds ('' when the field refused it and no cut was written). */
  readonly held: string;
  /** Salesforce refused the value as asked (STRING_TOO_LONG): the record holds it cut. */
  readonly refusedWhole: boolean;
}

/** The field length a STRING_TOO_LONG names ("... (max length=80)"). */
function maxLengthOf(error: SalesforceApiError): number | undefined {
  const found = /max length=(\d+)/.exec(error.message);
  return found?.[1] ? Number(found[1]) : undefined;
}

/**
 * Inserts a record whose `hostile` fields hold the values asked; a value longer than its field
 * is cut to the field's length (and reported refused whole). Throws any other refusal.
 */
export function seedRecord(sobject: string, fields: Record<string, unknown>, hostile: Record<string, string>): { record: SfRecord; values: SeededValue[] } {
  const org = consoleOrg();
  const held: Record<string, string> = { ...hostile };
  const refused = new Set<string>();
  for (let attempt = 0; attempt <= Object.keys(hostile).length; attempt += 1) {
    try {
      const record = org.insert(sobject, { ...fields, ...held }, 'seed');
      return { record, values: Object.keys(hostile).map((field) => ({ field, asked: hostile[field] ?? '', held: held[field] ?? '', refusedWhole: refused.has(field) })) };
    } catch (error) {
      if (!(error instanceof SalesforceApiError) || error.errorCode !== 'STRING_TOO_LONG') throw error;
      const field = (error.fields ?? [])[0] ?? Object.keys(held).find((name) => error.message.includes(name));
      const max = maxLengthOf(error);
      if (field === undefined || max === undefined || !(field in held)) throw error;
      held[field] = Array.from(held[field] ?? '').slice(0, max).join('').slice(0, max);
      refused.add(field);
    }
  }
  throw new Error(`${sobject}: could not seed the hostile record`);
}
