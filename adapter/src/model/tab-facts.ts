/**
 * The console tab of an interaction's record (model/interaction-facts.ts: the record is the
 * work item's, or the one popped for a call): open in tab `tabId`, or closed by the agent.
 */
import { ContactPadError } from './errors.ts';
import { freezeFacts, tabRecordOf, type InteractionFacts } from './interaction-facts.ts';

/** The interaction's record is open in console tab `tabId`; refused while it has no record to show. */
export function withTabOpen(facts: InteractionFacts, tabId: string): InteractionFacts {
  if (tabRecordOf(facts) === undefined) throw new ContactPadError('INVALID_TRANSITION', 'This interaction has no record, so no console tab.');
  if (tabId.trim() === '') throw new ContactPadError('INVALID_INTERACTION', 'A console tab has an id.');
  return facts.tabId === tabId ? facts : freezeFacts({ ...facts, tabId });
}

/** The interaction's console tab was closed (selecting the interaction opens it again). */
export function withTabClosed(facts: InteractionFacts): InteractionFacts {
  if (facts.tabId === undefined) return facts;
  const { tabId: _closed, ...rest } = facts;
  return freezeFacts(rest);
}
