/**
 * Times as the agent reads them, written by Intl in the agent's locale (catalogue.ts
 * agentLocale: the words' language with the agent's region; every function takes another
 * locale for tests): time in state (mm:ss), a call's length (h:mm:ss from an hour on),
 * countdowns (m:ss, whole seconds rounded up so "0:01" shows until the very end), how long ago
 * ("3 minutes ago", "hace 3 minutos") and the absolute date and time.
 *
 * Durations are Intl.NumberFormat's digits joined by colons. Intl.DurationFormat's digital style
 * (Chromium 129, Firefox 136, Safari 16.4) writes the same for English and Spanish, but pads
 * minutes (no "m:ss" countdown) and would need this as a fallback anyway: not worth its bytes.
 * This module loads after the first paint (with the interaction list and the in-call controls).
 */
import { agentLocale } from './catalogue/catalogue.ts';
import { secondsLeft } from './clock.ts';

/**
 * One formatter per locale and options, made once: making an Intl formatter costs far more than
 * using one (Number.toLocaleString makes a new Intl.NumberFormat at every call), and the
 * interaction list writes every row's time at every render, and every second while a call is up.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>();

function formatter<T extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) {
    made = make();
    formatters.set(key, made);
  }
  return made;
}

/** The digit formatters every time shown needs, made when this module loads (after the phone registered, with the list): a first call does not pay for them. */
export function prepareFormatters(locale = agentLocale()): void {
  digital(1, 0, 0, locale, 1);
}

/** h:mm:ss (hours left out when 0); minutes with at least `minuteDigits` digits. */
function digital(hours: number, minutes: number, seconds: number, locale: string, minuteDigits: 1 | 2): string {
  const number = (value: number, digits: number) =>
    formatter(`number ${locale} ${digits}`, () => new Intl.NumberFormat(locale, { minimumIntegerDigits: digits, useGrouping: false })).format(value);
  const leading = hours > 0 ? [number(hours, 1), number(minutes, 2)] : [number(minutes, minuteDigits)];
  return [...leading, number(seconds, 2)].join(':');
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
  if (elapsed < MINUTE) return formatter(`relative-auto ${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })).format(0, 'second');
  // Always a number ("1 day ago", not "yesterday": 30 hours ago may be two calendar days back).
  const ago = formatter(`relative ${locale}`, () => new Intl.RelativeTimeFormat(locale));
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
  const locale = options.locale ?? agentLocale();
  return formatter(`date-time ${locale} ${options.timeZone ?? ''}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: options.timeZone })).format(at);
}

prepareFormatters();
