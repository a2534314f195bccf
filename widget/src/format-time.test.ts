import { expect } from '@open-wc/testing';
import { formatAgo, formatCallDuration, formatCountdown, formatDateTime, formatElapsed } from './format-time.ts';
import { secondsLeft } from './clock.ts';
import { agentLocale, useAgentLanguage } from './catalogue/catalogue.ts';

describe('time formats', () => {
  it('shows time in state as mm:ss, with hours rolling into minutes', () => {
    expect(formatElapsed(0, 5_000)).to.equal('00:05');
    expect(formatElapsed(0, 125_999)).to.equal('02:05');
    expect(formatElapsed(0, 75 * 60_000 + 2_000)).to.equal('75:02');
  });

  it('shows a call\'s length as mm:ss, and h:mm:ss from an hour on', () => {
    expect(formatCallDuration(0, 5_000)).to.equal('00:05');
    expect(formatCallDuration(0, 3_599_999)).to.equal('59:59');
    expect(formatCallDuration(0, 3_600_000)).to.equal('1:00:00');
    expect(formatCallDuration(0, 2 * 3_600_000 + 65_000)).to.equal('2:01:05');
    expect(formatCallDuration(10_000, 0)).to.equal('00:00');
  });

  it('never shows a negative time when the clocks disagree', () => {
    expect(formatElapsed(10_000, 0)).to.equal('00:00');
    expect(formatCountdown(0, 10_000)).to.equal('0:00');
  });

  it('rounds countdowns up so the last second still shows 0:01', () => {
    expect(formatCountdown(45_000, 0)).to.equal('0:45');
    expect(formatCountdown(1_000, 1)).to.equal('0:01');
    expect(formatCountdown(90_000, 0)).to.equal('1:30');
    expect(secondsLeft(5_000, 200)).to.equal(5);
  });

  it('says how long ago a journey entry was, coarsely, in minutes, hours, days, months and years', () => {
    const now = Date.UTC(2025, 2, 14, 15, 0, 0);
    expect(formatAgo(now - 30_000, now)).to.equal('now');
    expect(formatAgo(now - 60_000, now)).to.equal('1 minute ago');
    expect(formatAgo(now - 5 * 60_000, now)).to.equal('5 minutes ago');
    expect(formatAgo(now - 3 * 3_600_000 - 59 * 60_000, now)).to.equal('3 hours ago');
    expect(formatAgo(now - 30 * 3_600_000, now)).to.equal('1 day ago');
    expect(formatAgo(now - 59 * 86_400_000, now)).to.equal('59 days ago');
    expect(formatAgo(now - 90 * 86_400_000, now)).to.equal('3 months ago');
    expect(formatAgo(now - 800 * 86_400_000, now)).to.equal('2 years ago');
  });

  it('calls a time in the future "now" and a time that is not a number nothing', () => {
    expect(formatAgo(10_000, 0)).to.equal('now');
    expect(formatAgo(Number.NaN, 0)).to.equal('');
    expect(formatDateTime(Number.NaN)).to.equal('');
  });

  it('gives the absolute date and time in the locale and time zone asked for', () => {
    const at = Date.UTC(2025, 2, 11, 15, 0, 0);
    // ICU puts a narrow no-break space before PM: compare the words, not the kind of space.
    expect(formatDateTime(at, { locale: 'en-US', timeZone: 'UTC' }).replace(/\s/g, ' ')).to.equal('Mar 11, 2025, 3:00 PM');
    expect(formatDateTime(at, { locale: 'en-GB', timeZone: 'Europe/London' })).to.equal('11 Mar 2025, 15:00');
  });
});

describe('time formats for a Spanish-speaking agent', () => {
  before(() => useAgentLanguage({ language: 'es', locale: 'es-ES' }));
  after(() => useAgentLanguage({ language: '', locale: '' }));

  it('writes how long ago in Spanish, with its plural forms', () => {
    expect(agentLocale()).to.equal('es-ES');
    const now = Date.UTC(2025, 2, 14, 15, 0, 0);
    expect(formatAgo(now - 30_000, now)).to.equal('ahora');
    expect(formatAgo(now - 60_000, now)).to.equal('hace 1 minuto');
    expect(formatAgo(now - 3 * 60_000, now)).to.equal('hace 3 minutos');
    expect(formatAgo(now - 3 * 3_600_000, now)).to.equal('hace 3 horas');
    expect(formatAgo(now - 86_400_000, now)).to.equal('hace 1 día');
    expect(formatAgo(now - 90 * 86_400_000, now)).to.equal('hace 3 meses');
    expect(formatAgo(now - 800 * 86_400_000, now)).to.equal('hace 2 años');
  });

  it("writes the date and time Spain's way, and durations with the same digits", () => {
    expect(formatDateTime(Date.UTC(2025, 2, 11, 15, 0, 0), { timeZone: 'UTC' })).to.equal('11 mar 2025, 15:00');
    expect(formatElapsed(0, 125_999)).to.equal('02:05');
    expect(formatCallDuration(0, 2 * 3_600_000 + 65_000)).to.equal('2:01:05');
    expect(formatCountdown(90_000, 0)).to.equal('1:30');
  });

  it("keeps the words' language and takes the region from the agent's locale", async () => {
    await useAgentLanguage({ language: 'es', locale: 'es-MX' });
    expect(agentLocale()).to.equal('es-MX');
    // A language ContactPad does not ship reads English, with the agent's region: Spain's 24-hour clock, no French word.
    await useAgentLanguage({ language: 'fr', locale: 'es-ES' });
    expect(agentLocale()).to.equal('en-ES');
    expect(formatAgo(0, 5 * 60_000)).to.equal('5 minutes ago');
    expect(formatDateTime(Date.UTC(2025, 2, 11, 15, 0, 0), { timeZone: 'UTC' })).to.equal('11 Mar 2025, 15:00');
    await useAgentLanguage({ language: 'es', locale: 'es-ES' });
  });
});
