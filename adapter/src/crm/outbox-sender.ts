/**
 * How the activity outbox sends (activity-outbox.ts says what it promises): one request in
 * flight at a time, carrying every write that is due in composite requests
 * (outbox-composite.ts), writes queued meanwhile riding in the next one. Each write is judged
 * by its own answer; its retry state lives in memory (outbox-write-state.ts).
 *
 * A request that fails as a whole pauses everything (CRM_UNAVAILABLE, CRM_REQUEST_LIMIT: the
 * adapter's retry backoff, model/retry-backoff.ts; CRM_SESSION_EXPIRED: until any request on
 * the connection succeeds again, a caller lookup included (the same session often answers
 * again after one 401), `resume()` or a new connection, and meanwhile the oldest write alone
 * goes again at the same backoff, as the probe that finds the session taken again when no
 * other request is made: a shift of repeat callers, whose records come from the cache) or
 * holds its writes (a rejection). A
 * write that fails on its own goes again without what Salesforce refused, backs off alone, or
 * is held. A write whose refusal is final (`finalRefusal`, a calling list outcome) is not held
 * but refused: marked so in the store, told as `refused` (again after a reload), never sent
 * again, kept until `forget()`. A delivered write is removed from the store, unless a newer write
 * for its interaction replaced it meanwhile.
 */
import type { Clock } from '../model/clock.ts';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { retryDelay, type BackoffPolicy, type RandomSource } from '../model/retry-backoff.ts';
import type { ActivityLogState } from '../model/activity-log-state.ts';
import type { CompositeSubresponse, CrmConnection, SalesforceRecord } from './crm-connection.ts';
import {
  answersByReference,
  duplicateTaskIds,
  failedPart,
  hasUpdate,
  isAllOrNone,
  readBackRecords,
  sendInBatches,
  subrequestCount,
  taskIdOf,
  updateAnswer,
  upsertAnswer,
  writeSubrequests,
} from './outbox-composite.ts';
import type { OutboxRecord, OutboxStore } from './outbox-store.ts';
import { fieldsToSend, leaveOutRefused, newTiming, noteDuplicates, type Timing } from './outbox-write-state.ts';
import { subrequestError, toContactPadError } from './salesforce-error.ts';

/** Where one interaction's Task write stands (the widget's log indicator), once it is queued. */
export type OutboxState = Exclude<ActivityLogState, 'none'>;

/** Told of every state change; `error` says why a write is waiting to retry, or why it was refused (its detail has the write's `about`). */
export type OutboxListener = (interactionId: string, state: OutboxState, error?: ContactPadError) => void;

/**
 * Told when Salesforce has a Task: its id, and the records read back with the write (those of
 * `readBack` that could be read, with `attributes`).
 */
export type DeliveryListener = (interactionId: string, delivered: { readonly taskId: string; readonly records: readonly SalesforceRecord[] }) => void;

/** What an {@link OutboxSender} sends with. */
export interface OutboxSenderOptions {
  /** The outbox's store; rejects once the outbox is closed. */
  readonly open: () => Promise<OutboxStore>;
  readonly connection: CrmConnection | undefined;
  readonly listener: OutboxListener | undefined;
  readonly onDelivered: DeliveryListener | undefined;
  readonly clock: Clock;
  readonly backoff: BackoffPolicy;
  readonly random: RandomSource;
}

/** The whole outbox backing off after a request failed as a whole. */
interface Pause {
  attempts: number;
  until: number;
  error: ContactPadError;
}

/** Retried on their own, with backoff. */
const TRANSIENT = new Set(['CRM_UNAVAILABLE', 'CRM_REQUEST_LIMIT']);

