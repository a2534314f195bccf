/**
 * The agent's state: what the contact center may send them.
 *
 * TYPES ARE THE CONTRACT (the widget and controller depend on them); the table and the
 * transition function below are filled in by the model work.
 */

/** The state itself. Busy: an interaction is live. Wrap Up: after-call work, on a timer. */
export type AgentStatus = 'offline' | 'ready' | 'not-ready' | 'busy' | 'wrap-up';

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
