/**
 * The capability table (Vonage ContactPad with multi-interaction routing, "What can I do with
 * different types of interactions?"): what the agent may do with an interaction, by its kind
 * (live, semi-live, non-live) and its state. The widget shows exactly these actions and the
 * controller refuses any other.
 *
 * | state     | live (voice, video, callback)        | semi-live (chat)                        | non-live (email, case)               |
 * |-----------|--------------------------------------|-----------------------------------------|--------------------------------------|
 * | alerting  | accept, reject                       | accept, reject                          | accept, reject                       |
 * |  placed   | release (cancels the call ringing)   |                                         |                                      |
 * | connected | release, hold, consult, transfer     | release, consult (+ abandon once a      | release, abandon, consult, transfer  |
 * |           |                                      | release has failed: abandon after       |                                      |
 * |           |                                      | release)                                |                                      |
 * | held      | retrieve, release, consult, transfer | (cannot happen: only live work is held) | (cannot happen)                      |
 * | wrap-up   | extend-wrap-up                       | extend-wrap-up                          | extend-wrap-up                       |
 * | ends      | nothing                              | nothing                                 | nothing                              |
 *
 * Beside the table, the in-call controls of a live call ({@link inCallActions}): mute or
 * unmute while it is connected or held, and the keypad (send-dtmf) while it is connected; and
 * after a live call ({@link afterCallActions}): report a problem with it, in wrap up or ended.
 */
import { ContactPadError } from './errors.ts';
import type { Channel, Interaction } from './interaction.ts';
import type { InteractionAction } from './interaction-action.ts';

/**
 * How the customer and the agent are connected. Live: both at once, in real time (a voice or
 * video call, a callback). Semi-live: turns, but the customer waits (a Live Agent chat).
 * Non-live: the customer does not wait (an email, a case).
 */
export type InteractionKind = 'live' | 'semi-live' | 'non-live';

/** What the table reads of an interaction: its channel and state, and whether the agent placed it (a call ringing at the far end). */
export type CapabilitySubject = Pick<Interaction, 'channel' | 'state'> & { readonly direction?: Interaction['direction'] };

/** What the caller knows beyond the interaction itself. */
export interface CapabilityContext {
  /** A release of this interaction was tried and failed: semi-live work may now be abandoned. */
  readonly releaseFailed: boolean;
}

const KIND_OF: Readonly<Record<Channel, InteractionKind>> = Object.freeze({
  voice: 'live',
  video: 'live',
  callback: 'live',
  chat: 'semi-live',
  email: 'non-live',
  case: 'non-live',
});

/**
 * The kind of a channel: voice, video and callback are live; chat is semi-live; email and case
 * are non-live. Throws INVALID_INTERACTION for a channel that is not one of these.
 */
export function interactionKind(channel: Channel): InteractionKind {
  const kind = Object.hasOwn(KIND_OF, channel) ? KIND_OF[channel] : undefined;
  if (kind === undefined) throw new ContactPadError('INVALID_INTERACTION', `Unknown interaction channel ${JSON.stringify(String(channel))}`);
  return kind;
}

const NOTHING: readonly InteractionAction[] = Object.freeze([]);
const ALERTING: readonly InteractionAction[] = Object.freeze(['accept', 'reject']);
/** A call the agent placed that rings at the far end: only the agent's own hang up (CANCEL); nothing to accept. */
const PLACED_ALERTING: readonly InteractionAction[] = Object.freeze(['release']);
const WRAP_UP: readonly InteractionAction[] = Object.freeze(['extend-wrap-up']);
const LIVE_CONNECTED: readonly InteractionAction[] = Object.freeze(['release', 'hold', 'consult', 'transfer']);
const LIVE_HELD: readonly InteractionAction[] = Object.freeze(['retrieve', 'release', 'consult', 'transfer']);
const SEMI_LIVE_CONNECTED: readonly InteractionAction[] = Object.freeze(['release', 'consult']);
const SEMI_LIVE_CONNECTED_RELEASE_FAILED: readonly InteractionAction[] = Object.freeze(['release', 'abandon', 'consult']);
const NON_LIVE_CONNECTED: readonly InteractionAction[] = Object.freeze(['release', 'abandon', 'consult', 'transfer']);

