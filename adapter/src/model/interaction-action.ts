/**
 * What the agent can do with an interaction: the words of the capability table
 * (capabilities.ts decides which are allowed, by the interaction's kind and state), the
 * buttons the widget shows and the intents the controller carries out.
 */
export type InteractionAction =
  | 'accept'
  | 'reject'
  | 'release'
  | 'hold'
  | 'retrieve'
  | 'consult'
  | 'transfer'
  | 'abandon'
  | 'extend-wrap-up'
  /** A consult call: put the caller through to the consulted party (attended transfer). */
  | 'complete-transfer'
  /** A consult call: join it and the call it is about into a three-way call. */
  | 'conference'
  /** A consult call: release it and take the held call back. */
  | 'drop-consult'
  /** A three-way call: the agent leaves it, and both calls end. */
  | 'leave-conference'
  /** A live call: silence the agent's microphone on it, or give it back (kept across hold). */
  | 'mute'
  | 'unmute'
  /** A connected call: send keypad tones (the keypad, or the keyboard while it is open). */
  | 'send-dtmf'
  /** A finished call (in wrap up or ended): report a problem with it to the admin (desks/problem-report-desk.ts). */
  | 'report-problem';
