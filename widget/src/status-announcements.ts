/**
 * The changes a screen reader user hears about (announcer.ts) between two snapshots: a call's
 * state once it is answered or placed (Connected, On Hold, Wrap Up, Ended, Failed, Transferred),
 * its microphone muted or back, and the agent's own status. A call that starts ringing is
 * announced by <contact-pad> itself (assertive, with the caller); Missed and Rejected follow
 * from what the agent just did or saw.
 */
import type { ContactPadSnapshot, InteractionState, InteractionView } from '../../adapter/src/store.ts';
import { agentStatusWords, mutedWords, stateWords, subjectWords } from './words.ts';
import { words } from './catalogue/catalogue.ts';

const ANNOUNCED_STATES: ReadonlySet<InteractionState> = new Set<InteractionState>(['connected', 'held', 'wrap-up', 'ended', 'failed', 'transferred', 'abandoned']);

/** The sentences to announce going from `before` to `after` (none for the first snapshot). */
export function statusChanges(before: ContactPadSnapshot | undefined, after: ContactPadSnapshot): string[] {
  if (!before) return [];
  const said: string[] = [];
  const earlier = new Map<string, InteractionView>(before.interactions.map((view) => [view.interaction.id, view]));
  for (const view of [...after.interactions].reverse()) {
    const was = earlier.get(view.interaction.id);
    const { state, direction } = view.interaction;
    if (was && state !== was.interaction.state && ANNOUNCED_STATES.has(state)) {
      said.push(`${subjectWords(view.interaction)}: ${stateWords(state, direction)}.`);
    }
    if (was && !!was.muted !== !!view.muted) said.push(`${subjectWords(view.interaction)}: ${view.muted ? mutedWords() : words().announced.microphoneOn}.`);
  }
  if (before.agent.status !== after.agent.status) said.push(words().announced.agentStatus(agentStatusWords(after.agent)));
  return said;
}
