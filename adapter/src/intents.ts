/**
 * What the agent asks for. The widget fires these as bubbling, composed CustomEvents
 * named `contactpad-intent` with the intent as `detail`; the controller carries them out.
 */
import type { AgentStatusChoice } from './model/agent-state.ts';

export type Intent =
  | { readonly type: 'accept'; readonly interactionId: string }
  | { readonly type: 'reject'; readonly interactionId: string }
  | { readonly type: 'release'; readonly interactionId: string }
  | { readonly type: 'select'; readonly interactionId: string }
  /** The wrap-up form's draft, sent as the agent types, so a wrap-up timeout loses nothing. */
  | { readonly type: 'wrap-up-draft'; readonly interactionId: string; readonly disposition: string; readonly notes: string }
  | { readonly type: 'wrap-up-done'; readonly interactionId: string; readonly disposition: string; readonly notes: string }
  | { readonly type: 'set-agent-status'; readonly choice: AgentStatusChoice }
  | { readonly type: 'dial'; readonly number: string }
  | { readonly type: 'dismiss-notice'; readonly noticeId: number };

export const INTENT_EVENT = 'contactpad-intent';

declare global {
  interface HTMLElementEventMap {
    'contactpad-intent': CustomEvent<Intent>;
  }
}
