/**
 * The activity log: every interaction ends as one Salesforce Task (a "logged call"),
 * written by an upsert on the external-id field `ContactPad_Interaction_Id__c` that holds
 * the interaction id, so a retry updates the same Task and never makes a second one.
 */
import type { Channel, Interaction } from '../model/interaction.ts';
import { formatJourney } from '../model/journey.ts';
import { ContactPadError, isContactPadError } from '../model/errors.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import type { CrmConnection } from './crm-connection.ts';
import { isWhatTarget, isWhoTarget } from './task-links.ts';

/** The Task external-id field (force-app: objects/Activity/fields/ContactPad_Interaction_Id__c). */
export const INTERACTION_ID_FIELD = 'ContactPad_Interaction_Id__c';

/** The Task field with the caller's number in E.164 (force-app: ContactPad_Caller_Number__c, a Phone field). */
export const CALLER_NUMBER_FIELD = 'ContactPad_Caller_Number__c';
/** The Task field with the interaction's channel (force-app: ContactPad_Channel__c, Text 40). */
export const CHANNEL_FIELD = 'ContactPad_Channel__c';
/** The Task field with the journey status (force-app: ContactPad_Status__c, a restricted picklist). */
export const STATUS_FIELD = 'ContactPad_Status__c';
/** The Task field with the Omni-Channel work item's id (force-app: ContactPad_Work_Item_Id__c, Text(18)): a Messaging Session, Chat Transcript or Case. */
export const WORK_ITEM_ID_FIELD = 'ContactPad_Work_Item_Id__c';

/**
 * Where an interaction stands in the customer journey, in the words of the contact centre
 * (B3Networks' customer journey: Waiting, Assigning, Assigned, Transferring, Ended, Failed).
 * The values of the Task picklist ContactPad_Status__c.
 */
export type JourneyStatus = 'Waiting' | 'Assigning' | 'Assigned' | 'Transferring' | 'Ended' | 'Failed';

/** Every {@link JourneyStatus}, in the picklist's order. */
export const JOURNEY_STATUSES: readonly JourneyStatus[] = Object.freeze([
  'Waiting',
  'Assigning',
  'Assigned',
  'Transferring',
  'Ended',
  'Failed',
] as const);

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
  /** The caller's number in E.164 (`+14155550100`), so the caller lookup's SOSL finds the caller's Tasks; absent when unknown. */
  readonly ContactPad_Caller_Number__c?: string;
  /** voice, video, callback, chat, email or case. */
  readonly ContactPad_Channel__c: Channel;
  /** The journey status: Ended for a finished interaction, Failed for a failed one (see {@link journeyStatus}). */
  readonly ContactPad_Status__c: JourneyStatus;
  /** The Omni-Channel work item (Messaging Session, Chat Transcript, Case) a chat, email or case logs; absent for calls. */
  readonly ContactPad_Work_Item_Id__c?: string;
}

/**
 * A calling list outcome's Task (calling-list.ts): an activity on the member's Lead or Contact,
 * not a call's log, so without the call fields; queued in the same outbox as call Tasks.
 */
export type OutcomeTaskFields = Omit<TaskFields, 'Status' | 'TaskSubtype' | 'CallType' | 'CallDurationInSeconds' | 'CallDisposition' | 'CallObject'> & {
  readonly Status: 'Completed' | 'Not Started';
  readonly Type: 'Call';
  readonly CallDisposition?: string;
  /** A rescheduled attempt: Salesforce reminds the agent (the Task's owner) at its time. */
  readonly ReminderDateTime?: string;
  readonly IsReminderSet?: boolean;
};

/** Any Task the outbox writes: a call's log or a calling list outcome. */
export type QueuedTaskFields = TaskFields | OutcomeTaskFields;

/** What a Task links to: the customer (WhoId: Lead or Contact), what it is about (WhatId), and the Omni-Channel work item. */
export interface ActivityLinks {
  readonly whoId?: string;
  readonly whatId?: string;
  /** The routed record (0Mw, 570, 500...): kept in ContactPad_Work_Item_Id__c, never as WhatId. */
  readonly workItemId?: string;
}

/**
 * The journey status of an interaction: alerting is Assigning (offered to an agent),
 * connected is Assigned (Transferring once the last journey step is a transfer), wrap-up
 * and ended are Ended (the customer's part is over), and rejected, missed and failed are
 * Failed (the call did not reach this agent). A callback attempt that is over is Waiting
 * while its request is kept for another attempt (not connected, or blocked) and Failed once
 * no attempts are left.
 */
export function journeyStatus(interaction: Interaction): JourneyStatus {
  // A callback attempt that is over: Waiting while its request is kept for another attempt, Failed when none are left.
  const over = interaction.state === 'wrap-up' || interaction.state === 'ended' || interaction.state === 'failed';
  if (over && interaction.callbackRequest === 'waiting') return 'Waiting';
  if (over && interaction.callbackRequest === 'failed') return 'Failed';
  switch (interaction.state) {
    case 'alerting':
      return 'Assigning';
    case 'connected':
      return interaction.journey.at(-1)?.kind === 'transferred' ? 'Transferring' : 'Assigned';
    case 'wrap-up':
    case 'ended':
      return 'Ended';
    case 'rejected':
    case 'missed':
    case 'failed':
      return 'Failed';
    default:
      return 'Ended';
  }
}

