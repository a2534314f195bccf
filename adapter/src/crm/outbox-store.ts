/**
 * Where the activity outbox keeps pending Task writes and wrap-up drafts: one IndexedDB
 * database with two object stores, both keyed by interaction id (so a newer write or draft
 * for the same interaction replaces the older one). Queuing a write removes the
 * interaction's draft in the same transaction, so a reload finds one or the other, never
 * both and never neither. When IndexedDB cannot be opened (a locked-down browser profile),
 * a memory store keeps the outbox working for the page's life, and says it is not durable.
 */
import type { Interaction } from '../model/interaction.ts';
import type { ActivityLinks, QueuedTaskFields } from './activity-log.ts';

/**
 * An interaction being wrapped up, kept so a reload in the middle of wrap-up loses nothing:
 * the interaction (with the disposition and notes typed so far), the records its Task will
 * link to, and the caller's number in E.164. Stored, never sent.
 */
export interface ActivityDraft {
  readonly interaction: Interaction;
  readonly links: ActivityLinks;
  readonly callerNumberE164?: string;
}

/** One stored draft. */
export interface DraftRecord {
  readonly interactionId: string;
  readonly draft: ActivityDraft;
  /** When it was saved (epoch ms). */
  readonly savedAt: number;
}

/**
 * A record to read back in the same composite request as the Task write (the Lead the agent
 * created during the call, say), with the fields the caller lookup's rules need.
 */
export interface ReadBack {
  readonly id: string;
  readonly objectType: string;
  readonly fields: readonly string[];
}

/**
 * A record updated in the same composite request as the Task, after its upsert (a calling
 * list member's Status and next attempt): a PATCH of fixed values, so sending it again is
 * harmless. The write counts as delivered only once both the Task and this update are.
 */
