/**
 * The one retry delay of the adapter: capped exponential backoff with "full jitter", as in
 * Marc Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 4 March 2015
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
 *
 *     sleep = random_between(0, min(cap, base * 2 ** attempt))
 *
 * The article measures full jitter (with "decorrelated jitter") as the variants that spread
 * competing clients best for the least work. Without jitter, hundreds of agents whose phones
 * lost the same SIP server retry in step: every retry is a burst of WebSocket connections
 * and REGISTERs at the same instant. With it they spread over the whole window.
 *
 * Pure: attempt, policy and a random source in, delay out (no clock, no state), so the same
 * helper serves the phone's registration and the activity outbox.
 */
import { ContactPadError } from './errors.ts';

/** How retries back off: the first window and the largest one, in ms. */
export interface BackoffPolicy {
  /** The window of the first retry (attempt 0); each later attempt doubles it. */
  readonly baseMs: number;
  /** No window grows beyond this. */
  readonly capMs: number;
}

/** A random source like Math.random: a number in [0, 1) (1 is read as the top of the window). */
export type RandomSource = () => number;

/** Exponents beyond this change nothing (2 ** 52 ms is far beyond any cap) and keep the product finite. */
const MAX_EXPONENT = 52;

function checkPolicy(policy: BackoffPolicy): void {
  const { baseMs, capMs } = policy ?? ({} as Partial<BackoffPolicy>);
  if (typeof baseMs !== 'number' || typeof capMs !== 'number' || !Number.isFinite(baseMs) || !Number.isFinite(capMs) || baseMs <= 0 || capMs < baseMs) {
    throw new ContactPadError('INVALID_CONFIGURATION', `A retry backoff needs baseMs > 0 and capMs >= baseMs, got ${JSON.stringify(policy)}`);
  }
}

/**
 * The jitter window of retry number `attempt` (0 for the first retry): min(cap, base * 2 ** attempt).
 * Throws INVALID_CONFIGURATION for a policy without baseMs > 0 and capMs >= baseMs, or an
 * attempt that is not a whole number >= 0.
 */
export function backoffWindow(attempt: number, policy: BackoffPolicy): number {
  checkPolicy(policy);
  if (!Number.isInteger(attempt) || attempt < 0) {
    throw new ContactPadError('INVALID_CONFIGURATION', `A retry attempt is a whole number from 0, got ${String(attempt)}`);
  }
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt, MAX_EXPONENT));
}

/**
 * How long to wait before retry number `attempt` (0 for the first retry): a whole number of
 * ms drawn by `random` from 0 to {@link backoffWindow} (full jitter). A `random` that answers
 * outside [0, 1] is clamped into it; one that answers no number at all gives the full window.
 */
export function retryDelay(attempt: number, policy: BackoffPolicy, random: RandomSource): number {
  const window = backoffWindow(attempt, policy);
  const draw = random();
  const share = typeof draw === 'number' && Number.isFinite(draw) ? Math.min(1, Math.max(0, draw)) : 1;
  return Math.round(share * window);
}