/**
 * What the agent may do with `interaction` now, in the order the widget shows them (see the
 * table above). Never throws: an unknown channel or state (a bug, or data from outside)
 * allows nothing. The answer is frozen.
 */
export function allowedActions(interaction: CapabilitySubject, context: CapabilityContext): readonly InteractionAction[] {
  const kind = Object.hasOwn(KIND_OF, interaction.channel) ? KIND_OF[interaction.channel] : undefined;
  if (kind === undefined) return NOTHING;
  switch (interaction.state) {
    case 'alerting':
      return kind === 'live' && interaction.direction === 'outbound' ? PLACED_ALERTING : ALERTING;
    case 'connected':
      if (kind === 'live') return LIVE_CONNECTED;
      if (kind === 'semi-live') return context.releaseFailed === true ? SEMI_LIVE_CONNECTED_RELEASE_FAILED : SEMI_LIVE_CONNECTED;
      return NON_LIVE_CONNECTED;
    case 'held':
      return kind === 'live' ? LIVE_HELD : NOTHING;
    case 'wrap-up':
      return WRAP_UP;
    default:
      return NOTHING;
  }
}

const MUTE_CONNECTED: readonly InteractionAction[] = Object.freeze(['mute', 'send-dtmf']);
const UNMUTE_CONNECTED: readonly InteractionAction[] = Object.freeze(['unmute', 'send-dtmf']);
const MUTE_HELD: readonly InteractionAction[] = Object.freeze(['mute']);
const UNMUTE_HELD: readonly InteractionAction[] = Object.freeze(['unmute']);

/**
 * The in-call controls of a live call now: mute (unmute once the agent muted it) while it is
 * connected or held, and send-dtmf (the keypad) while it is connected. Nothing for chats,
 * emails, cases, or calls in any other state. Never throws; the answer is frozen.
 */
export function inCallActions(interaction: Pick<Interaction, 'channel' | 'state'>, context: { readonly muted: boolean }): readonly InteractionAction[] {
  const kind = Object.hasOwn(KIND_OF, interaction.channel) ? KIND_OF[interaction.channel] : undefined;
  if (kind !== 'live') return NOTHING;
  const muted = context.muted === true;
  if (interaction.state === 'connected') return muted ? UNMUTE_CONNECTED : MUTE_CONNECTED;
  if (interaction.state === 'held') return muted ? UNMUTE_HELD : MUTE_HELD;
  return NOTHING;
}

const AFTER_CALL: readonly InteractionAction[] = Object.freeze(['report-problem']);
/** A call is over in wrap up and in every end state (interaction-state.ts isFinished: not imported, it imports this table). */
const OVER: ReadonlySet<string> = new Set(['wrap-up', 'ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned']);

/**
 * What the agent may do about a live call once it is over (in wrap up, or in any end state: ended,
 * missed, rejected, failed, transferred, abandoned): report a problem with it (the call sounded
 * bad, dropped, never rang through). Nothing for chats, emails, cases or calls under way. Never
 * throws; the answer is frozen.
 */
export function afterCallActions(interaction: Pick<Interaction, 'channel' | 'state'>): readonly InteractionAction[] {
  const live = Object.hasOwn(KIND_OF, interaction.channel) && KIND_OF[interaction.channel] === 'live';
  return live && OVER.has(interaction.state) ? AFTER_CALL : NOTHING;
}

/** True when {@link allowedActions} includes `action`: the check the controller makes before carrying an intent out. */
export function isActionAllowed(interaction: CapabilitySubject, action: InteractionAction, context: CapabilityContext): boolean {
  return allowedActions(interaction, context).includes(action);
}
