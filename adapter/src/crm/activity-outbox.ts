/**
 * The durable outbox for activity logs, so a Task is never lost and never duplicated: each
 * Task write is stored in IndexedDB BEFORE it is sent, and removed only once Salesforce has
 * accepted it; every write is an upsert on the interaction id (activity-log.ts), so sending
 * one again updates the same Task.
 *
 * Fewest API requests: one request is in flight at a time, and each request carries every
 * write that is due: ONE composite request (`POST /composite`, allOrNone false) of up to 25
 * upserts (`PATCH /sobjects/Task/ContactPad_Interaction_Id__c/<id>`), so a backlog after an
 * outage or calls ending close together cost one request per 25 Tasks, and a single write
 * costs the one request a plain upsert would. Each subrequest's own status decides its write.
 *
 * Never duplicated: a try whose answer never came (a timeout) may still be carried out by
 * Salesforce later, and two such late tries can both create the Task (the external id of an
 * activity field cannot be Unique). The next upsert then answers 300 with the Tasks that
 * share the interaction id; the outbox keeps the one with the lowest id, deletes the others
 * and upserts again, in one composite request.
 *
 * When a request fails as a whole:
 * - CRM_UNAVAILABLE (5xx, network, timeout) and CRM_REQUEST_LIMIT: the org is down or out
 *   of requests for everyone, so the whole outbox pauses with the adapter's one retry backoff
 *   (model/retry-backoff.ts: capped exponential with full jitter, each wait drawn at random
 *   up to 2 s, 4 s, 8 s... up to 5 minutes by default, so the outboxes of many agents that
 *   lost the same org do not retry in step); writes queued meanwhile join the next try.
 * - CRM_SESSION_EXPIRED: everything waits for `resume()` or a new connection
 *   (`setConnection`), since retrying with a dead session only spends API calls.
 * - CRM_REQUEST_REJECTED (a validation rule, a missing permission): that write is held,
 *   to be retried on `resume()`, `setConnection()` or the next `start()` (after the admin's
 *   fix): never dropped, never retried in a loop. Except a WhoId or WhatId Salesforce refuses
 *   (FIELD_INTEGRITY_EXCEPTION: an object a Task cannot point at): the write goes again at
 *   once without that link, the record named in the Task's notes, since no admin fix makes
 *   such a link valid.
 * A subrequest of a composite that fails keeps the same rules for its own write: a 5xx or
 * a limit backs that write off alone, a rejection holds it, an expired session holds all.
 *
 * Wrap-up drafts (`saveDraft`) live in the same database, so a reload in the middle of wrap
 * up loses nothing; `enqueue` removes the interaction's draft in the same transaction as it
 * queues the write. After a reload, `start()` replays whatever is still queued, and
 * `drafts()` gives the controller the wrap ups to restore.
 *
 * Time comes from the adapter's one {@link Clock} (model/clock.ts) and the jitter from a
 * random source, both injected, so tests drive time and draw the waits themselves.
 */
import { realClock, type Clock } from '../model/clock.ts';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { backoffWindow, retryDelay, type BackoffPolicy, type RandomSource } from '../model/retry-backoff.ts';
import type { ActivityLogState } from '../model/activity-log-state.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import type { CompositeSubrequest, CompositeSubresponse, CrmConnection } from './crm-connection.ts';
import { MAX_COMPOSITE_SUBREQUESTS } from './crm-connection.ts';
import { INTERACTION_ID_FIELD, isSubtypeNotUpdateable, refusedLink, updatableTaskFields, withoutLink } from './activity-log.ts';
import type { TaskFields, TaskLinkField } from './activity-log.ts';
import { openOutboxStore } from './outbox-store.ts';
import type { ActivityDraft, OutboxRecord, OutboxStore, ReadBack } from './outbox-store.ts';
import type { SalesforceRecord } from './crm-connection.ts';
import { subrequestError, toContactPadError } from './salesforce-error.ts';

