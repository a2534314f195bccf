/**
 * The interaction state machine: the one place where an {@link Interaction} changes.
 *
 * ```
 *                    +-----------+ ---- caller cancels (CANCEL) ----> missed
 *        offer ----> | alerting  | ---- agent rejects (486/603) ----> rejected
 *                    +-----------+ ---- set-up fails -----------------> failed
 *                          |       ---- agent abandons --------------> abandoned
 *                  answer  | (200 OK, work item accepted)
 *                          v
 *                    +-----------+ ---- media / dialog lost ---------> failed
 *                    | connected | ---- handed to another agent -----> transferred
 *                    +-----------+ ---- agent abandons --------------> abandoned
 *              hold |  ^ retrieve
 *     (live only)   v  |
 *                    +-----------+ ---- failed | transferred | abandoned, as above
 *                    |   held    |
 *                    +-----------+
 *            release (BYE sent | received; work item closed), from connected or held
 *                          v
 *                    +-----------+
 *                    |  wrap-up  |   disposition and notes (withWrapUp)  -- abandon --> abandoned
 *                    +-----------+
 *              Done or the wrap up timer
 *                          v
 *                        ended
 * ```
 *
 * `ended`, `rejected`, `missed`, `failed`, `transferred` (the interaction left this agent) and
 * `abandoned` (freed without the far side's answer) are ends: nothing moves out of them.
 * Only live interactions (voice, video, callback) can be held.
 * Interactions are frozen values; every function here returns a new one.
 */
import { interactionKind } from './capabilities.ts';
import { ContactPadError } from './errors.ts';
import type { Channel, Direction, Interaction, InteractionState, JourneyEvent, JourneyEventKind } from './interaction.ts';

/** Every interaction state, in the order of the diagram. */
export const INTERACTION_STATES: readonly InteractionState[] = Object.freeze([
  'alerting',
  'connected',
  'held',
  'wrap-up',
  'ended',
  'rejected',
  'missed',
  'failed',
  'transferred',
  'abandoned',
] as const);

/** The table of allowed moves: `INTERACTION_TRANSITIONS[from]` lists every legal `to`. */
export const INTERACTION_TRANSITIONS: Readonly<Record<InteractionState, readonly InteractionState[]>> = Object.freeze({
  alerting: Object.freeze(['connected', 'rejected', 'missed', 'failed', 'abandoned'] as const),
  connected: Object.freeze(['held', 'wrap-up', 'failed', 'transferred', 'abandoned'] as const),
  held: Object.freeze(['connected', 'wrap-up', 'failed', 'transferred', 'abandoned'] as const),
  'wrap-up': Object.freeze(['ended', 'abandoned'] as const),
  ended: Object.freeze([] as const),
  rejected: Object.freeze([] as const),
  missed: Object.freeze([] as const),
  failed: Object.freeze([] as const),
  transferred: Object.freeze([] as const),
  abandoned: Object.freeze([] as const),
});

/**
 * The journey event each move records unless the caller names another (e.g. 'remote-hangup'),
 * by target state. One exception: held -> connected records 'retrieved' (see {@link defaultJourneyKind}).
 */
export const DEFAULT_JOURNEY_KIND: Readonly<Record<InteractionState, JourneyEventKind>> = Object.freeze({
  alerting: 'offered',
  connected: 'answered',
  held: 'held',
  'wrap-up': 'released',
  ended: 'wrapped-up',
  rejected: 'rejected',
  missed: 'missed',
  failed: 'failed',
  transferred: 'transferred',
  abandoned: 'abandoned',
});

/** The journey event a move `from` -> `to` records by default: 'retrieved' off hold, else {@link DEFAULT_JOURNEY_KIND}. */
export function defaultJourneyKind(from: InteractionState, to: InteractionState): JourneyEventKind {
  return from === 'held' && to === 'connected' ? 'retrieved' : DEFAULT_JOURNEY_KIND[to];
}

const CHANNELS: readonly Channel[] = ['voice', 'video', 'callback', 'chat', 'email', 'case'];
const DIRECTIONS: readonly Direction[] = ['inbound', 'outbound'];

