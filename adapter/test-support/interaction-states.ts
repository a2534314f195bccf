/**
 * Interactions for the interaction state machine's tests: a fixed start time, every state
 * written out independently of the model's table, a call as it is offered, and an interaction
 * brought to each state through the model's legal moves.
 */
import type { Interaction, InteractionState } from '../src/model/interaction.ts';
import { offerInteraction, transitionInteraction } from '../src/model/interaction-state.ts';

/** 2026-11-22 10:02:03 UTC, when the test calls are offered. */
export const T0 = Date.UTC(2026, 10, 22, 10, 2, 3);

/** Every interaction state, written out independently of the model's table. */
export const ALL_STATES: readonly InteractionState[] = ['alerting', 'connected', 'held', 'wrap-up', 'ended', 'rejected', 'missed', 'failed', 'transferred', 'abandoned'];

/** Ada Lovelace's inbound voice call to Sales, offered at {@link T0}. */
export function offeredCall(): Interaction {
  return offerInteraction(
    { id: 'cp-1001', channel: 'voice', direction: 'inbound', callerName: 'Ada Lovelace', callerNumber: '+1 (415) 555-0100', queue: 'Sales' },
    T0,
  );
}

/** An interaction brought to `state` through legal moves, one second apart. */
export function interactionIn(state: InteractionState): Interaction {
  const alerting = offeredCall();
  switch (state) {
    case 'alerting':
      return alerting;
    case 'rejected':
    case 'missed':
    case 'failed':
    case 'abandoned':
      return transitionInteraction(alerting, state, T0 + 1000);
    case 'connected':
      return transitionInteraction(alerting, 'connected', T0 + 1000);
    case 'held':
    case 'transferred':
      return transitionInteraction(interactionIn('connected'), state, T0 + 2000);
    case 'wrap-up':
      return transitionInteraction(interactionIn('connected'), 'wrap-up', T0 + 2000);
    case 'ended':
      return transitionInteraction(interactionIn('wrap-up'), 'ended', T0 + 3000);
  }
}
