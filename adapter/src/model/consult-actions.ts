/**
 * What the agent may do with the two calls of a consult (seed 004: "a consult call on a
 * second line while the first is held"): the call the consult is about (the original) and the
 * consult call, each by its own state, its partner's and whether they are a three-way call.
 * The capability table (capabilities.ts) gives a live call's actions alone; this narrows and
 * adds to them while the pair lasts:
 *
 * | consult call          | original          | on the consult call                                  | on the original            |
 * |-----------------------|-------------------|------------------------------------------------------|----------------------------|
 * | alerting (ringing)    | held              | release (cancel the consult)                         | release                    |
 * | connected             | held              | release, drop-consult, hold, complete-transfer, conference | retrieve (swap), release, transfer |
 * | held                  | connected         | retrieve (swap), release, complete-transfer, conference    | release, hold, transfer    |
 * | three-way (both connected)                | release (that party leaves), complete-transfer, leave-conference | release, leave-conference |
 * | its original is over  | -                 | release, hold (a call of its own; nothing to consult or transfer) | -           |
 *
 * Retrieve on either call of the pair holds the other first (never two un-held calls: the
 * voice desk's swap), except in a three-way call, where nothing is held.
 */
import type { InteractionAction } from './interaction-action.ts';
import type { InteractionState } from './interaction.ts';
import { isInProgress } from './interaction-state.ts';

/** A call's place in a consult pair. */
export interface ConsultPair {
  /** The consult call, or the call it is about. */
  readonly role: 'consult' | 'original';
  /** The other call's state; undefined once it left the list. */
  readonly partner: InteractionState | undefined;
  /** Both calls are joined in a three-way call. */
  readonly conference: boolean;
}

/** Removes `drop` from `actions`, keeping the order. */
function without(actions: readonly InteractionAction[], ...drop: InteractionAction[]): InteractionAction[] {
  return actions.filter((action) => !drop.includes(action));
}

/**
 * The actions of a call in a consult pair (see the table above), from what the capability
 * table allows it alone (`alone`, for its kind and state). Frozen.
 */
export function consultPairActions(state: InteractionState, alone: readonly InteractionAction[], pair: ConsultPair): readonly InteractionAction[] {
  const partnerUp = pair.partner !== undefined && isInProgress(pair.partner);
  let actions: InteractionAction[];
  if (pair.role === 'consult') {
    // A consult call is a call between colleagues: it is neither consulted about nor transferred.
    const own = without(alone, 'consult', 'transfer');
    if (state === 'alerting') actions = ['release'];
    else if (!isInProgress(state) || !partnerUp) actions = own;
    else if (pair.conference) actions = ['release', 'complete-transfer', 'leave-conference'];
    else if (state === 'connected') actions = [...own, ...(pair.partner === 'held' ? (['drop-consult'] as const) : []), 'complete-transfer', 'conference'];
    else actions = [...own, 'complete-transfer', 'conference'];
  } else if (pair.partner === 'alerting') {
    // The consult still rings: the call stays held until it is answered or given up.
    actions = isInProgress(state) ? ['release'] : [...alone];
  } else if (!partnerUp || !isInProgress(state)) {
    actions = [...alone];
  } else if (pair.conference) {
    actions = ['release', 'leave-conference'];
  } else {
    // One consult at a time.
    actions = without(alone, 'consult');
  }
  return Object.freeze(actions);
}
