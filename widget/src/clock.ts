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

/** The repeating timers running now, one per period, each with the ticks that share it. */
const timers = new Map<number, { readonly id: ReturnType<typeof setInterval>; readonly ticks: Set<{ readonly tick: () => void }> }>();

/**
 * The browser's clock (Date.now and setInterval). The elements that tick at the same period share
 * one timer, so they change in the same task and the page draws one frame a second for all of
 * them (on a call the list's time in state and the call's timer), not one for each.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, tick) {
    let timer = timers.get(ms);
    if (!timer) {
      const ticks = new Set<{ readonly tick: () => void }>();
      timer = { ticks, id: setInterval(() => [...ticks].forEach((entry) => entry.tick()), ms) };
      timers.set(ms, timer);
    }
    const entry = { tick };
    const shared = timer;
    shared.ticks.add(entry);
    return () => {
      shared.ticks.delete(entry);
      if (shared.ticks.size > 0 || timers.get(ms) !== shared) return;
      clearInterval(shared.id);
      timers.delete(ms);
    };
  },
};

/**
 * Whole seconds left until `until`, rounded up, never negative (the phone's retry countdown; format-time.ts
 * writes countdowns with it). Here rather than in format-time.ts, which loads after the first paint.
 */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}
