/**
 * Where the keyboard focus goes when ContactPad re-renders away the element that had it (the
 * Accept of a call pop that became a connected call, Release, Done): somewhere the agent's
 * next step is, never lost to the page's body, where a keyboard or screen reader user would
 * have to start over. In order:
 *
 *   a call ringing in                  -> its call pop (the one that rang first)
 *   the selected interaction          -> its wrap-up form when in wrap up, else its entry in the list
 *   another interaction in wrap up     -> the wrap-up form
 *   a connected or held interaction    -> its entry in the list
 *   otherwise                          -> the agent status
 *
 * A call pop or list entry takes the focus itself, not its Accept or Release button, so a key
 * pressed after the move cannot answer or end a call by surprise.
 */
import type { ContactPadSnapshot } from '../../adapter/src/store.ts';

export type FocusTarget =
  | { readonly kind: 'call-pop'; readonly interactionId: string }
  | { readonly kind: 'wrap-up' }
  | { readonly kind: 'interaction'; readonly interactionId: string }
  | { readonly kind: 'agent-state' };

export function focusTarget(snapshot: ContactPadSnapshot): FocusTarget {
  const ringing = snapshot.interactions.filter((view) => view.interaction.state === 'alerting' && view.interaction.direction === 'inbound');
  const rangFirst = ringing.at(-1); // the list is newest first
  if (rangFirst) return { kind: 'call-pop', interactionId: rangFirst.interaction.id };
  const selected = snapshot.interactions.find((view) => view.interaction.id === snapshot.selectedId);
  if (selected?.interaction.state === 'wrap-up') return { kind: 'wrap-up' };
  if (selected && ['connected', 'held', 'alerting'].includes(selected.interaction.state)) return { kind: 'interaction', interactionId: selected.interaction.id };
  if (snapshot.interactions.some((view) => view.interaction.state === 'wrap-up')) return { kind: 'wrap-up' };
  const live = snapshot.interactions.find((view) => view.interaction.state === 'connected' || view.interaction.state === 'held');
  if (live) return { kind: 'interaction', interactionId: live.interaction.id };
  return { kind: 'agent-state' };
}
