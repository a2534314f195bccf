/**
 * baresip's control socket (module ctrl_tcp, baresip 1.0.0): JSON in netstrings
 * (`<length>:<json>,`) over TCP. We send `{"command", "params", "token"}`; baresip answers
 * `{"response": true, "ok", "data", "token"}` (data is what the command printed) and pushes
 * `{"event": true, "type", "class", "accountaor", "direction", "peeruri", "id", "param"}`
 * for registration and call events (id is the call's SIP Call-ID).
 */
import { connect, type Socket } from 'node:net';

/** One event baresip pushed (CALL_INCOMING, CALL_RINGING, CALL_ESTABLISHED, CALL_CLOSED, REGISTER_OK...). */
export interface BaresipEvent {
  readonly type: string;
  readonly class?: string;
  readonly accountaor?: string;
  readonly direction?: 'incoming' | 'outgoing';
  readonly peeruri?: string;
  /** The call's SIP Call-ID. */
  readonly id?: string;
  /** The event's detail: the peer URI, the reason a call closed ("Connection reset by peer"), the SDP kind... */
  readonly param?: string;
  /** When it arrived here (Date.now()). */
  readonly at: number;
}

interface Pending {
  resolve(data: string): void;
  reject(error: Error): void;
}

/** The netstrings in `buffer`, and what is left of it (an incomplete one). */
export function readNetstrings(buffer: Buffer): { messages: string[]; rest: Buffer } {
  const messages: string[] = [];
  let rest = buffer;
  for (;;) {
    const colon = rest.indexOf(0x3a);
    if (colon < 0) break;
    const length = Number(rest.subarray(0, colon).toString('latin1'));
    if (!Number.isInteger(length) || length < 0) throw new Error(`baresip control: bad netstring length ${JSON.stringify(rest.subarray(0, colon).toString('latin1'))}`);
    if (rest.length < colon + 1 + length + 1) break;
    messages.push(rest.subarray(colon + 1, colon + 1 + length).toString('utf8'));
    rest = rest.subarray(colon + 1 + length + 1);
  }
  return { messages, rest };
}

/** A connection to one baresip's ctrl_tcp. */
export class BaresipControl {
  readonly #socket: Socket;
  readonly #pending = new Map<string, Pending>();
  readonly #events: BaresipEvent[] = [];
  readonly #listeners = new Set<(event: BaresipEvent) => void>();
  #buffer: Buffer = Buffer.alloc(0);
  #nextToken = 1;
  #closed: Error | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('close', () => this.#fail(new Error('baresip control connection closed')));
    socket.on('error', (error) => this.#fail(error));
  }

  /** Connects to 127.0.0.1:port. */
  static connect(port: number): Promise<BaresipControl> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        resolve(new BaresipControl(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Every event so far, oldest first. */
  get events(): readonly BaresipEvent[] {
    return this.#events;
  }

  /** Runs a command (as typed at baresip's prompt, without the slash) and resolves with what it printed. */
  command(command: string, params = '', timeoutMs = 5000): Promise<string> {
    if (this.#closed) return Promise.reject(this.#closed);
    const token = `cp-${this.#nextToken++}`;
    const body = JSON.stringify({ command, params, token });
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(token);
        reject(new Error(`baresip did not answer "${command}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#pending.set(token, {
        resolve: (data) => {
          clearTimeout(timer);
          resolve(data);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#socket.write(`${Buffer.byteLength(body)}:${body},`);
    });
  }

  /**
   * The first event from index `since` on (see {@link events}) that matches; waits for it
   * when none has come yet. Rejects after `timeoutMs`, saying what did come.
   */
  waitForEvent(match: (event: BaresipEvent) => boolean, since: number, what: string, timeoutMs = 15_000): Promise<BaresipEvent> {
    const seen = this.#events.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const listener = (event: BaresipEvent) => {
        if (!match(event)) return;
        cleanup();
        resolve(event);
      };
      const timer = setTimeout(() => {
        cleanup();
        const came = this.#events.slice(since).map((e) => `${e.type}(${e.param ?? ''})`).join(', ') || 'none';
        reject(new Error(`baresip: no ${what} within ${timeoutMs} ms (events since: ${came})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#listeners.delete(listener);
      };
      this.#listeners.add(listener);
    });
  }

  /** Calls `listener` with every event from now on; returns the way to stop. */
  subscribe(listener: (event: BaresipEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#socket.destroy();
  }

  #onData(chunk: Buffer): void {
    let parsed: { messages: string[]; rest: Buffer };
    try {
      parsed = readNetstrings(Buffer.concat([this.#buffer, chunk]));
    } catch (error) {
      this.#fail(error as Error);
      this.#socket.destroy();
      return;
    }
    this.#buffer = parsed.rest;
    for (const text of parsed.messages) {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue; // not ours to interpret
      }
      if (message['response'] === true && typeof message['token'] === 'string') {
        const pending = this.#pending.get(message['token']);
        this.#pending.delete(message['token']);
        const data = typeof message['data'] === 'string' ? message['data'] : '';
        if (message['ok'] === false) pending?.reject(new Error(`baresip refused the command: ${data.trim() || 'no reason given'}`));
        else pending?.resolve(data);
      } else if (message['event'] === true && typeof message['type'] === 'string') {
        const event = { ...(message as Omit<BaresipEvent, 'at'>), at: Date.now() } as BaresipEvent;
        this.#events.push(event);
        for (const listener of [...this.#listeners]) listener(event);
      }
    }
  }

  #fail(error: Error): void {
    this.#closed ??= error;
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }
}
