/**
 * The stable codes the voice call service logs (one JSON line per call leg) and answers the SIP
 * edge with. An operator greps for them; the edge's log repeats the code it was given, so both
 * logs name the same failure. The call rings the agent in every case: only the
 * X-CP-Voice-Call-Id header is missing when the code is not VOICE_CALL_CREATED.
 */
export const VOICE_CALL_OUTCOMES = {
  /** Salesforce created the VoiceCall (or, for a repeated vendor call key, answered the existing one's id). */
  VOICE_CALL_CREATED: 'the VoiceCall was created; its id goes to the agent in X-CP-Voice-Call-Id',
  /** 401 or 403: the token was refused. The contact center's certificate and this service's private key do not match, the org id or contact center API name is wrong, or the clock is off by minutes. */
  VOICE_CALL_UNAUTHORIZED: 'the Telephony Integration API refused the token (401/403): check the key pair, org id, contact center API name and the clock',
  /** 429: the org's limits (concurrent calls, calls per second) are reached. */
  VOICE_CALL_LIMIT_EXCEEDED: 'the org is over its VoiceCall limits (429)',
  /** 400 or another 4xx: Salesforce refused the request's content (a field it does not accept, an unknown parent). */
  VOICE_CALL_REFUSED: 'the Telephony Integration API refused the request (4xx)',
  /** 5xx: Salesforce failed. */
  VOICE_CALL_TELEPHONY_API_FAILED: 'the Telephony Integration API failed (5xx)',
  /** No answer within the configured time (CP_TELEPHONY_TIMEOUT_MS). */
  VOICE_CALL_TIMEOUT: 'the Telephony Integration API did not answer in time',
  /** The connection failed (DNS, TLS, refused). */
  VOICE_CALL_UNREACHABLE: 'the Telephony Integration API could not be reached',
  /** A 2xx whose body holds no VoiceCall id. */
  VOICE_CALL_BAD_ANSWER: 'the Telephony Integration API answered 2xx without a VoiceCall id',
  /** The SIP edge's request lacked the call's id or caller, or named a parent that is no record id. */
  VOICE_CALL_BAD_REQUEST: 'the SIP edge sent an incomplete request',
} as const;

export type VoiceCallOutcome = keyof typeof VOICE_CALL_OUTCOMES;

/**
 * The code the SIP edge (kamailio.cfg, route[VOICE_CALL]) logs when it gets no answer from this
 * service at all (not running, or slower than the edge's own timeout).
 */
export const EDGE_SERVICE_UNREACHABLE = 'VOICE_CALL_SERVICE_UNREACHABLE';
