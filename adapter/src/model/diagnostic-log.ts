/**
 * ContactPad's diagnostic log: what an admin needs when an agent reports a problem (a call
 * sounded bad, never rang, dropped). Kept in memory only, as a ring buffer with a size cap: the
 * newest entries stay, the oldest go once the entries' text passes {@link DiagnosticLog.capBytes}.
 *
 * What goes in (each entry a time, a kind and a text):
 * - `sip-in` / `sip-out`: every SIP message the phone receives or sends (telephony/phone-config.ts
 *   taps sip.js's log);
 * - `sip-library`: sip.js's own warnings and errors (an INVITE it could not parse and dropped...);
 * - `phone`: the phone's connection as the agent sees it (registered, unreachable...);
 * - `media`: a call's media figures every few seconds and its summary when it ends (getStats:
 *   desks/in-call-desk.ts, model/call-stats.ts);
 * - `error`: every failure the agent is told, with its code (desks/notice-desk.ts).
 *
 * Never in it: credentials and tokens. Every text is redacted before it is stored
 * (redaction.ts), and the literal secrets the log is told of ({@link DiagnosticLog.neverLog}: the
 * Salesforce session token, the SIP password) are scrubbed from it, entries already stored
 * included. So neither the memory nor a problem report holds them.
 *
 * Its size ({@link DiagnosticLog.sizeBytes}) is the UTF-8 length of the texts it holds: what a
 * report would carry, and close to what the strings take in memory (V8 keeps Latin-1 text at one
 * byte a character, other text at two). The bench adds it to the page's memory figures.
 *
 * Pure: the time comes from the `now` it is given.
 */
import { MIN_SECRET_LENGTH, redact } from './redaction.ts';

/** What an entry records (see the file comment). */
export type DiagnosticKind = 'sip-in' | 'sip-out' | 'sip-library' | 'phone' | 'media' | 'error';

/** What the rooms and desks write to (this log, or adapter/src/diagnostics.ts until it has loaded). */
export interface DiagnosticSink {
  add(kind: DiagnosticKind, text: string): void;
  neverLog(secret: string): void;
}

/** One entry: when (epoch ms), what kind, and its text (redacted). */
export interface DiagnosticEntry {
  readonly at: number;
  readonly kind: DiagnosticKind;
  readonly text: string;
}

/** The log's default size cap: 512 KiB of text, about twenty five-minute calls (a call's SIP messages about 7 KB, its media lines 3 KB a minute). */
export const DIAGNOSTIC_LOG_CAP_BYTES = 512 * 1024;

/** One entry keeps at most this much of its text (a huge or hostile SIP message is cut, and says so). */
export const MAX_ENTRY_BYTES = 16 * 1024;

/** Characters beyond this are not even redacted (they would be cut anyway): bounds the work a huge message costs. */
const MAX_READ_CHARS = 4 * MAX_ENTRY_BYTES;

export interface DiagnosticLogOptions {
  /** The most text the log holds, in UTF-8 bytes (default {@link DIAGNOSTIC_LOG_CAP_BYTES}). */
  readonly capBytes?: number;
  /** The time of each entry (epoch ms). */
  readonly now: () => number;
}

/** The most literal secrets scrubbed at once (see {@link DiagnosticLog.neverLog}). */
const MAX_SECRETS = 32;

interface StoredEntry extends DiagnosticEntry {
  readonly bytes: number;
}

/** The length of `text` in UTF-8 bytes (a lone surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

/** The longest start of `text` that fits in `maxBytes` of UTF-8 (never splitting a surrogate pair). */
function cutUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const pair = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length && (text.charCodeAt(index + 1) & 0xfc00) === 0xdc00;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + size > maxBytes) return text.slice(0, index);
    bytes += size;
    if (pair) index += 1;
  }
  return text;
}

/** An in-memory ring buffer of diagnostic entries with a size cap; see the file comment. */
export class DiagnosticLog implements DiagnosticSink {
  readonly capBytes: number;
  readonly #now: () => number;
  /** Entries from #head on are the log, oldest first (the slots before it are spent). */
  #entries: StoredEntry[] = [];
  #head = 0;
  #bytes = 0;
  #dropped = 0;
  readonly #secrets: string[] = [];

  constructor(options: DiagnosticLogOptions) {
    const cap = options.capBytes ?? DIAGNOSTIC_LOG_CAP_BYTES;
    this.capBytes = Number.isFinite(cap) && cap >= 1024 ? Math.floor(cap) : DIAGNOSTIC_LOG_CAP_BYTES;
    this.#now = options.now;
  }

  /** The UTF-8 size of the texts held now (never above {@link capBytes}). */
  get sizeBytes(): number {
    return this.#bytes;
  }

  /** How many entries it holds now. */
  get entryCount(): number {
    return this.#entries.length - this.#head;
  }

  /** How many entries were let go to stay within the cap since the log began. */
  get droppedCount(): number {
    return this.#dropped;
  }

  /** Records `text` (redacted, cut to {@link MAX_ENTRY_BYTES}) at `at` (default: now); the oldest entries go while the log is over its cap. */
  add(kind: DiagnosticKind, text: string, at = this.#now()): void {
    if (typeof text !== 'string' || text === '') return;
    const read = text.length > MAX_READ_CHARS ? text.slice(0, MAX_READ_CHARS) : text;
    let clean = redact(read, this.#secrets);
    let bytes = utf8Length(clean);
    const limit = Math.min(MAX_ENTRY_BYTES, this.capBytes);
    if (read !== text || bytes > limit) {
      clean = `${cutUtf8(clean, limit - 64)}\n[… cut: ${text.length} characters in all]`;
      bytes = utf8Length(clean);
    }
    const entry: StoredEntry = { at, kind, text: clean, bytes };
    this.#entries.push(entry);
    this.#bytes += entry.bytes;
    while (this.#bytes > this.capBytes && this.#head < this.#entries.length) {
      this.#bytes -= this.#entries[this.#head]!.bytes;
      this.#head += 1;
      this.#dropped += 1;
    }
    // Spent slots are let go once they are most of the array.
    if (this.#head > 256 && this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head);
      this.#head = 0;
    }
  }

  /**
   * A secret the log must never hold (the Salesforce session token, a SIP password): scrubbed from
   * every entry from now on, and from those already stored. Tell the session token first. Secrets
   * shorter than 6 characters are ignored (they would blank ordinary words).
   */
  neverLog(secret: string): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH || this.#secrets.includes(secret)) return;
    // Renewed SIP credentials add one each (every half hour or so): past MAX_SECRETS the oldest
    // renewed one goes (expired long since); the first told, the session token, stays.
    if (this.#secrets.length >= MAX_SECRETS) this.#secrets.splice(1, 1);
    this.#secrets.push(secret);
    for (let index = this.#head; index < this.#entries.length; index++) {
      const entry = this.#entries[index]!;
      if (!entry.text.includes(secret)) continue;
      const text = redact(entry.text, [secret]);
      const bytes = utf8Length(text);
      this.#bytes += bytes - entry.bytes;
      this.#entries[index] = { ...entry, text, bytes };
    }
  }

  /** The entries at or after `since` (epoch ms; all by default), oldest first. */
  entries(since = Number.NEGATIVE_INFINITY): readonly DiagnosticEntry[] {
    const out: DiagnosticEntry[] = [];
    for (let index = this.#head; index < this.#entries.length; index++) {
      const { at, kind, text } = this.#entries[index]!;
      if (at >= since) out.push({ at, kind, text });
    }
    return out;
  }
}
