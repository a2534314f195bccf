/**
 * How far a page's clock (`performance.timeOrigin + performance.now()`, epoch ms) and this
 * process's (bench-caller.ts epochNow) agree: the call-pop figures subtract one from the other.
 * Both read the same system clock (CLOCK_REALTIME at their time origin, CLOCK_MONOTONIC since),
 * so they agree unless the system clock was stepped between the two origins. Measured by round
 * trips: this process's time before and after asking the page for its time; the page's answer
 * minus the midpoint is the offset, within half the round trip. The round trip with the
 * shortest time bounds it best.
 */
import type { Frame } from 'playwright-core';
import { epochNow } from './bench-caller.ts';

/** The page's clock minus this process's (ms), and the bound of that figure (± ms). */
export interface ClockOffset {
  readonly offsetMs: number;
  readonly withinMs: number;
}

export async function clockOffset(frame: Frame, roundTrips = 20): Promise<ClockOffset> {
  let best: ClockOffset = { offsetMs: Number.NaN, withinMs: Number.POSITIVE_INFINITY };
  for (let i = 0; i < roundTrips; i++) {
    const before = epochNow();
    const page = await frame.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    const withinMs = (after - before) / 2;
    if (withinMs < best.withinMs) best = { offsetMs: page - (before + after) / 2, withinMs };
  }
  return best;
}
