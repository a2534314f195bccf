/**
 * Where the activity outbox keeps pending Task writes: an IndexedDB object store keyed by
 * interaction id (so a newer write for the same interaction replaces the older one). When
 * IndexedDB cannot be opened (a locked-down browser profile), a memory store keeps the
 * outbox working for the page's life, and says it is not durable.
 */
import type { TaskFields } from './activity-log.ts';

/** One pending Task write. `revision` changes with every write for the interaction. */
export interface OutboxRecord {
  readonly interactionId: string;
  readonly fields: TaskFields;
  readonly revision: string;
  /** When it was queued (epoch ms). */
  readonly queuedAt: number;
}

/** The storage behind {@link ActivityOutbox}. */
export interface OutboxStore {
  /** False for the memory fallback: pending writes do not survive a reload. */
  readonly durable: boolean;
  put(record: OutboxRecord): Promise<void>;
  all(): Promise<readonly OutboxRecord[]>;
  /** Deletes the record only if it still has `revision` (no newer write replaced it); says whether it did. */
  deleteIfRevision(interactionId: string, revision: string): Promise<boolean>;
  close(): void;
}

const STORE = 'activities';

/** Opens (creating if needed) the outbox database `name`; falls back to memory if IndexedDB fails. */
export async function openOutboxStore(name: string): Promise<OutboxStore> {
  try {
    return new IndexedDbOutboxStore(await openDatabase(name));
  } catch {
    return new MemoryOutboxStore();
  }
}

function openDatabase(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('IndexedDB is not available'));
      return;
    }
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) {
        request.result.createObjectStore(STORE, { keyPath: 'interactionId' });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading or deleting the database: let it, we reopen on the next start.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    request.onblocked = () => reject(new Error('IndexedDB open blocked'));
  });
}

class IndexedDbOutboxStore implements OutboxStore {
  readonly durable = true;
  readonly #db: IDBDatabase;

  constructor(db: IDBDatabase) {
    this.#db = db;
  }

  put(record: OutboxRecord): Promise<void> {
    return this.#transaction('readwrite', (store) => {
      store.put(record);
    });
  }

  async all(): Promise<readonly OutboxRecord[]> {
    let records: OutboxRecord[] = [];
    await this.#transaction('readonly', (store) => {
      const request = store.getAll();
      request.onsuccess = () => {
        records = (request.result as unknown[]).filter(isOutboxRecord);
      };
    });
    return records;
  }

  async deleteIfRevision(interactionId: string, revision: string): Promise<boolean> {
    let deleted = false;
    await this.#transaction('readwrite', (store) => {
      const request = store.get(interactionId);
      request.onsuccess = () => {
        const current: unknown = request.result;
        if (isOutboxRecord(current) && current.revision === revision) {
          store.delete(interactionId);
          deleted = true;
        }
      };
    });
    return deleted;
  }

  close(): void {
    this.#db.close();
  }

  /** Resolves when the transaction commits, so "queued" means written to disk. */
  #transaction(mode: IDBTransactionMode, work: (store: IDBObjectStore) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      const transaction = this.#db.transaction(STORE, mode);
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
      work(transaction.objectStore(STORE));
    });
  }
}

class MemoryOutboxStore implements OutboxStore {
  readonly durable = false;
  readonly #records = new Map<string, OutboxRecord>();

  async put(record: OutboxRecord): Promise<void> {
    this.#records.set(record.interactionId, record);
  }

  async all(): Promise<readonly OutboxRecord[]> {
    return [...this.#records.values()];
  }

  async deleteIfRevision(interactionId: string, revision: string): Promise<boolean> {
    if (this.#records.get(interactionId)?.revision !== revision) return false;
    this.#records.delete(interactionId);
    return true;
  }

  close(): void {}
}

function isOutboxRecord(value: unknown): value is OutboxRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<OutboxRecord>;
  return (
    typeof record.interactionId === 'string' &&
    typeof record.revision === 'string' &&
    typeof record.fields === 'object' &&
    record.fields !== null
  );
}