export type { ActivityDraft, ReadBack } from './outbox-store.ts';

/** Where one interaction's Task write stands (the widget's log indicator), once it is queued. */
export type OutboxState = Exclude<ActivityLogState, 'none'>;

/** Told of every state change; `error` says why a write is waiting to retry. */
export type OutboxListener = (interactionId: string, state: OutboxState, error?: ContactPadError) => void;

/**
 * Told when Salesforce has a Task: its id, and the records read back with the write (those of
 * `readBack` that could be read, with `attributes`).
 */
export type DeliveryListener = (interactionId: string, delivered: { readonly taskId: string; readonly records: readonly SalesforceRecord[] }) => void;

/** How the outbox backs off by default: the first wait up to 2 s, doubling, never over 5 minutes. */
export const OUTBOX_BACKOFF: BackoffPolicy = Object.freeze({ baseMs: 2000, capMs: 300_000 });

/** Settings of an {@link ActivityOutbox}. */
export interface ActivityOutboxOptions {
  /** IndexedDB database name (one per org and user in production; one per test in tests). */
  readonly databaseName: string;
  /** The connection to write with; writes wait (queued) until there is one. */
  readonly connection?: CrmConnection;
  readonly listener?: OutboxListener;
  /** Told of each delivered Task (its id and the records read back with it). */
  readonly onDelivered?: DeliveryListener;
  /** The time and the retry timers (default {@link realClock}). */
  readonly clock?: Clock;
  /** How retries back off (default {@link OUTBOX_BACKOFF}); each wait is drawn at random up to its window. */
  readonly backoff?: BackoffPolicy;
  /** The random source of the jitter (default Math.random). */
  readonly random?: RandomSource;
}

/** A write waiting in the outbox. */
export interface PendingActivity {
  readonly interactionId: string;
  readonly fields: TaskFields;
  readonly queuedAt: number;
}

/** One write's own retry state (after a failed subrequest or a rejection). */
interface Timing {
  attempts: number;
  dueAt: number;
  /** Rejected: waits for resume(), a new connection or the next start(). */
  held: boolean;
  /** Salesforce refused TaskSubtype on update: the Task exists, send without it. */
  withoutSubtype: boolean;
  /** Links Salesforce refused (FIELD_INTEGRITY_EXCEPTION): sent without them, the record named in the notes. */
  refusedLinks: readonly TaskLinkField[];
  /** Tasks that duplicate this interaction's Task (a 300 answer named them): deleted before the next upsert. */
  duplicates: readonly string[];
  /** A repair was sent already: another 300 holds the write instead of looping. */
  repaired: boolean;
}

/** The whole outbox backing off after a request failed as a whole. */
interface Pause {
  attempts: number;
  until: number;
  error: ContactPadError;
}

/** Retried on their own, with backoff. */
const TRANSIENT = new Set(['CRM_UNAVAILABLE', 'CRM_REQUEST_LIMIT']);

/** A durable queue of Task upserts (one per interaction id) in front of the REST API. */
export class ActivityOutbox {
  readonly #databaseName: string;
  readonly #listener: OutboxListener | undefined;
  #onDelivered: DeliveryListener | undefined;
  readonly #clock: Clock;
  readonly #backoffPolicy: BackoffPolicy;
  readonly #random: RandomSource;
  /** Cancels of the retry timers still set (all cancelled by close()). */
  readonly #timers = new Set<() => void>();
  #connection: CrmConnection | undefined;
  #store: Promise<OutboxStore> | undefined;
  #closed = false;
  readonly #timing = new Map<string, Timing>();
  readonly #lastState = new Map<string, OutboxState>();
  /** Interactions whose Task was queued by this page: a late draft for them is ignored. */
  readonly #logged = new Set<string>();
  /** The newest revision queued by this page per interaction: the outcome of an older one's try does not decide a newer one's fate. */
  readonly #latestRevision = new Map<string, string>();
  #pause: Pause | undefined;
  /** Set when Salesforce said the session expired; cleared by resume() or a new connection. */
  #sessionExpired: ContactPadError | undefined;
  #sending = false;
  #sendAgain = false;
  #revision = 0;

