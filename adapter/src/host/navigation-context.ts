import type { NavigationChangePayload } from './open-cti.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';

/**
 * Where the agent is in the console, from Open CTI `onNavigationChange`. Blank strings mean
 * "not a record page" (Open CTI leaves them blank). Lets a Task link to the record the agent
 * was looking at.
 */
export interface NavigationContext {
  readonly url: string;
  /** Blank unless the page is a record; always a well-formed Salesforce id when present. */
  readonly recordId: string;
  readonly recordName: string;
  /** The record's object API name (`Account`, `Case`...), blank when not on a record. */
  readonly objectType: string;
  /** Person accounts only. */
  readonly accountId?: string;
  readonly contactId?: string;
  readonly personAccount?: boolean;
}

/**
 * Validates an `onNavigationChange` payload: the payload object itself, as the Open CTI guide
 * documents it (https://developer.salesforce.com/docs/service/api-cti/guide/sforce-api-cti-onnavigationchange-lex.html,
 * "Payload"). Returns undefined for anything malformed (not an object, no string `url`, a
 * record id that is not an id, wrong field types).
 */
export function parseNavigationChange(raw: unknown): NavigationContext | undefined {
  const payload = payloadObject(raw);
  if (payload === undefined) return undefined;
  const { url, recordId, recordName, objectType, accountId, contactId, personAccount } = payload as NavigationChangePayload;
  if (typeof url !== 'string') return undefined;
  if (!optionalString(recordId) || !optionalString(recordName) || !optionalString(objectType)) return undefined;
  const id = recordId ?? '';
  if (id !== '' && !isSalesforceId(id)) return undefined;
  const context: { -readonly [K in keyof NavigationContext]: NavigationContext[K] } = {
    url,
    recordId: id,
    recordName: recordName ?? '',
    objectType: objectType ?? '',
  };
  if (isSalesforceId(accountId)) context.accountId = accountId;
  if (isSalesforceId(contactId)) context.contactId = contactId;
  if (typeof personAccount === 'boolean') context.personAccount = personAccount;
  return Object.freeze(context);
}

function optionalString(value: unknown): value is string | undefined | null {
  return value === undefined || value === null || typeof value === 'string';
}

/** The listener payload when it is a plain object, else undefined. */
export function payloadObject(raw: unknown): Record<string, unknown> | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  return raw as Record<string, unknown>;
}
