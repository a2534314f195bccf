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

/**
 * How long a call has been going since `from` (it connected): mm:ss, and h:mm:ss from an
 * hour on ("00:05", "59:59", "1:00:00"). Never negative.
 */
export function formatCallDuration(from: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - from) / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = `${String(minutes).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `at` was, as the agent scans a journey: "just now", "5 min ago", "3 h ago",
 * "3 d ago", "2 mo ago", "1 y ago". A time in the future (clocks disagree) is "just now";
 * a time that is not a number is ''.
 */
export function formatAgo(at: number, now: number): string {
  if (!Number.isFinite(at)) return '';
  const elapsed = now - at;
  if (elapsed < MINUTE) return 'just now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  if (elapsed < 60 * DAY) return `${Math.floor(elapsed / DAY)} d ago`;
  if (elapsed < 365 * DAY) return `${Math.floor(elapsed / (30 * DAY))} mo ago`;
  return `${Math.floor(elapsed / (365 * DAY))} y ago`;
}

/**
 * The absolute date and time of `at` in the agent's locale and time zone ("Mar 11, 2025,
 * 3:00 PM"); `locale` and `timeZone` are fixed by tests. '' for a time that is not a number.
 */
export function formatDateTime(at: number, options: { locale?: string; timeZone?: string } = {}): string {
  if (!Number.isFinite(at)) return '';
  return new Intl.DateTimeFormat(options.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone }).format(at);
}
