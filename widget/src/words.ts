/**
 * The words the agent reads for the model's values: channels, interaction states, agent
 * statuses and activity-log (Task) states. One place, so the call pop, the list and the
 * screen-reader announcements say the same thing.
 */
import type { AgentState, AgentStatusChoice, CallerMatchView, Channel, DirectoryEntry, Interaction, InteractionAction, InteractionState, InteractionView } from '../../adapter/src/store.ts';
import { isCall } from './channels.ts';

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
 * Connected, On Hold, Wrap Up, Ended, Missed, Rejected, Failed, Transferred, Abandoned.
 */
export function stateWords(state: InteractionState, direction: Interaction['direction'] = 'inbound'): string {
  switch (state) {
    case 'alerting':
      return direction === 'outbound' ? 'Calling' : 'Alerting';
    case 'connected':
      return 'Connected';
    case 'held':
      return 'On Hold';
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
    case 'transferred':
      return 'Transferred';
    case 'abandoned':
      return 'Abandoned';
  }
}

/**
 * An interaction action as its button says it: Accept, Reject (Decline for a chat, email or
 * case: Omni-Channel's word, and it asks why), Release, Hold, Retrieve, Consult, Transfer,
 * Abandon, Extend (extend wrap up). These are the buttons' accessible names.
 */
export function actionWords(action: InteractionAction, channel: Channel): string {
  switch (action) {
    case 'accept':
      return 'Accept';
    case 'reject':
      return isCall(channel) ? 'Reject' : 'Decline';
    case 'release':
      return 'Release';
    case 'hold':
      return 'Hold';
    case 'retrieve':
      return 'Retrieve';
    case 'consult':
      return 'Consult';
    case 'transfer':
      return 'Transfer';
    case 'abandon':
      return 'Abandon';
    case 'extend-wrap-up':
      return 'Extend';
    case 'mute':
    case 'unmute':
      // One toggle button: its name stays, aria-pressed says whether the call is muted.
      return 'Mute';
    case 'send-dtmf':
      return 'Keypad';
  }
}

/** A call whose microphone the agent muted (the in-call controls' other words: in-call-words.ts, loaded with them). */
export const MUTED_WORDS = 'Muted';

/** A keypad key as a screen reader says it: 1, 2... Star, Pound, A-D. */
export function keypadKeyWords(key: string): string {
  if (key === '*') return 'Star';
  if (key === '#') return 'Pound';
  return key;
}

/** A directory entry's kind in words: Agent or Service. */
export function directoryKindWords(kind: DirectoryEntry['kind']): string {
  return kind === 'agent' ? 'Agent' : 'Service';
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

/** The agent's current status in words: Offline, Ready, Not Ready — reason, Busy, Wrap Up, Cooldown, Inactive. */
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
    case 'cooldown':
      return 'Cooldown';
    case 'inactive':
      return 'Inactive';
  }
}

/** Who the customer is, for a one-line mention: the name, else the number, else ''. */
export function customerWords(interaction: Interaction): string {
  return interaction.callerName || interaction.callerNumber;
}

/** The interaction in a few words, for a dialog's title: "Chat with Lena Fischer", or "Case" when nobody is named. */
export function subjectWords(interaction: Interaction): string {
  const who = customerWords(interaction);
  return who ? `${channelWords(interaction.channel)} with ${who}` : channelWords(interaction.channel);
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

/** Salesforce objects in the words agents use; custom objects keep their API name. */
const OBJECT_WORDS: Record<string, string> = {
  Lead: 'Lead',
  Contact: 'Contact',
  Account: 'Account',
  Case: 'Case',
  LiveChatTranscript: 'Live Chat Transcript',
};

/** A record's object in words: Lead, Contact, Account, Case, Live Chat Transcript; else its API name (Custom__c). */
export function objectWords(objectType: string): string {
  return Object.hasOwn(OBJECT_WORDS, objectType) ? OBJECT_WORDS[objectType]! : objectType;
}

/** The standard phone fields the screen-pop rules match on, in words (person-account fields included). */
const FIELD_WORDS: Record<string, string> = {
  Phone: 'Phone',
  MobilePhone: 'Mobile phone',
  HomePhone: 'Home phone',
  OtherPhone: 'Other phone',
  AssistantPhone: 'Assistant phone',
  Fax: 'Fax',
  PersonMobilePhone: 'Mobile phone',
  PersonHomePhone: 'Home phone',
  PersonOtherPhone: 'Other phone',
  PersonAssistantPhone: 'Assistant phone',
  SuppliedPhone: 'Web phone',
};

/** A matched field in words: "Mobile phone" for MobilePhone; custom or unknown fields keep their API name. */
export function fieldWords(field: string): string {
  return Object.hasOwn(FIELD_WORDS, field) ? FIELD_WORDS[field]! : field;
}

/**
 * "Why this record", in one line: the label the match earned, the object when it says more
 * than the label, the field that matched and the screen-pop rule (custom metadata record):
 * "Lead · matched Mobile phone (rule: Open leads)", "Customer · Account · matched Phone
 * (rule: Customers)". Blank parts are left out.
 */
export function whyWords(match: CallerMatchView): string {
  const object = objectWords(match.objectType);
  const parts = [match.label, object === match.label ? '' : object, match.matchedField ? `matched ${fieldWords(match.matchedField)}` : ''];
  let text = parts.filter((part) => part !== '').join(' · ');
  if (match.rule) text += `${text ? ' ' : ''}(rule: ${match.rule})`;
  return text;
}
