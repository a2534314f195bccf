/**
 * The org's Omni-Channel presence statuses (Setup > Presence Statuses), so ContactPad can map
 * its agent states to Omni-Channel's by API name: one query.
 */
import type { CrmConnection } from './crm-connection.ts';

/** One ServicePresenceStatus: its id (0N5...), API name and label. */
export interface PresenceStatus {
  readonly id: string;
  readonly developerName: string;
  readonly label: string;
}

const PRESENCE_SOQL = 'SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus';

/** Reads the presence statuses (one request); rejects with a ContactPadError (CRM_*). */
export async function loadPresenceStatuses(connection: CrmConnection): Promise<readonly PresenceStatus[]> {
  const records = await connection.query(PRESENCE_SOQL);
  return Object.freeze(
    records.flatMap((record): PresenceStatus[] => {
      const { Id: id, DeveloperName: developerName, MasterLabel: label } = record;
      if (typeof id !== 'string' || typeof developerName !== 'string') return [];
      return [Object.freeze({ id, developerName, label: typeof label === 'string' ? label : developerName })];
    }),
  );
}