/** Sends the outbox's stored writes to Salesforce and tells their states. */
export class OutboxSender {
  readonly #open: () => Promise<OutboxStore>;
  readonly #listener: OutboxListener | undefined;
  #onDelivered: DeliveryListener | undefined;
  readonly #clock: Clock;
  readonly #backoffPolicy: BackoffPolicy;
  readonly #random: RandomSource;
  /** Cancels of the retry timers still set (all cancelled by close()). */
  readonly #timers = new Set<() => void>();
  #connection: CrmConnection | undefined;
  #closed = false;
  readonly #timing = new Map<string, Timing>();
  readonly #lastState = new Map<string, OutboxState>();
  /** The newest revision queued by this page per interaction: the outcome of an older one's try does not decide a newer one's fate. */
  readonly #latestRevision = new Map<string, string>();
  #pause: Pause | undefined;
  /** Set when Salesforce said the session expired; cleared when a request on the connection succeeds, by resume() or a new connection. */
  #sessionExpired: ContactPadError | undefined;
  /** While the session is refused: the probes sent so far (the backoff's attempt), the next one's timer, and whether it is due now. */
  readonly #probe: { attempts: number; cancel: (() => void) | undefined; due: boolean } = { attempts: 0, cancel: undefined, due: false };
  /** Stops watching the connection's session (CrmConnection.watchSession). */
  #unwatch: (() => void) | undefined;
  #sending = false;
  #sendAgain = false;

  constructor(options: OutboxSenderOptions) {
    this.#open = options.open;
    this.#connection = options.connection;
    this.#listener = options.listener;
    this.#onDelivered = options.onDelivered;
    this.#clock = options.clock;
    this.#backoffPolicy = options.backoff;
    this.#random = options.random;
    this.#watch(options.connection);
  }

