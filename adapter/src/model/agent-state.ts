/**
 * The agent's state: what the contact center may send them.
 *
 * TYPES ARE THE CONTRACT (the widget and controller depend on them). Below them: the table
 * of allowed moves and the operations the controller calls, all pure (time comes in as `at`).
 */
import { ContactPadError } from './errors.ts';

/**
 * The state itself. Busy: an interaction is live. Wrap Up: after-call work, on a timer.
 * Cooldown: a short pause after a callback or a reject (management setting), on a timer.
 * Inactive: put aside after a reject (management setting); left only by choosing a state.
 */
export type AgentStatus = 'offline' | 'ready' | 'not-ready' | 'busy' | 'wrap-up' | 'cooldown' | 'inactive';

/** A state the agent can choose; Busy, Wrap Up, Cooldown and Inactive follow the work or a setting, never a choice. */
export type AgentStatusChoice =
  | { readonly status: 'ready' }
  | { readonly status: 'not-ready'; readonly reason: string }
  | { readonly status: 'offline' };

export interface AgentState {
  readonly status: AgentStatus;
  /** The Not Ready reason while Not Ready; '' otherwise. */
  readonly reason: string;
  /** What the agent chose last (the intended next state): where Busy, Wrap Up and Cooldown return to. */
  readonly chosen: AgentStatusChoice;
  /** When the current status began (epoch ms). */
  readonly since: number;
  /** While in Wrap Up: when it ends on its own (epoch ms). */
  readonly wrapUpEndsAt?: number;
  /** While in Cooldown: when it ends on its own (epoch ms). */
  readonly cooldownEndsAt?: number;
}

/*
 * The agent state machine.
 *
 * ```
 *     offline <----> ready <----> not-ready --+
 *        ^  <--------------------->    ^      | reason change
 *        |     (all moves: choose)     +------+
 *        |
 *        |      ready | not-ready | cooldown
 *        |            | work started
 *        |            v
 *        |          busy <-------------------------+
 *        |            | work ended, wrap up > 0    | new call accepted
 *        |            v                            |
 *        |         wrap-up ------------------------+
 *        |            | wrap up ended (timer or Done);
 *        |            v busy comes here directly when there is no wrap up
 *        |      [cooldown] after a callback (setting), on a timer; also ready -> cooldown after a reject
 *        |            v
 *        +---- the chosen state: ready | not-ready | offline
 *
 *     ready -- reject (setting stateAfterReject = inactive) --> inactive -- choose --> ready | not-ready | offline
 * ```
 *
 * Busy, Wrap Up and Cooldown follow the work, never a choice: a choice made during them is
 * kept in `chosen` (the intended next state) and applied when they end. Inactive is left only
 * by a choice, applied at once.
 */

/** Every agent status, in the order of the diagram. */
export const AGENT_STATUSES: readonly AgentStatus[] = Object.freeze(['offline', 'ready', 'not-ready', 'busy', 'wrap-up', 'cooldown', 'inactive'] as const);

/** The table of allowed moves: `AGENT_TRANSITIONS[from]` lists every legal `to`. */
export const AGENT_TRANSITIONS: Readonly<Record<AgentStatus, readonly AgentStatus[]>> = Object.freeze({
  offline: Object.freeze(['ready', 'not-ready'] as const),
  // cooldown / inactive: after a reject, as the management settings say.
  ready: Object.freeze(['not-ready', 'offline', 'busy', 'cooldown', 'inactive'] as const),
  'not-ready': Object.freeze(['ready', 'offline', 'busy', 'not-ready'] as const),
  // ready / not-ready / offline: the work ended with no wrap up; cooldown: after a callback.
  busy: Object.freeze(['wrap-up', 'ready', 'not-ready', 'offline', 'cooldown'] as const),
  // busy: a new call accepted during wrap up; the others: wrap up ended.
  'wrap-up': Object.freeze(['busy', 'ready', 'not-ready', 'offline', 'cooldown'] as const),
  // busy: the agent placed a call; the others: cooldown ended.
  cooldown: Object.freeze(['busy', 'ready', 'not-ready', 'offline'] as const),
  inactive: Object.freeze(['ready', 'not-ready', 'offline'] as const),
});

