/**
 * Why a ringing call was cancelled, from the CANCEL's Reason header (RFC 3326): a forking
 * proxy or a ring-all queue cancels the phones that lost the race with
 * `Reason: SIP;cause=200;text="Call completed elsewhere"`. Such a call was answered by someone
 * else: not a call this agent missed. Anything else (no Reason, another cause, Q.850 causes,
 * a malformed header) is the caller hanging up.
 *
 *   Reason        = "Reason" HCOLON reason-value *(COMMA reason-value)
 *   reason-value  = protocol *(SEMI reason-params)
 *   reason-params = protocol-cause / reason-text / reason-extension
 *   protocol-cause = "cause" EQUAL cause
 */

/** Longest Reason header read; a longer one is not a proxy's (and is not worth parsing). */
const MAX_REASON_LENGTH = 1000;

/** True when one of the header's reasons is the SIP protocol's cause 200 (answered elsewhere). */
export function answeredElsewhere(reason: string | undefined): boolean {
  if (reason === undefined || reason.length > MAX_REASON_LENGTH) return false;
  // A quoted text may hold commas and semicolons: blank it before splitting.
  const unquoted = reason.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return unquoted.split(',').some((value) => {
    const [protocol = '', ...params] = value.split(';').map((part) => part.trim());
    return protocol.toUpperCase() === 'SIP' && params.some((param) => /^cause\s*=\s*200$/i.test(param));
  });
}
