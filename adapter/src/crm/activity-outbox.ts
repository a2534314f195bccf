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
 * - CRM_SESSION_EXPIRED: everything waits until any request on the connection succeeds again
 *   (a caller lookup: one 401 does not end a session), `resume()` or a new connection
 *   (`setConnection`). Meanwhile the oldest write alone goes again at the same backoff (2 s,
 *   4 s... up to 5 minutes): the probe that finds the session taken again when nothing else
 *   asks Salesforce (a shift of repeat callers, whose records come from the cache); one request
 *   per wait, since retrying everything with a dead session only spends API calls.
 * - CRM_REQUEST_REJECTED (a validation rule, a missing permission): that write is held,
 *   to be retried on `resume()`, `setConnection()` or the next `start()` (after the admin's
 *   fix): never dropped, never retried in a loop. Except a WhoId or WhatId Salesforce refuses
 *   (FIELD_INTEGRITY_EXCEPTION: an object a Task cannot point at): the write goes again at
 *   once without that link, the record named in the Task's notes, since no admin fix makes
 *   such a link valid.
 * A pause after CRM_UNAVAILABLE or CRM_REQUEST_LIMIT ends as soon as any other request on the
 * connection succeeds (the agent's next caller lookup): the org is back, and the writes go
 * then, not minutes later at the backoff's next try.
 * A subrequest of a composite that fails keeps the same rules for its own write: a 5xx or
 * a limit backs that write off alone, a rejection holds it, an expired session holds all.
 *
 * A write may carry a record update sent after its Task in the same composite request
 * (`alsoUpdate`: a preview dialling outcome's CampaignMember Status and next attempt,
 * calling-list.ts), in a request of its own with allOrNone true: Salesforce writes both or
 * neither (outbox-composite.ts). The write is delivered once both answered 2xx; otherwise both
 * go again (the Task an upsert, the update fixed values: nothing is written twice), by the rules
 * above for the part that failed for a reason of its own (the other answers PROCESSING_HALTED).
 *
 * A write may say its refusal is final (`finalRefusal`: a calling list outcome, where no admin fix
 * brings back a deleted member, and a validation rule's refusal is the agent's to see now): a
 * CRM_REQUEST_REJECTED does not hold it but refuses it: stored as refused, told to the listener as
 * `refused` (with its `about`), told again after a reload, never sent again (not by `resume()`,
 * `setConnection()` nor `start()`, nor without a link Salesforce refused: the outcome's Task is
 * there to be on its record), and kept until `forget()` (the agent dismissed it).
 *
 * Wrap-up drafts (`saveDraft`) live in the same database, so a reload in the middle of wrap
 * up loses nothing; `enqueue` removes the interaction's draft in the same transaction as it
 * queues the write. After a reload, `start()` replays whatever is still queued, and
 * `drafts()` gives the controller the wrap ups to restore.
 *
 * Time comes from the adapter's one {@link Clock} (model/clock.ts) and the jitter from a
 * random source, both injected, so tests drive time and draw the waits themselves.
 *
 * The parts: this file keeps the queue and the drafts (stored by outbox-store.ts) and is what
 * the rest of the adapter imports; outbox-sender.ts sends (the one request in flight, the
 * pauses, holds and backoff, delivery); outbox-composite.ts packs the writes into composite
 * requests and reads the answers; outbox-write-state.ts keeps each write's retry state and
 * what Salesforce refused in it (TaskSubtype on update, a link, duplicate Tasks).
 */
import { realClock, type Clock } from '../model/clock.ts';
import { ContactPadError } from '../model/errors.ts';
import { backoffWindow, type BackoffPolicy, type RandomSource } from '../model/retry-backoff.ts';
import type { CrmConnection } from './crm-connection.ts';
import type { QueuedTaskFields } from './activity-log.ts';
import { MAX_READ_BACK } from './outbox-composite.ts';
import { OutboxSender } from './outbox-sender.ts';
import type { DeliveryListener, OutboxListener } from './outbox-sender.ts';
import { openOutboxStore } from './outbox-store.ts';
import type { ActivityDraft, FinalRefusal, OutboxRecord, OutboxStore, ReadBack, RecordUpdate } from './outbox-store.ts';

export type { ActivityDraft, FinalRefusal, ReadBack, RecordUpdate } from './outbox-store.ts';
export type { DeliveryListener, OutboxListener, OutboxState } from './outbox-sender.ts';
export { MAX_READ_BACK } from './outbox-composite.ts';

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
  readonly fields: QueuedTaskFields;
  readonly queuedAt: number;
}

