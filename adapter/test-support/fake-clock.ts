/**
 * The one fake clock of the tests: a {@link Clock} (model/clock.ts) that the test moves by hand.
 * Time stands still until the test moves it; a timer runs only once it is due, at its own due
 * time, in the order of the due times (the order they were set in, for the same time), and a
 * cancelled timer never runs. So a timer set for the wrong duration runs too early or too late
 * and fails the test.
 *
 * It also keeps the widget's clock (widget/src/clock.ts: `now` and a repeating `every`) for
 * the widget's tests: `every` is a timer set again each time it runs, on the same rules.
 *
 *   clock.advance(ms)     time moves on by `ms`, running what falls due on the way
 *   clock.advanceTo(t)    the same, up to the time `t`
 *   clock.runNext()       time moves to the first timer waiting and runs it (returns its delay)
 *   clock.pending         the timers waiting, soonest first ({ due, delay })
 *   clock.delays          every delay `schedule` was asked for, in order (cancelled ones too)
 */
import type { Clock } from '../src/model/clock.ts';

interface Timer {
  readonly due: number;
  readonly delay: number;
  readonly order: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** 2026-01-05 09:00 UTC, where a clock starts unless told otherwise. */
export const FAKE_CLOCK_START = Date.UTC(2026, 0, 5, 9, 0, 0);

/** A {@link Clock} that runs only due timers, in due order, when the test moves it. */
export class FakeClock implements Clock {
  #now: number;
  #order = 0;
  #timers: Timer[] = [];
  readonly #delays: number[] = [];

  constructor(start = FAKE_CLOCK_START) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  schedule(fn: () => void, ms: number): () => void {
    this.#delays.push(ms);
    return this.#set(fn, ms);
  }

  /** Runs `tick` every `ms` until the returned function is called (the widget's clock). */
  every(ms: number, tick: () => void): () => void {
    if (!(ms > 0)) throw new Error(`A repeating timer needs a positive period (asked for ${ms} ms)`);
    let cancel = (): void => undefined;
    let stopped = false;
    const arm = (): void => {
      cancel = this.#set(() => {
        arm(); // set again before the tick, so a tick that stops the timer cancels the next one
        tick();
      }, ms);
    };
    arm();
    return () => {
      if (stopped) return;
      stopped = true;
      cancel();
    };
  }

  /** Moves time on by `ms`, running each timer that falls due on the way, at its due time. */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`A fake clock moves forward only (asked for ${ms} ms)`);
    this.advanceTo(this.#now + ms);
  }

  /** Moves time on to `time`, running each timer due by then, at its due time. */
  advanceTo(time: number): void {
    if (!(time >= this.#now)) throw new Error(`A fake clock moves forward only (asked to go from ${this.#now} back to ${time})`);
    for (;;) {
      const next = this.#waiting()[0];
      if (!next || next.due > time) break;
      this.#run(next);
    }
    this.#now = time;
  }

  /** Moves time to the timer that falls due first and runs it; returns the delay it was set for. */
  runNext(): number {
    const next = this.#waiting()[0];
    if (!next) throw new Error('No timer is waiting');
    if (!Number.isFinite(next.due)) throw new Error('Only timers that never fall due are waiting');
    this.#run(next);
    return next.delay;
  }

  /** The timers waiting (neither run nor cancelled), soonest first: when each falls due and the delay it was set for. */
  get pending(): readonly { readonly due: number; readonly delay: number }[] {
    return this.#waiting().map(({ due, delay }) => ({ due, delay }));
  }

  /** Every delay `schedule` was asked for, in order, including timers since run or cancelled. */
  get delays(): readonly number[] {
    return [...this.#delays];
  }

  #set(fn: () => void, ms: number): () => void {
    const wait = Number.isFinite(ms) ? Math.max(0, ms) : Number.POSITIVE_INFINITY;
    const timer: Timer = { due: this.#now + wait, delay: ms, order: this.#order++, fn, cancelled: false };
    this.#timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  }

  #run(timer: Timer): void {
    timer.cancelled = true;
    this.#now = Math.max(this.#now, timer.due);
    timer.fn();
  }

  #waiting(): Timer[] {
    this.#timers = this.#timers.filter((timer) => !timer.cancelled);
    return [...this.#timers].sort((a, b) => a.due - b.due || a.order - b.order);
  }
}
