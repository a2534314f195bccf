/**
 * The durable outbox for activity logs, so a Task is never lost: each Task write is
 * stored in IndexedDB BEFORE it is sent, and removed only once Salesforce has accepted it.
 *
 * - Keyed by interaction id: a newer write for the same interaction replaces the queued
 *   one, and the upsert by external id (activity-log.ts) means a retry never duplicates.
 * - CRM_UNAVAILABLE and CRM_REQUEST_LIMIT: retried on their own, with capped exponential
 *   backoff (2 s, 4 s, 8 s... up to 5 minutes by default).
 * - CRM_SESSION_EXPIRED: kept, and retried when `resume()` is called or a new connection
 *   is given (`setConnection`), since retrying with a dead session only spends API calls.
 * - CRM_REQUEST_REJECTED (a validation rule, a missing permission): kept as well and held
 *   like an expired session, to be retried on `resume()`, `setConnection()` or the next
 *   `start()` (after the admin's fix): never dropped, never retried in a loop.
 * - After a reload, `start()` replays whatever is still queued.
 *
 * Timers and the clock are injected (`schedule`, `now`) so tests drive time themselves.
 */
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import type { CrmConnection } from './crm-connection.ts';
import { logActivity } from './activity-log.ts';
import type { TaskFields } from './activity-log.ts';
import { openOutboxStore } from './outbox-store.ts';
import type { OutboxRecord, OutboxStore } from './outbox-store.ts';
import { toContactPadError } from './salesforce-error.ts';

/** Where one interaction's Task write stands (the widget's log indicator). */
export type OutboxState = 'saving' | 'saved' | 'retrying';

/** Told of every state change; `error` says why a write is waiting to retry. */
export type OutboxListener = (interactionId: string, state: OutboxState, error?: ContactPadError) => void;

/** Settings of an {@link ActivityOutbox}. */
export interface ActivityOutboxOptions {
  /** IndexedDB database name (one per org and user in production; one per test in tests). */
  readonly databaseName: string;
  /** The connection to write with; writes wait (queued) until there is one. */
  readonly connection?: CrmConnection;
  readonly listener?: OutboxListener;
  /** Runs `fn` after `ms` milliseconds (default `setTimeout`). */
  readonly schedule?: (fn: () => void, ms: number) => void;
  /** The clock, epoch ms (default `Date.now`). */
  readonly now?: () => number;
  /** First retry delay (default 2000 ms); doubles on each failure. */
  readonly retryBaseMs?: number;
  /** Longest retry delay (default 300000 ms). */
  readonly retryMaxMs?: number;
}

/** A write waiting in the outbox. */
export interface PendingActivity {
  readonly interactionId: string;
  readonly fields: TaskFields;
  readonly queuedAt: number;
}

interface Timing {
  attempts: number;
  dueAt: number;
  /** Waiting for resume() or a new connection. */
  held: boolean;
}

/** Retried on their own, with backoff. */
const TRANSIENT = new Set(['CRM_UNAVAILABLE', 'CRM_REQUEST_LIMIT']);

/** A durable queue of Task upserts (one per interaction id) in front of the REST API. */
export class ActivityOutbox {
  readonly #databaseName: string;
  readonly #listener: OutboxListener | undefined;
  readonly #schedule: (fn: () => void, ms: number) => void;
  readonly #now: () => number;
  readonly #retryBaseMs: number;
  readonly #retryMaxMs: number;
  #connection: CrmConnection | undefined;
  #store: Promise<OutboxStore> | undefined;
  #closed = false;
  readonly #inFlight = new Set<string>();
  readonly #timing = new Map<string, Timing>();
  readonly #lastState = new Map<string, OutboxState>();
  #revision = 0;

  /** No I/O until `start()` or the first `enqueue()`. Throws INVALID_CONFIGURATION for a bad option. */
  constructor(options: ActivityOutboxOptions) {
    if (typeof options.databaseName !== 'string' || options.databaseName.trim() === '') {
      throw new ContactPadError('INVALID_CONFIGURATION', 'The activity outbox needs a database name.', {
        detail: { setting: 'databaseName' },
      });
    }
    const retryBaseMs = options.retryBaseMs ?? 2000;
    const retryMaxMs = options.retryMaxMs ?? 300_000;
    if (!(retryBaseMs > 0) || !(retryMaxMs >= retryBaseMs)) {
      throw new ContactPadError('INVALID_CONFIGURATION', 'Outbox retry delays must be positive, the longest at least the first.', {
        detail: { setting: 'retryBaseMs' },
      });
    }
    this.#databaseName = options.databaseName;
    this.#connection = options.connection;
    this.#listener = options.listener;
    this.#schedule = options.schedule ?? ((fn, ms) => void setTimeout(fn, ms));
    this.#now = options.now ?? Date.now;
    this.#retryBaseMs = retryBaseMs;
    this.#retryMaxMs = retryMaxMs;
  }

  /** Opens the database and replays every write still queued (from before a reload too). */
  async start(): Promise<void> {
    const store = await this.#open();
    for (const record of await store.all()) this.#due(record.interactionId);
    await this.#flush();
  }