const CHANNELS: readonly Channel[] = ['voice', 'video', 'callback', 'chat', 'email', 'case'];

/** An E.164 number: '+', a country code not starting with 0, 7 to 15 digits in all. */
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Builds the Task for an interaction (pure). `links` are the records the Task relates to
 * (usually the popped record, or the one the agent was looking at); `at` is when it is
 * written (epoch ms), for ActivityDate and for the talk time of a call not yet released.
 * `callerNumberE164` (the caller lookup's normalised number, `+14155550100`) fills
 * ContactPad_Caller_Number__c; anything that is not E.164 leaves the field out.
 */
export function activityFromInteraction(
  interaction: Interaction,
  links: ActivityLinks,
  at: number,
  callerNumberE164?: string,
): TaskFields {
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
    ContactPad_Channel__c: CHANNELS.includes(interaction.channel) ? interaction.channel : 'voice',
    ContactPad_Status__c: journeyStatus(interaction),
  };
  const callerNumber = typeof callerNumberE164 === 'string' ? callerNumberE164.trim() : '';
  if (E164.test(callerNumber)) fields.ContactPad_Caller_Number__c = callerNumber;
  const whoId = links.whoId?.trim();
  const whatId = links.whatId?.trim();
  const workItemId = links.workItemId?.trim();
  // Only links Salesforce accepts (task-links.ts): anything else is named in the notes instead,
  // since a refused WhoId or WhatId would keep the whole Task from being written.
  const unlinked: string[] = [];
  if (isWhoTarget(whoId)) fields.WhoId = whoId;
  else if (whoId) unlinked.push(whoId);
  if (isWhatTarget(whatId)) fields.WhatId = whatId;
  else if (whatId) unlinked.push(whatId);
  if (isSalesforceId(workItemId)) fields.ContactPad_Work_Item_Id__c = workItemId;
  return unlinked.length === 0 ? fields : withUnlinkedRecords(fields, unlinked);
}

/** A link field Salesforce can refuse on a Task. */
export type TaskLinkField = 'WhoId' | 'WhatId';

/**
 * How Salesforce refuses a Task's link: an object the field does not refer to
 * (FIELD_INTEGRITY_EXCEPTION "Related To ID: id value of incorrect type"), a record that does
 * not exist (INVALID_CROSS_REFERENCE_KEY) or was deleted since the call (ENTITY_IS_DELETED).
 * No retry makes such a link valid.
 */
const LINK_ERRORS = new Set(['FIELD_INTEGRITY_EXCEPTION', 'INVALID_CROSS_REFERENCE_KEY', 'ENTITY_IS_DELETED']);

/**
 * The link Salesforce refused, when a Task write failed on WhoId or WhatId (see
 * LINK_ERRORS; "Related To ID: id value of incorrect type: ..."): the write is then repeated
 * without that link (see {@link withoutLink}) instead of being held for ever. Undefined for
 * any other failure.
 */
export function refusedLink(error: unknown, fields: QueuedTaskFields): TaskLinkField | undefined {
  if (!isContactPadError(error, 'CRM_REQUEST_REJECTED') || !LINK_ERRORS.has(String(error.detail['errorCode']))) return undefined;
  const named = String(error.detail['fields'] ?? '');
  if (/\bWhatId\b/.test(named) || /^Salesforce rejected the request: Related To ID\b/.test(error.message)) return fields.WhatId ? 'WhatId' : undefined;
  if (/\bWhoId\b/.test(named) || /^Salesforce rejected the request: Name ID\b/.test(error.message)) return fields.WhoId ? 'WhoId' : undefined;
  // Salesforce named no field: the related record (WhatId) is the likelier culprit.
  return fields.WhatId ? 'WhatId' : fields.WhoId ? 'WhoId' : undefined;
}

/** The Task without one link, the refused record named in its notes (so the link can be made by hand). */
export function withoutLink<F extends QueuedTaskFields>(fields: F, field: TaskLinkField): F {
  const { [field]: refused, ...rest } = fields;
  return refused ? withUnlinkedRecords({ ...rest, Description: fields.Description } as F, [refused]) : fields;
}

function withUnlinkedRecords<F extends QueuedTaskFields>(fields: F, ids: readonly string[]): F {
  const line = `Not linked (Salesforce refuses a Task link to it): ${ids.join(', ')}`;
  const limit = TASK_FIELD_LIMITS.Description;
  const description = fields.Description.length + line.length + 2 <= limit ? `${fields.Description}\n\n${line}` : fields.Description;
  return { ...fields, Description: description };
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
      const outcome = await connection.upsert('Task', INTERACTION_ID_FIELD, interactionId, updatableTaskFields(fields));
      return { id: outcome.id, created: outcome.created };
    }
    throw error;
  }
}

/** The Task fields an update may carry: all but TaskSubtype, which Salesforce sets on create only. */
export function updatableTaskFields<F extends QueuedTaskFields>(fields: F): F {
  if (!('TaskSubtype' in fields)) return fields;
  const { TaskSubtype: _createOnly, ...updatable } = fields;
  return updatable as F;
}

/**
 * True when Salesforce refused a Task update because it carried TaskSubtype (create-only):
 * INVALID_FIELD_FOR_INSERT_UPDATE naming TaskSubtype. The write is then repeated without it.
 */
export function isSubtypeNotUpdateable(error: unknown): boolean {
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