/** What is known when an interaction is offered (a SIP INVITE, a callback, a click to dial). */
export interface InteractionOffer {
  /** X-CP-Interaction-Id, or the SIP Call-ID when the platform sent none. Must not be blank. */
  readonly id: string;
  readonly channel: Channel;
  readonly direction: Direction;
  /** From / P-Asserted-Identity display name. */
  readonly callerName?: string;
  /** From / P-Asserted-Identity user part, as sent. */
  readonly callerNumber?: string;
  /** X-CP-Queue. */
  readonly queue?: string;
  /** X-CP-Location ("Call To"). */
  readonly location?: string;
  /** X-CP-Ad-Source. */
  readonly adSource?: string;
}

/** How a move happened: the journey event kind (default per target state) and free text. */
export interface InteractionTransitionHow {
  readonly kind?: JourneyEventKind;
  /** "486 Busy Here", "caller hung up"... */
  readonly detail?: string;
}

/** True when the table allows `from` -> `to`. */
export function canTransitionInteraction(from: InteractionState, to: InteractionState): boolean {
  return INTERACTION_TRANSITIONS[from]?.includes(to) ?? false;
}

/**
 * An end state: `ended`, `rejected`, `missed`, `failed`, `transferred` or `abandoned`
 * (nothing moves out; the interaction no longer occupies the agent).
 */
export function isFinished(state: InteractionState): boolean {
  return (
    state === 'ended' || state === 'rejected' || state === 'missed' || state === 'failed' || state === 'transferred' || state === 'abandoned'
  );
}

/** True while media flows (SIP dialog confirmed, not on hold): the `connected` state. */
export function isLive(state: InteractionState): boolean {
  return state === 'connected';
}

/** True while the agent is talking or chatting with the customer: `connected` or `held` (answered, not yet released). */
export function isInProgress(state: InteractionState): boolean {
  return state === 'connected' || state === 'held';
}

/**
 * A new interaction in `alerting` (SIP INVITE received, or an outbound call ringing), with
 * its journey starting at 'offered'. Text that is missing or not a string becomes ''; text
 * is trimmed and control characters become spaces, so outside data never breaks a line of
 * the log. Throws INVALID_INTERACTION for a blank id or an unknown channel or direction.
 */
export function offerInteraction(fields: InteractionOffer, at: number): Interaction {
  const id = cleanText(fields.id);
  if (id === '') throw new ContactPadError('INVALID_INTERACTION', 'An interaction needs an id (X-CP-Interaction-Id or the SIP Call-ID)');
  if (!CHANNELS.includes(fields.channel)) {
    throw new ContactPadError('INVALID_INTERACTION', `Unknown interaction channel ${JSON.stringify(String(fields.channel))}`);
  }
  if (!DIRECTIONS.includes(fields.direction)) {
    throw new ContactPadError('INVALID_INTERACTION', `Unknown interaction direction ${JSON.stringify(String(fields.direction))}`);
  }
  return freezeInteraction({
    id,
    channel: fields.channel,
    direction: fields.direction,
    callerName: cleanText(fields.callerName),
    callerNumber: cleanText(fields.callerNumber),
    queue: cleanText(fields.queue),
    location: cleanText(fields.location),
    adSource: cleanText(fields.adSource),
    state: 'alerting',
    offeredAt: at,
    journey: [{ at, kind: 'offered' }],
    disposition: '',
    notes: '',
  });
}

/**
 * Moves an interaction to `to`, checking {@link INTERACTION_TRANSITIONS}. Returns a new frozen
 * interaction with one more journey event (kind from `how.kind`, else
 * {@link defaultJourneyKind}) and the timestamps that move sets: `answeredAt` when answered
 * (not when retrieved from hold), `releasedAt` when a connected or held interaction stops
 * (wrap-up, failed, transferred, abandoned), `endedAt` on every end state. Throws
 * INVALID_TRANSITION ("Invalid transition from X to Y") for a move the table does not allow,
 * and for holding a chat, email or case (only live interactions can be held).
 */
