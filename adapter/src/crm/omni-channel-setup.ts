/**
 * What ContactPad needs of the org's Omni-Channel setup, in ONE composite request:
 * - the presence statuses (Setup > Presence Statuses), so ContactPad can map its agent states
 *   to Omni-Channel's by API name;
 * - whether Omni-Channel accepts work on its own for this agent: the agent's presence
 *   configuration (Setup > Presence Configurations, "Automatically accept requests"), which
 *   the Omni-Channel toolkit's events do not tell (they carry only workId and workItemId).
 *
 * PresenceUserConfig.OptionsIsAutoAcceptEnabled, assigned to users through
 * PresenceUserConfigUser (UserId) and to profiles through PresenceUserConfigProfile
 * (ProfileId); "user-level configurations override profile-level configurations"
 * (developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-presenceuserconfiguser.html,
 * developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_presenceuserconfig.htm).
 */
import type { CompositeSubrequest, CrmConnection, SalesforceRecord } from './crm-connection.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';
import { subrequestError } from './salesforce-error.ts';

/** One ServicePresenceStatus: its id (0N5...), API name and label. */
export interface PresenceStatus {
  readonly id: string;
  readonly developerName: string;
  readonly label: string;
}

/** The agent (from the host page: `$User.Id`, `$User.ProfileId`), whose presence configuration applies. */
export interface OmniAgent {
  readonly userId: string;
  readonly profileId: string;
}

/** The org's Omni-Channel setup as ContactPad uses it. */
export interface OmniChannelSetup {
  readonly statuses: readonly PresenceStatus[];
  /**
   * True when Omni-Channel accepts work for this agent on its own (their presence
   * configuration's auto-accept): ContactPad then neither accepts nor declines it, it waits
   * for Omni-Channel's accept. False when off, unassigned or unreadable.
   */
  readonly autoAccept: boolean;
}

const PRESENCE_SOQL = 'SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus';
const AUTO_ACCEPT_FIELD = 'PresenceUserConfig.OptionsIsAutoAcceptEnabled';

/**
 * Reads the presence statuses and the agent's auto-accept (one request). Rejects with a
 * ContactPadError (CRM_*) when the statuses cannot be read; the auto-accept read failing
 * (no access to presence configurations, Omni-Channel off) only makes it false.
 */
export async function loadOmniChannelSetup(connection: CrmConnection, agent: OmniAgent | undefined): Promise<OmniChannelSetup> {
  const subrequests: CompositeSubrequest[] = [{ method: 'GET', url: query(PRESENCE_SOQL), referenceId: 'statuses' }];
  if (agent && isSalesforceId(agent.userId)) {
    subrequests.push({ method: 'GET', url: query(`SELECT ${AUTO_ACCEPT_FIELD} FROM PresenceUserConfigUser WHERE UserId = '${agent.userId}' LIMIT 1`), referenceId: 'userConfig' });
  }
  if (agent && isSalesforceId(agent.profileId)) {
    subrequests.push({ method: 'GET', url: query(`SELECT ${AUTO_ACCEPT_FIELD} FROM PresenceUserConfigProfile WHERE ProfileId = '${agent.profileId}' LIMIT 1`), referenceId: 'profileConfig' });
  }
  const responses = new Map((await connection.composite(subrequests)).map((response) => [response.referenceId, response]));
  const statuses = responses.get('statuses');
  if (!statuses || statuses.httpStatusCode !== 200) throw subrequestError(statuses);
  const userConfig = records(responses.get('userConfig'));
  const assigned = userConfig.length > 0 ? userConfig : records(responses.get('profileConfig'));
  const config = assigned[0]?.['PresenceUserConfig'];
  const autoAccept = typeof config === 'object' && config !== null && (config as Record<string, unknown>)['OptionsIsAutoAcceptEnabled'] === true;
  return Object.freeze({ statuses: presenceStatuses(records(statuses)), autoAccept });
}

function presenceStatuses(rows: readonly SalesforceRecord[]): readonly PresenceStatus[] {
  return Object.freeze(
    rows.flatMap((record): PresenceStatus[] => {
      const { Id: id, DeveloperName: developerName, MasterLabel: label } = record;
      if (typeof id !== 'string' || typeof developerName !== 'string') return [];
      return [Object.freeze({ id, developerName, label: typeof label === 'string' ? label : developerName })];
    }),
  );
}

/** The rows of a successful query subrequest; none for a failed or missing one. */
function records(response: { readonly httpStatusCode: number; readonly body: unknown } | undefined): readonly SalesforceRecord[] {
  if (!response || response.httpStatusCode !== 200 || typeof response.body !== 'object' || response.body === null) return [];
  const rows = (response.body as { records?: unknown }).records;
  return Array.isArray(rows) ? (rows.filter((row) => typeof row === 'object' && row !== null) as SalesforceRecord[]) : [];
}

function query(soql: string): string {
  return `/query?q=${encodeURIComponent(soql)}`;
}
