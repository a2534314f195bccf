/**
 * Recording commands to the platform: one SIP INFO in the call's dialog per command (RFC 6086
 * "legacy" INFO usage, as application/dtmf-relay is sent), its body saying what to do:
 *
 *   INFO sip:<far end> SIP/2.0            (in the dialog of the call to record)
 *   Content-Type: application/vnd.contactpad.recording+json
 *   Content-Disposition: render
 *
 *   {"recording":"start"}                 ("start" | "pause" | "resume" | "stop")
 *
 * The platform answers 200 OK once it did it; any other final answer (403 not for this call,
 * 415 or 488 it does not read this body, 501 it does not record...), or none at all (sip.js ends
 * the transaction with 408 after Timer F, 64*T1 = 32 s, RFC 3261 17.1.2.2), means it did not,
 * and the recording stays as it was (model/recording.ts). No shorter wait of our own: a 200 OK
 * arriving after it would leave the agent told "not recording" about a call being recorded;
 * the transaction's end is the one moment after which no 200 OK can come. Documented in docs/architecture.md ("Messages to the platform") and
 * beside the header contract (sip-header-contract.ts).
 *
 * Why a typed body rather than a header such as `X-CP-Recording: start` on an empty INFO: a
 * SIP element that does not record but takes INFO (many PBXs answer any INFO 200) would
 * acknowledge an unknown header it ignored, and the agent would be shown "Recording" for a call
 * nobody records; an unknown Content-Type must be refused with 415 (RFC 3261 8.2.3), so only a
 * platform that understood the command says yes. And X-CP-* is the platform -> agent namespace,
 * which the SIP edge removes from whatever does not come from the platform (docs/sip-edge.md).
 */
import { SessionState } from 'sip.js';
import type { Clock } from '../model/clock.ts';
import { ContactPadError } from '../model/errors.ts';
import type { RecordingCommand } from '../model/recording.ts';
import type { Call } from './call.ts';
import { errorText } from './error-text.ts';
import { askInfo } from './far-end.ts';

/** The Content-Type of a recording command. */
export const RECORDING_CONTENT_TYPE = 'application/vnd.contactpad.recording+json';

/** The INFO body of a command: `{"recording":"start"}`. */
export function recordingInfoBody(command: RecordingCommand): string {
  return JSON.stringify({ recording: command });
}

/** The call states a recording command may be sent in: answered, held or holding, not ending or handed over. */
const RECORDABLE = new Set(['connected', 'holding', 'held', 'retrieving']);

/**
 * Sends `command` on an answered call and resolves once the platform said 200 OK.
 * INVALID_TRANSITION when the call is not answered (or is ending): nothing is sent.
 * RECORDING_FAILED when the platform refuses it, does not answer (408), or it cannot be sent;
 * CALL_NOT_FOUND when the call ends before the answer.
 */
export async function sendRecordingCommand(call: Call, command: RecordingCommand, clock: Clock): Promise<void> {
  const detail = { callId: call.id, command };
  if (!RECORDABLE.has(call.state) || call.sipSession.state !== SessionState.Established) {
    throw new ContactPadError('INVALID_TRANSITION', `The call is not answered, so its recording cannot ${command}; nothing was sent.`, { detail });
  }
  const answer = await askInfo(call, clock, { contentType: RECORDING_CONTENT_TYPE, content: recordingInfoBody(command) });
  const still = 'the recording is as it was';
  switch (answer.kind) {
    case 'accepted':
      return;
    case 'call-ended':
      throw new ContactPadError('CALL_NOT_FOUND', `The call ended before the platform answered the recording ${command}.`, { detail });
    case 'refused': {
      const why = answer.statusCode === 408 ? `did not answer the recording ${command} (${answer.status})` : `refused to ${command} the recording (${answer.status})`;
      throw new ContactPadError('RECORDING_FAILED', `The platform ${why}; ${still}.`, { detail: { ...detail, statusCode: answer.statusCode } });
    }
    case 'timed-out': // ask() was given no bound: sip.js's 408 comes as 'refused'
      throw new ContactPadError('RECORDING_FAILED', `The platform did not answer the recording ${command}; ${still}.`, { detail });
    case 'not-sent':
      throw new ContactPadError('RECORDING_FAILED', `The recording ${command} could not be sent (${errorText(answer.error)}); ${still}.`, { cause: answer.error, detail });
  }
}
