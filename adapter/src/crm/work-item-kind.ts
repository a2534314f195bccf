/**
 * What an Omni-Channel work item is, from its record id alone: the first three characters
 * of an id are its object's key prefix, the same in every org for standard objects (500 Case,
 * 570 LiveChatTranscript, 0Mw MessagingSession: the prefixes the fake org's describe gives,
 * see scripts/fake-org/schema.ts for their sources). Pure and tiny: the controller uses it when
 * a work item is assigned, before the record is read (crm/work-record.ts reads it).
 */
import type { Channel } from '../model/interaction.ts';
import { keyPrefixOf } from '../model/salesforce-id.ts';

/** The objects ContactPad works as Omni-Channel interactions. */
export type WorkObjectType = 'Case' | 'LiveChatTranscript' | 'MessagingSession';

/** A work item's object and the channel it starts as (a Case becomes an email once its Origin says so). */
export interface WorkItemKind {
  readonly objectType: WorkObjectType;
  readonly channel: Extract<Channel, 'chat' | 'email' | 'case'>;
  /** How the agent reads the object's name in a message. */
  readonly noun: string;
}

const BY_PREFIX: Readonly<Record<string, WorkItemKind>> = Object.freeze({
  '500': Object.freeze({ objectType: 'Case', channel: 'case', noun: 'case' }),
  // Messaging for In-App and Web, SMS, WhatsApp...: the chats of current orgs.
  '0Mw': Object.freeze({ objectType: 'MessagingSession', channel: 'chat', noun: 'messaging session' }),
  // Legacy Chat (retired 14 Feb 2026): still routed where an org kept it.
  '570': Object.freeze({ objectType: 'LiveChatTranscript', channel: 'chat', noun: 'chat transcript' }),
});

/**
 * The kind of work a routed record is, by its key prefix (case-sensitive, as ids are);
 * undefined for an object ContactPad does not work (left to Omni-Channel).
 */
export function workItemKind(recordId: string): WorkItemKind | undefined {
  const prefix = keyPrefixOf(recordId);
  return Object.hasOwn(BY_PREFIX, prefix) ? BY_PREFIX[prefix] : undefined;
}
