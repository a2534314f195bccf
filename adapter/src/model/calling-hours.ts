/**
 * Calling hours: the local times of day and the weekdays at which a recipient may be called
 * (outbound-compliance.ts applies them in the recipient's time zone). Read from the admin's
 * setting (ContactPad Outbound Setting, custom metadata): start and end as HH:MM on a 24-hour
 * clock, end not included ('08:00' to '21:00': 20:59 is inside, 21:00 is not; an end before the
 * start wraps past midnight), and the weekdays as three-letter English names or ranges
 * ('Mon-Fri, Sat'); blank days mean every day.
 *
 * The local time in a time zone comes from Intl.DateTimeFormat (the browser's tz database): no
 * I/O, and the time itself (`at`, epoch ms) is passed in.
 */

/** When calls are allowed, in the recipient's local time. */
export interface CallingHours {
  /** Minutes after local midnight at which calls may start (inclusive). */
  readonly startMinute: number;
  /** Minutes after local midnight at which calls must stop (not included); may be below the start (overnight). */
  readonly endMinute: number;
  /** Local weekdays on which calls are allowed: 0 Sunday ... 6 Saturday, ascending. */
  readonly days: readonly number[];
}

/** A moment as the clock on a recipient's wall shows it. */
export interface LocalTime {
  /** 0 Sunday ... 6 Saturday. */
  readonly weekday: number;
  /** Minutes after local midnight. */
  readonly minute: number;
}

/** The calling hours shipped in force-app (customMetadata/ContactPad_Outbound_Setting.Default): 08:00 to 21:00, every day. */
export const DEFAULT_CALLING_HOURS: CallingHours = Object.freeze({ startMinute: 8 * 60, endMinute: 21 * 60, days: Object.freeze([0, 1, 2, 3, 4, 5, 6]) });

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const FULL_DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const CLOCK = /^([01]?\d|2[0-4]):([0-5]\d)$/;

/**
 * Reads the setting's start, end and days. Both times blank: no calling hours (calls at any
 * time). A malformed value, or only one of the two times: the shipped default
 * ({@link DEFAULT_CALLING_HOURS}) with a problem naming the field, so compliance never loosens
 * on a typo.
 */
export function readCallingHours(start: unknown, end: unknown, days: unknown): { hours: CallingHours | undefined; problems: readonly string[] } {
  const startText = typeof start === 'string' ? start.trim() : '';
  const endText = typeof end === 'string' ? end.trim() : '';
  const problems: string[] = [];
  if (startText === '' && endText === '') return { hours: undefined, problems };
  const startMinute = clockMinutes(startText);
  const endMinute = clockMinutes(endText);
  const readDays = readWeekdays(days);
  if (startMinute === undefined || endMinute === undefined || startMinute === endMinute) {
    problems.push(`Calling hours "${startText}" to "${endText}" are not two different times as HH:MM (24-hour clock); using ${hoursWords(DEFAULT_CALLING_HOURS)}.`);
    return { hours: DEFAULT_CALLING_HOURS, problems };
  }
  if (readDays === undefined) {
    problems.push(`Calling days "${String(days)}" are not weekdays such as Mon-Fri, Sat; using ${hoursWords(DEFAULT_CALLING_HOURS)}.`);
    return { hours: DEFAULT_CALLING_HOURS, problems };
  }
  return { hours: Object.freeze({ startMinute, endMinute, days: readDays }), problems };
}

/** Whether a local time is inside the calling hours: an allowed weekday, and from the start up to (not including) the end. */
export function isWithinHours(hours: CallingHours, local: LocalTime): boolean {
  const { startMinute, endMinute } = hours;
  if (startMinute < endMinute) return hours.days.includes(local.weekday) && local.minute >= startMinute && local.minute < endMinute;
  // Overnight (22:00 to 06:00): the early hours belong to the window that opened the evening before.
  if (local.minute >= startMinute) return hours.days.includes(local.weekday);
  return local.minute < endMinute && hours.days.includes((local.weekday + 6) % 7);
}

/**
 * The local weekday and time at `at` (epoch ms) in an IANA time zone; undefined for a zone the
 * browser does not know (Intl.DateTimeFormat refuses it with a RangeError).
 */
export function localTime(zone: string, at: number): LocalTime | undefined {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  } catch {
    return undefined;
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = DAY_NAMES.indexOf(part('weekday') as (typeof DAY_NAMES)[number]);
  const hour = Number(part('hour')) % 24;
  const minute = Number(part('minute'));
  if (weekday < 0 || !Number.isInteger(hour) || !Number.isInteger(minute)) return undefined;
  return { weekday, minute: hour * 60 + minute };
}

/** True for an IANA time zone id the browser knows ('Europe/London'); false for anything else. */
export function isKnownTimeZone(zone: unknown): zone is string {
  return typeof zone === 'string' && zone.trim() !== '' && localTime(zone.trim(), 0) !== undefined;
}

/** A local time as people read it: "Tue 22:14". */
export function localTimeWords(local: LocalTime): string {
  return `${DAY_NAMES[local.weekday]} ${clock(local.minute)}`;
}

/** The calling hours in words: "08:00–21:00, every day", "09:00–17:00, Mon–Fri". */
export function hoursWords(hours: CallingHours): string {
  return `${clock(hours.startMinute)}–${clock(hours.endMinute)}, ${daysWords(hours.days)}`;
}

function daysWords(days: readonly number[]): string {
  if (days.length === 7) return 'every day';
  const runs: string[] = [];
  for (let i = 0; i < days.length; i += 1) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j += 1;
    runs.push(j - i >= 2 ? `${DAY_NAMES[days[i]!]}–${DAY_NAMES[days[j]!]}` : days.slice(i, j + 1).map((d) => DAY_NAMES[d]).join(', '));
    i = j;
  }
  return runs.join(', ');
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function clockMinutes(text: string): number | undefined {
  const match = CLOCK.exec(text);
  if (!match) return undefined;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes % (24 * 60) : undefined;
}

/** 'Mon-Fri, Sat' -> [1, 2, 3, 4, 5, 6]; blank -> every day; undefined for anything that is not weekdays. */
function readWeekdays(value: unknown): readonly number[] | undefined {
  const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : undefined;
  if (text === undefined) return undefined;
  if (text === '') return DEFAULT_CALLING_HOURS.days;
  const days = new Set<number>();
  for (const piece of text.split(/[,;]/)) {
    const range = piece.trim();
    if (range === '') continue;
    const [from, to, ...extra] = range.split(/\s*[-–]\s*/);
    const first = dayIndex(from);
    const last = to === undefined ? first : dayIndex(to);
    if (first === undefined || last === undefined || extra.length > 0) return undefined;
    for (let day = first; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === last) break;
    }
  }
  return days.size === 0 ? undefined : Object.freeze([...days].sort((a, b) => a - b));
}

/** A weekday by its three-letter or full English name, any case ('Mon', 'monday'). */
function dayIndex(name: string | undefined): number | undefined {
  const key = (name ?? '').trim().toLowerCase();
  const index = FULL_DAY_NAMES.findIndex((day) => day === key || day.slice(0, 3) === key);
  return index < 0 ? undefined : index;
}
