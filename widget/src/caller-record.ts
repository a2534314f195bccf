/**
 * Which Salesforce record pops for a caller: the one the screen-pop rules chose (the best
 * match), or, when the winning rule matched several, the one the agent picked. The call pop
 * explains this record ("Why this record") and nothing else.
 */
import type { CallerLookupView, CallerMatchView } from '../../adapter/src/store.ts';

/**
 * The record that pops for a finished lookup: the picked one (pickedId) when the agent chose,
 * the single winner when no choice is needed, and undefined while the agent still has to
 * pick among several, when nothing matched, or while the lookup runs or failed.
 */
export function poppedRecord(caller: CallerLookupView): CallerMatchView | undefined {
  if (caller.state !== 'done') return undefined;
  if (caller.pickedId !== undefined) {
    const picked = caller.pick.find((match) => match.id === caller.pickedId) ?? caller.matches.find((match) => match.id === caller.pickedId);
    if (picked) return picked;
  }
  if (caller.pick.length > 1) return undefined;
  return caller.pick[0] ?? caller.matches[0];
}

/** Whether the agent is asked to pick: the winning rule matched more than one record. */
export function needsPick(caller: CallerLookupView): caller is Extract<CallerLookupView, { state: 'done' }> {
  return caller.state === 'done' && caller.pick.length > 1;
}
