/**
 * The fake org's records behind Omni-Channel work: a chat routes a LiveChatTranscript, an
 * email or a case routes a Case (Email-to-Case, Web-to-Case). The Omni-Channel simulator lists
 * the existing ones and creates new ones for the customer it routes.
 */
import type { OmniRecordChoice } from './omni-channel-panel.ts';
import type { OmniChannelKind } from './omni-work-items.ts';
import { displayText } from './display-text.ts';
import type { RestClient } from './rest-client.ts';

const TRANSCRIPTS_SOQL = 'SELECT Id, Name, Body, Status FROM LiveChatTranscript ORDER BY CreatedDate DESC LIMIT 20';
const CASES_SOQL = 'SELECT Id, CaseNumber, Subject, Origin FROM Case ORDER BY CreatedDate DESC LIMIT 20';

/** The object a channel's work item is: LiveChatTranscript for chat, Case otherwise. */
export function workItemObjectOf(channel: OmniChannelKind): 'LiveChatTranscript' | 'Case' {
  return channel === 'chat' ? 'LiveChatTranscript' : 'Case';
}

/** The latest records a channel can route (newest first). */
export async function listWorkRecords(rest: RestClient, channel: OmniChannelKind): Promise<OmniRecordChoice[]> {
  if (channel === 'chat') {
    const rows = await rest.query(TRANSCRIPTS_SOQL);
    return rows.map((row) => ({ id: displayText(row['Id']), label: `${displayText(row['Name'])} ${displayText(row['Body']).slice(0, 40)}`.trim() }));
  }
  const rows = await rest.query(CASES_SOQL);
  return rows.map((row) => ({ id: displayText(row['Id']), label: `${displayText(row['CaseNumber'])} ${displayText(row['Subject']).slice(0, 40)}`.trim() }));
}

/** Creates the record a new work item routes: a waiting chat transcript, or an email or web case. */
export function createWorkRecord(rest: RestClient, channel: OmniChannelKind, customerName: string): Promise<string> {
  const name = customerName === '' ? 'a customer' : customerName;
  if (channel === 'chat') {
    return rest.createRecord('LiveChatTranscript', { Status: 'Waiting', Body: `Chat with ${name}`, StartTime: new Date().toISOString() });
  }
  return rest.createRecord('Case', {
    Subject: channel === 'email' ? `Email from ${name}` : `Case from ${name}`,
    Origin: channel === 'email' ? 'Email' : 'Web',
    ...(customerName === '' ? {} : { SuppliedName: customerName }),
  });
}
