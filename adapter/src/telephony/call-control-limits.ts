/**
 * The time limits of hold, retrieve and transfer, in a module of their own: the phone's
 * facade states them (phone.ts exports them for its callers and tests) without loading the
 * call control itself, which waits off the ring path (call-control.ts).
 */

/**
 * How long hold and retrieve wait for a just-answered call to finish setting up (the far
 * end's ACK of our 200 OK, the first offer/answer) before they send their re-INVITE. Should
 * it take longer, they fail with SIP_CALL_FAILED and the call goes on as it was.
 */
export const REINVITE_READY_TIMEOUT_MS = 10_000;

/**
 * How long transfer() waits for the far end to answer the REFER (a SIP transaction would
 * wait 32 s). Should the far end accept after that, it is following the transfer: the
 * phone then hangs up its leg and reports the call transferred.
 */
export const TRANSFER_ANSWER_TIMEOUT_MS = 8000;

/**
 * How long an attended transfer waits, once the caller's phone accepted the REFER, for the
 * transfer target to take the call over: the caller's NOTIFY saying how its INVITE with
 * Replaces went (RFC 3515, 5589), or the target's BYE on the consult call it replaced. The
 * target answers such an INVITE at once (it replaces a call it is in, RFC 3891), so this
 * covers a slow network, not ringing. Failing it, both calls stay with the agent.
 */
export const TRANSFER_COMPLETE_TIMEOUT_MS = 15_000;
