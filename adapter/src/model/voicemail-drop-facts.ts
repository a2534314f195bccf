/**
 * Voicemail drop in an outbound call's facts (interaction-facts.ts `voicemail`): the messages
 * the agent may drop, set once the call is answered, and the message being dropped while its
 * audio loads. Pure; facts are frozen values.
 */
import type { Interaction } from './interaction.ts';
import { freezeFacts, refusedFact, type InteractionFacts } from './interaction-facts.ts';
import type { VoicemailDropView, VoicemailMessage } from './voicemail-message.ts';

/**
 * The call's facts offering `messages` to drop (none: no drop offered). Only an outbound voice
 * call that is connected can reach a voicemail: INVALID_TRANSITION for anything else.
 */
export function withVoicemailMessages(facts: InteractionFacts, interaction: Interaction, messages: readonly VoicemailMessage[]): InteractionFacts {
  if (facts.work !== undefined || interaction.direction !== 'outbound' || interaction.channel !== 'voice') {
    throw refusedFact(interaction, 'only an outbound call can reach a voicemail');
  }
  if (interaction.state !== 'connected') throw refusedFact(interaction, `a voicemail message cannot be dropped while it is ${interaction.state}`);
  const { voicemail: _before, ...rest } = facts;
  if (messages.length === 0) return freezeFacts(rest);
  const view: VoicemailDropView = Object.freeze({ messages: Object.freeze(messages.map((message) => Object.freeze({ id: message.id, label: message.label }))) });
  return freezeFacts({ ...rest, voicemail: view });
}

/**
 * The message `messageId` is being dropped (its audio loads), or no longer (undefined: it
 * failed, the call is the agent's again). INVALID_TRANSITION when no drop is offered, another
 * message is being dropped already, or the message is not among those offered.
 */
export function withVoicemailDropping(facts: InteractionFacts, interaction: Interaction, messageId: string | undefined): InteractionFacts {
  const offered = facts.voicemail;
  if (!offered) throw refusedFact(interaction, 'no voicemail message is offered for it');
  if (messageId === undefined) {
    const { dropping: _was, ...rest } = offered;
    return freezeFacts({ ...facts, voicemail: Object.freeze(rest) });
  }
  if (offered.dropping !== undefined) throw refusedFact(interaction, 'a voicemail message is being dropped already');
  if (!offered.messages.some((message) => message.id === messageId)) throw refusedFact(interaction, 'that voicemail message is not offered');
  return freezeFacts({ ...facts, voicemail: Object.freeze({ ...offered, dropping: messageId }) });
}