/** Optional facts for {@link transitionAgent}. */
export interface AgentTransitionExtra {
  /** The Not Ready reason (required, non-blank, when moving to not-ready unless `chosen` holds one). */
  readonly reason?: string;
  /** What the agent chose; by default the target itself when it is choosable, else unchanged. */
  readonly chosen?: AgentStatusChoice;
  /** When wrap up ends on its own (only kept when moving to wrap-up). */
  readonly wrapUpEndsAt?: number;
  /** When cooldown ends (only kept when moving to cooldown). */
  readonly cooldownEndsAt?: number;
}

/** True when the table allows `from` -> `to`. */
export function canTransitionAgent(from: AgentStatus, to: AgentStatus): boolean {
  return AGENT_TRANSITIONS[from]?.includes(to) ?? false;
}

/**
 * Moves the agent to `to` at `at`, checking {@link AGENT_TRANSITIONS}; throws
 * INVALID_TRANSITION ("Invalid transition from X to Y") on an illegal move, and
 * INVALID_AGENT_STATE_CHOICE for Not Ready without a reason. Returns a new frozen state.
 * Prefer the operations below; every move between statuses goes through this function.
 */
export function transitionAgent(state: AgentState, to: AgentStatus, at: number, extra: AgentTransitionExtra = {}): AgentState {
  if (!canTransitionAgent(state.status, to)) {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition from ${state.status} to ${to}`, {
      detail: { from: state.status, to },
    });
  }
  let reason = '';
  if (to === 'not-ready') {
    reason = cleanReason(extra.reason ?? (extra.chosen?.status === 'not-ready' ? extra.chosen.reason : ''));
    if (reason === '') throw new ContactPadError('INVALID_AGENT_STATE_CHOICE', 'Not Ready needs a reason');
  }
  const chosen: AgentStatusChoice =
    extra.chosen ?? (to === 'ready' || to === 'offline' ? { status: to } : to === 'not-ready' ? { status: 'not-ready', reason } : state.chosen);
  const next: { -readonly [K in keyof AgentState]: AgentState[K] } = { status: to, reason, chosen: Object.freeze({ ...chosen }), since: at };
  if (to === 'wrap-up' && extra.wrapUpEndsAt !== undefined) next.wrapUpEndsAt = extra.wrapUpEndsAt;
  if (to === 'cooldown' && extra.cooldownEndsAt !== undefined) next.cooldownEndsAt = extra.cooldownEndsAt;
  return Object.freeze(next);
}

/** The state at start-up, before the agent chooses: Offline (not registered, no work offered). */
export function initialAgentState(at: number): AgentState {
  return Object.freeze({ status: 'offline', reason: '', chosen: Object.freeze({ status: 'offline' }), since: at });
}

/**
 * The agent picks Ready, Not Ready (with a reason) or Offline in the state control. From
 * Offline, Ready, Not Ready or Inactive the agent moves now; while Busy, in Wrap Up or in
 * Cooldown only `chosen` (the intended next state) is remembered, and applied when they end.
 * Choosing the status the agent is already in (same reason) changes nothing. Throws
 * INVALID_AGENT_STATE_CHOICE for a Not Ready without a reason or an unknown status.
 */
export function chooseAgentStatus(state: AgentState, choice: AgentStatusChoice, at: number): AgentState {
  const normalized = normalizeChoice(choice);
  if (followsWork(state.status)) {
    return Object.freeze({ ...state, chosen: normalized });
  }
  const reason = normalized.status === 'not-ready' ? normalized.reason : '';
  if (state.status === normalized.status && state.reason === reason) {
    return sameChoice(state.chosen, normalized) ? state : Object.freeze({ ...state, chosen: normalized });
  }
  return transitionAgent(state, normalized.status, at, { reason, chosen: normalized });
}

/**
 * An interaction became live (a call answered, an outbound call placed): the agent is Busy.
 * From Ready, Not Ready, Wrap Up or Cooldown (their timer is dropped); from Busy nothing
 * changes; from Offline or Inactive this throws INVALID_TRANSITION.
 */
export function agentWorkStarted(state: AgentState, at: number): AgentState {
  if (state.status === 'busy') return state;
  return transitionAgent(state, 'busy', at);
}

/**
 * The live interaction was released. With `wrapUpMs` > 0 the agent enters Wrap Up until
 * `at + wrapUpMs`; with `Infinity` Wrap Up has no timer and lasts until the agent presses Done
 * (see `wrapUpDurationMs` in settings.ts); with 0 or less there is no Wrap Up: the agent goes
 * to Cooldown for `cooldownMs` when that is > 0 (after a callback, see `cooldownAfterCallback`),
 * else straight to the state they chose. With a Wrap Up, pass the cooldown to
 * {@link agentWrapUpEnded} instead. Only from Busy (else INVALID_TRANSITION).
 */
export function agentWorkEnded(state: AgentState, at: number, wrapUpMs: number, cooldownMs = 0): AgentState {
  if (state.status !== 'busy') {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition from ${state.status} to wrap-up: no work in progress`, {
      detail: { from: state.status, to: 'wrap-up' },
    });
  }
  if (wrapUpMs === Number.POSITIVE_INFINITY) return transitionAgent(state, 'wrap-up', at);
  if (Number.isFinite(wrapUpMs) && wrapUpMs > 0) return transitionAgent(state, 'wrap-up', at, { wrapUpEndsAt: at + wrapUpMs });
  return coolDownOrReturn(state, at, cooldownMs);
}

