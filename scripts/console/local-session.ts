/**
 * The local console's Salesforce session: what `{!$Api.Session_ID}` is on a Visualforce page
 * in a real org. It has the shape of a Salesforce session id (org id, `!`, opaque part) so that
 * code which checks the form sees a realistic value; the fake org accepts any non-empty bearer
 * token for its default demo org. It is a secret in spirit: pass it inline, never log it.
 */
export const LOCAL_SESSION_ID =
  '00DLC000000Dem0!AQ4AQLocalConsoleSessionNotASecretButNeverLogItAnyway.7f3c9a1e5b2d4c6a8e0f1b3d5a7c9e2f4b6d8a0c';


/**
 * The local console's agent, as the Visualforce page's merge fields give it in a real org
 * (`$User.Id`, `$User.ProfileId`, `$User.ContactPad_SIP_User__c`): the demo org's User Alex
 * Morgan (scripts/fake-org/README.md), whose SIP user is agent1.
 */
export const LOCAL_AGENT = Object.freeze({ userId: '005000000000001AAA', profileId: '', sipUser: 'agent1' });

/** Who a console page runs as: the agent's User record (as the org has it now), SIP user and session. */
export interface ConsoleAgent {
  readonly userId: string;
  readonly sipUser: string;
  readonly sessionId: string;
  /** The User's fields, for the softphone page's `$User` merge fields. */
  readonly user: Readonly<Record<string, unknown>>;
}

/**
 * The console page's agent: Alex Morgan (agent1, {@link LOCAL_SESSION_ID}) by default, or with
 * `?agent=<SIP user>` another active User of the demo org whose ContactPad_SIP_User__c that is
 * (a second agent beside the first, e.g. emile.durand: queue hunting rings one after the other).
 * That agent's session is {@link LOCAL_SESSION_ID}.<User id>, bound to the User in the fake org
 * as a login would (`bind`). Undefined for a SIP user no active User has.
 */
export function consoleAgentOf(
  users: readonly Record<string, unknown>[],
  sipUser: string | null,
  bind: (sessionId: string, userId: string) => void,
): ConsoleAgent | undefined {
  const wanted = sipUser ?? LOCAL_AGENT.sipUser;
  const record = sipUser === null
    ? users.find((user) => String(user['Id']).slice(0, 15) === LOCAL_AGENT.userId.slice(0, 15))
    : users.find((user) => user['ContactPad_SIP_User__c'] === sipUser && user['IsActive'] !== false);
  if (sipUser === null && !record) {
    return { userId: LOCAL_AGENT.userId, sipUser: LOCAL_AGENT.sipUser, sessionId: LOCAL_SESSION_ID, user: { Id: LOCAL_AGENT.userId, ProfileId: LOCAL_AGENT.profileId, ContactPad_SIP_User__c: LOCAL_AGENT.sipUser } };
  }
  if (!record) return undefined;
  const userId = String(record['Id']);
  const sessionId = userId.slice(0, 15) === LOCAL_AGENT.userId.slice(0, 15) ? LOCAL_SESSION_ID : `${LOCAL_SESSION_ID}.${userId}`;
  bind(sessionId, userId);
  return { userId, sipUser: wanted, sessionId, user: { ...record } };
}
