/**
 * What this browser logged in the last minutes, per caller number: the Task of each
 * interaction and the records it linked to (read back with the Task write, so with the fields
 * the screen-pop rules need).
 *
 * Why: Salesforce indexes new and changed records for search asynchronously. SOQL sees a
 * write at once, SOSL only once the search index has it: "After a searchable object's record
 * is created or updated, it could take about 15 minutes or more for the updated text to become
 * searchable" (Best Practices for Deployments with Large Data Volumes, "Search Architecture":
 * developer.salesforce.com/docs/platform/salesforce-large-data-volumes-bp/guide/ldv-deployments-concepts-search-architecture.html).
 * So a caller who rings back minutes after a call in which the agent created their Lead is
 * not found by the phone search, and their journey misses that call. The caller lookup adds
 * what is remembered here to what the search found, at no extra API request (a REST
 * Composite request cannot carry a search, so a SOQL query for the recent Tasks would cost a
 * second request per lookup: see crm-room.ts).
 *
 * Kept in localStorage (a reload, or another ContactPad tab of the same browser, sees it), for
 * the index window only; read back from disk, so checked, never trusted.
 */
import type { SalesforceRecord } from './crm-connection.ts';

/** How long a remembered interaction is added to lookups: the documented search-index delay. */
export const SEARCH_INDEX_WINDOW_MS = 15 * 60_000;

/** Numbers remembered at most (the oldest go first). */
const MAX_NUMBERS = 200;
/** Interactions remembered per number at most. */
const MAX_PER_NUMBER = 10;

/** One remembered interaction. */
interface RecentEntry {
  readonly interactionId: string;
  /** When it was logged (epoch ms). */
  readonly at: number;
  /** The Task as the journey reads it (a Task record: `attributes.type` Task, `Id` once Salesforce has it). */
  readonly task: SalesforceRecord;
  /** The records its Task links to, as read back with the write (`attributes.type` set). */
  readonly records: readonly SalesforceRecord[];
}

type Remembered = Record<string, RecentEntry[]>;

/** Options of {@link RecentActivity}. */
export interface RecentActivityOptions {
  /** localStorage key: one per org and user (what one org's agent logged must never show in another org). */
  readonly key: string;
  readonly now?: () => number;
  readonly windowMs?: number;
  /** Where it is kept; an in-memory map when localStorage is blocked. */
  readonly storage?: Pick<Storage, 'getItem' | 'setItem'>;
}

/** The interactions this browser logged for each caller number while search may not have them yet. */
export class RecentActivity {
  readonly #key: string;
  readonly #now: () => number;
  readonly #windowMs: number;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'>;

  constructor(options: RecentActivityOptions) {
    this.#key = options.key;
    this.#now = options.now ?? Date.now;
    this.#windowMs = options.windowMs ?? SEARCH_INDEX_WINDOW_MS;
    this.#storage = options.storage ?? storageOrMemory();
  }

  /** Remembers an interaction just logged for the caller `numberKey` (its E.164 digits). */
  remember(numberKey: string, interactionId: string, task: SalesforceRecord): void {
    if (numberKey === '' || interactionId === '') return;
    const all = this.#read();
    const kept = (all[numberKey] ?? []).filter((entry) => entry.interactionId !== interactionId);
    delete all[numberKey]; // re-inserted last: the most recent number stays longest
    all[numberKey] = [{ interactionId, at: this.#now(), task, records: [] }, ...kept].slice(0, MAX_PER_NUMBER);
    this.#write(all);
  }

  /** Salesforce has the interaction's Task: its id, and the records read back with it. */
  delivered(interactionId: string, taskId: string, records: readonly SalesforceRecord[]): void {
    const all = this.#read();
    let changed = false;
    for (const entries of Object.values(all)) {
      entries.forEach((entry, index) => {
        if (entry.interactionId !== interactionId) return;
        entries[index] = { ...entry, task: { ...entry.task, Id: taskId }, records: records.length > 0 ? records : entry.records };
        changed = true;
      });
    }
    if (changed) this.#write(all);
  }

  /**
   * What to add to a lookup of `numberKey`: the remembered Tasks (for the journey) and the
   * records they link to, newest first; nothing older than the index window.
   */
  recordsFor(numberKey: string): readonly SalesforceRecord[] {
    const entries = this.#read()[numberKey] ?? [];
    return entries.flatMap((entry) => [entry.task, ...entry.records]);
  }

  /** The fresh entries (older ones dropped), checked. */
  #read(): Remembered {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.#storage.getItem(this.#key) ?? '{}');
    } catch {
      return {};
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
    const oldest = this.#now() - this.#windowMs;
    const fresh: Remembered = {};
    for (const [numberKey, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (!/^\d{4,20}$/.test(numberKey) || !Array.isArray(value)) continue;
      const entries = value.filter((entry): entry is RecentEntry => isEntry(entry) && entry.at >= oldest && entry.at <= this.#now() + 60_000);
      if (entries.length > 0) fresh[numberKey] = entries;
    }
    return fresh;
  }

  #write(all: Remembered): void {
    const numbers = Object.keys(all);
    for (const old of numbers.slice(0, Math.max(0, numbers.length - MAX_NUMBERS))) delete all[old];
    try {
      this.#storage.setItem(this.#key, JSON.stringify(all));
    } catch {
      // Storage full or blocked: lookups simply go without it (search catches up within the window).
    }
  }
}

function isEntry(value: unknown): value is RecentEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<RecentEntry>;
  return (
    typeof entry.interactionId === 'string' &&
    typeof entry.at === 'number' &&
    Number.isFinite(entry.at) &&
    isRecord(entry.task, 'Task') &&
    Array.isArray(entry.records) &&
    entry.records.every((record) => isRecord(record, undefined))
  );
}

/** A record as Salesforce answers it: an object with `attributes.type` (of `type` when given). */
function isRecord(value: unknown, type: string | undefined): value is SalesforceRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const attributes = (value as { attributes?: unknown }).attributes;
  const recordType = typeof attributes === 'object' && attributes !== null ? (attributes as { type?: unknown }).type : undefined;
  return typeof recordType === 'string' && (type === undefined || recordType === type);
}

function storageOrMemory(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    const storage = globalThis.localStorage;
    if (storage) return storage;
  } catch {
    // blocked by the browser's settings
  }
  return memoryStorage();
}

/** A storage that lives as long as the page (no reload survives it). */
export function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const memory = new Map<string, string>();
  return { getItem: (key) => memory.get(key) ?? null, setItem: (key, value) => void memory.set(key, value) };
}
