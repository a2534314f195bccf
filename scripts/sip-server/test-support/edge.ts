/**
 * What the SIP edge's Node tests share: free ports, a registered agent on a WebSocket, a peer
 * on UDP from a chosen 127/8 address, the edge's log since a mark, waiting for a condition.
 */
import { readFileSync, statSync } from 'node:fs';
import { freeTcpPort, freeUdpPort } from '../free-port.ts';
import type { RunningKamailio } from '../kamailio.ts';
import { SipPeer, type DigestCredential } from './sip-peer.ts';

/** The ports a test's Kamailio needs. */
export async function edgePorts(): Promise<{ wsPort: number; udpPort: number }> {
  return { wsPort: await freeTcpPort(), udpPort: await freeUdpPort() };
}

/** A SIP client on the edge's WebSocket that has registered `user` (and got 200). */
export async function registeredAgent(edge: RunningKamailio, user: string, credential?: DigestCredential): Promise<SipPeer> {
  const agent = await SipPeer.overWebSocket(edge.wsUrl, { user });
  const outcome = await agent.register(credential ? { credential } : {});
  if (outcome.final.status !== 200) {
    agent.close();
    throw new Error(`${user} could not register: ${outcome.final.startLine}`);
  }
  return agent;
}

/** A SIP client on UDP from `localAddress` (a trunk when the edge lists that address). */
export function udpPeer(edge: RunningKamailio, user: string, localAddress: string): Promise<SipPeer> {
  return SipPeer.overUdp(edge.udpPort, { user, localAddress });
}

/** The peers a suite opens (`keep` returns the peer it is given), closed together by `closeAll` in its after hook. */
export function peerKeeper(): { keep(peer: SipPeer): SipPeer; closeAll(): void } {
  const peers: SipPeer[] = [];
  return {
    keep: (peer) => {
      peers.push(peer);
      return peer;
    },
    closeAll: () => {
      for (const peer of peers.splice(0)) peer.close();
    },
  };
}

/** A mark in a log file: what was written after it can be read with {@link logSince}. */
export function logMark(file: string): number {
  return statSync(file).size;
}

/** What `file` got after `mark`. */
export function logSince(file: string, mark: number): string {
  return readFileSync(file).subarray(mark).toString('utf8');
}

/** Polls `check` every 50 ms until it returns true; rejects after `timeoutMs` with `what`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Not within ${timeoutMs} ms: ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
