import { expect } from '@open-wc/testing';
import { foldCallStats, summaryLine } from './call-stats.ts';
import { classifyCallQuality } from './call-quality.ts';

const reading = (packetsReceived: number, packetsLost: number) => ({ iceConnectionState: 'connected', bytesReceived: packetsReceived * 160, bytesSent: 8000, packetsReceived, packetsLost, jitterMs: 3, roundTripMs: 20 });

describe("a call's media in the diagnostic log", () => {
  it('sums up its readings: the totals of the last, the worst the line was and why, however many there were', () => {
    expect(summaryLine('c1', undefined)).to.equal('call c1: media summary: no reading was taken (the call was connected for less than one reading\'s interval)');
    const poor = classifyCallQuality({ lossPercent: 9, jitterMs: 3, roundTripMs: 20 });
    const good = classifyCallQuality({ lossPercent: 0, jitterMs: 3, roundTripMs: 20 });
    const one = foldCallStats(undefined, reading(250, 0), good, 1000);
    expect(summaryLine('c1', one)).to.equal(
      'call c1: media summary of 1 reading: received 40000 B, sent 8000 B; packets 250 received, 0 lost (0 %); jitter at most 3 ms; round trip at most 20 ms; line at worst good; ice=connected at the last reading',
    );
    const three = foldCallStats(foldCallStats(one, reading(480, 20), poor, 6000), reading(730, 20), good, 11_000);
    expect(summaryLine('c1', three)).to.include('of 3 readings over 10 s: received 116800 B').and.include('730 received, 20 lost (2.7 %)').and.include('line at worst poor (loss)');
  });
});
