/**
 * A small WebSocket client (RFC 6455) over node:net or node:tls, for tests that must choose what
 * Node's global WebSocket does not let them choose: the certificate to trust, the TLS versions
 * offered, the local address. Text and binary messages, ping/pong, close; no extensions.
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls, type SecureVersion, type TLSSocket } from 'node:tls';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** How to open the connection. */
export interface WebSocketClientOptions {
  /** The subprotocol to ask for (SIP over WebSocket: "sip", RFC 7118). */
  readonly protocol?: string;
  /** PEM certificate(s) to trust for wss:// (a self-signed server certificate). */
  readonly ca?: string | Buffer;
  /** TLS versions to offer (wss://). */
  readonly minVersion?: SecureVersion;
  readonly maxVersion?: SecureVersion;
  /** OpenSSL cipher string, e.g. "DEFAULT@SECLEVEL=0" so the client itself allows TLS 1.1. */
  readonly ciphers?: string;
  /** Bind the connection to this local address (127.0.0.2...). */
  readonly localAddress?: string;
  /** Give up on the handshake after this long (default 5 s). */
  readonly timeoutMs?: number;
}

/** An open WebSocket. */
export interface WebSocketClient {
  /** The subprotocol the server chose. */
  readonly protocol: string;
  /** For wss://: the TLS version negotiated (e.g. "TLSv1.3"). */
  readonly tlsVersion: string | undefined;
  send(text: string): void;
  /** Called with each text (or binary, as UTF-8) message. */
  onMessage(listener: (text: string) => void): void;
  /** Called once when the connection ends, for whatever reason. */
  onClose(listener: () => void): void;
  close(): void;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const length = payload.length;
  const header = length < 126 ? Buffer.alloc(2) : length < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  if (length < 126) header[1] = 0x80 | length;
  else if (length < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = payload[i]! ^ mask[i % 4]!;
  return Buffer.concat([header, mask, masked]);
}

/** Opens ws:// or wss:// `url`; rejects when the TCP/TLS connection or the upgrade fails. */
export function openWebSocket(url: string, options: WebSocketClientOptions = {}): Promise<WebSocketClient> {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'wss:';
  if (!secure && parsed.protocol !== 'ws:') return Promise.reject(new Error(`openWebSocket: not a ws:// or wss:// URL: ${url}`));
  const host = parsed.hostname;
  const port = Number(parsed.port || (secure ? 443 : 80));
  const key = randomBytes(16).toString('base64');
  const expectedAccept = createHash('sha1').update(key + GUID).digest('base64');

  return new Promise((resolve, reject) => {
    let socket: Socket | TLSSocket;
    const onConnect = () => {
      socket.write(
        [
          `GET ${parsed.pathname || '/'} HTTP/1.1`,
          `Host: ${host}:${port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          `Sec-WebSocket-Key: ${key}`,
          'Sec-WebSocket-Version: 13',
          ...(options.protocol ? [`Sec-WebSocket-Protocol: ${options.protocol}`] : []),
          '',
          '',
        ].join('\r\n'),
      );
    };
    if (secure) {
      socket = connectTls(
        {
          host,
          port,
          servername: /^[\d.]+$/.test(host) ? undefined : host,
          ...(options.ca ? { ca: options.ca } : {}),
          ...(options.minVersion ? { minVersion: options.minVersion } : {}),
          ...(options.maxVersion ? { maxVersion: options.maxVersion } : {}),
          ...(options.ciphers ? { ciphers: options.ciphers } : {}),
          ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        },
        onConnect,
      );
    } else {
      socket = connectTcp({ host, port, ...(options.localAddress ? { localAddress: options.localAddress } : {}) }, onConnect);
    }
    // As browsers do for WebSockets: no Nagle delay (with the peer's delayed ACK, a small frame
    // sent right after another could wait about 40 ms on Linux).
    socket.setNoDelay(true);

    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      reject(error);
    };
    const timer: NodeJS.Timeout = setTimeout(() => fail(new Error(`openWebSocket: no upgrade from ${url} within ${options.timeoutMs ?? 5000} ms`)), options.timeoutMs ?? 5000);
    socket.once('error', (error) => fail(error));
    socket.once('close', () => fail(new Error(`openWebSocket: ${url} closed the connection during the handshake`)));

    let buffer = Buffer.alloc(0);
    let upgraded = false;
    const messageListeners: ((text: string) => void)[] = [];
    const closeListeners: (() => void)[] = [];
    let fragments: Buffer[] = [];
    let closed = false;
    const closeOnce = () => {
      if (closed) return;
      closed = true;
      for (const listener of closeListeners) listener();
    };

    const readFrames = () => {
      for (;;) {
        if (buffer.length < 2) return;
        const opcode = buffer[0]! & 0x0f;
        const fin = (buffer[0]! & 0x80) !== 0;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        const masked = (buffer[1]! & 0x80) !== 0;
        const maskOffset = offset;
        if (masked) offset += 4;
        if (buffer.length < offset + length) return;
        let payload = buffer.subarray(offset, offset + length);
        if (masked) {
          const mask = buffer.subarray(maskOffset, maskOffset + 4);
          payload = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
        }
        buffer = buffer.subarray(offset + length);
        if (opcode === 0x9) socket.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          socket.end(frame(0x8, Buffer.alloc(0)));
          closeOnce();
        } else if (opcode === 0x1 || opcode === 0x2 || opcode === 0x0) {
          fragments.push(Buffer.from(payload));
          if (fin) {
            const text = Buffer.concat(fragments).toString('utf8');
            fragments = [];
            for (const listener of messageListeners) listener(text);
          }
        }
      }
    };

    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        const status = /^HTTP\/1\.1 (\d{3})/.exec(head)?.[1];
        const accept = /^sec-websocket-accept:\s*(\S+)/im.exec(head)?.[1];
        const protocol = /^sec-websocket-protocol:\s*(\S+)/im.exec(head)?.[1] ?? '';
        if (status !== '101' || accept !== expectedAccept) {
          fail(new Error(`openWebSocket: ${url} answered the upgrade with ${head.split('\r\n')[0]}`));
          return;
        }
        upgraded = true;
        settled = true;
        clearTimeout(timer);
        socket.removeAllListeners('close');
        socket.removeAllListeners('error');
        socket.on('error', () => closeOnce());
        socket.on('close', () => closeOnce());
        resolve({
          protocol,
          tlsVersion: secure ? ((socket as TLSSocket).getProtocol() ?? undefined) : undefined,
          send: (text) => {
            if (!closed) socket.write(frame(0x1, Buffer.from(text, 'utf8')));
          },
          onMessage: (listener) => messageListeners.push(listener),
          onClose: (listener) => closeListeners.push(listener),
          close: () => {
            if (closed) return;
            socket.end(frame(0x8, Buffer.alloc(0)));
            setTimeout(() => socket.destroy(), 200).unref();
            closeOnce();
          },
        });
      }
      readFrames();
    });
  });
}
