/**
 * A stretch of network between the agent's browser and the SIP server that a test can cut: a
 * TCP relay on 127.0.0.1 (a port of its own) in front of Kamailio's WebSocket port. ContactPad
 * is pointed at it (the call center's sipServerUrl), the customer simulator is not, so only the
 * agent's connection is cut. Two ways to cut:
 *
 * - {@link CuttableLink.cut}: every open connection is reset on both sides, as when the
 *   agent's network changes (the browser's WebSocket closes at once, Kamailio drops its end);
 * - {@link CuttableLink.silence}: every open connection stays open but carries nothing more
 *   either way, as when a network dies without a word (nobody is told; only a keep-alive
 *   without an answer shows it);
 * - {@link CuttableLink.down}: every open connection reset, and every new one too until
 *   {@link CuttableLink.up}, as when the agent's network is gone for a while;
 * - {@link CuttableLink.cutOn}: reset when Kamailio next sends the agent a given SIP message,
 *   which is lost with the connection (as when the network drops while it is on its way).
 *
 * After cut and silence new connections pass: the phone can reconnect at once.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface CuttableLink {
  /** ws://127.0.0.1:<the relay's port> */
  readonly wsUrl: string;
  /** The connections open through the relay now (not cut or silenced). */
  readonly open: number;
  /** Every connection the relay has taken since it opened. */
  readonly accepted: number;
  /** When (epoch ms) it took the last one; 0 before any. */
  readonly lastAcceptedAt: number;
  /** Resets every open connection, both sides. */
  cut(): void;
  /** Keeps every open connection but passes nothing more on it, either way. */
  silence(): void;
  /** Resets every open connection, and every new one until {@link up} (not counted in {@link accepted}). */
  down(): void;
  /** Lets new connections through again after {@link down}. */
  up(): void;
  /**
   * The next time Kamailio sends the agent a message starting with `start` ("ACK sip:"), that
   * message is dropped and every connection reset ({@link cut}). Read from the WebSocket frames
   * Kamailio sends (unmasked, RFC 6455 5.1): the message starts within the frame's header's
   * length (2 to 10 bytes) of the chunk's start.
   */
  cutOn(start: string): void;
  /** Closes the relay and every connection through it. */
  close(): Promise<void>;
}

/** Opens a relay to 127.0.0.1:`targetPort` on a free port of 127.0.0.1. */
export async function openCuttableLink(targetPort: number): Promise<CuttableLink> {
  const pairs = new Set<{ client: Socket; server: Socket; passing: boolean }>();
  const silenced: Socket[] = [];
  let accepted = 0;
  let lastAcceptedAt = 0;
  let refusing = false;
  /** What cutOn waits for. */
  let cutBefore: Buffer | undefined;
  const carries = (chunk: Buffer, start: Buffer) => {
    const at = chunk.indexOf(start);
    return at >= 2 && at <= 10;
  };
  const server: Server = createServer((client) => {
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    accepted++;
    lastAcceptedAt = Date.now();
    const upstream = connect({ host: '127.0.0.1', port: targetPort });
    const pair = { client, server: upstream, passing: true };
    pairs.add(pair);
    client.on('data', (chunk) => {
      if (pair.passing) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!pair.passing) return;
      if (cutBefore && carries(chunk, cutBefore)) {
        cutBefore = undefined;
        link.cut();
        return;
      }
      client.write(chunk);
    });
    const end = () => {
      pairs.delete(pair);
      if (!pair.passing) return; // a silenced connection stays open until close()
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const link: CuttableLink = {
    wsUrl: `ws://127.0.0.1:${port}`,
    get accepted() {
      return accepted;
    },
    get lastAcceptedAt() {
      return lastAcceptedAt;
    },
    get open() {
      return [...pairs].filter((pair) => pair.passing).length;
    },
    cut() {
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.client.resetAndDestroy();
        pair.server.resetAndDestroy();
      }
    },
    silence() {
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.passing = false;
        silenced.push(pair.client, pair.server);
      }
    },
    down() {
      refusing = true;
      link.cut();
    },
    up() {
      refusing = false;
    },
    cutOn(start) {
      cutBefore = Buffer.from(start);
    },
    async close() {
      link.cut();
      for (const socket of silenced.splice(0)) socket.destroy();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  return link;
}
