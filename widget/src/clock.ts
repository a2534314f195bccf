/**
 * The time source of the widget. Countdowns (wrap up, SIP re-REGISTER retry) and time in
 * state read it, so tests inject a fake clock instead of waiting for real seconds.
 */

/** A clock: the current time and a repeating timer. */
export interface Clock {
  /** Epoch milliseconds, comparable with the store's timestamps. */
  now(): number;
  /** Calls `tick` every `ms` milliseconds until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

/** The browser's clock (Date.now and setInterval). */
export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, tick) {
    const id = setInterval(tick, ms);
    return () => clearInterval(id);
  },
};

/**
 * Whole seconds left until `until`, rounded up, never negative (the phone's retry countdown; format-time.ts
 * writes countdowns with it). Here rather than in format-time.ts, which loads after the first paint.
 */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}
