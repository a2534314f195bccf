/**
 * The Salesforce session token, looked for everywhere it must not be, after a session with
 * calls (every door above, a real answered call, wrap up and Tasks written):
 *
 * - every URL the browser requested (pages, scripts, REST, the SIP WebSocket) and every frame's address;
 * - every console line of every frame;
 * - every SIP message over ContactPad's WebSocket, both ways, and the SIP edge's log;
 * - the origin's localStorage, sessionStorage, IndexedDB (every record of every store),
 *   Cache Storage and cookies, read as stored: the token in plain text, URL-encoded or in base64
 *   counts as unencrypted;
 * - requests that carry it (its Authorization header) to anything but the org's REST API.
 *
 * The token is read from the softphone page itself (ContactPad.page hands it to ContactPad in
 * its inline script, as Visualforce renders {!$Api.Session_ID}).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page, WebSocket } from 'playwright-core';
import type { SecuritySession } from './session.ts';
import type { Trap } from './trap.ts';

/** One place scanned: how many items, and where the token was found. */
export interface TokenPlace {
  readonly place: string;
  readonly items: number;
  readonly found: readonly string[];
  /** The place where it must be found (the scan's own check), not a failure. */
  readonly control?: boolean;
}

/** Records every WebSocket frame of the page (SIP over WebSocket), from now on. */
export class WebSocketFrames {
  readonly frames: string[] = [];
  readonly urls: string[] = [];

  constructor(page: Page) {
    page.on('websocket', (socket: WebSocket) => {
      this.urls.push(socket.url());
      socket.on('framesent', (frame) => this.frames.push(`> ${String(frame.payload)}`));
      socket.on('framereceived', (frame) => this.frames.push(`< ${String(frame.payload)}`));
    });
  }
}

/** The session token ContactPad was given (ContactPad.page's accessToken). */
export async function sessionToken(softphone: Frame): Promise<string> {
  const token = await softphone.evaluate(() => {
    for (const script of Array.from(document.scripts)) {
      const found = /accessToken:\s*'([^']+)'/.exec(script.textContent ?? '');
      if (found?.[1]) return found[1];
    }
    return '';
  });
  if (token.length < 8) throw new Error('The softphone page hands ContactPad no session token to look for');
  return token;
}

interface Stored {
  localStorage: string[];
  sessionStorage: string[];
  indexedDb: string[];
  caches: string[];
}

/**
 * What the origin stores, sampled after every section of the suite (an outbox entry lives only
 * until its Task is written): every distinct item seen.
 */
export class StorageSamples {
  readonly #seen: Record<keyof Stored, Set<string>> = { localStorage: new Set(), sessionStorage: new Set(), indexedDb: new Set(), caches: new Set() };
  samples = 0;

  async sample(frame: Frame): Promise<void> {
    const stored = await storedByTheOrigin(frame).catch(() => undefined);
    if (!stored) return;
    this.samples += 1;
    for (const key of Object.keys(this.#seen) as Array<keyof Stored>) for (const item of stored[key]) this.#seen[key].add(item);
  }

  get items(): { [K in keyof Stored]: string[] } {
    return { localStorage: [...this.#seen.localStorage], sessionStorage: [...this.#seen.sessionStorage], indexedDb: [...this.#seen.indexedDb], caches: [...this.#seen.caches] };
  }
}

/** Everything the origin stores in the browser, as text. */
function storedByTheOrigin(frame: Frame): Promise<Stored> {
  return frame.evaluate(async () => {
    const entries = (storage: Storage) => Array.from({ length: storage.length }, (_, i) => {
      const key = storage.key(i) ?? '';
      return `${key}=${storage.getItem(key) ?? ''}`;
    });
    const indexedDb: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store, 'readonly').objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        });
        for (const row of rows) indexedDb.push(`${info.name}/${store}: ${JSON.stringify(row)}`);
      }
      db.close();
    }
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) cached.push(`${name}: ${request.url} ${await (await cache.match(request))?.text()}`);
    }
    return { localStorage: entries(localStorage), sessionStorage: entries(sessionStorage), indexedDb, caches: cached };
  });
}

/** Looks for the token (plain, URL-encoded, base64) in every place; returns one line per place. */
export async function scanForToken(session: SecuritySession, trap: Trap, storage: StorageSamples, kamailioRunDir: string): Promise<TokenPlace[]> {
  const sockets = session.sockets;
  await storage.sample(session.softphone);
  const token = await sessionToken(session.softphone);
  const forms = [token, encodeURIComponent(token), Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url')];
  const holds = (text: string) => forms.some((form) => text.includes(form));
  const place = (name: string, items: readonly string[]): TokenPlace => ({ place: name, items: items.length, found: items.filter(holds).map((item) => item.slice(0, 160)) });
  const stored = storage.items;
  // The control: where ContactPad.page hands the token over. Finding it there shows the scan would see it elsewhere.
  const handedOver = await session.softphone.evaluate(() => Array.from(document.scripts, (script) => script.textContent ?? ''));
  let edgeLog = '';
  try {
    edgeLog = readFileSync(join(kamailioRunDir, 'kamailio.log'), 'utf8');
  } catch {
    edgeLog = '';
  }
  const cookies = (await session.context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`);
  const frameUrls = session.page.frames().map((frame) => frame.url());
  return [
    place('URLs requested (every frame, every request)', [...trap.requestUrls, ...frameUrls, ...sockets.urls]),
    place('console lines (every frame)', trap.consoleLines.map((line) => `${line.type}: ${line.text}`)),
    place('SIP messages over the WebSocket (both ways)', sockets.frames),
    place("SIP edge's log (lines)", edgeLog.split('\n')),
    place(`localStorage (entries, ${storage.samples} samples)`, stored.localStorage),
    place(`sessionStorage (entries, ${storage.samples} samples)`, stored.sessionStorage),
    place(`IndexedDB (records, ${storage.samples} samples)`, stored.indexedDb),
    place(`Cache Storage (entries, ${storage.samples} samples)`, stored.caches),
    place('cookies', cookies),
    place(
      'requests that carry it to anything but the REST API',
      trap.authorizations.filter((each) => holds(each.value) && !/\/services\/(data|apexrest)\//.test(each.url)).map((each) => each.url),
    ),
    { ...place("CONTROL: ContactPad.page's inline script, where Visualforce hands it over", handedOver), control: true },
  ];
}

/** The token table. */
export function tokenTable(places: readonly TokenPlace[]): string {
  const width = Math.max(...places.map((each) => each.place.length));
  const lines = [`${'where the session token was looked for'.padEnd(width)}  ${'items'.padStart(7)}  found`, '-'.repeat(width + 20)];
  for (const each of places) {
    const found = each.found.length === 0 ? 'never' : each.control ? `${each.found.length} (as it must be)` : `${each.found.length}: ${each.found[0]}`;
    lines.push(`${each.place.padEnd(width)}  ${String(each.items).padStart(7)}  ${found}`);
  }
  return lines.join('\n');
}
