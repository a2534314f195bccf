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