  /** False when IndexedDB was unavailable and writes live in memory only. */
  async isDurable(): Promise<boolean> {
    return (await this.#open()).durable;
  }

  /**
   * Queues the Task write for an interaction (replacing a queued one for the same id) and
   * sends it. Resolves once the write is stored, not when Salesforce has it: the listener
   * says 'saved' then.
   */
  async enqueue(interactionId: string, fields: TaskFields): Promise<void> {
    if (typeof interactionId !== 'string' || interactionId.trim() === '') {
      throw new ContactPadError('CRM_REQUEST_REJECTED', 'An activity cannot be queued without an interaction id.', {
        detail: { reason: 'missing-interaction-id' },
      });
    }
    const store = await this.#open();
    this.#revision += 1;
    const record: OutboxRecord = {
      interactionId,
      fields,
      revision: `${this.#now()}-${this.#revision}-${Math.random().toString(36).slice(2)}`,
      queuedAt: this.#now(),
    };
    await store.put(record);
    this.#due(interactionId);
    this.#emit(interactionId, 'saving');
    void this.#flush();
  }

  /** Writes with a new connection (a renewed session) and retries every held write now. */
  setConnection(connection: CrmConnection): void {
    this.#connection = connection;
    this.resume();
  }

  /** Retries every queued write now, held ones (expired session, rejected) included. */
  resume(): void {
    for (const timing of this.#timing.values()) {
      timing.held = false;
      timing.attempts = 0;
      timing.dueAt = this.#now();
    }
    void this.#flush();
  }

  /** The writes still waiting, oldest first. */
  async pending(): Promise<readonly PendingActivity[]> {
    const records = await (await this.#open()).all();
    return [...records]
      .sort((a, b) => a.queuedAt - b.queuedAt)
      .map(({ interactionId, fields, queuedAt }) => ({ interactionId, fields, queuedAt }));
  }

  /** Stops sending and closes the database (queued writes stay for the next start). */
  close(): void {
    this.#closed = true;
    void this.#store?.then((store) => store.close(), () => undefined);
  }

  #open(): Promise<OutboxStore> {
    if (this.#closed) {
      return Promise.reject(new ContactPadError('INVALID_TRANSITION', 'The activity outbox is closed.'));
    }
    this.#store ??= openOutboxStore(this.#databaseName);
    return this.#store;
  }

  #due(interactionId: string): void {
    this.#timing.set(interactionId, { attempts: 0, dueAt: this.#now(), held: false });
  }

  async #flush(): Promise<void> {
    if (this.#closed) return;
    let records: readonly OutboxRecord[];
    try {
      records = await (await this.#open()).all();
    } catch {
      return; // closed meanwhile, or storage failing: the next enqueue, resume or start tries again
    }
    const connection = this.#connection;
    if (this.#closed || !connection) return;
    const now = this.#now();
    for (const record of records) {
      const id = record.interactionId;
      if (this.#inFlight.has(id)) continue;
      let timing = this.#timing.get(id);
      if (!timing) {
        timing = { attempts: 0, dueAt: now, held: false };
        this.#timing.set(id, timing);
      }
      if (timing.held || timing.dueAt > now) continue;
      void this.#send(connection, record, timing);
    }
  }

  async #send(connection: CrmConnection, record: OutboxRecord, timing: Timing): Promise<void> {
    const id = record.interactionId;
    this.#inFlight.add(id);
    this.#emit(id, 'saving');
    try {
      await logActivity(connection, id, record.fields);
    } catch (caught) {
      this.#inFlight.delete(id);
      if (this.#closed) return;
      const error = isContactPadError(caught) ? caught : toContactPadError(caught);
      timing.attempts += 1;
      if (TRANSIENT.has(error.code)) {
        const delay = Math.min(this.#retryMaxMs, this.#retryBaseMs * 2 ** (timing.attempts - 1));
        timing.dueAt = this.#now() + delay;
        this.#schedule(() => void this.#flush(), delay);
      } else {
        timing.held = true;
      }
      this.#emit(id, 'retrying', error);
      return;
    }
    if (this.#closed) {
      this.#inFlight.delete(id);
      return; // still queued: the next start sends it again, and the upsert makes that harmless
    }
    let removed: boolean;
    try {
      removed = await (await this.#open()).deleteIfRevision(id, record.revision);
    } catch {
      // Salesforce has the Task; the queued copy stays and a later start re-sends it (an upsert, so no duplicate).
      removed = true;
    } finally {
      this.#inFlight.delete(id);
    }
    if (this.#closed) return;
    if (removed) {
      this.#timing.delete(id);
      this.#emit(id, 'saved');
      this.#lastState.delete(id);
    } else {
      // A newer write for this interaction arrived while this one was on its way: send it.
      void this.#flush();
    }
  }

  #emit(interactionId: string, state: OutboxState, error?: ContactPadError): void {
    if (state !== 'retrying' && this.#lastState.get(interactionId) === state) return;
    this.#lastState.set(interactionId, state);
    this.#listener?.(interactionId, state, error);
  }
}
