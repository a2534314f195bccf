/**
 * Who the agent is, as the host page hands it over: per user, never a call center item (a
 * call center's items are shared by every agent assigned to it, and none may be blank). The
 * Visualforce page reads it from the logged-in user: `$User.Id`, `$User.ProfileId` and the
 * User field `ContactPad_SIP_User__c` that admins fill for each agent.
 */
import { isSalesforceId } from './salesforce-id.ts';
import { isSipUser } from './server-addresses.ts';

/** The agent, validated; '' for anything missing or malformed. */
export interface AgentIdentity {
  /** The Salesforce User id (005...): whose Omni-Channel presence configuration applies. */
  readonly userId: string;
  /** The User's profile id (00e...): the presence configuration assigned by profile. */
  readonly profileId: string;
  /** The user part of the agent's SIP address (User.ContactPad_SIP_User__c); '' means the phone cannot register. */
  readonly sipUser: string;
}

/** No agent known (outside the console, or a page that passed nothing). */
export const NO_AGENT: AgentIdentity = Object.freeze({ userId: '', profileId: '', sipUser: '' });

/** Key prefixes of User and Profile ids (the same in every org), checked on the page's input here, before any room runs. */
const USER_KEY_PREFIX = '005';
const PROFILE_KEY_PREFIX = '00e';

/**
 * Reads what the host page passed as `agent`. Never throws: a malformed value becomes '' and a
 * problem the widget shows (an agent without a SIP user cannot take calls: the admin fills
 * their ContactPad SIP User field).
 */
export function readAgentIdentity(raw: unknown): { readonly agent: AgentIdentity; readonly problems: readonly string[] } {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const problems: string[] = [];
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const userId = text(source['userId']);
  const profileId = text(source['profileId']);
  const sipUser = text(source['sipUser']);
  const agent: AgentIdentity = Object.freeze({
    userId: isSalesforceId(userId, USER_KEY_PREFIX) ? userId : '',
    profileId: isSalesforceId(profileId, PROFILE_KEY_PREFIX) ? profileId : '',
    sipUser: sipUser !== '' && isSipUser(sipUser) ? sipUser : '',
  });
  if (sipUser === '') {
    problems.push('This agent has no SIP user: ask your Salesforce admin to fill the ContactPad SIP User field on your User record. Calls cannot ring here until then.');
  } else if (agent.sipUser === '') {
    const hint = /^sips?:|@/.test(sipUser) ? ' (only the user part, e.g. agent1, not sip:agent1@domain)' : '';
    problems.push(`The ContactPad SIP User on your User record is not a SIP user name${hint}: ask your Salesforce admin to correct it. Calls cannot ring here until then.`);
  }
  return { agent, problems };
}
