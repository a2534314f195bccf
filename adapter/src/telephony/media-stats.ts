/**
 * A call's media figures (RTCPeerConnection.getStats): for support and the end-to-end suite
 * (window.contactPad.mediaStats), and for the call-quality indicator, which reads them every
 * few seconds while the call is connected (model/call-quality.ts classes them).
 */
import type { Call } from './call.ts';
import { peerConnectionOf } from './far-end.ts';

/** Media figures of a call (RTCPeerConnection.getStats), cumulative since its media started. */
export interface MediaStats {
  iceConnectionState: string;
  bytesReceived: number;
  bytesSent: number;
  /** RTP packets of the far end's audio received and lost (inbound-rtp). */
  packetsReceived: number;
  packetsLost: number;
  /** Arrival jitter of the far end's audio, ms (inbound-rtp jitter); undefined before any audio. */
  jitterMs: number | undefined;
  /**
   * Round-trip time, ms: from the far end's RTCP receiver reports (remote-inbound-rtp
   * roundTripTime), else the ICE connectivity checks of the selected candidate pair
   * (currentRoundTripTime: to the media gateway, for a phone behind one); undefined before either.
   */
  roundTripMs: number | undefined;
}

/** One entry of a getStats report, as far as these figures read it (every field may be missing). */
interface StatEntry {
  type?: string;
  kind?: string;
  bytesReceived?: number;
  bytesSent?: number;
  packetsReceived?: number;
  packetsLost?: number;
  jitter?: number;
  roundTripTime?: number;
  currentRoundTripTime?: number;
  selectedCandidatePairId?: string;
  nominated?: boolean;
  state?: string;
}

function seconds(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value * 1000 : undefined;
}

/** The figures of a call's media; 'new' and nothing before it has media. */
export async function mediaStats(call: Call): Promise<MediaStats> {
  const peer = peerConnectionOf(call);
  const none: MediaStats = { iceConnectionState: 'new', bytesReceived: 0, bytesSent: 0, packetsReceived: 0, packetsLost: 0, jitterMs: undefined, roundTripMs: undefined };
  if (!peer) return none;
  const report = await peer.getStats();
  const figures: MediaStats = { ...none, iceConnectionState: peer.iceConnectionState };
  let reportedRoundTrip: number | undefined;
  let selectedPair: string | undefined;
  const pairs = new Map<string, StatEntry>();
  report.forEach((stat: StatEntry & { id?: string }) => {
    switch (stat.type) {
      case 'inbound-rtp':
        figures.bytesReceived += stat.bytesReceived ?? 0;
        if (stat.kind !== 'audio') break;
        figures.packetsReceived += stat.packetsReceived ?? 0;
        figures.packetsLost += stat.packetsLost ?? 0;
        figures.jitterMs = seconds(stat.jitter) ?? figures.jitterMs;
        break;
      case 'outbound-rtp':
        figures.bytesSent += stat.bytesSent ?? 0;
        break;
      case 'remote-inbound-rtp':
        if (stat.kind === 'audio') reportedRoundTrip = seconds(stat.roundTripTime) ?? reportedRoundTrip;
        break;
      case 'transport':
        selectedPair = stat.selectedCandidatePairId ?? selectedPair;
        break;
      case 'candidate-pair':
        if (stat.id) pairs.set(stat.id, stat);
        break;
    }
  });
  const pair = (selectedPair ? pairs.get(selectedPair) : undefined) ?? [...pairs.values()].find((candidate) => candidate.nominated && candidate.state === 'succeeded');
  figures.roundTripMs = reportedRoundTrip ?? seconds(pair?.currentRoundTripTime);
  return figures;
}