  /** No I/O until `start()` or the first `enqueue()`. Throws INVALID_CONFIGURATION for a bad option. */
  constructor(options: ActivityOutboxOptions) {
    if (typeof options.databaseName !== 'string' || options.databaseName.trim() === '') {
      throw new ContactPadError('INVALID_CONFIGURATION', 'The activity outbox needs a database name.', {
        detail: { setting: 'databaseName' },
      });
    }
    const backoff = options.backoff ?? OUTBOX_BACKOFF;
    try {
      backoffWindow(0, backoff);
    } catch (error) {
      throw new ContactPadError('INVALID_CONFIGURATION', `The activity outbox's backoff: ${(error as Error).message}`, {
        cause: error,
        detail: { setting: 'backoff' },
      });
    }
    this.#databaseName = options.databaseName;
    this.#connection = options.connection;
    this.#listener = options.listener;
    this.#onDelivered = options.onDelivered;
    this.#clock = options.clock ?? realClock;
    this.#backoffPolicy = backoff;
    this.#random = options.random ?? Math.random;
  }

  /**
   * Opens the database and replays every write still queued (from before a reload too).
   * Resolves once the database is open; the replay goes on in the background.
   */
  async start(): Promise<void> {
    const store = await this.#open();
    for (const record of await store.all()) this.#due(record.interactionId);
    this.#wake();
  }