/** A durable queue of Task upserts (one per interaction id) in front of the REST API. */
export class ActivityOutbox {
  readonly #databaseName: string;
  readonly #clock: Clock;
  readonly #sender: OutboxSender;
  #store: Promise<OutboxStore> | undefined;
  #closed = false;
  /** Stops listening to the connection's answers (CrmConnection.onAnswer). */
  #unlisten: (() => void) | undefined;
  /** Interactions whose Task was queued by this page: a late draft for them is ignored. */
  readonly #logged = new Set<string>();
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
    this.#clock = options.clock ?? realClock;
    this.#sender = new OutboxSender({
      open: () => this.#open(),
      connection: options.connection,
      listener: options.listener,
      onDelivered: options.onDelivered,
      clock: this.#clock,
      backoff,
      random: options.random ?? Math.random,
    });
    this.#listenTo(options.connection);
  }

  /** The org answering any request of `connection` ends a pause of the sender. */
  #listenTo(connection: CrmConnection | undefined): void {
    this.#unlisten?.();
    this.#unlisten = connection?.onAnswer(() => this.#sender.orgAnswered());
  }

  /**
   * Opens the database and replays every write still queued (from before a reload too).
   * Resolves once the database is open; the replay goes on in the background.
   */
  async start(): Promise<void> {
    const store = await this.#open();
    this.#sender.replay(await store.all());
  }

  /** False when IndexedDB was unavailable and writes live in memory only. */
  async isDurable(): Promise<boolean> {
    return (await this.#open()).durable;
  }

  /** Who is told of each delivered Task (the crm room, once it exists). */
  set onDelivered(listener: DeliveryListener | undefined) {
    this.#sender.onDelivered = listener;
  }

  /**
   * Queues the Task write for an interaction (replacing a queued one for the same id),
   * removes its wrap-up draft in the same transaction, and sends it. Resolves once the
   * write is stored, not when Salesforce has it: the listener says 'saved' then.
   * `readBack`: records to read in the same request (at most {@link MAX_READ_BACK}), for
   * `onDelivered`; they cost no request of their own. `alsoUpdate`: a record updated with the
   * Task in the same request, all or none (a calling list member's Status and next attempt,
   * calling-list.ts); the write is saved only once both are. `finalRefusal`: Salesforce's refusal
   * is final for this write (see the file comment).
   */
  async enqueue(interactionId: string, fields: QueuedTaskFields, readBack: readonly ReadBack[] = [], alsoUpdate?: RecordUpdate, finalRefusal?: FinalRefusal): Promise<void> {
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
      ...(alsoUpdate ? { alsoUpdate } : {}),
      ...(finalRefusal ? { finalRefusal } : {}),
    };
    await store.put(record);
    this.#sender.queued(record);
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
    this.#listenTo(connection);
    this.#sender.setConnection(connection);
  }

  /** Retries every queued write now, held ones (expired session, rejected) included; not the ones refused for good. */
  resume(): void {
    this.#sender.resume();
  }

  /** Drops a write Salesforce refused for good, once the agent dismissed it (any other write stays). */
  forget(interactionId: string): Promise<void> {
    return this.#sender.forget(interactionId);
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
    this.#unlisten?.();
    this.#sender.close();
    void this.#store?.then((store) => store.close(), () => undefined);
  }

  #open(): Promise<OutboxStore> {
    if (this.#closed) {
      return Promise.reject(new ContactPadError('INVALID_TRANSITION', 'The activity outbox is closed.'));
    }
    this.#store ??= openOutboxStore(this.#databaseName);
    return this.#store;
  }
}

function requireInteractionId(interactionId: string, what: string): void {
  if (typeof interactionId !== 'string' || interactionId.trim() === '') {
    throw new ContactPadError('CRM_REQUEST_REJECTED', `An activity cannot be ${what} without an interaction id.`, {
      detail: { reason: 'missing-interaction-id' },
    });
  }
}

