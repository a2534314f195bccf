/**
 * The diagnostic log (model/diagnostic-log.ts) as the rooms and desks write to it from the first
 * moment, while its module (the ring buffer and the redaction) is not on the ring-and-answer path:
 * it loads with the crm room, once the phone has registered (contactpad.ts), or when a problem
 * report is first opened. Until then entries wait here as they came, at most
 * {@link EARLY_ENTRIES} of them (the oldest go first), with only the literal secrets scrubbed
 * (the session token is told at start); once the log has loaded they move into it with their
 * times and are redacted there like every later entry.
 *
 * Once it has loaded, entries still wait here until the browser is idle (at most a second, or
 * {@link PENDING_ENTRIES} of them) before the log redacts them: an INVITE's redaction (a
 * millisecond or two) is not done in the task that rings, before the call pop is painted.
 * Whatever reads the log (log(), size()) gets every entry so far, redacted.
 */
import type { DiagnosticKind, DiagnosticLog, DiagnosticSink } from './model/diagnostic-log.ts';
import { whenIdle } from './when-idle.ts';

/** The most entries kept before the log has loaded (the start: a few REGISTERs and their answers). */
export const EARLY_ENTRIES = 200;

/** The most of one entry kept before the log has loaded (what the log itself reads of an entry: model/diagnostic-log.ts). */
const EARLY_ENTRY_CHARS = 64 * 1024;

/** The most entries waiting for the browser to be idle once the log has loaded: a flood is redacted as it comes. */
export const PENDING_ENTRIES = 50;

interface EarlyEntry {
  readonly at: number;
  readonly kind: DiagnosticKind;
  readonly text: string;
}

export class Diagnostics implements DiagnosticSink {
  readonly #now: () => number;
  #log: DiagnosticLog | undefined;
  #loading: Promise<DiagnosticLog> | undefined;
  #early: EarlyEntry[] = [];
  /** Entries since the log loaded, waiting for the browser to be idle. */
  #pending: EarlyEntry[] = [];
  #flushAsked = false;
  readonly #secrets: string[] = [];

  constructor(now: () => number) {
    this.#now = now;
  }

  add(kind: DiagnosticKind, text: string): void {
    // The log keeps at most 16 KiB of an entry and reads no further than 64 Ki characters of it: neither does this.
    const read = text.length > EARLY_ENTRY_CHARS ? text.slice(0, EARLY_ENTRY_CHARS) : text;
    if (this.#log) {
      this.#pending.push({ at: this.#now(), kind, text: read });
      if (this.#pending.length >= PENDING_ENTRIES) this.#flush();
      else if (!this.#flushAsked) {
        this.#flushAsked = true;
        whenIdle(() => this.#flush());
      }
      return;
    }
    this.#early.push({ at: this.#now(), kind, text: this.#scrub(read, this.#secrets) });
    if (this.#early.length > EARLY_ENTRIES) this.#early.shift();
  }

  /** The waiting entries into the log, redacted there, with the times they came. */
  #flush(): void {
    this.#flushAsked = false;
    const log = this.#log;
    if (!log || this.#pending.length === 0) return;
    const pending = this.#pending;
    this.#pending = [];
    for (const entry of pending) log.add(entry.kind, entry.text, entry.at);
  }

  neverLog(secret: string): void {
    if (this.#log) {
      this.#log.neverLog(secret);
      return this.#flush(); // the waiting entries redacted with it too
    }
    if (secret.length < 6) return;
    this.#secrets.push(secret);
    this.#early = this.#early.map((entry) => ({ ...entry, text: this.#scrub(entry.text, [secret]) }));
  }

  #scrub(text: string, secrets: readonly string[]): string {
    return secrets.reduce((clean, secret) => clean.split(secret).join('[redacted]'), text);
  }

  /** The log itself, loaded the first time (off the ring path): the entries so far move into it. A failed load is tried again next time. */
  log(): Promise<DiagnosticLog> {
    this.#loading ??= import('./model/diagnostic-log.ts').then(
      ({ DiagnosticLog }) => {
        const log = new DiagnosticLog({ now: this.#now });
        for (const secret of this.#secrets) log.neverLog(secret);
        for (const entry of this.#early) log.add(entry.kind, entry.text, entry.at);
        this.#early = [];
        this.#log = log;
        return log;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading.then((log) => {
      this.#flush();
      return log;
    });
  }

  /** How much it holds now (the bench adds it to the page's memory): the log's figures once loaded, the waiting entries' characters before. */
  size(): { readonly bytes: number; readonly capBytes: number; readonly entries: number } {
    this.#flush();
    if (this.#log) return { bytes: this.#log.sizeBytes, capBytes: this.#log.capBytes, entries: this.#log.entryCount };
    return { bytes: this.#early.reduce((sum, entry) => sum + entry.text.length, 0), capBytes: 0, entries: this.#early.length };
  }
}
