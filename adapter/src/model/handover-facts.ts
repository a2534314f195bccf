/**
 * The facts of handing over (model/interaction-facts.ts has the rest): a consult call knows the
 * interaction it is about and that interaction knows its consult call, the two calls of a
 * three-way call know it, and a call being transferred knows to whom.
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

/** A consult call `consultId` is under way about this interaction (one at a time: INVALID_TRANSITION for a second). */
export function withConsultCall(facts: InteractionFacts, interaction: Interaction, consultId: string): InteractionFacts {
  if (consultId.trim() === '') throw new ContactPadError('INVALID_INTERACTION', 'A consult call has an id.');
  if (facts.consultId !== undefined && facts.consultId !== consultId) throw refusedFact(interaction, 'a consult about it is under way already');
  if (!isInProgress(interaction.state)) throw refusedFact(interaction, `it cannot be consulted about while it is ${interaction.state}`);
  return freezeFacts({ ...facts, consultId });
}

/** The consult call about this interaction is over: it is on its own again (and out of any three-way call). */
export function withoutConsultCall(facts: InteractionFacts): InteractionFacts {
  if (facts.consultId === undefined && !facts.conference) return facts;
  const { consultId: _gone, conference: _over, ...rest } = facts;
  return freezeFacts(rest);
}

/** The call joined a three-way call (`on`), or left it. Only a call of a consult pair can. */
export function withConference(facts: InteractionFacts, interaction: Interaction, on: boolean): InteractionFacts {
  if (facts.consultFor === undefined && facts.consultId === undefined) throw refusedFact(interaction, 'only a call and its consult call can be joined');
  if (on && !isInProgress(interaction.state)) throw refusedFact(interaction, `it cannot join a three-way call while it is ${interaction.state}`);
  if (!on) {
    const { conference: _over, ...rest } = facts;
    return facts.conference ? freezeFacts(rest) : facts;
  }
  return facts.conference ? facts : freezeFacts({ ...facts, conference: true });
}
