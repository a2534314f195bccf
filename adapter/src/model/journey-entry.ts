/**
 * The customer journey: one of the caller's recent interactions, as the Task ContactPad logged
 * for it tells (the crm room reads them, crm/customer-journey.ts). Not to be confused with an
 * interaction's own journey of events (journey.ts).
 */

/** Where an interaction stood (Task picklist `ContactPad_Status__c`, the statuses of seed 003). */
export type JourneyStatus = 'Waiting' | 'Assigning' | 'Assigned' | 'Transferring' | 'Ended' | 'Failed';

/** One of the caller's recent interactions (a Task). */
export interface JourneyEntry {
  /** The Task's id (the widget opens it in the console). */
  readonly taskId: string;
  /** The record the Task is on (its WhoId, else its WhatId): opened instead while the Task has no id yet; absent when none. */
  readonly recordId?: string;
  /** In words: Voice call, Video call, Callback, Chat, Email, Case; '' when the Task does not say. */
  readonly channel: string;
  /** The agent who handled it (the Task owner's name); '' when not visible. */
  readonly agent: string;
  /** From `ContactPad_Status__c`; Ended when blank or unknown. */
  readonly status: JourneyStatus;
  /** When it happened: the Task's CreatedDate in epoch ms (0 when unreadable). */
  readonly at: number;
  readonly subject: string;
}