/**
 * Wrap Up is over (its timer ran out, or the agent pressed Done): the agent goes to Cooldown
 * for `cooldownMs` when that is > 0 (after a callback), else to the state they chose, with its
 * Not Ready reason. Only from Wrap Up (else INVALID_TRANSITION), so a late timer cannot pull a
 * Busy agent out of a call.
 */
export function agentWrapUpEnded(state: AgentState, at: number, cooldownMs = 0): AgentState {
  if (state.status !== 'wrap-up') {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition from ${state.status} to ${state.chosen.status}: not in wrap-up`, {
      detail: { from: state.status, to: state.chosen.status },
    });
  }
  return coolDownOrReturn(state, at, cooldownMs);
}

/**
 * The agent extended a timed Wrap Up: it now ends at `endsAt` (a time, in ms). Not a move
 * between statuses (the status and `since` stay), so it is the one change that does not go
 * through {@link transitionAgent}. Only in Wrap Up (else INVALID_TRANSITION); an end that is not
 * a finite time is refused as INVALID_INPUT.
 */
export function agentWrapUpExtended(state: AgentState, endsAt: number): AgentState {
  if (state.status !== 'wrap-up') {
    throw new ContactPadError('INVALID_TRANSITION', `Only Wrap Up can be extended, not ${state.status}`, { detail: { from: state.status, to: 'wrap-up' } });
  }
  if (!Number.isFinite(endsAt)) throw new ContactPadError('INVALID_INPUT', 'A wrap up is extended to a time.');
  return Object.freeze({ ...state, wrapUpEndsAt: endsAt });
}

/** True when the agent is in a timed Wrap Up whose end (`wrapUpEndsAt`) has come by `now`. */
export function agentWrapUpDue(state: AgentState, now: number): boolean {
  return state.status === 'wrap-up' && state.wrapUpEndsAt !== undefined && now >= state.wrapUpEndsAt;
}

/**
 * Cooldown starts (after a callback, or after a reject when the settings say so) and lasts
 * until `at + cooldownMs`; the chosen state is kept for when it ends. From Ready, Busy or Wrap
 * Up. A `cooldownMs` that is not a finite number > 0 means no cooldown: a Ready agent stays
 * as they are, a Busy or Wrap Up agent goes to the state they chose. From any other status
 * this throws INVALID_TRANSITION.
 */
export function agentCooldownStarted(state: AgentState, at: number, cooldownMs: number): AgentState {
  if (!canTransitionAgent(state.status, 'cooldown')) {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition from ${state.status} to cooldown`, {
      detail: { from: state.status, to: 'cooldown' },
    });
  }
  if (!isCooldownLength(cooldownMs)) return state.status === 'ready' ? state : returnToChosen(state, at);
  return transitionAgent(state, 'cooldown', at, { cooldownEndsAt: at + cooldownMs });
}

/**
 * Cooldown is over (its timer ran out): the agent goes to the state they chose, with its Not
 * Ready reason. Only from Cooldown (else INVALID_TRANSITION), so a late timer changes nothing
 * the agent did since.
 */
