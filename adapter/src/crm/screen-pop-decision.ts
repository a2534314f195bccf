/**
 * What to pop in the console for a caller (pure). The host room turns the decision into
 * Open CTI `screenPop`: `record` -> `SCREENPOP_TYPE.SOBJECT {recordId}`,
 * `new-record` -> `NEW_RECORD_MODAL {entityName}` with `defaultFieldValues`,
 * `search` -> `SEARCH {searchString}`, `none` -> no pop.
 *
 * Rules (from the seeds; configurable rules come later):
 * - one match -> that record;
 * - a caller who is both a Lead and a Customer -> the Lead, when there is exactly one open
 *   Lead ("the system will directly open to a Lead if the caller is both a Customer and an
 *   active Lead");
 * - several matches otherwise -> a search for the number (Open CTI SEARCH needs at least 3
 *   characters; with fewer, nothing pops rather than a new Lead for a known caller);
 * - no match -> the new Lead modal (the 'greeting' screen), its Phone prefilled with the
 *   number when there is one.
 */
import type { CallerIdentity } from './caller-lookup.ts';

/** Open CTI `SEARCH` needs a search string of at least this many characters. */
export const MIN_SEARCH_LENGTH = 3;
/** Lead.Phone is a 40-character field. */
const PHONE_FIELD_LENGTH = 40;

/** The pop to show; maps onto Open CTI `sforce.opencti.SCREENPOP_TYPE`. */
export type ScreenPopDecision =
  | { kind: 'record'; recordId: string; objectType: string }
  | { kind: 'new-record'; entityName: 'Lead'; defaultFieldValues: { Phone?: string } }
  | { kind: 'search'; searchText: string }
  | { kind: 'none' };

/** Decides the screen pop for a looked-up caller and the number they called from. */
export function decideScreenPop(identity: CallerIdentity, callerNumber: string): ScreenPopDecision {
  const number = typeof callerNumber === 'string' ? callerNumber.replace(/\s+/g, ' ').trim() : '';
  const { matches, labels } = identity;
  const [only] = matches;
  if (matches.length === 1 && only) return { kind: 'record', recordId: only.id, objectType: only.objectType };
  if (matches.length === 0) {
    const phone = number.slice(0, PHONE_FIELD_LENGTH);
    return { kind: 'new-record', entityName: 'Lead', defaultFieldValues: phone === '' ? {} : { Phone: phone } };
  }
  const leads = matches.filter((match) => match.objectType === 'Lead');
  const [lead] = leads;
  if (labels.includes('Lead') && labels.includes('Customer') && leads.length === 1 && lead) {
    return { kind: 'record', recordId: lead.id, objectType: 'Lead' };
  }
  if (number.length >= MIN_SEARCH_LENGTH) return { kind: 'search', searchText: number };
  return { kind: 'none' };
}
