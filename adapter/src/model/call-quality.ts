/**
 * How good a call's line is, from the media figures WebRTC reports (RTCPeerConnection.getStats,
 * read by telephony every few seconds while the call is connected): the share of the caller's
 * audio lost on the way, the jitter of its arrival, and the round-trip time. Each figure is
 * classed good, fair or poor by the thresholds below, the line by its worst figure; the agent
 * is warned once when the line turns poor, and again only after it has been good in between.
 *
 * The thresholds, and where they come from:
 *
 * | figure      | fair above | poor above | source |
 * |-------------|-----------:|-----------:|--------|
 * | loss        | 1 %        | 3 %        | Cisco Enterprise QoS SRND (2005) ch. 1, voice: loss no more than 1 %. Poor: ITU-T G.113 Appendix I, G.711 with packet loss concealment (Bpl 25.1): 3 % random loss already costs about 10 R points (Ie,eff = 95 x 3 / (3 + 25.1)) |
 * | jitter      | 30 ms      | 50 ms      | Cisco QoS SRND: average one-way jitter under 30 ms. Poor: ITU-T Y.1541 QoS classes 0 and 1 (VoIP): delay variation (IPDV) at most 50 ms |
 * | round trip  | 300 ms     | 800 ms     | ITU-T G.114 (05/2003): one-way delay up to 150 ms is acceptable for most applications, beyond 400 ms it is unacceptable for network planning; a round trip is about twice the one-way delay |
 *
 * Pure: no clock, no I/O. The caller keeps the previous counters and the {@link QualityWatch}.
 */

/** good, fair or poor (the worst of the figures). */
export type CallQualityLevel = 'good' | 'fair' | 'poor';

/** Which figure decided the level. */
export type CallQualityCause = 'loss' | 'jitter' | 'delay';

/** A figure's limits: above `fair` it is fair, above `poor` it is poor. */
export interface QualityLimits {
  readonly lossPercent: number;
  readonly jitterMs: number;
  readonly roundTripMs: number;
}

/** The thresholds, in one place (see the file comment for their sources). */
export const QUALITY_THRESHOLDS: Readonly<{ fair: QualityLimits; poor: QualityLimits }> = Object.freeze({
  fair: Object.freeze({ lossPercent: 1, jitterMs: 30, roundTripMs: 300 }),
  poor: Object.freeze({ lossPercent: 3, jitterMs: 50, roundTripMs: 800 }),
});

/** A call's media counters as getStats reports them (cumulative since the call's media started). */
export interface MediaCounters {
  /** RTP packets of the far end's audio received (inbound-rtp packetsReceived). */
  readonly packetsReceived: number;
  /** RTP packets of the far end's audio lost (inbound-rtp packetsLost; may go down with late duplicates). */
  readonly packetsLost: number;
  /** Arrival jitter of the far end's audio, ms (inbound-rtp jitter); undefined before any. */
  readonly jitterMs: number | undefined;
  /** Round-trip time, ms; undefined before any is measured. */
  readonly roundTripMs: number | undefined;
}

/** The figures of one sample: loss over the interval since the previous sample, the latest jitter and round trip. */
export interface CallQualityFigures {
  /** Share of the far end's packets lost in the interval, 0-100 with one decimal; undefined when no packet was due. */
  readonly lossPercent: number | undefined;
  readonly jitterMs: number | undefined;
  readonly roundTripMs: number | undefined;
}

/** A classified sample. */
export interface CallQuality extends CallQualityFigures {
  readonly level: CallQualityLevel;
  /** The figure that decided a fair or poor level (the worst one; loss first when two are as bad). */
  readonly cause: CallQualityCause | undefined;
}

function finite(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * The figures between two readings of the counters: the loss of the packets due in between
 * (received + lost), or since the media started when there is no previous reading. Counters
 * that went down (a new peer connection, late duplicates) count as nothing lost.
 */
export function qualityFigures(previous: MediaCounters | undefined, now: MediaCounters): CallQualityFigures {
  const received = Math.max(0, (finite(now.packetsReceived) ?? 0) - (finite(previous?.packetsReceived) ?? 0));
  const lost = Math.max(0, (finite(now.packetsLost) ?? 0) - (finite(previous?.packetsLost) ?? 0));
  const due = received + lost;
  const jitter = finite(now.jitterMs);
  const roundTrip = finite(now.roundTripMs);
  return Object.freeze({
    lossPercent: due === 0 ? undefined : Math.round((lost / due) * 1000) / 10,
    jitterMs: jitter === undefined ? undefined : Math.round(jitter),
    roundTripMs: roundTrip === undefined ? undefined : Math.round(roundTrip),
  });
}

const RANK: Readonly<Record<CallQualityLevel, number>> = { good: 0, fair: 1, poor: 2 };

function levelOf(value: number | undefined, limit: keyof QualityLimits): CallQualityLevel {
  if (value === undefined) return 'good';
  if (value > QUALITY_THRESHOLDS.poor[limit]) return 'poor';
  if (value > QUALITY_THRESHOLDS.fair[limit]) return 'fair';
  return 'good';
}

/** Classes the figures by {@link QUALITY_THRESHOLDS}: the line is as good as its worst figure (an unknown figure counts as good). */
export function classifyCallQuality(figures: CallQualityFigures): CallQuality {
  const levels: readonly [CallQualityCause, CallQualityLevel][] = [
    ['loss', levelOf(figures.lossPercent, 'lossPercent')],
    ['jitter', levelOf(figures.jitterMs, 'jitterMs')],
    ['delay', levelOf(figures.roundTripMs, 'roundTripMs')],
  ];
  let level: CallQualityLevel = 'good';
  let cause: CallQualityCause | undefined;
  for (const [figure, figureLevel] of levels) {
    if (RANK[figureLevel] > RANK[level]) {
      level = figureLevel;
      cause = figure;
    }
  }
  return Object.freeze({ ...figures, level, cause });
}

/** What a call remembers between samples to warn once per degradation. */
export interface QualityWatch {
  /** The agent was warned of this degradation; cleared once the line is good again. */
  readonly warned: boolean;
}

/** A call's watch before its first sample. */
export const FIRST_QUALITY_WATCH: QualityWatch = Object.freeze({ warned: false });

/**
 * The next watch, and whether to warn now: the first poor sample of a degradation warns, the
 * ones after it do not (nor fair ones in between); a good sample ends the degradation, so the
 * next poor one warns again.
 */
export function watchCallQuality(watch: QualityWatch, quality: CallQuality): { readonly watch: QualityWatch; readonly warn: boolean } {
  if (quality.level === 'poor') return { watch: watch.warned ? watch : Object.freeze({ warned: true }), warn: !watch.warned };
  if (quality.level === 'good' && watch.warned) return { watch: FIRST_QUALITY_WATCH, warn: false };
  return { watch, warn: false };
}

/** What the agent reads when the line turns poor, naming the figure that made it so. */
export function poorLineMessage(quality: CallQuality): string {
  switch (quality.cause) {
    case 'loss':
      return `The line is poor: ${Math.round(quality.lossPercent ?? 0)} % of the caller's audio is being lost. The caller may be hard to hear, and may hear you badly too.`;
    case 'jitter':
      return `The line is poor: the caller's audio arrives unevenly (jitter ${quality.jitterMs ?? 0} ms), so it may break up.`;
    case 'delay':
      return `The line is poor: ${quality.roundTripMs ?? 0} ms round trip, so you and the caller may talk over each other.`;
    default:
      return 'The line is poor.';
  }
}