export function agentCooldownEnded(state: AgentState, at: number): AgentState {
  if (state.status !== 'cooldown') {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition from ${state.status} to ${state.chosen.status}: not in cooldown`, {
      detail: { from: state.status, to: state.chosen.status },
    });
  }
  return returnToChosen(state, at);
}

/** True when the agent is in Cooldown and its end (`cooldownEndsAt`) has come by `now`. */
export function agentCooldownDue(state: AgentState, now: number): boolean {
  return state.status === 'cooldown' && state.cooldownEndsAt !== undefined && now >= state.cooldownEndsAt;
}

/**
 * The agent is made Inactive (after a reject, when the settings say so): no work is offered
 * until the agent chooses a state. Only from Ready (else INVALID_TRANSITION); Inactive again
 * changes nothing.
 */
export function agentMadeInactive(state: AgentState, at: number): AgentState {
  if (state.status === 'inactive') return state;
  return transitionAgent(state, 'inactive', at);
}

/** Where the agent goes after rejecting an offered interaction (management setting `stateAfterReject`). */
export type StateAfterReject = 'stay' | 'not-ready' | 'inactive' | 'cooldown';

/** The management settings {@link afterReject} applies (see settings.ts). */
export interface RejectSettings {
  /** Where the agent goes after rejecting an offered interaction. */
  readonly stateAfterReject: StateAfterReject;
  /** The Not Ready reason used by 'not-ready'. */
  readonly rejectNotReadyReason: string;
  /** The cooldown length used by 'cooldown' (0: no cooldown). */
  readonly cooldownSeconds: number;
}

/**
 * The agent rejected an offered interaction: applies the management setting
 * `stateAfterReject`. For a Ready agent (the one work is offered to): 'stay' changes nothing;
 * 'not-ready' moves to Not Ready with `rejectNotReadyReason` (which becomes the chosen state);
 * 'inactive' moves to Inactive; 'cooldown' moves to Cooldown for `cooldownSeconds` (nothing
 * when 0). For a Busy, Wrap Up or Cooldown agent (an extra interaction was rejected during
 * other work): 'not-ready' becomes the intended next state, applied when the work ends;
 * 'inactive' and 'cooldown' change nothing (the agent is at work, not away). Offline, Not Ready
 * and Inactive agents are not changed. Never throws: a blank reason falls back to 'Rejected call'.
 */
export function afterReject(state: AgentState, at: number, settings: RejectSettings): AgentState {
  const reason = cleanReason(settings.rejectNotReadyReason) || 'Rejected call';
  switch (settings.stateAfterReject) {
    case 'not-ready':
      return state.status === 'ready' || followsWork(state.status) ? chooseAgentStatus(state, { status: 'not-ready', reason }, at) : state;
    case 'inactive':
      return state.status === 'ready' ? agentMadeInactive(state, at) : state;
    case 'cooldown':
      return state.status === 'ready' ? agentCooldownStarted(state, at, settings.cooldownSeconds * 1000) : state;
    default:
      return state;
  }
}

/** True while the status follows the work (Busy, Wrap Up, Cooldown): a choice is only remembered. */
function followsWork(status: AgentStatus): boolean {
  return status === 'busy' || status === 'wrap-up' || status === 'cooldown';
}

function isCooldownLength(ms: number): boolean {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0;
}

function coolDownOrReturn(state: AgentState, at: number, cooldownMs: number): AgentState {
  return isCooldownLength(cooldownMs) ? transitionAgent(state, 'cooldown', at, { cooldownEndsAt: at + cooldownMs }) : returnToChosen(state, at);
}

function returnToChosen(state: AgentState, at: number): AgentState {
  const chosen = state.chosen;
  return transitionAgent(state, chosen.status, at, { chosen, reason: chosen.status === 'not-ready' ? chosen.reason : '' });
}

function normalizeChoice(choice: AgentStatusChoice): AgentStatusChoice {
  const status: unknown = (choice as { status?: unknown } | null | undefined)?.status;
  if (status === 'ready' || status === 'offline') return Object.freeze({ status });
  if (status === 'not-ready') {
    const reason = cleanReason((choice as { reason?: unknown }).reason);
    if (reason === '') throw new ContactPadError('INVALID_AGENT_STATE_CHOICE', 'Not Ready needs a reason');
    return Object.freeze({ status, reason });
  }
  throw new ContactPadError('INVALID_AGENT_STATE_CHOICE', `The agent cannot choose the state ${JSON.stringify(String(status))}`);
}

function sameChoice(a: AgentStatusChoice, b: AgentStatusChoice): boolean {
  return a.status === b.status && (a.status !== 'not-ready' || (b.status === 'not-ready' && a.reason === b.reason));
}

function cleanReason(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
