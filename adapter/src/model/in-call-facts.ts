/**
 * The facts of a live call the agent changes during it (beside interaction-facts.ts, loaded
 * with the in-call controls): whether the agent's microphone is muted on it. A new call
 * starts unmuted (callFacts); the mute stays through hold and retrieve.
 */
import { interactionKind } from './capabilities.ts';
import { freezeFacts, refusedFact, type InteractionFacts } from './interaction-facts.ts';
import type { Interaction } from './interaction.ts';

/**
 * The agent muted (`muted` true) or unmuted a live call that is connected or held; the same
 * facts come back when nothing changes. INVALID_TRANSITION for anything else (a chat, a call
 * ringing or ended).
 */
export function withMuted(facts: InteractionFacts, interaction: Interaction, muted: boolean): InteractionFacts {
  const live = interactionKind(interaction.channel) === 'live' && facts.work === undefined;
  if (!live || (interaction.state !== 'connected' && interaction.state !== 'held')) {
    throw refusedFact(interaction, `only a connected or held call can be ${muted ? 'muted' : 'unmuted'}, not a ${interaction.channel} while it is ${interaction.state}`);
  }
  if ((facts.muted === true) === muted) return facts;
  return freezeFacts({ ...facts, muted });
}
