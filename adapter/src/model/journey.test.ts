import { expect } from '@open-wc/testing';
import type { JourneyEvent } from './interaction.ts';
import { offerInteraction, transitionInteraction } from './interaction-state.ts';
import { formatJourney, formatJourneyEvent, formatJourneyTime } from './journey.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const T0 = Date.UTC(2026, 10, 22, 10, 2, 3, 456);

describe('journey text for the Task Description', () => {
  it('writes one line per event, oldest first, in UTC to the second', () => {
    const journey: JourneyEvent[] = [
      { at: T0, kind: 'offered' },
      { at: T0 + 4_000, kind: 'answered' },
      { at: T0 + 125_000, kind: 'remote-hangup', detail: 'caller hung up' },
      { at: T0 + 185_000, kind: 'wrapped-up' },
    ];
    expect(formatJourney(journey)).to.equal(
      [
        '2026-11-22T10:02:03Z offered',
        '2026-11-22T10:02:07Z answered',
        '2026-11-22T10:04:08Z remote-hangup — caller hung up',
        '2026-11-22T10:05:08Z wrapped-up',
      ].join('\n'),
    );
  });

  it('formats the journey an interaction actually recorded', () => {
    const offered = offerInteraction({ id: 'cp-1', channel: 'voice', direction: 'inbound' }, T0);
    const rejected = transitionInteraction(offered, 'rejected', T0 + 3_000, { detail: '486 Busy Here' });
    expect(formatJourney(rejected.journey)).to.equal('2026-11-22T10:02:03Z offered\n2026-11-22T10:02:06Z rejected — 486 Busy Here');
  });

  it('is empty for an empty journey', () => {
    expect(formatJourney([])).to.equal('');
  });

  it('keeps a detail with line breaks on its own line and ignores a blank detail', () => {
    expect(formatJourneyEvent({ at: T0, kind: 'failed', detail: 'SIP 503\r\nService Unavailable ' })).to.equal(
      '2026-11-22T10:02:03Z failed — SIP 503 Service Unavailable',
    );
    expect(formatJourneyEvent({ at: T0, kind: 'missed', detail: '   ' })).to.equal('2026-11-22T10:02:03Z missed');
  });

  it('writes times in UTC whatever the agent\'s time zone, dropping milliseconds', () => {
    expect(formatJourneyTime(Date.UTC(2026, 0, 1, 0, 0, 0, 999))).to.equal('2026-01-01T00:00:00Z');
    expect(formatJourneyTime(0)).to.equal('1970-01-01T00:00:00Z');
  });

  it('writes "unknown time" for an impossible time instead of failing', () => {
    expect(formatJourneyTime(Number.NaN)).to.equal('unknown time');
    expect(formatJourneyTime(8.64e15 + 1)).to.equal('unknown time');
    expect(formatJourneyTime(Date.UTC(12000, 0, 1))).to.equal('unknown time');
    expect(formatJourneyEvent({ at: Number.NaN, kind: 'answered' })).to.equal('unknown time answered');
  });
});
