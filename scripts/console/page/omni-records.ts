/**
 * The fake org's records behind Omni-Channel work: a Messaging session routes a MessagingSession
 * (Messaging for In-App and Web, Enhanced WhatsApp...), a legacy chat a LiveChatTranscript, an
 * email a Case from Email-to-Case (Origin Email), a case a Web case (Origin Web); any other
 * object Omni-Channel can route (a Lead here) is one ContactPad does not handle. The Omni-Channel
 * simulator lists the latest ones and creates new ones for the customer it routes, through the
 * console's REST client (an org without Messaging or without legacy Chat answers as Salesforce
 * does for an object that does not exist: the panel shows that error).
 */
import type { OmniRecordChoice } from './omni-channel-panel.ts';
import type { OmniChannelKind } from './omni-work-items.ts';
import { displayText } from './display-text.ts';
import type { RestClient, SObjectRecord } from './rest-client.ts';

/** The object each kind of work routes. */
export const WORK_ITEM_OBJECTS: Readonly<Record<OmniChannelKind, string>> = {
  messaging: 'MessagingSession',
  chat: 'LiveChatTranscript',
  email: 'Case',
  case: 'Case',
  other: 'Lead',
};

const LIST_SOQL: Readonly<Record<OmniChannelKind, string>> = {
  messaging: 'SELECT Id, Name, Status, MessagingEndUser.Name, ChannelName FROM MessagingSession ORDER BY CreatedDate DESC LIMIT 20',
  chat: 'SELECT Id, Name, Body, Status FROM LiveChatTranscript ORDER BY CreatedDate DESC LIMIT 20',
  email: "SELECT Id, CaseNumber, Subject, Origin FROM Case WHERE Origin = 'Email' ORDER BY CreatedDate DESC LIMIT 20",
  case: "SELECT Id, CaseNumber, Subject, Origin FROM Case WHERE Origin != 'Email' ORDER BY CreatedDate DESC LIMIT 20",
  other: 'SELECT Id, Name, Company FROM Lead ORDER BY CreatedDate DESC LIMIT 20',
};

function related(row: SObjectRecord, relationship: string, field: string): string {
  const value = row[relationship];
  return typeof value === 'object' && value !== null ? displayText((value as Record<string, unknown>)[field]) : '';
}

function labelOf(kind: OmniChannelKind, row: SObjectRecord): string {
  switch (kind) {
    case 'messaging':
      return [displayText(row['Name']), related(row, 'MessagingEndUser', 'Name'), displayText(row['ChannelName'])].filter((part) => part !== '').join(' · ');
    case 'chat':
      return `${displayText(row['Name'])} ${displayText(row['Body']).slice(0, 40)}`.trim();
    case 'email':
    case 'case':
      return `${displayText(row['CaseNumber'])} ${displayText(row['Subject']).slice(0, 40)}`.trim();
    case 'other':
      return `${displayText(row['Name'])} ${displayText(row['Company'])}`.trim();
  }
}

/** The latest records a kind of work can route (newest first). */
export async function listWorkRecords(rest: RestClient, kind: OmniChannelKind): Promise<OmniRecordChoice[]> {
  const rows = await rest.query(LIST_SOQL[kind]);
  return rows.map((row) => ({ id: displayText(row['Id']), label: labelOf(kind, row) }));
}

/**
 * A new Messaging session for `name`: a MessagingEndUser on the org's active Messaging for In-App
 * and Web channel (else its first active channel), then the session, Waiting for an agent
 * (MessagingEndUserId and MessagingChannelId are required on a MessagingSession:
 * developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-messagingsession.html).
 * A web guest's key has the form the fake org's demo guest has (v2/iamessage/UNAUTH/NA/uid:<uuid>;
 * from a public setup guide, unverified); another channel's key is made up for the console.
 */
async function createMessagingSession(rest: RestClient, name: string): Promise<string> {
  const channels = await rest.query('SELECT Id, MessageType FROM MessagingChannel WHERE IsActive = true ORDER BY CreatedDate');
  const channel = channels.find((row) => row['MessageType'] === 'EmbeddedMessaging') ?? channels[0];
  if (!channel) throw new Error('The org has no active Messaging channel (MessagingChannel) to start a Messaging session on.');
  const web = channel['MessageType'] === 'EmbeddedMessaging';
  const endUserId = await rest.createRecord('MessagingEndUser', {
    Name: name,
    MessagingPlatformKey: web ? `v2/iamessage/UNAUTH/NA/uid:${crypto.randomUUID()}` : `local-console-${crypto.randomUUID()}`,
    MessageType: channel['MessageType'],
    MessagingChannelId: channel['Id'],
  });
  return rest.createRecord('MessagingSession', {
    MessagingEndUserId: endUserId,
    MessagingChannelId: channel['Id'],
    Status: 'Waiting',
    StartTime: new Date().toISOString(),
  });
}

/**
 * A new legacy chat: the pre-chat form's visitor as a Lead (legacy Chat's deployment API finds or
 * creates a Contact or Lead when the chat starts and links it to the transcript:
 * developer.salesforce.com/docs/atlas.en-us.live_agent_dev.meta/live_agent_dev/live_agent_creating_records.htm),
 * then the transcript, Waiting.
 */
async function createLegacyChat(rest: RestClient, customerName: string): Promise<string> {
  const fields: Record<string, unknown> = { Status: 'Waiting', Body: `Chat with ${customerName === '' ? 'a visitor' : customerName}`, StartTime: new Date().toISOString() };
  if (customerName !== '') {
    const [first, ...others] = customerName.split(' ');
    const last = others.join(' ');
    fields['LeadId'] = await rest.createRecord('Lead', { ...(last === '' ? { LastName: first } : { FirstName: first, LastName: last }), Company: 'Web visitor', LeadSource: 'Web' });
  }
  return rest.createRecord('LiveChatTranscript', fields);
}

/** Creates the record a new work item routes. */
export function createWorkRecord(rest: RestClient, kind: OmniChannelKind, customerName: string): Promise<string> {
  const name = customerName === '' ? 'a customer' : customerName;
  switch (kind) {
    case 'messaging':
      return createMessagingSession(rest, customerName === '' ? 'Web visitor' : customerName);
    case 'chat':
      return createLegacyChat(rest, customerName);
    case 'email':
    case 'case':
      return rest.createRecord('Case', {
        Subject: kind === 'email' ? `Email from ${name}` : `Case from ${name}`,
        Origin: kind === 'email' ? 'Email' : 'Web',
        ...(customerName === '' ? {} : { SuppliedName: customerName }),
      });
    case 'other': {
      const [first, ...rest2] = (customerName === '' ? 'Routed Lead' : customerName).split(' ');
      const last = rest2.join(' ');
      return rest.createRecord('Lead', { ...(last === '' ? { LastName: first } : { FirstName: first, LastName: last }), Company: 'Routed by Omni-Channel' });
    }
  }
}
