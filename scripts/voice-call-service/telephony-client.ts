/**
 * Creates one VoiceCall through the Telephony Integration REST API and says how it went, as one
 * of the stable outcome codes (outcome-codes.ts). Never throws: a failure is an outcome.
 *
 * The request (voice_rest_voicecalls_create.htm, see voice-call-request.ts):
 *   POST {base}/voiceCalls, base = https://{MyDomain}.my.salesforce-scrt.com/telephony/v1
 *   Authorization: Bearer <JWT>          (telephony-token.ts)
 *   Content-Type: application/json
 *   Telephony-Provider-Name: <provider>  ("the name of the telephony provider that calls this API")
 * The answer: the new record's id as `voiceCallId`, which is what Salesforce's own callers read
 * (ServiceCloudVoiceLambdas invokeTelephonyIntegrationApi/handler.js `result.voiceCallId`;
 * demo-scv-connector scrtConnector.mjs `response.data.voiceCallId`).
 * The failures are told apart by HTTP status only: the pages of the guide reached for this work
 * document the statuses' meaning (JWT authorization; the org limits: "the system can't create
 * VoiceCall records" past the concurrent-call and calls-per-second limits, voice_limits_scaling_*)
 * but not an error body, so no body field is relied on; the body's first 200 characters are
 * logged as detail. Still unconfirmed after a search of Salesforce's documentation on 2026-12-06
 * (the Voice developer guide's REST pages, its sample code, the partner telephony guide): the
 * success status (any 2xx is taken), any error body, and the status of a limit refusal (429 is
 * assumed; any other 4xx is VOICE_CALL_REFUSED, so a different status only changes the code logged).
 */
import { VOICE_CALL_OUTCOMES, type VoiceCallOutcome } from './outcome-codes.ts';
import { signTelephonyToken, type TokenIssuer } from './telephony-token.ts';
import { RECORD_ID, type CreateVoiceCallBody } from './voice-call-request.ts';

/** Where and how to reach the Telephony Integration REST API. */
export interface TelephonyApi {
  /** https://{MyDomain}.my.salesforce-scrt.com/telephony/v1 (no trailing slash needed). */
  readonly baseUrl: string;
  readonly providerName: string;
  readonly timeoutMs: number;
  readonly issuer: TokenIssuer;
}

/** What came of one Create VoiceCall request. */
export type CreateOutcome =
  | { readonly code: 'VOICE_CALL_CREATED'; readonly voiceCallId: string; readonly status: number }
  | { readonly code: Exclude<VoiceCallOutcome, 'VOICE_CALL_CREATED' | 'VOICE_CALL_BAD_REQUEST'>; readonly status: number | undefined; readonly detail: string };

function outcomeOfStatus(status: number): Exclude<CreateOutcome['code'], 'VOICE_CALL_CREATED' | 'VOICE_CALL_TIMEOUT' | 'VOICE_CALL_UNREACHABLE'> {
  if (status === 401 || status === 403) return 'VOICE_CALL_UNAUTHORIZED';
  if (status === 429) return 'VOICE_CALL_LIMIT_EXCEEDED';
  if (status >= 500) return 'VOICE_CALL_TELEPHONY_API_FAILED';
  if (status >= 200 && status < 300) return 'VOICE_CALL_BAD_ANSWER';
  return 'VOICE_CALL_REFUSED';
}

/** The voiceCallId of a 2xx body, when it holds a record id. */
function voiceCallIdOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as unknown;
    const id = typeof body === 'object' && body !== null ? (body as { voiceCallId?: unknown }).voiceCallId : undefined;
    return typeof id === 'string' && RECORD_ID.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** POSTs `body` to {baseUrl}/voiceCalls with a fresh token; resolves with the outcome. */
export async function createVoiceCall(api: TelephonyApi, body: CreateVoiceCallBody): Promise<CreateOutcome> {
  const url = `${api.baseUrl.replace(/\/+$/, '')}/voiceCalls`;
  let response: Response;
  let text: string;
  try {
    const token = await signTelephonyToken(api.issuer);
    response = await fetch(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Telephony-Provider-Name': api.providerName },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(api.timeoutMs),
      redirect: 'error',
    });
    text = await response.text();
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return { code: 'VOICE_CALL_TIMEOUT', status: undefined, detail: `no answer within ${api.timeoutMs} ms` };
    }
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { code: 'VOICE_CALL_UNREACHABLE', status: undefined, detail: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
  const detail = text.replace(/\s+/g, ' ').slice(0, 200);
  if (response.ok) {
    const voiceCallId = voiceCallIdOf(text);
    if (voiceCallId !== undefined) return { code: 'VOICE_CALL_CREATED', voiceCallId, status: response.status };
  }
  return { code: outcomeOfStatus(response.status), status: response.status, detail: detail || VOICE_CALL_OUTCOMES[outcomeOfStatus(response.status)] };
}
