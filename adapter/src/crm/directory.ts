/**
 * The agents and services an agent can consult or transfer to, read from the org in ONE API
 * request (a composite of two queries):
 *   agents    active Users with a ContactPad SIP user (User.ContactPad_SIP_User__c, which
 *             force-app adds), less the agent themself (the same SIP user, any case);
 *   services  the queues that can own Cases (QueueSobject rows for Case, with Queue.Name), each
 *             reached by phone at its queue's SIP user (model/directory-entry.ts serviceSipUser,
 *             from Queue.DeveloperName).
 * One list, sorted by name as people read it (locale order, accents and case aside).
 */
import { serviceSipUser, type DirectoryEntry } from '../model/directory-entry.ts';
import { shownText } from '../model/shown-text.ts';
import type { CompositeSubrequest, CrmConnection, SalesforceRecord } from './crm-connection.ts';
import { recordsOf } from './crm-connection.ts';
import { subrequestError } from './salesforce-error.ts';

/** The User field holding an agent's SIP user (force-app objects/User/fields). */
export const SIP_USER_FIELD = 'ContactPad_SIP_User__c';

const AGENTS_SOQL = `SELECT Id, Name, ${SIP_USER_FIELD} FROM User WHERE IsActive = true AND ${SIP_USER_FIELD} != null`;
const SERVICES_SOQL = "SELECT QueueId, Queue.Name, Queue.DeveloperName FROM QueueSobject WHERE SobjectType = 'Case'";

const byName = new Intl.Collator(undefined, { sensitivity: 'base' });

/**
 * Reads the directory: one composite request (agents and services). `ownSipUser` is the
 * agent's own SIP user (User.ContactPad_SIP_User__c), left out of the agents. Rejects with a
 * ContactPadError (CRM_SESSION_EXPIRED, CRM_UNAVAILABLE, CRM_REQUEST_LIMIT, or
 * CRM_REQUEST_REJECTED when a query is refused, e.g. the SIP user field is not deployed or
 * not readable).
 */
export async function loadDirectory(connection: CrmConnection, ownSipUser: string): Promise<readonly DirectoryEntry[]> {
  const subrequests: CompositeSubrequest[] = [
    { method: 'GET', referenceId: 'agents', url: `/query?q=${encodeURIComponent(AGENTS_SOQL)}` },
    { method: 'GET', referenceId: 'services', url: `/query?q=${encodeURIComponent(SERVICES_SOQL)}` },
  ];
  const answers = await connection.composite(subrequests, false);
  const records = (referenceId: string): readonly SalesforceRecord[] => {
    const answer = answers.find((response) => response.referenceId === referenceId);
    if (answer?.httpStatusCode !== 200) throw subrequestError(answer);
    return recordsOf(answer.body);
  };
  const own = ownSipUser.trim().toLowerCase();
  const agents = records('agents').flatMap((user): DirectoryEntry[] => {
    const id = text(user['Id']);
    const name = text(user['Name']);
    const sipUser = text(user[SIP_USER_FIELD]);
    if (id === '' || name === '' || sipUser === '' || sipUser.toLowerCase() === own) return [];
    return [{ id, name, kind: 'agent', sipUser }];
  });
  const seen = new Set<string>();
  const services = records('services').flatMap((row): DirectoryEntry[] => {
    const id = text(row['QueueId']);
    const queue = row['Queue'];
    const fields = typeof queue === 'object' && queue !== null ? (queue as Record<string, unknown>) : {};
    const name = text(fields['Name']);
    if (id === '' || name === '' || seen.has(id)) return [];
    seen.add(id);
    return [{ id, name, kind: 'service', sipUser: serviceSipUser(text(fields['DeveloperName'])) }];
  });
  return Object.freeze(
    [...agents, ...services]
      .sort((a, b) => byName.compare(a.name, b.name) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id))
      .map((entry) => Object.freeze(entry)),
  );
}

function text(value: unknown): string {
  return typeof value === 'string' ? shownText(value) : '';
}
