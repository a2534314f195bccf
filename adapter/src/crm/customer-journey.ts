/**
 * The customer journey: the caller's recent interactions, read from their Tasks. Every
 * interaction ContactPad logs is a Task carrying the caller's number in the Phone field
 * `ContactPad_Caller_Number__c`, so the caller lookup's one SOSL request returns them too
 * (`RETURNING ..., Task(... ORDER BY CreatedDate DESC LIMIT n)`), at no extra request; the
 * Tasks this browser logged too recently for search to have them come from recent-activity.ts.
 * Task values are data from outside: unknown or blank values become blanks or defaults.
 */
import type { JourneyEntry, JourneyStatus } from '../model/journey-entry.ts';
import type { SalesforceRecord } from './crm-connection.ts';
import { recordValue } from './rule-filter.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import { shownText } from '../model/shown-text.ts';

const STATUSES: readonly JourneyStatus[] = ['Waiting', 'Assigning', 'Assigned', 'Transferring', 'Ended', 'Failed'];
const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  voice: 'Voice call',
  video: 'Video call',
  callback: 'Callback',
  chat: 'Chat',
  email: 'Email',
  case: 'Case',
};
const MAX_TEXT = 255;

function text(value: unknown): string {
  return typeof value === 'string' ? shownText(value, MAX_TEXT) : '';
}

/** A Salesforce datetime (`2024-05-01T12:00:00.000+0000`) in epoch ms; 0 when unreadable. */
export function salesforceTime(value: unknown): number {
  if (typeof value !== 'string') return 0;
  const ms = Date.parse(value.trim().replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : 0;
}

function channelWords(task: SalesforceRecord): string {
  const channel = text(recordValue(task, 'ContactPad_Channel__c'));
  if (channel !== '') return CHANNEL_WORDS[channel.toLowerCase()] ?? channel;
  // A call logged by another CTI (or by hand) says only its CallType.
  return text(recordValue(task, 'CallType')) !== '' ? 'Voice call' : '';
}

function status(task: SalesforceRecord): JourneyStatus {
  const value = text(recordValue(task, 'ContactPad_Status__c')).toLowerCase();
  return STATUSES.find((known) => known.toLowerCase() === value) ?? 'Ended';
}

function ownerName(task: SalesforceRecord): string {
  const owner = recordValue(task, 'Owner');
  return typeof owner === 'object' && owner !== null ? text((owner as Record<string, unknown>)['Name']) : '';
}

/**
 * The journey from Task records: newest first, each Task once, at most `size` entries. A Task
 * this browser logged that Salesforce has not confirmed yet has no Id (recent-activity.ts): it
 * is told apart by its interaction id, and opens the record it is on (WhoId, else WhatId) instead.
 */
export function journeyFromTasks(tasks: readonly SalesforceRecord[], size: number): JourneyEntry[] {
  const seen = new Set<string>();
  const entries: JourneyEntry[] = [];
  for (const task of tasks) {
    const taskId = text(recordValue(task, 'Id'));
    const key = taskId || `interaction:${text(recordValue(task, 'ContactPad_Interaction_Id__c'))}`;
    if (key === 'interaction:' || seen.has(key)) continue;
    seen.add(key);
    const recordId = [recordValue(task, 'WhoId'), recordValue(task, 'WhatId')].map(text).find((id) => isSalesforceId(id));
    entries.push({
      taskId,
      ...(recordId ? { recordId } : {}),
      channel: channelWords(task),
      agent: ownerName(task),
      status: status(task),
      at: salesforceTime(recordValue(task, 'CreatedDate')),
      subject: text(recordValue(task, 'Subject')),
    });
  }
  return entries.sort((a, b) => b.at - a.at).slice(0, Math.max(0, size));
}
