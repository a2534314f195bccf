/** A call's media figures for support and the end-to-end suite (window.contactPad.mediaStats). */
import type { Call } from './call.ts';
import { peerConnectionOf } from './far-end.ts';

/** Media figures of a call (RTCPeerConnection.getStats). */
export interface MediaStats {
  iceConnectionState: string;
  bytesReceived: number;
  bytesSent: number;
}

/** ICE state and bytes of a call's media (RTP in and out); 'new' and nothing before it has media. */
export async function mediaStats(call: Call): Promise<MediaStats> {
  const peer = peerConnectionOf(call);
  if (!peer) return { iceConnectionState: 'new', bytesReceived: 0, bytesSent: 0 };
  const report = await peer.getStats();
  let bytesReceived = 0;
  let bytesSent = 0;
  report.forEach((stat: { type?: string; bytesReceived?: number; bytesSent?: number }) => {
    if (stat.type === 'inbound-rtp') bytesReceived += stat.bytesReceived ?? 0;
    if (stat.type === 'outbound-rtp') bytesSent += stat.bytesSent ?? 0;
  });
  return { iceConnectionState: peer.iceConnectionState, bytesReceived, bytesSent };
}
