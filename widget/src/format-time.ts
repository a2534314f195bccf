/**
 * Times as the agent reads them, written by Intl in the agent's locale (catalogue.ts
 * agentLocale: the words' language with the agent's region; every function takes another
 * locale for tests): time in state (mm:ss), a call's length (h:mm:ss from an hour on),
 * countdowns (m:ss, whole seconds rounded up so "0:01" shows until the very end), how long ago
 * ("3 minutes ago", "hace 3 minutos") and the absolute date and time.
 *
 * Durations use Intl.DurationFormat's digital style where the browser has it (Chromium 129,
 * Firefox 136, Safari 16.4), else the same digits from Intl.NumberFormat joined by colons.
 */
import { agentLocale } from './catalogue/catalogue.ts';

/** Intl.DurationFormat (ES2025), not yet in TypeScript's lib: the part ContactPad uses. */
type DurationFormatConstructor = new (
  locale: string,
  options: { style: 'digital'; hoursDisplay: 'auto' },
) => { format(duration: { hours: number; minutes: number; seconds: number }): string };

/** Intl formatters are costly to make and the timers tick every second: one per locale and kind. */
const formatters = new Map<string, unknown>();
function formatter<T>(key: string, make: () => T): T {
  if (!formatters.has(key)) formatters.set(key, make());
  return formatters.get(key) as T;
}

/** hours:mm:ss (hours left out when 0); minutes at least two digits, or one (`m:ss`, never through DurationFormat, which pads them). */
function digital(hours: number, minutes: number, seconds: number, locale: string, minuteDigits: 1 | 2): string {
  const DurationFormat = (Intl as { DurationFormat?: DurationFormatConstructor }).DurationFormat;
  if (DurationFormat && (minuteDigits === 2 || hours > 0)) {
    return formatter(`duration ${locale}`, () => new DurationFormat(locale, { style: 'digital', hoursDisplay: 'auto' })).format({ hours, minutes, seconds });
  }
  const number = (digits: 1 | 2) => formatter(`number${digits} ${locale}`, () => new Intl.NumberFormat(locale, { minimumIntegerDigits: digits, useGrouping: false }));
  const leading = hours > 0 ? [number(1).format(hours), number(2).format(minutes)] : [number(minuteDigits).format(minutes)];
  return [...leading, number(2).format(seconds)].join(':');
}

/** Elapsed time since `from`, as mm:ss (hours roll into minutes: 75:02). Never negative. */
export function formatElapsed(from: number, now: number, locale = agentLocale()): string {
  const seconds = Math.max(0, Math.floor((now - from) / 1000));
  return digital(0, Math.floor(seconds / 60), seconds % 60, locale, 2);
}

/**
 * How long a call has been going since `from` (it connected): mm:ss, and h:mm:ss from an
 * hour on ("00:05", "59:59", "1:00:00"). Never negative.
 */
export function formatCallDuration(from: number, now: number, locale = agentLocale()): string {
  const seconds = Math.max(0, Math.floor((now - from) / 1000));
  return digital(Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60, locale, 2);
}

/** Whole seconds left until `until`, rounded up, never negative. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** Time left until `until`, as m:ss. */
export function formatCountdown(until: number, now: number, locale = agentLocale()): string {
  const seconds = secondsLeft(until, now);
  return digital(0, Math.floor(seconds / 60), seconds % 60, locale, 1);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * How long ago `at` was, as the agent scans a journey, coarsely: "now", "5 minutes ago",
 * "3 hours ago", "3 days ago", "2 months ago", "1 year ago" (in Spanish "ahora", "hace 5
 * minutos"...: Intl.RelativeTimeFormat, plural forms included). A time in the future (clocks
 * disagree) is "now"; a time that is not a number is ''.
 */
export function formatAgo(at: number, now: number, locale = agentLocale()): string {
  if (!Number.isFinite(at)) return '';
  const elapsed = now - at;
  if (elapsed < MINUTE) return formatter(`now ${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(0, 'second');
  // Always a number ("1 day ago", not "yesterday": 30 hours ago may be two calendar days back).
  const ago = formatter(`ago ${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));
  if (elapsed < HOUR) return ago.format(-Math.floor(elapsed / MINUTE), 'minute');
  if (elapsed < DAY) return ago.format(-Math.floor(elapsed / HOUR), 'hour');
  if (elapsed < 60 * DAY) return ago.format(-Math.floor(elapsed / DAY), 'day');
  if (elapsed < 365 * DAY) return ago.format(-Math.floor(elapsed / (30 * DAY)), 'month');
  return ago.format(-Math.floor(elapsed / (365 * DAY)), 'year');
}

/**
 * The absolute date and time of `at` in the agent's locale and time zone ("Mar 11, 2025,
 * 3:00 PM", "11 mar 2025, 15:00"); `locale` and `timeZone` are fixed by tests. '' for a time
 * that is not a number.
 */
export function formatDateTime(at: number, options: { locale?: string | undefined; timeZone?: string | undefined } = {}): string {
  if (!Number.isFinite(at)) return '';
  return new Intl.DateTimeFormat(options.locale ?? agentLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone }).format(at);
}
