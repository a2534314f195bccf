/**
 * What a SIP server's refusal of a REGISTER says about the credential the phone registered
 * with (only when the phone registers with a time-limited credential: without one a refusal
 * stays SIP_REGISTRATION_REFUSED), and the error the agent reads for each.
 *
 * The project's Kamailio (auth_ephemeral: scripts/sip-server/kamailio.cfg, its answers held by
 * scripts/sip-server/edge-auth.test.ts) checks the username's expiry, that its user part is the
 * user registering, and the HMAC, and answers:
 * - "401 Credential Expired" (a fresh challenge and a Warning): expired;
 * - "403 Credential For Another User": the credential is another SIP user's;
 * - "401 Invalid Credential" (a forged password, another secret, a username without expiry):
 *   wrong.
 * sip.js hands the final 401 over once it has answered one challenge with the credential
 * (node_modules/sip.js 0.21.2 lib/core/user-agents/user-agent-client.js line 164, "apparently in
 * authentication loop"). So, by the reason phrase first: one naming an expiry is expired; one
 * naming another user is not this agent's; any other 401 or 407 is a wrong credential. Any other
 * 403 is not about the credential (RFC 3261 21.4.4: "Authorization will not help"; e.g. the
 * project's refused-* test users, an agent the server turns away), nor is anything else (404,
 * 5xx...): SIP_REGISTRATION_REFUSED, as without a credential.
 */
import { ContactPadError } from '../model/errors.ts';

/** What a refusal says of the credential. */
export type CredentialRefusal = 'expired' | 'not-this-agent' | 'invalid' | 'other';

/** Reads a REGISTER's final refusal (status code and reason phrase). */
export function credentialRefusal(statusCode: number, reasonPhrase: string): CredentialRefusal {
  if (statusCode !== 401 && statusCode !== 403 && statusCode !== 407) return 'other';
  if (/expired/i.test(reasonPhrase)) return 'expired';
  if (/another user|other user|another agent|mismatch|does not match/i.test(reasonPhrase)) return 'not-this-agent';
  return statusCode === 403 ? 'other' : 'invalid';
}

/** The agent's error for a refusal of the credential (`status`: "403 Credential expired"). */
export function credentialRefusalError(refusal: Exclude<CredentialRefusal, 'other'>, status: string, statusCode: number): ContactPadError {
  const detail = { statusCode };
  switch (refusal) {
    case 'expired':
      return new ContactPadError(
        'SIP_CREDENTIAL_EXPIRED',
        `The phone server says this agent's SIP credential has expired (${status}), even one Salesforce has just issued: the clocks of Salesforce and the phone server likely disagree. ContactPad keeps trying.`,
        { detail },
      );
    case 'not-this-agent':
      return new ContactPadError(
        'SIP_CREDENTIAL_NOT_THIS_AGENT',
        `The phone server says this SIP credential is not for the SIP user this phone registers as (${status}). Reload the console; if it repeats, the admin compares the agent's ContactPad SIP User with the phone server.`,
        { detail },
      );
    case 'invalid':
      return new ContactPadError(
        'SIP_CREDENTIAL_INVALID',
        `The phone server refused this agent's SIP credential as wrong (${status}): the SIP secret in Salesforce (ContactPad SIP Edge) and the phone server's must be the same. ContactPad fetches a fresh credential and keeps trying.`,
        { detail },
      );
  }
}

/** The credential is for another SIP user than the phone's own (checked before any REGISTER). */
export function notThisAgent(credentialUser: string, phoneUser: string): ContactPadError {
  return new ContactPadError(
    'SIP_CREDENTIAL_NOT_THIS_AGENT',
    `Salesforce issued a SIP credential for ${credentialUser || 'no SIP user'}, but this phone registers as ${phoneUser}: the agent's ContactPad SIP User changed since the console opened. Reload the console.`,
    { detail: { credentialUser, phoneUser } },
  );
}
