/**
 * How the widget speaks to the controller: every agent intent (accept, reject, release,
 * wrap-up-done, set-agent-status, dial...) leaves an element as a bubbling, composed
 * `contactpad-intent` CustomEvent, so it crosses every shadow root up to the host page.
 */
import type { Intent, INTENT_EVENT as ADAPTER_INTENT_EVENT } from '../../adapter/src/store.ts';

/**
 * The event name. Declared here (the widget imports no adapter runtime code); its type is
 * the adapter's constant, so the two cannot drift apart without a type error.
 */
export const INTENT_EVENT: typeof ADAPTER_INTENT_EVENT = 'contactpad-intent';

/** Makes the event that carries `intent` to the controller. */
export function intentEvent(intent: Intent): CustomEvent<Intent> {
  return new CustomEvent(INTENT_EVENT, { detail: intent, bubbles: true, composed: true });
}
