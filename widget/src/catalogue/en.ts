/**
 * ContactPad's words in English: the source of truth of the catalogue (catalogue.ts chooses the
 * agent's language). Every other language (es.ts) is typed as this shape, so a word missing
 * there fails the type check. Words with values are functions; times, durations and "3 minutes
 * ago" are Intl's (format-time.ts), so no word here counts anything. These are the words of what
 * rings and answers (they load with it); the words of the elements loaded later are in en-later.ts.
 */
import type { AgentState, Channel, InteractionAction, InteractionState } from '../../../adapter/src/store.ts';

export const en = {
  /** The language of these words (BCP 47): Intl writes times in it, with the agent's region. */
  language: 'en',
  channels: {
    voice: 'Voice call',
    video: 'Video call',
    callback: 'Callback',
    chat: 'Chat',
    email: 'Email',
    case: 'Case',
  } satisfies Record<Channel, string>,
  /** Interaction states; `calling` is alerting for a call the agent placed. */
  states: {
    alerting: 'Alerting',
    calling: 'Calling',
    connected: 'Connected',
    held: 'On Hold',
    'wrap-up': 'Wrap Up',
    ended: 'Ended',
    missed: 'Missed',
    rejected: 'Rejected',
    failed: 'Failed',
    transferred: 'Transferred',
    abandoned: 'Abandoned',
  } satisfies Record<InteractionState | 'calling', string>,
  /** The action buttons' names; `decline` is reject for a chat, email or case (Omni-Channel's word). Mute is one toggle: one name. */
  actions: {
    accept: 'Accept',
    reject: 'Reject',
    decline: 'Decline',
    'start-call': 'Start Call',
    release: 'Release',
    hold: 'Hold',
    retrieve: 'Retrieve',
    consult: 'Consult',
    transfer: 'Transfer',
    abandon: 'Abandon',
    'extend-wrap-up': 'Extend',
    'complete-transfer': 'Complete transfer',
    conference: 'Conference',
    'drop-consult': 'Drop consult',
    'leave-conference': 'Leave conference',
    mute: 'Mute',
    unmute: 'Mute',
    'send-dtmf': 'Keypad',
    'report-problem': 'Report a problem',
  } satisfies Record<InteractionAction | 'decline' | 'start-call', string>,
  agentStatuses: {
    offline: 'Offline',
    ready: 'Ready',
    'not-ready': 'Not Ready',
    busy: 'Busy',
    'wrap-up': 'Wrap Up',
    cooldown: 'Cooldown',
    inactive: 'Inactive',
  } satisfies Record<AgentState['status'], string>,
  notReadyBecause: (reason: string) => `Not Ready — ${reason}`,
  agentState: { now: 'Agent status: ', next: 'Next', choose: 'Set status' },
  /** "Chat with Lena Fischer" (a dialog's title). */
  subject: (channel: string, who: string) => `${channel} with ${who}`,
  /** What a screen reader says when work rings: "Incoming voice call from Ann Smith, 415 555 0100, queue Sales" (blank parts left out). */
  incoming: (channel: string, who: string, queue: string) => `Incoming ${channel.toLowerCase()}${who ? ` from ${who}` : ''}${queue ? `, queue ${queue}` : ''}`,
  phone: {
    ready: 'Phone ready',
    connecting: 'Connecting to phone server…',
    off: 'Phone off',
    unreachable: 'Cannot reach phone server',
    refused: 'Phone server refused this agent',
    /** The adapter's reason (English) says it whole. */
    noCredential: (reason: string) => reason || 'The phone has no SIP credential from Salesforce.',
    /** "Cannot reach phone server: <reason>." (no dangling colon without a reason). */
    withReason: (problem: string, reason: string) => (reason ? `${problem}: ${reason}.` : `${problem}.`),
    retryingIn: (seconds: number) => `Retrying in ${seconds} s`,
    retryingNow: 'Retrying now…',
    /** Another tab or window of the agent has the phone: this one neither registers nor rings. */
    elsewhere: 'Phone active in another tab or window',
    /** The button that takes the phone over on purpose. */
    useHere: 'Use the phone here',
    takingOver: 'Taking the phone over from the other tab or window…',
    handingOver: 'Handing the phone over to another tab or window…',
  },
  notices: {
    /**
     * A notice's message for its error code (adapter/src/model/errors.ts): in English, the
     * adapter's own, which names the specifics; `about` names what it is about (a calling
     * record's outcome), for the languages that do not show the English message.
     */
    message: (_code: string, english: string, _about = '') => english,
  },
  pad: {
    starting: 'Starting…',
    bridgeMissing: 'Tab sync and Omni-Channel are off (console bridge not found)',
    interactions: 'Interactions',
    devices: 'Devices',
    reportProblem: 'Report a problem',
  },
  callPop: { callTo: 'Call To', queue: 'Queue', adSource: 'Ad Source', lookingUp: 'Looking up caller…' },
  /** A call whose microphone the agent muted (its row in the list, and what is announced). */
  muted: 'Muted',
  /** What a screen reader hears when it changes (status-announcements.ts), beside a call's state and Muted. */
  announced: { microphoneOn: 'Microphone on', agentStatus: (status: string) => `You are ${status}.` },
};

/** The shape every language's catalogue has. */
export type Catalogue = typeof en;