  /** False when IndexedDB was unavailable and writes live in memory only. */
  async isDurable(): Promise<boolean> {
    return (await this.#open()).durable;
  }

  /** Who is told of each delivered Task (the crm room, once it exists). */
  set onDelivered(listener: DeliveryListener | undefined) {
    this.#onDelivered = listener;
  }

  /**
   * Queues the Task write for an interaction (replacing a queued one for the same id),
   * removes its wrap-up draft in the same transaction, and sends it. Resolves once the
   * write is stored, not when Salesforce has it: the listener says 'saved' then.
   * `readBack`: records to read in the same request (at most {@link MAX_READ_BACK}), for
   * `onDelivered`; they cost no request of their own.
   */
  async enqueue(interactionId: string, fields: TaskFields, readBack: readonly ReadBack[] = []): Promise<void> {
    requireInteractionId(interactionId, 'queued');
    this.#logged.add(interactionId);
    const store = await this.#open();
    this.#revision += 1;
    const record: OutboxRecord = {
      interactionId,
      fields,
      revision: `${this.#clock.now()}-${this.#revision}-${Math.random().toString(36).slice(2)}`,
      queuedAt: this.#clock.now(),
      ...(readBack.length > 0 ? { readBack: readBack.slice(0, MAX_READ_BACK) } : {}),
    };
    await store.put(record);
    this.#latestRevision.set(interactionId, record.revision);
    this.#due(interactionId);
    this.#emit(interactionId, 'saving');
    const waitingFor = this.#connection ? this.#waitingFor() : undefined;
    if (waitingFor) this.#emit(interactionId, 'retrying', waitingFor);
    this.#wake();
  }

  /**
   * Keeps the interaction being wrapped up (disposition and notes so far, the Task's links,
   * the caller's E.164 number) in the database, replacing an older draft for it. Nothing is
   * sent. Ignored once this outbox has queued the interaction's Task (a late draft must not
   * bring a finished wrap up back after a reload).
   */
  async saveDraft(interactionId: string, draft: ActivityDraft): Promise<void> {
    requireInteractionId(interactionId, 'kept as a draft');
    if (typeof draft !== 'object' || draft === null || draft.interaction?.id !== interactionId) {
      throw new ContactPadError('CRM_REQUEST_REJECTED', 'A wrap-up draft must hold the interaction it is kept for.', {
        detail: { reason: 'draft-interaction-mismatch' },
      });
    }
    if (this.#logged.has(interactionId)) return;
    const store = await this.#open();
    if (this.#logged.has(interactionId)) return;
    const links: { whoId?: string; whatId?: string; workItemId?: string } = {};
    if (typeof draft.links?.whoId === 'string') links.whoId = draft.links.whoId;
    if (typeof draft.links?.whatId === 'string') links.whatId = draft.links.whatId;
    if (typeof draft.links?.workItemId === 'string') links.workItemId = draft.links.workItemId;
    const kept: ActivityDraft =
      typeof draft.callerNumberE164 === 'string'
        ? { interaction: draft.interaction, links, callerNumberE164: draft.callerNumberE164 }
        : { interaction: draft.interaction, links };
    await store.putDraft({ interactionId, draft: kept, savedAt: this.#clock.now() });
  }

  /** The wrap-up drafts kept (from before a reload too), oldest first: for the controller to restore. */
  async drafts(): Promise<readonly ActivityDraft[]> {
    const records = await (await this.#open()).drafts();
    return [...records].sort((a, b) => a.savedAt - b.savedAt).map((record) => record.draft);
  }

  /** Forgets the interaction's draft without logging anything. */
  async discardDraft(interactionId: string): Promise<void> {
    await (await this.#open()).deleteDraft(interactionId);
  }

  /** Writes with a new connection (a renewed session) and retries every held write now. */
  setConnection(connection: CrmConnection): void {
    this.#connection = connection;
    this.resume();
  }

  /** Retries every queued write now, held ones (expired session, rejected) included. */
  resume(): void {
    this.#sessionExpired = undefined;
    this.#pause = undefined;
    for (const timing of this.#timing.values()) {
      timing.held = false;
      timing.attempts = 0;
      timing.dueAt = this.#clock.now();
      timing.repaired = false;
    }
    this.#wake();
  }

  /** The writes still waiting, oldest first. */
  async pending(): Promise<readonly PendingActivity[]> {
    const records = await (await this.#open()).all();
    return [...records]
      .sort((a, b) => a.queuedAt - b.queuedAt)
      .map(({ interactionId, fields, queuedAt }) => ({ interactionId, fields, queuedAt }));
  }

  /** Stops sending and closes the database (queued writes and drafts stay for the next start). */
  close(): void {
    this.#closed = true;
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
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
    this.#timing.set(interactionId, newTiming(this.#clock.now()));
  }

  #timingOf(interactionId: string): Timing {
    let timing = this.#timing.get(interactionId);
    if (!timing) {
      timing = newTiming(this.#clock.now());
      this.#timing.set(interactionId, timing);
    }
    return timing;
  }

  /** Why nothing is being sent right now, if the whole outbox is waiting. */
  #waitingFor(): ContactPadError | undefined {
    if (this.#sessionExpired) return this.#sessionExpired;
    if (this.#pause && this.#pause.until > this.#clock.now()) return this.#pause.error;
    return undefined;
  }

  /** The wait after the `failures`-th failure in a row (1 for the first): model/retry-backoff.ts, with jitter. */
  #backoff(failures: number): number {
    return retryDelay(failures - 1, this.#backoffPolicy, this.#random);
  }

  /** Sends what is due again after `ms`, on the clock. */
  #wakeAfter(ms: number): void {
    const cancel = this.#clock.schedule(() => {
      this.#timers.delete(cancel);
      this.#wake();
    }, ms);
    this.#timers.add(cancel);
  }

  /** Sends what is due; one request at a time, so writes queued meanwhile ride in the next one. */
  #wake(): void {
    void this.#sendLoop();
  }

  async #sendLoop(): Promise<void> {
    if (this.#sending) {
      this.#sendAgain = true;
      return;
    }
    this.#sending = true;
    try {
      do {
        this.#sendAgain = false;
        await this.#sendDue();
      } while (this.#sendAgain && !this.#closed);
    } catch {
      // Closed meanwhile, or storage failing: the next enqueue, resume or start tries again.
    } finally {
      this.#sending = false;
    }
  }

  async #sendDue(): Promise<void> {
    if (this.#closed) return;
    const records = await (await this.#open()).all();
    const connection = this.#connection;
    if (this.#closed || !connection) return;
    const waitingFor = this.#waitingFor();
    if (waitingFor) {
      // Writes queued while a request was failing wait for the same retry: say so.
      for (const record of records) {
        if (this.#lastState.get(record.interactionId) !== 'retrying') this.#emit(record.interactionId, 'retrying', waitingFor);
      }
      return;
    }
    const now = this.#clock.now();
    const due = records
      .filter((record) => {
        const timing = this.#timingOf(record.interactionId);
        return !timing.held && timing.dueAt <= now;
      })
      .sort((a, b) => a.queuedAt - b.queuedAt);
    let batch: OutboxRecord[] = [];
    let size = 0;
    for (const record of due) {
      const needs = this.#timingOf(record.interactionId).duplicates.length + 1 + readBackOf(record).length;
      if (batch.length > 0 && size + needs > MAX_COMPOSITE_SUBREQUESTS) {
        if (!(await this.#sendBatch(connection, batch)) || this.#closed) return;
        batch = [];
        size = 0;
      }
      batch.push(record);
      size += needs;
    }
    if (batch.length > 0) await this.#sendBatch(connection, batch);
  }

  /** One composite request: each write's upsert (after deleting its known duplicates), each judged on its own. */
  async #sendBatch(connection: CrmConnection, batch: readonly OutboxRecord[]): Promise<boolean> {
    const subrequests: CompositeSubrequest[] = [];
    for (const [index, record] of batch.entries()) {
      const timing = this.#timingOf(record.interactionId);
      for (const [n, taskId] of timing.duplicates.entries()) {
        subrequests.push({ method: 'DELETE', url: `/sobjects/Task/${taskId}`, referenceId: `duplicate${index}_${n}` });
      }
      subrequests.push({
        method: 'PATCH',
        url: `/sobjects/Task/${INTERACTION_ID_FIELD}/${encodeURIComponent(record.interactionId)}`,
        referenceId: `task${index}`,
        body: this.#fieldsToSend(record),
      });
      // sObject Rows GET, supported in a composite request like the upsert (REST API "Composite": all sObject resources).
      for (const [n, read] of readBackOf(record).entries()) {
        subrequests.push({ method: 'GET', url: `/sobjects/${read.objectType}/${read.id}?fields=${read.fields.map(encodeURIComponent).join(',')}`, referenceId: `read${index}_${n}` });
      }
    }
    for (const record of batch) this.#emit(record.interactionId, 'saving');
    let responses: readonly CompositeSubresponse[];
    try {
      responses = await connection.composite(subrequests, false);
    } catch (caught) {
      return this.#requestFailed(connection, batch, isContactPadError(caught) ? caught : toContactPadError(caught));
    }
    this.#pause = undefined;
    const byReference = new Map(responses.map((response) => [response.referenceId, response]));
    for (const [index, record] of batch.entries()) {
      if (this.#closed) return false;
      const response = byReference.get(`task${index}`);
      const timing = this.#timingOf(record.interactionId);
      if (timing.duplicates.length > 0) timing.repaired = true;
      if (response && response.httpStatusCode >= 200 && response.httpStatusCode < 300) {
        const records = readBackOf(record).flatMap((_read, n) => {
          const answer = byReference.get(`read${index}_${n}`);
          return answer?.httpStatusCode === 200 && typeof answer.body === 'object' && answer.body !== null ? [answer.body as SalesforceRecord] : [];
        });
        await this.#delivered(record, taskIdOf(response.body), records);
      } else if (this.#replaced(record)) {
        this.#sendAgain = true; // a newer write for this interaction is queued: it gets its own try
      } else if (response?.httpStatusCode === 300) {
        this.#duplicatesFound(record, response.body);
      } else {
        this.#writeFailed(connection, record, subrequestError(response));
      }
    }
    return !this.#waitingFor();
  }

  #fieldsToSend(record: OutboxRecord): TaskFields {
    const timing = this.#timingOf(record.interactionId);
    const fields = timing.refusedLinks.reduce((sent, link) => withoutLink(sent, link), record.fields);
    return timing.withoutSubtype ? updatableTaskFields(fields) : fields;
  }

  #replaced(record: OutboxRecord): boolean {
    const latest = this.#latestRevision.get(record.interactionId);
    return latest !== undefined && latest !== record.revision;
  }

  /**
   * The request failed as a whole; says whether to go on with the next batch. Waiting
   * writes are told why on the send loop's next round (#sendDue).
   */
  #requestFailed(connection: CrmConnection, records: readonly OutboxRecord[], error: ContactPadError): boolean {
    if (this.#closed) return false;
    if (TRANSIENT.has(error.code)) {
      const attempts = (this.#pause?.attempts ?? 0) + 1;
      const delay = this.#backoff(attempts);
      this.#pause = { attempts, until: this.#clock.now() + delay, error };
      this.#wakeAfter(delay);
      for (const record of records) this.#emit(record.interactionId, 'retrying', error);
      this.#sendAgain = true;
      return false;
    }
    if (error.code === 'CRM_SESSION_EXPIRED') {
      this.#sendAgain = true;
      if (connection !== this.#connection) return false; // a new session arrived while this one was failing: try with it
      this.#sessionExpired = error;
      for (const record of records) this.#emit(record.interactionId, 'retrying', error);
      return false;
    }
    for (const record of records) {
      if (this.#replaced(record)) this.#sendAgain = true;
      else this.#hold(record.interactionId, error);
    }
    return true;
  }

  /** One write failed on its own (a composite subrequest): its own backoff or hold. */
  #writeFailed(connection: CrmConnection, record: OutboxRecord, error: ContactPadError): void {
    const id = record.interactionId;
    const timing = this.#timingOf(id);
    if (record.fields.TaskSubtype !== undefined && !timing.withoutSubtype && isSubtypeNotUpdateable(error)) {
      timing.withoutSubtype = true; // the Task exists already; the next round updates it without TaskSubtype
      this.#sendAgain = true;
      return;
    }
    const link = refusedLink(error, this.#fieldsToSend(record));
    if (link !== undefined) {
      // A link Salesforce refuses would hold the Task for ever: log it without that link.
      timing.refusedLinks = [...timing.refusedLinks, link];
      this.#sendAgain = true;
      return;
    }
    if (TRANSIENT.has(error.code)) {
      timing.attempts += 1;
      const delay = this.#backoff(timing.attempts);
      timing.dueAt = this.#clock.now() + delay;
      this.#wakeAfter(delay);
      this.#emit(id, 'retrying', error);
    } else if (error.code === 'CRM_SESSION_EXPIRED' && connection === this.#connection) {
      this.#sessionExpired = error;
      this.#emit(id, 'retrying', error);
    } else if (error.code === 'CRM_SESSION_EXPIRED') {
      this.#sendAgain = true;
    } else {
      this.#hold(id, error);
    }
  }

  /**
   * The upsert answered 300: several Tasks carry this interaction id (late tries both
   * created it). Keep the lowest id, delete the others and upsert again, right away; if a
   * repair was tried already (no permission to delete, say), hold the write for an admin.
   */
  #duplicatesFound(record: OutboxRecord, body: unknown): void {
    const id = record.interactionId;
    const timing = this.#timingOf(id);
    const taskIds = [...new Set((Array.isArray(body) ? body : []).map(taskIdFromUrl).filter((t): t is string => t !== undefined))].sort();
    if (timing.repaired || taskIds.length < 2) {
      this.#hold(
        id,
        new ContactPadError('CRM_REQUEST_REJECTED', `Several Tasks carry interaction id ${id} and ContactPad could not merge them.`, {
          detail: { errorCode: 'MULTIPLE_CHOICES', status: 300 },
        }),
      );
      return;
    }
    timing.duplicates = taskIds.slice(1);
    this.#sendAgain = true;
  }

  #hold(interactionId: string, error: ContactPadError): void {
    const timing = this.#timingOf(interactionId);
    timing.attempts += 1;
    timing.held = true;
    this.#emit(interactionId, 'retrying', error);
  }

  /** Salesforce has the Task: remove the write unless a newer one replaced it meanwhile. */
  async #delivered(record: OutboxRecord, taskId: string, records: readonly SalesforceRecord[]): Promise<void> {
    const id = record.interactionId;
    if (taskId !== '' && !this.#closed) this.#onDelivered?.(id, { taskId, records });
    if (this.#closed) return; // still queued: the next start sends it again, and the upsert makes that harmless
    let removed: boolean;
    try {
      removed = await (await this.#open()).deleteIfRevision(id, record.revision);
    } catch {
      // Salesforce has the Task; the queued copy stays and a later start re-sends it (an upsert, so no duplicate).
      removed = true;
    }
    if (this.#closed) return;
    if (removed) {
      this.#timing.delete(id);
      this.#latestRevision.delete(id);
      this.#emit(id, 'saved');
      this.#lastState.delete(id);
    } else {
      this.#sendAgain = true; // a newer write for this interaction arrived while this one was on its way
    }
  }

  #emit(interactionId: string, state: OutboxState, error?: ContactPadError): void {
    if (state !== 'retrying' && this.#lastState.get(interactionId) === state) return;
    this.#lastState.set(interactionId, state);
    this.#listener?.(interactionId, state, error);
  }
}

/** Key prefix of Task ids (the same in every org). */
const TASK_KEY_PREFIX = '00T';

/** Records read with one write, at most: a Task links one Who and one What. */
export const MAX_READ_BACK = 2;

/** A queued write's read-backs, checked (it was read back from disk). */
function readBackOf(record: OutboxRecord): readonly ReadBack[] {
  if (!Array.isArray(record.readBack)) return [];
  return record.readBack
    .filter((read) => isSalesforceId(read?.id) && typeof read.objectType === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(read.objectType) && Array.isArray(read.fields) && read.fields.length > 0 && read.fields.every((field: unknown) => typeof field === 'string' && /^[A-Za-z][A-Za-z0-9_]*$/.test(field)))
    .slice(0, MAX_READ_BACK);
}

/** The Task id an upsert answered with (`{ id, success, created }`); '' when the body does not say. */
function taskIdOf(body: unknown): string {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return isSalesforceId(id, TASK_KEY_PREFIX) ? id : '';
}

function newTiming(now: number): Timing {
  return { attempts: 0, dueAt: now, held: false, withoutSubtype: false, refusedLinks: [], duplicates: [], repaired: false };
}

/** The Task id at the end of a record URL in a 300 answer (`/services/data/v68.0/sobjects/Task/00T...`). */
function taskIdFromUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const id = /\/sobjects\/Task\/([^/]*)$/.exec(url)?.[1];
  return isSalesforceId(id, TASK_KEY_PREFIX) ? id : undefined;
}

function requireInteractionId(interactionId: string, what: string): void {
  if (typeof interactionId !== 'string' || interactionId.trim() === '') {
    throw new ContactPadError('CRM_REQUEST_REJECTED', `An activity cannot be ${what} without an interaction id.`, {
      detail: { reason: 'missing-interaction-id' },
    });
  }
}