  /** Writing resumes as soon as the connection's session works again (any request succeeded). */
  #watch(connection: CrmConnection | undefined): void {
    this.#unwatch?.();
    this.#unwatch = connection?.watchSession((state) => {
      if (state !== 'working' || !this.#sessionExpired || this.#closed) return;
      this.#sessionTaken();
      this.#wake();
    });
  }

  /** Who is told of each delivered Task. */
  set onDelivered(listener: DeliveryListener | undefined) {
    this.#onDelivered = listener;
  }

  /** Sends the writes found stored (at start, from before a reload too), all due now; tells again the ones Salesforce refused for good. */
  replay(records: readonly OutboxRecord[]): void {
    for (const record of records) {
      this.#due(record.interactionId);
      if (record.refused) this.#emit(record.interactionId, 'refused', refusalOf(record));
    }
    this.#wake();
  }

  /** Drops a write Salesforce refused for good (the agent dismissed it); any other write is left as it is. */
  async forget(interactionId: string): Promise<void> {
    const store = await this.#open();
    const record = (await store.all()).find((candidate) => candidate.interactionId === interactionId);
    if (!record?.refused || !(await store.deleteIfRevision(interactionId, record.revision))) return;
    this.#timing.delete(interactionId);
    this.#latestRevision.delete(interactionId);
    this.#lastState.delete(interactionId);
  }

  /** A write was just stored (replacing an older one for its interaction): due now. */
  queued(record: OutboxRecord): void {
    const interactionId = record.interactionId;
    this.#latestRevision.set(interactionId, record.revision);
    this.#due(interactionId);
    this.#emit(interactionId, 'saving');
    const waitingFor = this.#connection ? this.#waitingFor() : undefined;
    if (waitingFor) this.#emit(interactionId, 'retrying', waitingFor);
    this.#wake();
  }

  /** Writes with a new connection (a renewed session) and retries every held write now. */
  setConnection(connection: CrmConnection): void {
    this.#connection = connection;
    this.#watch(connection);
    this.resume();
  }

  /** Retries every queued write now, held ones (expired session, rejected) included. */
  resume(): void {
    this.#sessionTaken();
    this.#pause = undefined;
    for (const timing of this.#timing.values()) {
      timing.held = false;
      timing.attempts = 0;
      timing.dueAt = this.#clock.now();
      timing.repaired = false;
    }
    this.#wake();
  }

  /** Stops sending and cancels the retry timers. */
  close(): void {
    this.#closed = true;
    this.#unwatch?.();
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
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

  /**
   * Salesforce refused the session: everything waits, and the oldest write goes alone as a probe
   * after the backoff's next wait (2 s, 4 s, 8 s... up to its cap: a refused session costs one
   * request per wait, never more). Writes go again as soon as any request succeeds: the probe,
   * a caller lookup, or a new connection.
   */
  #sessionRefused(error: ContactPadError): void {
    this.#cancelProbe();
    this.#sessionExpired = error;
    this.#probe.attempts += 1;
    const cancel = this.#clock.schedule(() => {
      this.#timers.delete(cancel);
      this.#probe.cancel = undefined;
      this.#probe.due = true;
      this.#wake();
    }, this.#backoff(this.#probe.attempts));
    this.#probe.cancel = cancel;
    this.#timers.add(cancel);
  }

  /** The session works again (or a new one came): no probe any more. */
  #sessionTaken(): void {
    this.#cancelProbe();
    this.#sessionExpired = undefined;
    this.#probe.attempts = 0;
  }

  #cancelProbe(): void {
    const cancel = this.#probe.cancel;
    cancel?.();
    if (cancel) this.#timers.delete(cancel);
    this.#probe.cancel = undefined;
    this.#probe.due = false;
  }

  /** Why nothing is being sent right now, if the whole outbox is waiting (a probe of a refused session that is due is no wait). */
  #waitingFor(): ContactPadError | undefined {
    if (this.#sessionExpired && !this.#probe.due) return this.#sessionExpired;
    if (this.#pause && this.#pause.until > this.#clock.now()) return this.#pause.error;
    return undefined;
  }

  /**
   * Salesforce answered a request (a caller lookup, say): after it was unavailable or out of
   * requests, the whole outbox sends now instead of at the backoff's next try, which may be
   * minutes away after a long outage. Held writes (rejected, expired session) stay held.
   */
  orgAnswered(): void {
    if (this.#closed || !this.#pause || this.#pause.until <= this.#clock.now()) return;
    this.#pause = undefined;
    this.#wake();
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
        return !record.refused && !timing.held && (timing.dueAt <= now || this.#sessionExpired !== undefined);
      })
      .sort((a, b) => a.queuedAt - b.queuedAt);
    if (this.#sessionExpired) {
      // The probe: the oldest write alone, with the session Salesforce refused last; none waiting, the next write is the probe.
      const oldest = due[0];
      if (!oldest) return;
      this.#probe.due = false;
      await this.#sendBatch(connection, [oldest]);
      // Still refused, and no next probe set by a 401 (the probe met an outage, or its write a refusal of its own): set one.
      if (this.#sessionExpired && !this.#probe.cancel && !this.#probe.due) this.#sessionRefused(this.#sessionExpired);
      return;
    }
    await sendInBatches(
      due,
      (record) => subrequestCount(record, this.#timingOf(record.interactionId).duplicates),
      (batch) => this.#sendBatch(connection, batch),
      () => this.#closed,
    );
  }

  /** One composite request: each write's upsert (after deleting its known duplicates), each judged on its own. */
  async #sendBatch(connection: CrmConnection, batch: readonly OutboxRecord[]): Promise<boolean> {
    const subrequests = batch.flatMap((record, index) => {
      const timing = this.#timingOf(record.interactionId);
      return writeSubrequests(record, index, timing.duplicates, fieldsToSend(record, timing));
    });
    for (const record of batch) this.#emit(record.interactionId, 'saving');
    let responses: readonly CompositeSubresponse[];
    try {
      responses = await connection.composite(subrequests, isAllOrNone(batch));
    } catch (caught) {
      return this.#requestFailed(connection, batch, isContactPadError(caught) ? caught : toContactPadError(caught));
    }
    this.#pause = undefined;
    if (this.#sessionExpired) {
      // Salesforce took the request with this session (a probe whose write was answered on its own): the session works.
      this.#sessionExpired = undefined;
      this.#probe.due = false;
      this.#sendAgain = true;
    }
    const answers = answersByReference(responses);
    for (const [index, record] of batch.entries()) {
      if (this.#closed) return false;
      const response = upsertAnswer(answers, index);
      const timing = this.#timingOf(record.interactionId);
      if (timing.duplicates.length > 0) timing.repaired = true;
      // A write with a record update was sent all or none: judged by the part that failed for a reason of its own.
      const failed = hasUpdate(record) ? failedPart(response, updateAnswer(answers, index)) : response && response.httpStatusCode >= 200 && response.httpStatusCode < 300 ? undefined : response;
      if (!failed && response) {
        await this.#delivered(record, taskIdOf(response.body), readBackRecords(answers, index, record));
      } else if (this.#replaced(record)) {
        this.#sendAgain = true; // a newer write for this interaction is queued: it gets its own try
      } else if (failed === response && response?.httpStatusCode === 300) {
        this.#duplicatesFound(record, response.body);
      } else {
        await this.#writeFailed(connection, record, subrequestError(failed), failed === response);
      }
    }
    return !this.#waitingFor();
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
      if (connection.session === 'working') return false; // another request succeeded since this one failed: the session works, try again
      this.#sessionRefused(error);
      for (const record of records) this.#emit(record.interactionId, 'retrying', error);
      return false;
    }
    for (const record of records) {
      if (this.#replaced(record)) this.#sendAgain = true;
      else void this.#hold(record, error);
    }
    return true;
  }

  /** One write failed on its own (a composite subrequest): sent again without what was refused, or its own backoff, hold or refusal. */
  async #writeFailed(connection: CrmConnection, record: OutboxRecord, error: ContactPadError, ofTask = true): Promise<void> {
    const id = record.interactionId;
    const timing = this.#timingOf(id);
    // A link refused is left out of a call's Task (named in its notes); an outcome's Task is there to be on its record, so its refusal stands.
    if (ofTask && !record.finalRefusal && leaveOutRefused(record, timing, error)) {
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
      if (!this.#sessionExpired) this.#sessionRefused(error);
      this.#emit(id, 'retrying', error);
    } else if (error.code === 'CRM_SESSION_EXPIRED') {
      this.#sendAgain = true;
    } else {
      await this.#hold(record, error);
    }
  }

  /** The upsert answered 300 (several Tasks carry the interaction id): merge them right away, or hold the write (outbox-write-state.ts). */
  #duplicatesFound(record: OutboxRecord, body: unknown): void {
    const id = record.interactionId;
    const unmerged = noteDuplicates(id, this.#timingOf(id), duplicateTaskIds(body));
    if (unmerged) void this.#hold(record, unmerged, false);
    else this.#sendAgain = true;
  }

  /**
   * Holds a write Salesforce refused until `resume()`, a new connection or the next start, or,
   * when its refusal is final (`finalRefusal`) and Salesforce refused it (CRM_REQUEST_REJECTED),
   * refuses it: stored as refused (so a reload does not send it again) and told.
   */
  async #hold(record: OutboxRecord, error: ContactPadError, final = true): Promise<void> {
    const interactionId = record.interactionId;
    const timing = this.#timingOf(interactionId);
    timing.attempts += 1;
    timing.held = true;
    if (!final || !record.finalRefusal || error.code !== 'CRM_REQUEST_REJECTED') {
      this.#emit(interactionId, 'retrying', error);
      return;
    }
    const errorCode = error.detail['errorCode'];
    const refused: OutboxRecord = { ...record, refused: { message: error.message, ...(typeof errorCode === 'string' ? { errorCode } : {}) } };
    try {
      await (await this.#open()).put(refused);
    } catch {
      // Not stored as refused (storage failing, or closed): held in memory; a reload tries it once more and refuses it again.
    }
    if (!this.#closed) this.#emit(interactionId, 'refused', refusalOf(refused));
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
      this.#probe.attempts = 0; // Salesforce took a write: a later refusal of the session starts its probes afresh
      this.#timing.delete(id);
      this.#latestRevision.delete(id);
      this.#emit(id, 'saved');
      this.#lastState.delete(id);
    } else {
      this.#sendAgain = true; // a newer write for this interaction arrived while this one was on its way
    }
  }

  #emit(interactionId: string, state: OutboxState, error?: ContactPadError): void {
    if (state !== 'retrying' && state !== 'refused' && this.#lastState.get(interactionId) === state) return;
    this.#lastState.set(interactionId, state);
    this.#listener?.(interactionId, state, error);
  }
}

/** Why a stored write was refused for good, with what it is (`about`), as the listener is told it. */
function refusalOf(record: OutboxRecord): ContactPadError {
  const refused = record.refused;
  const detail: Record<string, string> = { about: record.finalRefusal?.about ?? '' };
  if (refused?.errorCode) detail['errorCode'] = refused.errorCode;
  return new ContactPadError('CRM_REQUEST_REJECTED', refused?.message ?? 'Salesforce refused the write.', { detail });
}