export function transitionInteraction(
  interaction: Interaction,
  to: InteractionState,
  at: number,
  how: InteractionTransitionHow = {},
): Interaction {
  const from = interaction.state;
  if (!canTransitionInteraction(from, to)) {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition from ${from} to ${to}`, {
      detail: { interactionId: interaction.id, from, to },
    });
  }
  if (to === 'held' && interactionKind(interaction.channel) !== 'live') {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition from ${from} to ${to}: a ${interaction.channel} cannot be held`, {
      detail: { interactionId: interaction.id, from, to, channel: interaction.channel },
    });
  }
  const detail = cleanText(how.detail);
  const kind = how.kind ?? defaultJourneyKind(from, to);
  const event: JourneyEvent = detail === '' ? { at, kind } : { at, kind, detail };
  const next: Writable<Interaction> = { ...interaction, state: to, journey: [...interaction.journey, event] };
  if (to === 'connected' && from === 'alerting') next.answeredAt = at;
  if (isInProgress(from) && !isInProgress(to)) next.releasedAt = at;
  if (isFinished(to)) next.endedAt = at;
  return freezeInteraction(next);
}

/**
 * Records the wrap up details (Task CallDisposition and Description notes). Allowed while
 * `connected` or `held` (the agent may type during the call) or in `wrap-up`; a field left undefined
 * keeps its value. The disposition is trimmed; notes are kept as typed. Throws
 * INTERACTION_CLOSED in any other state.
 */
export function withWrapUp(interaction: Interaction, details: { readonly disposition?: string; readonly notes?: string }): Interaction {
  if (!isInProgress(interaction.state) && interaction.state !== 'wrap-up') {
    throw new ContactPadError(
      'INTERACTION_CLOSED',
      `Cannot record wrap up details for interaction ${interaction.id}: it is ${interaction.state}, not connected, held or in wrap-up`,
      { detail: { interactionId: interaction.id, state: interaction.state } },
    );
  }
  return freezeInteraction({
    ...interaction,
    disposition: details.disposition === undefined ? interaction.disposition : cleanText(details.disposition),
    notes: details.notes === undefined ? interaction.notes : typeof details.notes === 'string' ? details.notes : '',
  });
}

/**
 * Fills in who the customer is once it is known (the record behind a chat, email or case was
 * read): only blank fields are filled, so what the platform sent is never overwritten. Text is
 * cleaned as in {@link offerInteraction}.
 */
export function withCustomer(interaction: Interaction, customer: { readonly name?: string; readonly number?: string }): Interaction {
  const name = cleanText(customer.name);
  const number = cleanText(customer.number);
  const callerName = interaction.callerName === '' ? name : interaction.callerName;
  const callerNumber = interaction.callerNumber === '' ? number : interaction.callerNumber;
  if (callerName === interaction.callerName && callerNumber === interaction.callerNumber) return interaction;
  return freezeInteraction({ ...interaction, callerName, callerNumber });
}

/**
 * A work item's channel once its record says it (a Case that came in by email is an email,
 * not a case: Omni-Channel routes both as a Case). Only the non-live channels of one record
 * type can be told apart this way: a case may become an email and back; anything else is a
 * bug in the caller (INVALID_INTERACTION). Unchanged channel: the same value.
 */
export function withWorkChannel(interaction: Interaction, channel: Channel): Interaction {
  if (channel === interaction.channel) return interaction;
  const caseRecord: readonly Channel[] = ['case', 'email'];
  if (!caseRecord.includes(interaction.channel) || !caseRecord.includes(channel)) {
    throw new ContactPadError('INVALID_INTERACTION', `A ${interaction.channel} cannot become a ${channel}: only a Case's email and case channels are told apart by its record.`, {
      detail: { from: interaction.channel, to: channel },
    });
  }
  return freezeInteraction({ ...interaction, channel });
}

/**
 * Talk time in whole seconds (rounded down): from `answeredAt` to `releasedAt`, or to `at`
 * while still connected or held (hold time counts, as in CallDurationInSeconds) (0 when `at` is not given). 0 when never answered. Maps to the Task's
 * CallDurationInSeconds.
 */
export function talkSeconds(interaction: Interaction, at?: number): number {
  if (interaction.answeredAt === undefined) return 0;
  const end = interaction.releasedAt ?? at;
  if (end === undefined || !Number.isFinite(end)) return 0;
  return Math.max(0, Math.floor((end - interaction.answeredAt) / 1000));
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

function freezeInteraction(interaction: Interaction): Interaction {
  const journey = Object.freeze(interaction.journey.map((event) => Object.freeze({ ...event })));
  return Object.freeze({ ...interaction, journey });
}

// C0 and C1 control characters (CR, LF, TAB, NUL, ESC...).
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]+/g;

function cleanText(value: unknown): string {
  return typeof value === 'string' ? value.replace(CONTROL_CHARACTERS, ' ').trim() : '';
}
