/**
 * What to pop in the console for a caller (pure). The host room turns the decision into
 * Open CTI `screenPop`: `record` -> `SCREENPOP_TYPE.SOBJECT {recordId}`,
 * `new-record` -> `NEW_RECORD_MODAL {entityName}` with `defaultFieldValues`,
 * `search` -> `SEARCH {searchString}`, `flow` -> `FLOW {flowDevName, flowArgs}`, `none` -> no pop.
 *
 * - One winner (see caller-lookup.ts): its rule's Pop_Action__c: Record (that record), New
 *   Record (New_Record_Object__c with Default_Field_Values__c), Search (the number) or Flow
 *   (Flow_Name__c with Flow_Arguments__c). `{number}` and `{recordId}` in values are replaced
 *   by the caller's number and the matched record's id.
 * - Several winners: the record the agent picked (now, or remembered for this number:
 *   `identity.rememberedId`) when it is still among them: that record pops (the agent chose
 *   a record, so it opens, whatever its rule's action); else a search for the number
 *   (settings' Several_Match_Action__c; ContactPad shows the picker).
 * - No match: settings' No_Match_Action__c: Greeting, a new Lead with Phone = the number; or
 *   Search for the number. A blank number (withheld) gives the greeting without a Phone.
 * - Open CTI SEARCH needs at least 3 characters: with a shorter number a search becomes the
 *   greeting (no match) or nothing (several matches: a new Lead for a known caller is wrong).
 */
import type { CallerIdentity, CallerMatch } from './caller-identity.ts';
import type { FlowArgument, ScreenPopRule } from './screen-pop-rules.ts';
import type { ScreenPopSettings } from './screen-pop-settings.ts';

/** Open CTI `SEARCH` needs a search string of at least this many characters. */
export const MIN_SEARCH_LENGTH = 3;
/** Lead.Phone is a 40-character field. */
const PHONE_FIELD_LENGTH = 40;

/** The pop to show; maps onto Open CTI `sforce.opencti.SCREENPOP_TYPE`. */
export type ScreenPopDecision =
  | { kind: 'record'; recordId: string; objectType: string }
  | { kind: 'new-record'; entityName: string; defaultFieldValues: Record<string, string> }
  | { kind: 'search'; searchText: string }
  | { kind: 'flow'; flowDevName: string; flowArgs: FlowArgument[] }
  | { kind: 'none' };

/**
 * Decides the screen pop for a looked-up caller, the number they called from, the screen-pop
 * settings, and the record the agent picked among several (if any; else the remembered one).
 */
export function decideScreenPop(identity: CallerIdentity, callerNumber: string, settings: ScreenPopSettings, pickedRecordId?: string): ScreenPopDecision {
  const number = typeof callerNumber === 'string' ? callerNumber.replace(/\s+/g, ' ').trim() : '';
  const winners = identity.winners;
  if (winners.length === 0) {
    if (settings.noMatchAction === 'search' && number.length >= MIN_SEARCH_LENGTH) return { kind: 'search', searchText: number };
    const phone = number.slice(0, PHONE_FIELD_LENGTH);
    return { kind: 'new-record', entityName: 'Lead', defaultFieldValues: phone === '' ? {} : { Phone: phone } };
  }
  const [only] = winners;
  if (winners.length === 1 && only) {
    const rule = identity.winningRule?.name === only.rule.name ? identity.winningRule : undefined;
    return ruleAction(rule, only, number);
  }
  const picked = [pickedRecordId, identity.rememberedId]
    .filter((id): id is string => typeof id === 'string' && id !== '')
    .map((id) => winners.find((winner) => winner.id === id))
    .find((winner) => winner !== undefined);
  if (picked) return { kind: 'record', recordId: picked.id, objectType: picked.objectType };
  return searchFor(number);
}

function searchFor(number: string): ScreenPopDecision {
  return number.length >= MIN_SEARCH_LENGTH ? { kind: 'search', searchText: number } : { kind: 'none' };
}

/** A rule's pop action for its one winning record (no rule at hand: the record itself). */
function ruleAction(
  rule: Pick<ScreenPopRule, 'popAction' | 'newRecordObject' | 'defaultFieldValues' | 'flowName' | 'flowArguments'> | undefined,
  match: CallerMatch,
  number: string,
): ScreenPopDecision {
  const fill = (value: string) => value.replace(/\{number\}/g, number).replace(/\{recordId\}/g, match.id);
  switch (rule?.popAction ?? 'record') {
    case 'new-record':
      return {
        kind: 'new-record',
        entityName: rule?.newRecordObject ?? match.objectType,
        defaultFieldValues: Object.fromEntries(Object.entries(rule?.defaultFieldValues ?? {}).map(([field, value]) => [field, fill(value)])),
      };
    case 'search':
      return searchFor(number);
    case 'flow':
      return {
        kind: 'flow',
        flowDevName: rule?.flowName ?? '',
        flowArgs: (rule?.flowArguments ?? []).map((argument) => ({ name: argument.name, type: argument.type, value: fill(argument.value) })),
      };
    default:
      return { kind: 'record', recordId: match.id, objectType: match.objectType };
  }
}
