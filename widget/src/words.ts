/**
 * The words the agent reads for the model's values: channels, interaction states, agent
 * statuses and activity-log (Task) states. One place, so the call pop, the list and the
 * screen-reader announcements say the same thing.
 */
import type { Channel, Interaction, InteractionState } from '../../adapter/src/model/interaction.ts';
import type { AgentState, AgentStatusChoice } from '../../adapter/src/model/agent-state.ts';
import type { InteractionView } from '../../adapter/src/store.ts';

/** The kind of work: "Voice call", "Video call", "Callback"... */
export function channelWords(channel: Channel): string {
  switch (channel) {
    case 'voice':
      return 'Voice call';
    case 'video':
      return 'Video call';
    case 'callback':
      return 'Callback';
    case 'chat':
      return 'Chat';
    case 'email':
      return 'Email';
    case 'case':
      return 'Case';
  }
}

/**
 * The interaction state in words: Alerting (Calling, for a call the agent placed),
 * Connected, Wrap Up, Ended, Missed, Rejected, Failed.
 */
export function stateWords(state: InteractionState, direction: Interaction['direction'] = 'inbound'): string {
  switch (state) {
    case 'alerting':
      return direction === 'outbound' ? 'Calling' : 'Alerting';
    case 'connected':
      return 'Connected';
    case 'wrap-up':
      return 'Wrap Up';
    case 'ended':
      return 'Ended';
    case 'missed':
      return 'Missed';
    case 'rejected':
      return 'Rejected';
    case 'failed':
      return 'Failed';
  }
}

/** The activity log (Task upsert) in words; '' when nothing is being written. */
export function logWords(log: InteractionView['log']): string {
  switch (log) {
    case 'none':
      return '';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return 'Saved';
    case 'retrying':
      return 'Will retry';
  }
}

/** A choosable state in words: "Ready", "Not Ready — Lunch", "Offline". */
export function choiceWords(choice: AgentStatusChoice): string {
  switch (choice.status) {
    case 'ready':
      return 'Ready';
    case 'offline':
      return 'Offline';
    case 'not-ready':
      return choice.reason ? `Not Ready — ${choice.reason}` : 'Not Ready';
  }
}

/** The agent's current status in words: Offline, Ready, Not Ready — reason, Busy, Wrap Up. */
export function agentStatusWords(agent: AgentState): string {
  switch (agent.status) {
    case 'offline':
      return 'Offline';
    case 'ready':
      return 'Ready';
    case 'not-ready':
      return agent.reason ? `Not Ready — ${agent.reason}` : 'Not Ready';
    case 'busy':
      return 'Busy';
    case 'wrap-up':
      return 'Wrap Up';
  }
}

/** Who the customer is, for a one-line mention: the name, else the number, else ''. */
export function customerWords(interaction: Interaction): string {
  return interaction.callerName || interaction.callerNumber;
}

/**
 * What a screen reader says when a call rings: "Incoming voice call from Ann Smith,
 * 415 555 0100, queue Sales". Blank parts are left out, never read as "undefined".
 */
export function incomingAnnouncement(interaction: Interaction): string {
  const kind = channelWords(interaction.channel).toLowerCase();
  const who = [interaction.callerName, interaction.callerNumber].filter((part) => typeof part === 'string' && part !== '');
  let text = `Incoming ${kind}`;
  if (who.length > 0) text += ` from ${who.join(', ')}`;
  if (interaction.queue) text += `, queue ${interaction.queue}`;
  return text;
}
