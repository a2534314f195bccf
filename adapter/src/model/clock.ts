/**
 * Time, passed in: the one clock interface of the adapter. Rooms and desks take a
 * {@link Clock} instead of calling Date.now or setTimeout, so a test drives time with a
 * fake clock that honours delays and their order (a wrong timer duration fails a test).
 *
 * The model itself reads no time and sets no timer (its functions take `at` in epoch ms);
 * {@link realClock} is here so that every room imports the same interface and the
 * composition root hands out the one real clock.
 */

/** A source of the current time and of one-shot timers. */
export interface Clock {
  /** Milliseconds since the epoch (Date.now). */
  now(): number;
  /** Runs `fn` once after `ms`; returns a function that cancels it (harmless once run). */
  schedule(fn: () => void, ms: number): () => void;
}

/** The browser's clock: Date.now and setTimeout. */
export const realClock: Clock = Object.freeze({
  now: () => Date.now(),
  schedule: (fn: () => void, ms: number) => {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
});
