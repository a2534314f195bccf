/**
 * rtpengine's ng control protocol (bencode over UDP, "<cookie> <dictionary>") for tests that
 * look at the media gateway directly: which calls it holds, what it knows about one.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

type Bencode = string | number | Bencode[] | { [key: string]: Bencode };

function encode(value: Bencode): Buffer {
  if (typeof value === 'number') return Buffer.from(`i${Math.trunc(value)}e`);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Array.isArray(value)) return Buffer.concat([Buffer.from('l'), ...value.map(encode), Buffer.from('e')]);
  const keys = Object.keys(value).sort();
  return Buffer.concat([Buffer.from('d'), ...keys.flatMap((key) => [encode(key), encode(value[key]!)]), Buffer.from('e')]);
}

function decode(data: Buffer, start = 0): [Bencode, number] {
  const kind = String.fromCharCode(data[start]!);
  if (kind === 'i') {
    const end = data.indexOf(0x65, start);
    return [Number(data.subarray(start + 1, end).toString()), end + 1];
  }
  if (kind === 'l' || kind === 'd') {
    const items: Bencode[] = [];
    let at = start + 1;
    while (data[at] !== 0x65) {
      const [item, next] = decode(data, at);
      items.push(item);
      at = next;
    }
    if (kind === 'l') return [items, at + 1];
    const dict: Record<string, Bencode> = {};
    for (let i = 0; i < items.length; i += 2) dict[String(items[i])] = items[i + 1]!;
    return [dict, at + 1];
  }
  const colon = data.indexOf(0x3a, start);
  const length = Number(data.subarray(start, colon).toString());
  return [data.subarray(colon + 1, colon + 1 + length).toString('utf8'), colon + 1 + length];
}

/** Sends one ng command to rtpengine on 127.0.0.1:ngPort and resolves with its answer. */
export function ngCommand(ngPort: number, command: Record<string, Bencode>, timeoutMs = 2000): Promise<Record<string, Bencode>> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const cookie = randomBytes(6).toString('hex');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`rtpengine on 127.0.0.1:${ngPort} did not answer ${String(command.command)} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('message', (message) => {
      const space = message.indexOf(0x20);
      if (message.subarray(0, space).toString() !== cookie) return;
      clearTimeout(timer);
      socket.close();
      resolve(decode(message, space + 1)[0] as Record<string, Bencode>);
    });
    socket.send(Buffer.concat([Buffer.from(`${cookie} `), encode(command)]), ngPort, '127.0.0.1');
  });
}

/** The Call-IDs of the calls rtpengine holds now. */
export async function callsInGateway(ngPort: number): Promise<string[]> {
  const answer = await ngCommand(ngPort, { command: 'list', limit: 1000 });
  return (answer.calls as string[] | undefined) ?? [];
}
