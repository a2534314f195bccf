import { expect } from '@open-wc/testing';
import {
  FIRST_QUALITY_WATCH,
  QUALITY_THRESHOLDS,
  classifyCallQuality,
  poorLineMessage,
  qualityFigures,
  watchCallQuality,
  type CallQuality,
  type CallQualityFigures,
  type QualityWatch,
} from './call-quality.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const clean: CallQualityFigures = { lossPercent: 0, jitterMs: 4, roundTripMs: 40 };

function levelOf(figures: Partial<CallQualityFigures>): string {
  return classifyCallQuality({ ...clean, ...figures }).level;
}

describe('call quality: the figures of a sample', () => {
  it('counts the loss of the packets due since the previous reading', () => {
    const previous = { packetsReceived: 1000, packetsLost: 10, jitterMs: 5, roundTripMs: 30 };
    const now = { packetsReceived: 1230, packetsLost: 30, jitterMs: 12.4, roundTripMs: 41.6 };
    // 20 lost of 250 due in between: 8 %, whatever was lost before.
    expect(qualityFigures(previous, now)).to.deep.equal({ lossPercent: 8, jitterMs: 12, roundTripMs: 42 });
  });

  it('counts from the start of the media without a previous reading, to one decimal', () => {
    expect(qualityFigures(undefined, { packetsReceived: 997, packetsLost: 3, jitterMs: undefined, roundTripMs: undefined })).to.deep.equal({
      lossPercent: 0.3,
      jitterMs: undefined,
      roundTripMs: undefined,
    });
  });

  it('knows no loss when no packet was due (a held call), and none when the counters went down', () => {
    const reading = { packetsReceived: 500, packetsLost: 5, jitterMs: 3, roundTripMs: 20 };
    expect(qualityFigures(reading, reading).lossPercent).to.equal(undefined);
    expect(qualityFigures(reading, { ...reading, packetsReceived: 600, packetsLost: 2 }).lossPercent).to.equal(0);
  });

  it('ignores figures that are not numbers (outside data)', () => {
    const odd = { packetsReceived: Number.NaN, packetsLost: -4, jitterMs: Number.POSITIVE_INFINITY, roundTripMs: -1 };
    expect(qualityFigures(undefined, odd)).to.deep.equal({ lossPercent: undefined, jitterMs: undefined, roundTripMs: undefined });
  });
});

describe('call quality: good, fair or poor', () => {
  it('is good within the thresholds, the limits themselves included', () => {
    expect(levelOf({})).to.equal('good');
    const { fair } = QUALITY_THRESHOLDS;
    expect(levelOf({ lossPercent: fair.lossPercent, jitterMs: fair.jitterMs, roundTripMs: fair.roundTripMs })).to.equal('good');
  });

  it('is fair above a fair threshold and poor above a poor one, for each figure', () => {
    expect(levelOf({ lossPercent: 1.1 })).to.equal('fair');
    expect(levelOf({ lossPercent: 3 })).to.equal('fair');
    expect(levelOf({ lossPercent: 3.1 })).to.equal('poor');
    expect(levelOf({ jitterMs: 31 })).to.equal('fair');
    expect(levelOf({ jitterMs: 51 })).to.equal('poor');
    expect(levelOf({ roundTripMs: 301 })).to.equal('fair');
    expect(levelOf({ roundTripMs: 801 })).to.equal('poor');
  });

  it('takes the worst figure and names it; unknown figures count as good', () => {
    expect(classifyCallQuality({ lossPercent: 2, jitterMs: 60, roundTripMs: 350 })).to.deep.equal({
      lossPercent: 2,
      jitterMs: 60,
      roundTripMs: 350,
      level: 'poor',
      cause: 'jitter',
    });
    expect(classifyCallQuality({ lossPercent: 8, jitterMs: 60, roundTripMs: 900 }).cause, 'loss first when as bad').to.equal('loss');
    expect(classifyCallQuality({ lossPercent: undefined, jitterMs: undefined, roundTripMs: undefined })).to.include({ level: 'good', cause: undefined });
  });
});

describe('call quality: one warning per degradation', () => {
  function run(levels: readonly CallQuality['level'][]): boolean[] {
    const figures: Record<CallQuality['level'], CallQualityFigures> = {
      good: clean,
      fair: { ...clean, lossPercent: 2 },
      poor: { ...clean, lossPercent: 8 },
    };
    let watch: QualityWatch = FIRST_QUALITY_WATCH;
    return levels.map((level) => {
      const next = watchCallQuality(watch, classifyCallQuality(figures[level]));
      watch = next.watch;
      return next.warn;
    });
  }

  it('warns on the first poor sample only, however long the line stays poor', () => {
    expect(run(['good', 'poor', 'poor', 'poor'])).to.deep.equal([false, true, false, false]);
  });

  it('does not warn again while the line wavers between poor and fair', () => {
    expect(run(['poor', 'fair', 'poor', 'fair', 'poor'])).to.deep.equal([true, false, false, false, false]);
  });

  it('warns again once the line was good in between: a new degradation', () => {
    expect(run(['poor', 'good', 'poor', 'fair', 'good', 'fair', 'poor'])).to.deep.equal([true, false, true, false, false, false, true]);
  });

  it('never warns for a fair line', () => {
    expect(run(['fair', 'fair', 'good', 'fair'])).to.deep.equal([false, false, false, false]);
  });
});

describe('call quality: the warning', () => {
  it('says what makes the line poor, in figures', () => {
    expect(poorLineMessage(classifyCallQuality({ ...clean, lossPercent: 8.2 }))).to.match(/^The line is poor: 8 % of the caller's audio is being lost\./);
    expect(poorLineMessage(classifyCallQuality({ ...clean, jitterMs: 75 }))).to.match(/^The line is poor: the caller's audio arrives unevenly \(jitter 75 ms\)/);
    expect(poorLineMessage(classifyCallQuality({ ...clean, roundTripMs: 950 }))).to.match(/^The line is poor: 950 ms round trip/);
  });
});
