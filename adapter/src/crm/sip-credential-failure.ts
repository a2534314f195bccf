/**
 * Why the agent got no SIP credential (sip-credential-source.ts), in the words the agent and the
 * admin read: Salesforce's failure mapped through salesforce-error.ts, then what the admin must
 * set. Loaded only when a credential request fails, so none of it weighs on the
 * ring-and-answer path.
 */
import { ContactPadError } from '../model/errors.ts';
import { toContactPadError } from './salesforce-error.ts';

/**
 * What an admin must do, by the errorCode Salesforce answered (the endpoint's own codes, and
 * the Apex REST runtime's for a class the user may not run or that is not deployed:
 * docs/fidelity.md, "Apex REST and the SIP credential endpoint").
 */
const ADMIN_FIX: Readonly<Record<string, string>> = {
  SIP_EDGE_NOT_CONFIGURED: 'Salesforce has no SIP secret to sign it with. A Salesforce admin sets the SIP Secret in Setup > Custom Settings > ContactPad SIP Edge (the same secret as the SIP server\'s).',
  NO_SIP_USER: 'this agent\'s User record has no ContactPad SIP User. A Salesforce admin fills it.',
  INVALID_SIP_USER: 'the ContactPad SIP User on this agent\'s User record has characters a credential cannot carry (only letters, digits and . _ ~ -). A Salesforce admin corrects it.',
  FORBIDDEN: 'this agent may not run the Apex class ContactPadSipCredential. A Salesforce admin assigns the ContactPad Agent permission set.',
  NOT_FOUND: 'the credential endpoint (the Apex class ContactPadSipCredential) is not deployed in this org. A Salesforce admin deploys force-app.',
};

/** What the agent reads when the credential waits for Salesforce itself (model/sip-credential.ts waitsForSalesforce), not for an admin. */
const AGAIN = '; the phone registers as soon as Salesforce answers again';

/** No answer at all (offline, DNS, the request timed out). */
export function unreachable(error: unknown): ContactPadError {
  return unavailable(toContactPadError(error), `Salesforce could not be reached for it${AGAIN}`);
}

/** A non-2xx answer: the session's own code when it expired, SIP_CREDENTIAL_UNAVAILABLE naming what the admin must set otherwise. */
export function refused(body: unknown, status: number): ContactPadError {
  const first = Array.isArray(body) ? (body[0] as unknown) : body;
  const mapped = toContactPadError(typeof first === 'object' && first !== null ? first : { message: typeof first === 'string' ? first : '' }, { status });
  if (mapped.code === 'CRM_SESSION_EXPIRED') {
    return new ContactPadError('CRM_SESSION_EXPIRED', `The Salesforce session expired, so the phone cannot get its SIP credential: reload the console. (${mapped.message})`, {
      cause: mapped,
      detail: mapped.detail,
    });
  }
  const errorCode = typeof mapped.detail['errorCode'] === 'string' ? mapped.detail['errorCode'] : '';
  const fix = ADMIN_FIX[errorCode];
  if (fix) return unavailable(mapped, fix, errorCode);
  if (mapped.code === 'CRM_REQUEST_LIMIT') return unavailable(mapped, `the org has used up its Salesforce API requests for now${AGAIN}`, 'limit');
  return unavailable(mapped, mapped.code === 'CRM_UNAVAILABLE' ? `Salesforce is unavailable${AGAIN}` : 'Salesforce refused');
}

/** SIP_CREDENTIAL_UNAVAILABLE: "The phone cannot register: no SIP credential from Salesforce: <why> (<Salesforce's message>)". */
function unavailable(mapped: ContactPadError, why: string, reason?: string): ContactPadError {
  const detail = { ...mapped.detail, reason: reason ?? (typeof mapped.detail['reason'] === 'string' ? mapped.detail['reason'] : 'refused') };
  const said = reason === undefined ? ` (${mapped.message})` : '';
  return new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', `The phone cannot register without a SIP credential from Salesforce: ${why}${said}`, { cause: mapped, detail });
}
