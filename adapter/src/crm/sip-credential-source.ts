/**
 * The signed-in agent's SIP credential from Salesforce: one GET of the Apex REST endpoint
 * force-app deploys (ContactPadSipCredential, `/services/apexrest/contactpad/sip-credential`), with
 * the page's session. Salesforce answers for the session's own user, so nothing in the request
 * names the agent.
 *
 * Why fetch and not jsforce: the phone needs the credential BEFORE it registers, and jsforce
 * (about 94 KB gzipped, a chunk of its own) is loaded only after the phone has had its chance
 * to register, off the ring-and-answer path (adapter/src/contactpad.ts). This one GET needs none
 * of jsforce's features; it is the only Salesforce request made before jsforce loads. Its
 * failures are mapped through salesforce-error.ts like every other, by sip-credential-failure.ts,
 * which loads only when a request fails (the mapping and the admin's fixes stay off the
 * ring-and-answer path).
 */
import { ContactPadError } from '../model/errors.ts';
import type { SipCredential, SipCredentialSource } from '../model/sip-credential.ts';
import { credentialUser } from '../model/sip-credential.ts';

/** The endpoint's path under the instance URL. */
export const SIP_CREDENTIAL_PATH = '/services/apexrest/contactpad/sip-credential';

/** How long the endpoint may take before the phone counts Salesforce as unreachable. */
export const SIP_CREDENTIAL_TIMEOUT_MS = 10_000;

/** What the source needs: the page's session (never logged) and, for tests, a fetch. */
export interface SipCredentialSourceOptions {
  readonly instanceUrl: string;
  readonly accessToken: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

/** A source of the agent's credential over `fetch`; each call is one request. Rejects with a ContactPadError. */
export function createSipCredentialSource(options: SipCredentialSourceOptions): SipCredentialSource {
  const url = `${options.instanceUrl.replace(/\/+$/, '')}${SIP_CREDENTIAL_PATH}`;
  const fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? SIP_CREDENTIAL_TIMEOUT_MS;
  return async () => {
    let response: Response;
    let text: string;
    try {
      response = await fetcher(url, {
        method: 'GET',
        headers: { Authorization: `Bearer ${options.accessToken}`, Accept: 'application/json' },
        cache: 'no-store',
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw await failure((mapping) => mapping.unreachable(error), undefined);
    }
    const body = parse(text);
    if (!response.ok) throw await failure((mapping) => mapping.refused(body, response.status), response.status);
    return credentialFrom(body);
  };
}

/** The coded error of a failed request, by sip-credential-failure.ts (loaded now); a bare one if that cannot load either. */
async function failure(map: (mapping: typeof import('./sip-credential-failure.ts')) => ContactPadError, status: number | undefined): Promise<ContactPadError> {
  try {
    return map(await import('./sip-credential-failure.ts'));
  } catch (error) {
    const said = status === undefined ? 'Salesforce could not be reached' : `Salesforce answered HTTP ${status}`;
    return new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', `The phone cannot register without a SIP credential from Salesforce: ${said}.`, {
      cause: error,
      detail: { reason: status === undefined ? 'network' : 'refused', ...(status === undefined ? {} : { status }) },
    });
  }
}

function parse(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/** The 200 answer as a credential; a body of another shape is SIP_CREDENTIAL_UNAVAILABLE (malformed). */
function credentialFrom(body: unknown): SipCredential {
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const { username, password, ttl, turn } = record;
  const sipUser = typeof username === 'string' ? credentialUser(username) : '';
  const pair = (value: unknown): { username: string; password: string } | undefined => {
    if (typeof value !== 'object' || value === null) return undefined;
    const { username: u, password: p } = value as Record<string, unknown>;
    return typeof u === 'string' && u !== '' && typeof p === 'string' && p !== '' ? { username: u, password: p } : undefined;
  };
  if (typeof username !== 'string' || !/^\d+:./.test(username) || typeof password !== 'string' || password === '' || typeof ttl !== 'number' || !(ttl > 0)) {
    throw new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', 'The phone cannot register: Salesforce answered the SIP credential request with something that is not a credential.', {
      detail: { reason: 'malformed' },
    });
  }
  const turnPair = pair(turn);
  return Object.freeze({ username, password, sipUser, ttlSeconds: ttl, ...(turnPair ? { turn: Object.freeze(turnPair) } : {}) });
}
