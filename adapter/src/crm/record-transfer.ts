/**
 * Hands a Case to another owner, an agent (User) or a service (queue): one
 * `PATCH /sobjects/Case/<id>` with the new OwnerId. Salesforce checks the owner (a queue
 * that takes no Cases, an inactive user, an id of something else) and the record (deleted,
 * not the agent's to give away); its refusal comes back as TRANSFER_FAILED with its message.
 */
import { ContactPadError } from '../model/errors.ts';
import type { CrmConnection } from './crm-connection.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import { refusedAs } from './salesforce-error.ts';

/** Key prefix of Case ids (the same in every org). */
const CASE_PREFIX = '500';

/**
 * Gives the Case `recordId` to `ownerId` (a User 005... or a queue 00G...). Rejects with
 * TRANSFER_FAILED (Salesforce refused, or `recordId` is not a Case id: no request then), or
 * CRM_SESSION_EXPIRED / CRM_UNAVAILABLE / CRM_REQUEST_LIMIT.
 */
export async function transferRecord(connection: CrmConnection, recordId: string, ownerId: string): Promise<void> {
  const detail = { recordId, ownerId };
  if (!isSalesforceId(recordId, CASE_PREFIX)) {
    throw new ContactPadError('TRANSFER_FAILED', `Only a Case can be handed to another owner; ${JSON.stringify(recordId)} is not a Case id.`, { detail });
  }
  try {
    await connection.update('Case', recordId, { OwnerId: ownerId });
  } catch (error) {
    throw refusedAs('TRANSFER_FAILED', 'Salesforce did not hand the case to the new owner', error, detail);
  }
}
