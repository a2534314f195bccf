/**
 * Agents for the agent-state tests: a fixed start time and an agent brought to each status
 * through the model's public operations.
 */
import {
  agentMadeInactive,
  agentWorkEnded,
  agentWorkStarted,
  agentWrapUpEnded,
  chooseAgentStatus,
  initialAgentState,
  type AgentState,
  type AgentStatus,
  type AgentStatusChoice,
} from '../src/model/agent-state.ts';

/** The time the test agents start at. */
export const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
/** Not Ready for lunch. */
export const LUNCH: AgentStatusChoice = { status: 'not-ready', reason: 'Lunch' };

/** An agent brought to `status` through the public operations. */
export function agentIn(status: AgentStatus): AgentState {
  const offline = initialAgentState(T0);
  switch (status) {
    case 'offline':
      return offline;
    case 'ready':
      return chooseAgentStatus(offline, { status: 'ready' }, T0 + 1000);
    case 'not-ready':
      return chooseAgentStatus(offline, LUNCH, T0 + 1000);
    case 'busy':
      return agentWorkStarted(agentIn('ready'), T0 + 2000);
    case 'wrap-up':
      return agentWorkEnded(agentIn('busy'), T0 + 3000, 60_000);
    case 'cooldown':
      return agentWrapUpEnded(agentIn('wrap-up'), T0 + 4000, 30_000);
    case 'inactive':
      return agentMadeInactive(agentIn('ready'), T0 + 2000);
  }
}

