import { expect } from '@open-wc/testing';
import { formatCountdown, formatElapsed, secondsLeft } from './format-time.ts';

describe('time formats', () => {
  it('shows time in state as mm:ss, with hours rolling into minutes', () => {
    expect(formatElapsed(0, 5_000)).to.equal('00:05');
    expect(formatElapsed(0, 125_999)).to.equal('02:05');
    expect(formatElapsed(0, 75 * 60_000 + 2_000)).to.equal('75:02');
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
});
