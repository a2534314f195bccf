/**
 * What the phone-network suites need beside the console session: the media figures of a
 * call between the agent's browser (WebRTC) and a plain-RTP phone (baresip) bridged by
 * rtpengine, and which audio codec the browser negotiated.
 */
import type { Frame } from 'playwright-core';
import type { BaresipAudioStats, RunningBaresip } from '../../scripts/sip-peers/baresip.ts';
import type { ConsoleSession } from './console-session.ts';

/** The agent's side of a call (window.contactPad.mediaStats: RTCPeerConnection.getStats). */
export interface AgentMedia {
  readonly iceConnectionState: string;
  readonly bytesReceived: number;
  readonly bytesSent: number;
}

declare global {
  interface Window {
    /** Every RTCPeerConnection the page set a remote description on (recorded by {@link watchPeerConnections}). */
    __cpPeerConnections?: RTCPeerConnection[];
  }
}

/**
 * Records the softphone's peer connections from now on (until a reload), so a test can read
 * their codec statistics. ContactPad exposes bytes only (window.contactPad.mediaStats); the
 * codec is read from the same getStats() report.
 */
export async function watchPeerConnections(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    if (window.__cpPeerConnections) return;
    const seen: RTCPeerConnection[] = [];
    window.__cpPeerConnections = seen;
    const original = RTCPeerConnection.prototype.setRemoteDescription;
    RTCPeerConnection.prototype.setRemoteDescription = function (this: RTCPeerConnection, ...args: Parameters<typeof original>) {
      if (!seen.includes(this)) seen.push(this);
      return original.apply(this, args);
    } as typeof original;
  });
}

/** The audio codecs (mimeType, e.g. audio/PCMU) of the RTP the newest watched peer connection sends and receives. */
export async function negotiatedAudioCodecs(frame: Frame): Promise<{ sending: string; receiving: string }> {
  return frame.evaluate(async () => {
    const pc = window.__cpPeerConnections?.at(-1);
    if (!pc) return { sending: '', receiving: '' };
    const report = await pc.getStats();
    const codecOf = (type: string) => {
      let mime = '';
      report.forEach((stat: { type?: string; kind?: string; codecId?: string }) => {
        if (stat.type === type && stat.kind === 'audio' && stat.codecId) mime = (report.get(stat.codecId) as { mimeType?: string } | undefined)?.mimeType ?? '';
      });
      return mime;
    };
    return { sending: codecOf('outbound-rtp'), receiving: codecOf('inbound-rtp') };
  });
}

/** The agent's media figures for an interaction. */
export function agentMedia(session: ConsoleSession, interactionId: string): Promise<AgentMedia> {
  return session.softphone.evaluate((id) => window.contactPad!.mediaStats(id), interactionId);
}

/**
 * Polls both ends until audio has flowed each way: the agent's browser has received RTP
 * (bytes) over a connected ICE/DTLS path, and the phone has received at least `packets` RTP
 * packets (50 a second at 20 ms).
 */
export async function waitForPhoneAudioBothWays(session: ConsoleSession, interactionId: string, phone: RunningBaresip, packets = 50, timeoutMs = 20_000): Promise<{ agent: AgentMedia; phone: BaresipAudioStats }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const agent = await agentMedia(session, interactionId);
    const far = await phone.audioStats();
    const agentHears = (agent.iceConnectionState === 'connected' || agent.iceConnectionState === 'completed') && agent.bytesReceived > 0;
    if (agentHears && far.packetsReceived >= packets && far.packetsSent > 0) return { agent, phone: far };
    if (Date.now() > deadline) throw new Error(`Audio did not flow both ways: agent ${JSON.stringify(agent)}, phone ${JSON.stringify(far)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
