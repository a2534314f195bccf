/**
 * One queued write's own state in the activity outbox (activity-outbox.ts), kept in memory
 * beside the stored write: when it is due and how often it failed, whether it is held until
 * an admin's fix, and what Salesforce's answers changed in what it sends. Those changes let
 * a write go again at once where no admin fix would help:
 * - TaskSubtype refused on update (the Task exists already): the write is sent without it;
 * - a WhoId or WhatId Salesforce refuses (FIELD_INTEGRITY_EXCEPTION: an object a Task cannot
 *   point at): sent without that link, the record named in the Task's notes (activity-log.ts);
 * - several Tasks with the interaction id (a 300 answer: two late tries both created it): the
 *   ones after the lowest id are deleted before the next upsert, once; a second 300 holds it.
 */
import { ContactPadError } from '../model/errors.ts';
import { isSubtypeNotUpdateable, refusedLink, updatableTaskFields, withoutLink } from './activity-log.ts';
import type { QueuedTaskFields, TaskLinkField } from './activity-log.ts';
import type { OutboxRecord } from './outbox-store.ts';

/** One write's own retry state (after a failed subrequest or a rejection). */
export interface Timing {
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

/** A write due at `now`, with nothing learnt about it yet. */
export function newTiming(now: number): Timing {
  return { attempts: 0, dueAt: now, held: false, withoutSubtype: false, refusedLinks: [], duplicates: [], repaired: false };
}

/** The fields to upsert: the stored write's, less what Salesforce refused. */
export function fieldsToSend(record: OutboxRecord, timing: Timing): QueuedTaskFields {
  const fields = timing.refusedLinks.reduce((sent, link) => withoutLink(sent, link), record.fields);
  return timing.withoutSubtype ? updatableTaskFields(fields) : fields;
}

/**
 * The write failed because Salesforce refused a part of it that can be left out (TaskSubtype
 * on update, a link): left out from the next try on (true), or nothing to leave out (false).
 */
export function leaveOutRefused(record: OutboxRecord, timing: Timing, error: ContactPadError): boolean {
  if ('TaskSubtype' in record.fields && record.fields.TaskSubtype !== undefined && !timing.withoutSubtype && isSubtypeNotUpdateable(error)) {
    timing.withoutSubtype = true; // the Task exists already; the next round updates it without TaskSubtype
    return true;
  }
  const link = refusedLink(error, fieldsToSend(record, timing));
  if (link !== undefined) {
    // A link Salesforce refuses would hold the Task for ever: log it without that link.
    timing.refusedLinks = [...timing.refusedLinks, link];
    return true;
  }
  return false;
}

/**
 * The upsert answered 300: several Tasks carry this interaction id (late tries both created
 * it). Keeps the lowest id, the others to be deleted before the next upsert (undefined); if a
 * repair was tried already (no permission to delete, say), or the answer names fewer than two
 * Tasks, the error to hold the write with, for an admin.
 */
export function noteDuplicates(interactionId: string, timing: Timing, taskIds: readonly string[]): ContactPadError | undefined {
  if (timing.repaired || taskIds.length < 2) {
    return new ContactPadError('CRM_REQUEST_REJECTED', `Several Tasks carry interaction id ${interactionId} and ContactPad could not merge them.`, {
      detail: { errorCode: 'MULTIPLE_CHOICES', status: 300 },
    });
  }
  timing.duplicates = taskIds.slice(1);
  return undefined;
}