export interface RecordUpdate {
  readonly objectType: string;
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

/**
 * A write whose refusal by Salesforce is final (a calling list outcome): not tried again on its
 * own, but kept (and told, with `about`) until the agent dismisses it.
 */
export interface FinalRefusal {
  /** What the write is, in the agent's words ("Maria Lopez: Rejected (Spring catering calls)"). */
  readonly about: string;
}

/** Why Salesforce refused a write for good, kept with it so a reload tells it again. */
export interface StoredRefusal {
  readonly message: string;
  /** Salesforce's errorCode (ENTITY_IS_DELETED, FIELD_CUSTOM_VALIDATION_EXCEPTION...), when it gave one. */
  readonly errorCode?: string;
}

/** One pending Task write. `revision` changes with every write for the interaction. */
export interface OutboxRecord {
  readonly interactionId: string;
  readonly fields: QueuedTaskFields;
  /** A record to update with the Task, all or none (a calling list member); none for a call's Task. */
  readonly alsoUpdate?: RecordUpdate;
  /** Present when a refusal is final for this write; a call's Task is held for an admin's fix instead. */
  readonly finalRefusal?: FinalRefusal;
  /** Set once Salesforce refused the write for good: it is not sent again. */
  readonly refused?: StoredRefusal;
  readonly revision: string;
  /** When it was queued (epoch ms). */
  readonly queuedAt: number;
  /** Records to read with the write, for the caller lookup while search has not indexed them; none by default. */
  readonly readBack?: readonly ReadBack[];
}

/** The storage behind {@link ActivityOutbox}. */
export interface OutboxStore {
  /** False for the memory fallback: pending writes do not survive a reload. */
  readonly durable: boolean;
  /** Queues the write (replacing one for the same interaction) and deletes the interaction's draft, in one transaction. */
  put(record: OutboxRecord): Promise<void>;
  all(): Promise<readonly OutboxRecord[]>;
  /** Deletes the record only if it still has `revision` (no newer write replaced it); says whether it did. */
  deleteIfRevision(interactionId: string, revision: string): Promise<boolean>;
  /** Stores a draft (replacing one for the same interaction). */
  putDraft(record: DraftRecord): Promise<void>;
  drafts(): Promise<readonly DraftRecord[]>;
  deleteDraft(interactionId: string): Promise<void>;
  close(): void;
}

const STORE = 'activities';
const DRAFTS = 'drafts';
/** Version 1 held `activities` only; version 2 adds `drafts`. */
const VERSION = 2;

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
    const request = indexedDB.open(name, VERSION);
    request.onupgradeneeded = () => {
      for (const store of [STORE, DRAFTS]) {
        if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store, { keyPath: 'interactionId' });
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
    return this.#transaction(
      [STORE, DRAFTS],
      'readwrite',
      (transaction) => {
        transaction.objectStore(STORE).put(record);
        transaction.objectStore(DRAFTS).delete(record.interactionId);
      },
      true,
    );
  }

  async all(): Promise<readonly OutboxRecord[]> {
    return (await this.#getAll(STORE)).filter(isOutboxRecord);
  }

  async deleteIfRevision(interactionId: string, revision: string): Promise<boolean> {
    let deleted = false;
    await this.#transaction([STORE], 'readwrite', (transaction) => {
      const store = transaction.objectStore(STORE);
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

  putDraft(record: DraftRecord): Promise<void> {
    return this.#transaction([DRAFTS], 'readwrite', (transaction) => transaction.objectStore(DRAFTS).put(record), true);
  }

  async drafts(): Promise<readonly DraftRecord[]> {
    return (await this.#getAll(DRAFTS)).filter(isDraftRecord);
  }

  deleteDraft(interactionId: string): Promise<void> {
    return this.#transaction([DRAFTS], 'readwrite', (transaction) => {
      transaction.objectStore(DRAFTS).delete(interactionId);
    });
  }

  close(): void {
    this.#db.close();
  }

  async #getAll(name: string): Promise<unknown[]> {
    let values: unknown[] = [];
    await this.#transaction([name], 'readonly', (transaction) => {
      const request = transaction.objectStore(name).getAll();
      request.onsuccess = () => {
        values = request.result as unknown[];
      };
    });
    return values;
  }

  /**
   * Resolves when the transaction commits, so "queued" means written to disk. `commitNow`: for a
   * `work` that makes all its requests at once, committed then (IDBTransaction.commit()), not
   * once the page has heard back from them: a write made as the page goes (pagehide) is not lost with it.
   */
  #transaction(stores: string[], mode: IDBTransactionMode, work: (transaction: IDBTransaction) => void, commitNow = false): Promise<void> {
    return new Promise((resolve, reject) => {
      const transaction = this.#db.transaction(stores, mode);
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
      work(transaction);
      if (commitNow && typeof transaction.commit === 'function') transaction.commit();
    });
  }
}

class MemoryOutboxStore implements OutboxStore {
  readonly durable = false;
  readonly #records = new Map<string, OutboxRecord>();
  readonly #drafts = new Map<string, DraftRecord>();

  async put(record: OutboxRecord): Promise<void> {
    this.#records.set(record.interactionId, record);
    this.#drafts.delete(record.interactionId);
  }

  async putDraft(record: DraftRecord): Promise<void> {
    this.#drafts.set(record.interactionId, record);
  }

  async drafts(): Promise<readonly DraftRecord[]> {
    return [...this.#drafts.values()];
  }

  async deleteDraft(interactionId: string): Promise<void> {
    this.#drafts.delete(interactionId);
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

/** A stored draft as far as the outbox can use it: read back from disk, so checked, not trusted. */
function isDraftRecord(value: unknown): value is DraftRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as { interactionId?: unknown; draft?: unknown; savedAt?: unknown };
  if (typeof record.interactionId !== 'string' || typeof record.savedAt !== 'number') return false;
  if (typeof record.draft !== 'object' || record.draft === null) return false;
  const draft = record.draft as { interaction?: unknown; links?: unknown };
  const interaction = draft.interaction as { id?: unknown; journey?: unknown } | null | undefined;
  return (
    typeof interaction === 'object' &&
    interaction !== null &&
    interaction.id === record.interactionId &&
    Array.isArray(interaction.journey) &&
    typeof draft.links === 'object' &&
    draft.links !== null
  );
}
