/**
 * The facts of handing over (model/interaction-facts.ts has the rest): a consult call knows the
 * interaction it is about, and a call being transferred knows to whom.
 */
import { ContactPadError } from './errors.ts';
import type { Interaction } from './interaction.ts';
import { isInProgress } from './interaction-state.ts';
import { callFacts, freezeFacts, refusedFact, type InteractionFacts } from './interaction-facts.ts';

/** A consult call about interaction `aboutId`: nothing is popped for it, and it has no wrap up of its own. */
export function consultFacts(aboutId: string): InteractionFacts {
  if (aboutId.trim() === '') throw new ContactPadError('INVALID_INTERACTION', 'A consult call must name the interaction it is about.');
  return freezeFacts({ ...callFacts(), consultFor: aboutId });
}

/**
 * A call is being transferred to `to` (a REFER is on its way; the phone says when it is done).
 * Refused for work items (they are handed over at once) and for a call not connected or held.
 */
export function withTransferTo(facts: InteractionFacts, interaction: Interaction, to: string): InteractionFacts {
  if (facts.work) throw new ContactPadError('INVALID_INTERACTION', 'An Omni-Channel work item is handed over at once, not by the phone.');
  if (!isInProgress(interaction.state)) throw refusedFact(interaction, `it cannot be transferred while it is ${interaction.state}`);
  return freezeFacts({ ...facts, transferTo: to });
}
