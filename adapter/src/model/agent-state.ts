/**
 * The agent's state: what the contact center may send them.
 *
 * TYPES ARE THE CONTRACT (the widget and controller depend on them). Below them: the table
 * of allowed moves and the operations the controller calls, all pure (time comes in as `at`).
 */
import { ContactPadError } from './errors.ts';

/** The state itself. Busy: an interaction is live. Wrap Up: after-call work, on a timer. */
export type AgentStatus = 'offline' | 'ready' | 'not-ready' | 'busy' | 'wrap-up' | 'cooldown' | 'inactive';

/** A state the agent can choose; Busy and Wrap Up follow the work, never a choice. */
export type AgentStatusChoice =
  | { readonly status: 'ready' }
  | { readonly status: 'not-ready'; readonly reason: string }
  | { readonly status: 'offline' };

export interface AgentState {
  readonly status: AgentStatus;
  /** The Not Ready reason while Not Ready; '' otherwise. */
  readonly reason: string;
  /** What the agent chose last: where Busy and Wrap Up return to. */
  readonly chosen: AgentStatusChoice;
  /** When the current status began (epoch ms). */
  readonly since: number;
  /** While in Wrap Up: when it ends on its own (epoch ms). */
  readonly wrapUpEndsAt?: number;
}

/*
 * The agent state machine.
 *
 * ```
 *     offline <----> ready <----> not-ready --+
 *        ^  <--------------------->    ^      | reason change
 *        |     (all moves: choose)     +------+
 *        |
 *        |      ready | not-ready
 *        |            | work started
 *        |            v
 *        |          busy <-------------------------+
 *        |            | work ended, wrap up > 0    | new call accepted
 *        |            v                            |
 *        |         wrap-up ------------------------+
 *        |            | wrap up ended (timer or Done);
 *        |            v busy comes here directly when there is no wrap up
 *        +---- the chosen state: ready | not-ready | offline
 * ```
 *
 * Busy and Wrap Up follow the work, never a choice: a choice made during them is kept in
 * `chosen` and applied when the work (or its wrap up) ends.
 */

/** Every agent status, in the order of the diagram. */
export const AGENT_STATUSES: readonly AgentStatus[] = Object.freeze(['offline', 'ready', 'not-ready', 'busy', 'wrap-up'] as const);

/** The table of allowed moves: `AGENT_TRANSITIONS[from]` lists every legal `to`. */
export const AGENT_TRANSITIONS: Readonly<Record<AgentStatus, readonly AgentStatus[]>> = Object.freeze({
  offline: Object.freeze(['ready', 'not-ready'] as const),
  ready: Object.freeze(['not-ready', 'offline', 'busy'] as const),
  'not-ready': Object.freeze(['ready', 'offline', 'busy', 'not-ready'] as const),
  // ready / not-ready / offline: the work ended with no wrap up; the agent goes where they chose.
  busy: Object.freeze(['wrap-up', 'ready', 'not-ready', 'offline'] as const),
  // busy: a new call accepted during wrap up; the others: wrap up ended.
  'wrap-up': Object.freeze(['busy', 'ready', 'not-ready', 'offline'] as const),
});

/** Optional facts for {@link transitionAgent}. */
export interface AgentTransitionExtra {
  /** The Not Ready reason (required, non-blank, when moving to not-ready unless `chosen` holds one). */
  readonly reason?: string;
  /** What the agent chose; by default the target itself when it is choosable, else unchanged. */
  readonly chosen?: AgentStatusChoice;
  /** When wrap up ends on its own (only kept when moving to wrap-up). */
  readonly wrapUpEndsAt?: number;
}

/** True when the table allows `from` -> `to`. */
export function canTransitionAgent(from: AgentStatus, to: AgentStatus): boolean {
  return AGENT_TRANSITIONS[from]?.includes(to) ?? false;
}

/**
 * Moves the agent to `to` at `at`, checking {@link AGENT_TRANSITIONS}; throws
 * INVALID_TRANSITION ("Invalid transition from X to Y") on an illegal move, and
 * INVALID_AGENT_STATE_CHOICE for Not Ready without a reason. Returns a new frozen state.
 * Prefer the operations below; this is the one function they all go through.
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
  const next: AgentState =
    to === 'wrap-up' && extra.wrapUpEndsAt !== undefined
      ? { status: to, reason, chosen: Object.freeze({ ...chosen }), since: at, wrapUpEndsAt: extra.wrapUpEndsAt }
      : { status: to, reason, chosen: Object.freeze({ ...chosen }), since: at };
  return Object.freeze(next);
}

/** The state at start-up, before the agent chooses: Offline (not registered, no work offered). */
export function initialAgentState(at: number): AgentState {
  return Object.freeze({ status: 'offline', reason: '', chosen: Object.freeze({ status: 'offline' }), since: at });
}

/**
 * The agent picks Ready, Not Ready (with a reason) or Offline in the state control. From
 * Offline, Ready or Not Ready the agent moves now; while Busy or in Wrap Up only `chosen` is
 * remembered, and applied when the work ends. Choosing the status the agent is already in
 * (same reason) changes nothing. Throws INVALID_AGENT_STATE_CHOICE for a Not Ready without a
 * reason or an unknown status.
 */
export function chooseAgentStatus(state: AgentState, choice: AgentStatusChoice, at: number): AgentState {
  const normalized = normalizeChoice(choice);
  if (state.status === 'busy' || state.status === 'wrap-up') {
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
 * From Ready, Not Ready or Wrap Up (the wrap up timer is dropped); from Busy nothing changes;
 * from Offline this throws INVALID_TRANSITION.
 */
export function agentWorkStarted(state: AgentState, at: number): AgentState {
  if (state.status === 'busy') return state;
  return transitionAgent(state, 'busy', at);
}

/**
 * The live interaction was released. With `wrapUpMs` > 0 the agent enters Wrap Up until
 * `at + wrapUpMs`; with `Infinity` Wrap Up has no timer and lasts until the agent presses Done
 * (see `wrapUpDurationMs` in settings.ts); with 0 or less the agent goes straight to the state
 * they chose. Only from Busy (else INVALID_TRANSITION).
 */
export function agentWorkEnded(state: AgentState, at: number, wrapUpMs: number): AgentState {
  if (state.status !== 'busy') {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition from ${state.status} to wrap-up: no work in progress`, {
      detail: { from: state.status, to: 'wrap-up' },
    });
  }
  if (wrapUpMs === Number.POSITIVE_INFINITY) return transitionAgent(state, 'wrap-up', at);
  if (Number.isFinite(wrapUpMs) && wrapUpMs > 0) return transitionAgent(state, 'wrap-up', at, { wrapUpEndsAt: at + wrapUpMs });
  return returnToChosen(state, at);
}

/**
 * Wrap Up is over (its timer ran out, or the agent pressed Done): the agent goes to the state
 * they chose, with its Not Ready reason. Only from Wrap Up (else INVALID_TRANSITION), so a late
 * timer cannot pull a Busy agent out of a call.
 */
export function agentWrapUpEnded(state: AgentState, at: number): AgentState {
  if (state.status !== 'wrap-up') {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid transition from ${state.status} to ${state.chosen.status}: not in wrap-up`, {
      detail: { from: state.status, to: state.chosen.status },
    });
  }
  return returnToChosen(state, at);
}

/** True when the agent is in a timed Wrap Up whose end (`wrapUpEndsAt`) has come by `now`. */
export function agentWrapUpDue(state: AgentState, now: number): boolean {
  return state.status === 'wrap-up' && state.wrapUpEndsAt !== undefined && now >= state.wrapUpEndsAt;
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
