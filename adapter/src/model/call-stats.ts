/**
 * What the diagnostic log (diagnostic-log.ts) keeps of a call's media: one line per reading of
 * its getStats figures (the in-call desk reads them every few seconds while the call is connected,
 * for the line-quality indicator: call-quality.ts), and, when the call is no longer under way, a
 * summary of them all: how much came and went, the packets lost, the worst jitter and round trip,
 * the worst the line was and why. An admin reads them beside the call's SIP messages.
 *
 * Pure: readings in, text out.
 */
import type { CallQuality, CallQualityCause, CallQualityLevel, MediaCounters } from './call-quality.ts';

/** One reading of a call's media figures (telephony's MediaStats has this shape). */
export interface MediaReading extends MediaCounters {
  readonly iceConnectionState: string;
  readonly bytesReceived: number;
  readonly bytesSent: number;
}

/** A call's readings so far, folded. */
export interface CallStatsSummary {
  readonly readings: number;
  readonly firstAt: number;
  readonly lastAt: number;
  /** The last reading (the counters are cumulative: it holds the totals). */
  readonly last: MediaReading;
  readonly jitterMaxMs: number | undefined;
  readonly roundTripMaxMs: number | undefined;
  readonly worst: CallQualityLevel;
  readonly worstCause: CallQualityCause | undefined;
}

const RANK: Readonly<Record<CallQualityLevel, number>> = { good: 0, fair: 1, poor: 2 };

function max(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/** `summary` with one more reading taken at `at` and classed as `quality`. */
export function foldCallStats(summary: CallStatsSummary | undefined, reading: MediaReading, quality: CallQuality, at: number): CallStatsSummary {
  const worse = !summary || RANK[quality.level] > RANK[summary.worst];
  return Object.freeze({
    readings: (summary?.readings ?? 0) + 1,
    firstAt: summary?.firstAt ?? at,
    lastAt: at,
    last: reading,
    jitterMaxMs: max(summary?.jitterMaxMs, quality.jitterMs),
    roundTripMaxMs: max(summary?.roundTripMaxMs, quality.roundTripMs),
    worst: worse ? quality.level : summary.worst,
    worstCause: worse ? quality.cause : summary.worstCause,
  });
}

function ms(value: number | undefined): string {
  return value === undefined ? 'not measured' : `${Math.round(value)} ms`;
}

function line(level: CallQualityLevel, cause: CallQualityCause | undefined): string {
  return cause ? `${level} (${cause})` : level;
}

/** One reading as a log line: `call <id>: media ice=connected, received 9600 B, sent 9440 B, packets 250 received, 2 lost (0.8 % since the last reading), jitter 4 ms, round trip 38 ms: line good`. */
export function readingLine(callId: string, reading: MediaReading, quality: CallQuality): string {
  const loss = quality.lossPercent === undefined ? 'no packets due since the last reading' : `${quality.lossPercent} % since the last reading`;
  return (
    `call ${callId}: media ice=${reading.iceConnectionState}, received ${count(reading.bytesReceived)} B, sent ${count(reading.bytesSent)} B, ` +
    `packets ${count(reading.packetsReceived)} received, ${count(reading.packetsLost)} lost (${loss}), ` +
    `jitter ${ms(quality.jitterMs)}, round trip ${ms(quality.roundTripMs)}: line ${line(quality.level, quality.cause)}`
  );
}

/** The summary of a call's readings as a log line (or that none was taken). */
export function summaryLine(callId: string, summary: CallStatsSummary | undefined): string {
  if (!summary) return `call ${callId}: media summary: no reading was taken (the call was connected for less than one reading's interval)`;
  const { last } = summary;
  const received = count(last.packetsReceived);
  const lost = count(last.packetsLost);
  const due = received + lost;
  const lossShare = due === 0 ? 'none due' : `${Math.round((lost / due) * 1000) / 10} %`;
  const seconds = Math.round((summary.lastAt - summary.firstAt) / 1000);
  const readings = summary.readings === 1 ? '1 reading' : `${summary.readings} readings over ${seconds} s`;
  return (
    `call ${callId}: media summary of ${readings}: received ${count(last.bytesReceived)} B, sent ${count(last.bytesSent)} B; ` +
    `packets ${received} received, ${lost} lost (${lossShare}); jitter at most ${ms(summary.jitterMaxMs)}; round trip at most ${ms(summary.roundTripMaxMs)}; ` +
    `line at worst ${line(summary.worst, summary.worstCause)}; ice=${last.iceConnectionState} at the last reading`
  );
}
