/**
 * The phone-network bench's stopwatch at the caller: a UDP relay between a SIP phone (baresip)
 * and Kamailio's UDP port, in a worker thread of its own so the bench's other work (Playwright)
 * does not hold datagrams up. The phone takes it as its outbound proxy; it passes every datagram
 * on at once (phone -> Kamailio, and Kamailio's replies back to the phone) and notes when it
 * got it, on the monotonic clock ({@link monotonicMs}), with the message's first line and
 * headers. Kamailio lists 127.0.0.1 as a trunk, so a relay there is the same trunk to it;
 * requests Kamailio sends the phone later (a BYE) go to the phone's Contact, not through here.
 *
 * Why not baresip's own events: its CALL_RINGING event comes after it has set up its ringback
 * player, measured at 2 to 33 ms after the 180 reached it.
 */
import { createSocket } from 'node:dgram';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

/** CLOCK_MONOTONIC in ms (process.hrtime): the same clock in every thread, and the one Chromium's DevTools protocol timestamps use on Linux. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** A SIP message's header value (full or compact name), e.g. sipHeader(text, 'Call-ID', 'i'). */
export function sipHeader(message: string, name: string, compact?: string): string | undefined {
  for (const line of message.split('\r\n').slice(1)) {
    if (line === '') break;
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const field = line.slice(0, colon).trim().toLowerCase();
    if (field === name.toLowerCase() || (compact !== undefined && field === compact)) return line.slice(colon + 1).trim();
  }
  return undefined;
}

/** One datagram the relay passed on. */
export interface WireMessage {
  /** When it passed it on ({@link monotonicMs}). */
  readonly at: number;
  /** 'out': from the phone to Kamailio; 'in': from Kamailio to the phone. */
  readonly direction: 'out' | 'in';
  /** The start line and headers (no body). */
  readonly head: string;
}

export interface SipWireRelay {
  /** The relay's UDP port on 127.0.0.1: the phone's outbound proxy. */
  readonly port: number;
  /** Every datagram so far. */
  readonly messages: readonly WireMessage[];
  /** The first message that matches, waiting for it (the worker's note may come just after the phone's event). */
  next(match: (message: WireMessage) => boolean, what: string, timeoutMs?: number): Promise<WireMessage>;
  stop(): Promise<void>;
}

interface RelayData {
  readonly kind: 'sip-wire-relay';
  readonly kamailioPort: number;
}

/** Starts the relay in front of Kamailio's UDP port on 127.0.0.1. */
export async function startSipWireRelay(kamailioPort: number): Promise<SipWireRelay> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { kind: 'sip-wire-relay', kamailioPort } satisfies RelayData });
  const messages: WireMessage[] = [];
  const listeners = new Set<() => void>();
  const port = await new Promise<number>((done, fail) => {
    worker.once('error', fail);
    worker.on('message', (message: { ready: number } | WireMessage) => {
      if ('ready' in message) {
        worker.off('error', fail);
        done(message.ready);
        return;
      }
      messages.push(message);
      for (const listener of listeners) listener();
    });
  });
  return {
    port,
    messages,
    next(match, what, timeoutMs = 5_000) {
      return new Promise((done, fail) => {
        const check = () => {
          const found = messages.find(match);
          if (!found) return;
          clearTimeout(timer);
          listeners.delete(check);
          done(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`bench: the SIP relay saw no ${what} within ${timeoutMs} ms`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async stop() {
      await worker.terminate();
    },
  };
}

function runRelay({ kamailioPort }: RelayData): void {
  const socket = createSocket('udp4');
  let phone: { address: string; port: number } | undefined;
  socket.on('message', (datagram, from) => {
    const at = monotonicMs();
    const fromKamailio = from.address === '127.0.0.1' && from.port === kamailioPort;
    if (fromKamailio) {
      if (phone) socket.send(datagram, phone.port, phone.address);
    } else {
      phone = { address: from.address, port: from.port };
      socket.send(datagram, kamailioPort, '127.0.0.1');
    }
    const text = datagram.toString('latin1');
    const end = text.indexOf('\r\n\r\n');
    parentPort?.postMessage({ at, direction: fromKamailio ? 'in' : 'out', head: end < 0 ? text : text.slice(0, end) } satisfies WireMessage);
  });
  socket.bind(0, '127.0.0.1', () => parentPort?.postMessage({ ready: socket.address().port }));
}

if (!isMainThread && (workerData as RelayData | undefined)?.kind === 'sip-wire-relay') runRelay(workerData as RelayData);
