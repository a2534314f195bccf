/**
 * An interaction: one piece of customer work on the agent's list (a call, a callback,
 * later a chat, an email or a case). Interactions are immutable values: every change
 * makes a new one through {@link transitionInteraction} (in interaction-state.ts).
 */

/** What kind of work this is. */
export type Channel = 'voice' | 'video' | 'callback' | 'chat' | 'email' | 'case';

/** Who started it: the customer (inbound) or the agent (outbound). */
export type Direction = 'inbound' | 'outbound';

/**
 * Where an interaction is in its life. `rejected`, `missed`, `failed`, `transferred`,
 * `abandoned` and `ended` are ends. `held`: a live call on hold.
 * See interaction-state.ts for the table of allowed moves.
 */
export type InteractionState = 'alerting' | 'connected' | 'held' | 'wrap-up' | 'ended' | 'rejected' | 'missed' | 'failed' | 'transferred' | 'abandoned';

/** What happened, in the words of the call journey. */
export type JourneyEventKind =
  | 'offered'
  | 'answered'
  | 'held'
  | 'retrieved'
  | 'transferred'
  | 'released'
  | 'remote-hangup'
  | 'rejected'
  | 'missed'
  | 'failed'
  | 'abandoned'
  | 'wrapped-up'
  /** Call recording (model/recording.ts): the platform confirmed the command. */
  | 'recording-started'
  | 'recording-paused'
  | 'recording-resumed'
  | 'recording-stopped'
  /** The agent left a pre-recorded voicemail message and moved on (the call's wrap up starts). */
  | 'voicemail-dropped';

/** One timestamped step of the interaction's journey. `at` is epoch milliseconds. */
export interface JourneyEvent {
  readonly at: number;
  readonly kind: JourneyEventKind;
  /** Free text for the log ("486 Busy Here", "caller hung up"...). */
  readonly detail?: string;
}

/** The interaction itself. Text fields are '' (never undefined) when unknown. */
export interface Interaction {
  /** The platform's interaction id (X-CP-Interaction-Id) or, failing that, the SIP Call-ID. */
  readonly id: string;
  readonly channel: Channel;
  readonly direction: Direction;
  readonly callerName: string;
  /** The number as the platform sent it (for display); '' when withheld. */
  readonly callerNumber: string;
  readonly queue: string;
  /** "Call To": the location or dialed number the customer called. */
  readonly location: string;
  readonly adSource: string;
  readonly state: InteractionState;
  readonly offeredAt: number;
  readonly answeredAt?: number;
  readonly releasedAt?: number;
  readonly endedAt?: number;
  readonly journey: readonly JourneyEvent[];
  /** The wrap-up disposition (Task CallDisposition); '' until chosen. */
  readonly disposition: string;
  /** The agent's notes (Task Description); '' until typed. */
  readonly notes: string;
  /** A callback attempt: where its request stands once the attempt is over (callback-request.ts): waiting for another attempt, or failed at the limit. */
  readonly callbackRequest?: 'waiting' | 'failed' | 'completed';
}
