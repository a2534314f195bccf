/**
 * The pre-recorded voicemail messages admins offer agents: the active records of the custom
 * metadata type ContactPad Voicemail Message (force-app objects/ContactPad_Voicemail_Message__mdt),
 * read with one SOQL query (custom metadata records are queried like data: Salesforce Help,
 * "Access Custom Metadata Records Programmatically"), and checked one by one
 * (model/voicemail-message.ts): a record that cannot be used is left out, with a problem naming
 * it, and the others are offered, in the order people read their labels.
 */
import { checkVoicemailMessage, type VoicemailMessage } from '../model/voicemail-message.ts';
import type { CrmConnection } from './crm-connection.ts';

/** The custom metadata type of the messages. */
export const VOICEMAIL_MESSAGE_TYPE = 'ContactPad_Voicemail_Message__mdt';

/** The query: every active message, with its label and where its audio is. */
export const VOICEMAIL_MESSAGES_SOQL = `SELECT DeveloperName, MasterLabel, Audio_URL__c FROM ${VOICEMAIL_MESSAGE_TYPE} WHERE Active__c = true`;

/** What the agent is offered, and what an admin should fix. */
export interface VoicemailMessages {
  readonly messages: readonly VoicemailMessage[];
  /** Records left out and why ("ContactPad Voicemail Message Old_Promo: its Audio URL is empty"). */
  readonly problems: readonly string[];
}

const byLabel = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/**
 * Reads the messages: one query. Rejects with a ContactPadError when Salesforce fails
 * (CRM_SESSION_EXPIRED, CRM_UNAVAILABLE, CRM_REQUEST_LIMIT; CRM_REQUEST_REJECTED when the type
 * is not deployed or the agent cannot read it).
 */
export async function loadVoicemailMessages(connection: CrmConnection): Promise<VoicemailMessages> {
  const records = await connection.query(VOICEMAIL_MESSAGES_SOQL);
  const messages: VoicemailMessage[] = [];
  const problems: string[] = [];
  for (const record of records) {
    const checked = checkVoicemailMessage({ id: record['DeveloperName'], label: record['MasterLabel'], audioUrl: record['Audio_URL__c'] });
    if (typeof checked === 'string') {
      const name = typeof record['DeveloperName'] === 'string' ? record['DeveloperName'] : '(no name)';
      problems.push(`ContactPad Voicemail Message ${name.slice(0, 40)} is not offered: ${checked}.`);
    } else if (!messages.some((message) => message.id === checked.id)) {
      messages.push(checked);
    }
  }
  messages.sort((a, b) => byLabel.compare(a.label, b.label) || a.id.localeCompare(b.id));
  return Object.freeze({ messages: Object.freeze(messages), problems: Object.freeze(problems) });
}
