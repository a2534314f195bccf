/** Why answering or placing a call failed, in the agent's words (accept() in calls.ts, dial in dial.ts). */
import type { ErrorCode } from '../model/errors.ts';
import { errorText } from './error-text.ts';

/** A getUserMedia failure becomes MEDIA_UNAVAILABLE; anything else SIP_CALL_FAILED. `doing` completes "Could not ...". */
export function callFailure(error: unknown, doing: string): { code: ErrorCode; message: string } {
  const name = error instanceof Error ? error.name : '';
  if (/^(NotAllowedError|NotFoundError|NotReadableError|OverconstrainedError|SecurityError|AbortError)$/.test(name)) {
    return { code: 'MEDIA_UNAVAILABLE', message: `Could not open the microphone (${name}).` };
  }
  return { code: 'SIP_CALL_FAILED', message: `Could not ${doing}: ${errorText(error)}` };
}
