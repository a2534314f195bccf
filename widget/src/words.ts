/**
 * The words the agent reads for the model's values: channels, interaction states, agent
 * statuses (the activity log's (Task) words are the list's, in catalogue/en-later.ts; a caller's
 * records, labels and "Why this record" are in caller-words.ts). One place, so the call pop, the list and the
 * screen-reader announcements say the same thing; the words themselves are the catalogue's, in
 * the agent's language (catalogue/catalogue.ts).
 */
import type { AgentState, Channel, Interaction, InteractionAction, InteractionState, InteractionView } from '../../adapter/src/store.ts';
import { isCall } from './channels.ts';
import { words } from './catalogue/catalogue.ts';

/** The kind of work: "Voice call", "Video call", "Callback"... */
export function channelWords(channel: Channel): string {
  return words().channels[channel];
}

/**
 * The interaction state in words: Alerting (Calling, for a call the agent placed),
 * Connected, On Hold, Wrap Up, Ended, Missed, Rejected, Failed, Transferred, Abandoned.
 */
export function stateWords(state: InteractionState, direction: Interaction['direction'] = 'inbound'): string {
  return words().states[state === 'alerting' && direction === 'outbound' ? 'calling' : state];
}

/**
 * An interaction action as its button says it: Accept, Reject (Decline for a chat, email or
 * case: Omni-Channel's word, and it asks why), Release, Hold, Retrieve, Consult, Transfer,
 * Abandon, Extend (extend wrap up); for a consult call Complete transfer, Conference, Drop
 * consult (release it, retrieve the held call) and Leave conference. These are the buttons'
 * accessible names.
 */
export function actionWords(action: InteractionAction, channel: Channel): string {
  // Mute and unmute are one toggle button: its name stays, aria-pressed says whether the call is muted.
  // Accept on a callback alert is Start Call (seed 001): the agent calls the customer back.
  return words().actions[action === 'reject' && !isCall(channel) ? 'decline' : action === 'accept' && channel === 'callback' ? 'start-call' : action];
}

/** A call whose microphone the agent muted (its row in the list, and what is announced; the call's own controls have their words in catalogue/en-later.ts). */
export function mutedWords(): string {
  return words().muted;
}

/** The agent's current status in words: Offline, Ready, Not Ready — reason, Busy, Wrap Up, Cooldown, Inactive. */
export function agentStatusWords(agent: AgentState): string {
  return agent.status === 'not-ready' && agent.reason ? words().notReadyBecause(agent.reason) : words().agentStatuses[agent.status];
}

/** Who the customer is, for a one-line mention: the name, else the number, else ''. */
export function customerWords(interaction: Interaction): string {
  return interaction.callerName || interaction.callerNumber;
}

/** The interaction in a few words, for a dialog's title: "Chat with Lena Fischer", or "Case" when nobody is named. */
export function subjectWords(interaction: Interaction): string {
  const who = customerWords(interaction);
  return who ? words().subject(channelWords(interaction.channel), who) : channelWords(interaction.channel);
}

/**
 * What a screen reader says when a call rings: "Incoming voice call from Ann Smith,
 * 415 555 0100, queue Sales". Blank parts are left out, never read as "undefined".
 */
export function incomingAnnouncement(interaction: Interaction): string {
  const who = [interaction.callerName, interaction.callerNumber].filter((part) => typeof part === 'string' && part !== '');
  return words().incoming(channelWords(interaction.channel), who.join(', '), interaction.queue || '');
}
