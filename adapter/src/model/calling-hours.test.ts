import { expect } from '@open-wc/testing';
import { DEFAULT_CALLING_HOURS, hoursWords, isKnownTimeZone, isWithinHours, localTime, localTimeWords, readCallingHours } from './calling-hours.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

/** Wednesday 14 January 2026, 12:00 UTC (winter: London on UTC, New York UTC-5, Los Angeles UTC-8). */
const WED_NOON_UTC = Date.UTC(2026, 0, 14, 12, 0);
/** Wednesday 15 July 2026, 12:00 UTC (summer time: London UTC+1, New York UTC-4). */
const SUMMER_NOON_UTC = Date.UTC(2026, 6, 15, 12, 0);

describe('calling hours', () => {
  it('reads start and end as HH:MM and weekdays as names or ranges', () => {
    const { hours, problems } = readCallingHours('09:00', '17:30', 'Mon-Fri');
    expect(problems).to.deep.equal([]);
    expect(hours).to.deep.equal({ startMinute: 540, endMinute: 1050, days: [1, 2, 3, 4, 5] });
    expect(readCallingHours('8:00', '21:00', 'monday, Wednesday;sat').hours?.days).to.deep.equal([1, 3, 6]);
    expect(readCallingHours('08:00', '21:00', 'Fri-Mon').hours?.days).to.deep.equal([0, 1, 5, 6]);
    expect(readCallingHours('08:00', '21:00', '').hours?.days).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
  });

  it('means no calling hours when both times are blank', () => {
    expect(readCallingHours('', '  ', 'Mon-Fri')).to.deep.equal({ hours: undefined, problems: [] });
    expect(readCallingHours(null, undefined, null)).to.deep.equal({ hours: undefined, problems: [] });
  });

  it('falls back to the shipped 08:00–21:00 (never to no hours) for a malformed value, and says which', () => {
    for (const [start, end, days] of [['8am', '21:00', ''], ['08:00', '', ''], ['08:00', '08:00', ''], ['25:00', '21:00', ''], ['08:00', '21:00', 'weekdays'], ['08:00', '21:00', 'Mo-Fr']]) {
      const read = readCallingHours(start, end, days);
      expect(read.hours, `${start} ${end} ${days}`).to.equal(DEFAULT_CALLING_HOURS);
      expect(read.problems.length, `${start} ${end} ${days}`).to.equal(1);
      expect(read.problems[0]).to.contain('08:00–21:00, every day');
    }
  });

  it('lets a call in from the start up to, not including, the end, on the allowed days only', () => {
    const hours = readCallingHours('08:00', '21:00', 'Mon-Sat').hours!;
    expect(isWithinHours(hours, { weekday: 3, minute: 8 * 60 })).to.equal(true);
    expect(isWithinHours(hours, { weekday: 3, minute: 21 * 60 - 1 })).to.equal(true);
    expect(isWithinHours(hours, { weekday: 3, minute: 21 * 60 })).to.equal(false);
    expect(isWithinHours(hours, { weekday: 3, minute: 7 * 60 + 59 })).to.equal(false);
    expect(isWithinHours(hours, { weekday: 0, minute: 12 * 60 })).to.equal(false);
  });

  it('wraps an end before the start past midnight: the early hours belong to the evening before', () => {
    const night = readCallingHours('22:00', '02:00', 'Fri').hours!;
    expect(isWithinHours(night, { weekday: 5, minute: 23 * 60 })).to.equal(true);
    expect(isWithinHours(night, { weekday: 6, minute: 60 })).to.equal(true);
    expect(isWithinHours(night, { weekday: 5, minute: 60 })).to.equal(false);
    expect(isWithinHours(night, { weekday: 6, minute: 3 * 60 })).to.equal(false);
  });

  it('tells the local time in a time zone from the browser\'s tz database, summer time included', () => {
    expect(localTime('Europe/London', WED_NOON_UTC)).to.deep.equal({ weekday: 3, minute: 12 * 60 });
    expect(localTime('America/Los_Angeles', WED_NOON_UTC)).to.deep.equal({ weekday: 3, minute: 4 * 60 });
    expect(localTime('Asia/Tokyo', WED_NOON_UTC)).to.deep.equal({ weekday: 3, minute: 21 * 60 });
    expect(localTime('Pacific/Kiritimati', WED_NOON_UTC)).to.deep.equal({ weekday: 4, minute: 2 * 60 });
    expect(localTime('Europe/London', SUMMER_NOON_UTC)).to.deep.equal({ weekday: 3, minute: 13 * 60 });
    expect(localTime('America/New_York', SUMMER_NOON_UTC)).to.deep.equal({ weekday: 3, minute: 8 * 60 });
  });

  it('knows no made-up time zone', () => {
    expect(localTime('Mars/Olympus_Mons', WED_NOON_UTC)).to.equal(undefined);
    expect([isKnownTimeZone('Europe/Paris'), isKnownTimeZone('Mars/Olympus_Mons'), isKnownTimeZone(''), isKnownTimeZone(42)]).to.deep.equal([true, false, false, false]);
  });

  it('says the hours and a local time in words', () => {
    expect(hoursWords(readCallingHours('09:00', '17:00', 'Mon-Fri').hours!)).to.equal('09:00–17:00, Mon–Fri');
    expect(hoursWords(readCallingHours('09:00', '17:00', 'Mon,Tue,Thu').hours!)).to.equal('09:00–17:00, Mon, Tue, Thu');
    expect(hoursWords(DEFAULT_CALLING_HOURS)).to.equal('08:00–21:00, every day');
    expect(localTimeWords({ weekday: 2, minute: 22 * 60 + 14 })).to.equal('Tue 22:14');
  });
});
