/**
 * The activity log: every interaction ends as one Salesforce Task (a "logged call"),
 * written by an upsert on the external-id field `ContactPad_Interaction_Id__c` that holds
 * the interaction id, so a retry updates the same Task and never makes a second one.
 */
import type { Interaction } from '../model/interaction.ts';
import { formatJourney } from '../model/journey.ts';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import type { CrmConnection } from './crm-connection.ts';

/** The Task external-id field (force-app: objects/Activity/fields/ContactPad_Interaction_Id__c). */
export const INTERACTION_ID_FIELD = 'ContactPad_Interaction_Id__c';

/** Salesforce field lengths the Task text is capped to. */
export const TASK_FIELD_LIMITS = { Subject: 255, CallDisposition: 255, CallObject: 255, Description: 32000 } as const;

/** The Task fields ContactPad writes; maps to the standard Task call fields. */
export interface TaskFields {
  readonly Subject: string;
  /** Makes the Task a logged call in the activity timeline. Set on create only (see logActivity). */
  readonly TaskSubtype?: 'Call';
  readonly Status: 'Completed';
  readonly CallType: 'Inbound' | 'Outbound';
  /** Talk time: from answer to release, whole seconds; 0 when never answered. */
  readonly CallDurationInSeconds: number;
  readonly CallDisposition: string;
  /** The telephony system's call id: the interaction id. */
  readonly CallObject: string;
  /** The agent's notes, a blank line, 'Journey:' and one line per journey event. */
  readonly Description: string;
  /** YYYY-MM-DD, the agent's local date when the Task is written. */
  readonly ActivityDate: string;
  /** The Lead or Contact (Name). */
  readonly WhoId?: string;
  /** The Account, Case... (Related To). */
  readonly WhatId?: string;
}

/**
 * Builds the Task for an interaction (pure). `links` are the records the Task relates to
 * (usually the popped record, or the one the agent was looking at); `at` is when it is
 * written (epoch ms), for ActivityDate and for the talk time of a call not yet released.
 */
export function activityFromInteraction(interaction: Interaction, links: { whoId?: string; whatId?: string }, at: number): TaskFields {
  const outbound = interaction.direction === 'outbound';
  const fields: { -readonly [K in keyof TaskFields]: TaskFields[K] } = {
    Subject: cap(subject(interaction), TASK_FIELD_LIMITS.Subject),
    TaskSubtype: 'Call',
    Status: 'Completed',
    CallType: outbound ? 'Outbound' : 'Inbound',
    CallDurationInSeconds: talkSeconds(interaction, at),
    CallDisposition: cap(oneLine(interaction.disposition), TASK_FIELD_LIMITS.CallDisposition),
    CallObject: cap(interaction.id, TASK_FIELD_LIMITS.CallObject),
    Description: description(interaction),
    ActivityDate: localDate(at),
  };
  const whoId = links.whoId?.trim();
  const whatId = links.whatId?.trim();
  if (whoId) fields.WhoId = whoId;
  if (whatId) fields.WhatId = whatId;
  return fields;
}

/**
 * Writes the Task for one interaction. Maps to
 * `PATCH /sobjects/Task/ContactPad_Interaction_Id__c/<url-encoded interaction id>`:
 * 201 creates it, 200 updates the one an earlier try created. TaskSubtype can be set on
 * create only, so when an update is refused for it (INVALID_FIELD_FOR_INSERT_UPDATE) the
 * write is repeated without it. Rejects with a ContactPadError.
 */
export async function logActivity(connection: CrmConnection, interactionId: string, fields: TaskFields): Promise<{ id: string; created: boolean }> {
  if (typeof interactionId !== 'string' || interactionId.trim() === '') {
    throw new ContactPadError('CRM_REQUEST_REJECTED', 'An activity cannot be logged without an interaction id.', {
      detail: { reason: 'missing-interaction-id' },
    });
  }
  try {
    const outcome = await connection.upsert('Task', INTERACTION_ID_FIELD, interactionId, fields);
    return { id: outcome.id, created: outcome.created };
  } catch (error) {
    if (fields.TaskSubtype !== undefined && isSubtypeNotUpdateable(error)) {
      const { TaskSubtype: _createOnly, ...updatable } = fields;
      const outcome = await connection.upsert('Task', INTERACTION_ID_FIELD, interactionId, updatable);
      return { id: outcome.id, created: outcome.created };
    }
    throw error;
  }
}

function isSubtypeNotUpdateable(error: unknown): boolean {
  return (
    isContactPadError(error, 'CRM_REQUEST_REJECTED') &&
    error.detail['errorCode'] === 'INVALID_FIELD_FOR_INSERT_UPDATE' &&
    /TaskSubtype/.test(error.message)
  );
}

function subject(interaction: Interaction): string {
  const outbound = interaction.direction === 'outbound';
  const kind =
    interaction.channel === 'video' ? 'video call' : interaction.channel === 'callback' ? 'callback' : 'call';
  const lead = `${outbound ? 'Outbound' : 'Inbound'} ${kind}`;
  const name = oneLine(interaction.callerName);
  const number = oneLine(interaction.callerNumber);
  const party = name && number ? `${name} (${number})` : name || number;
  return party ? `${lead} ${outbound ? 'to' : 'from'} ${party}` : lead;
}

function description(interaction: Interaction): string {
  const notes = typeof interaction.notes === 'string' ? interaction.notes.replace(/\r\n?/g, '\n').trim() : '';
  const journey = formatJourney(interaction.journey);
  const journeyBlock = `Journey:\n${journey}`.trimEnd();
  const limit = TASK_FIELD_LIMITS.Description;
  if (notes === '') return cap(journeyBlock, limit);
  // The notes are the agent's words: when the whole does not fit, the journey is cut, not the notes.
  const separator = '\n\n';
  if (notes.length + separator.length + journeyBlock.length <= limit) return `${notes}${separator}${journeyBlock}`;
  const cappedNotes = cap(notes, limit);
  const room = limit - cappedNotes.length - separator.length;
  return room > 'Journey:'.length ? `${cappedNotes}${separator}${cap(journeyBlock, room)}` : cappedNotes;
}

function talkSeconds(interaction: Interaction, at: number): number {
  const answeredAt = interaction.answeredAt;
  if (answeredAt === undefined || !Number.isFinite(answeredAt)) return 0;
  const end = interaction.releasedAt ?? interaction.endedAt ?? at;
  const seconds = Math.round((end - answeredAt) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : 0;
}

/** YYYY-MM-DD in the agent's time zone: the day the agent took the call. */
function localDate(at: number): string {
  const date = new Date(Number.isFinite(at) ? at : Date.now());
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${String(date.getFullYear()).padStart(4, '0')}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function oneLine(value: string): string {
  return typeof value === 'string' ? value.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim() : '';
}

/** Cuts to `max` UTF-16 units (Salesforce counts characters that way) without splitting a surrogate pair; marks the cut with '…'. */
function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
