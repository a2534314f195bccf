/**
 * How the agent's phone stands with the SIP server, in the words the agent sees: the
 * telephony room reports it (REGISTER answered, WebSocket lost...), the store holds it and
 * the widget shows it.
 *
 * ```
 *   start --> connecting --> registered
 *                 |  ^            |
 *     no answer,  |  | retryAt    | connection or registration lost
 *     WebSocket   v  | is due     v
 *     refused   unreachable <-----+
 *     403 etc.  refused     (all three retry, with backoff and jitter)
 *     no SIP    no-credential
 *     credential
 *   stop (from any) --> stopped
 * ```
 */
export type PhoneConnection =
  /** Opening the WebSocket or waiting for the REGISTER's answer. */
  | { readonly state: 'connecting' }
  /** The SIP server accepted the REGISTER: calls can ring. */
  | { readonly state: 'registered' }
  /** The server could not be reached; `reason` says why, `retryAt` (epoch ms) when the next try is. */
  | { readonly state: 'unreachable'; readonly reason: string; readonly retryAt: number }
  /** The server answered but refused the registration (for example 403); it is tried again at `retryAt`. */
  | { readonly state: 'refused'; readonly reason: string; readonly retryAt: number }
  /**
   * The phone has no SIP credential to register with: Salesforce's credential endpoint could
   * not be reached or refused (no SIP user, no secret set...); `reason` says why, `retryAt` when
   * the next try is.
   */
  | { readonly state: 'no-credential'; readonly reason: string; readonly retryAt: number }
  /** The phone was stopped (the agent went Offline). */
  | { readonly state: 'stopped' };

/** One of the connection states: connecting, registered, unreachable, refused, no-credential, stopped. */
export type PhoneConnectionState = PhoneConnection['state'];
