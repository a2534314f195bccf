/**
 * Durations as the agent reads them: time in state (mm:ss) and countdowns (m:ss, whole
 * seconds rounded up so "0:01" shows until the very end).
 */

/** Elapsed time since `from`, as mm:ss (hours roll into minutes: 75:02). Never negative. */
export function formatElapsed(from: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - from) / 1000));
  const minutes = Math.floor(seconds / 60);
  return `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Whole seconds left until `until`, rounded up, never negative. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** Time left until `until`, as m:ss. */
export function formatCountdown(until: number, now: number): string {
  const seconds = secondsLeft(until, now);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
