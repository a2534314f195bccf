/**
 * How a failed command is answered to Salesforce: the connector's promise rejects with an Error
 * whose `type`, when Salesforce has a precise one, is one of the base's error types
 * (Constants.ERROR_TYPE: an unknown call is INVALID_PARTICIPANT, a number that cannot be called
 * INVALID_DESTINATION...). baseConnector.js reads `e.type` and reports the command's error event:
 * that type where the command has it (hold and resume: INVALID_PARTICIPANT; dial and
 * addParticipant: INVALID_DESTINATION), else the command's own (CAN_NOT_END_THE_CALL,
 * CAN_NOT_START_THE_CALL...; an accept that failed is its CAN_NOT_ACCEPT_THE_CALL info). Without a
 * precise type, `type` is left out, so that the command's own is what Salesforce shows (a
 * GENERIC_ERROR would replace CAN_NOT_START_THE_CALL). The message keeps ContactPad's own stable
 * code first, for support reading Salesforce's log.
 */
import { ContactPadError, isContactPadError, type ErrorCode } from '../../model/errors.ts';
import { scv } from './scv-base.ts';

/** The rejection of a connector command. */
export class ScvCommandError extends Error {
  /** Salesforce's error type (Constants.ERROR_TYPE), when it has a precise one. */
  readonly type: string | undefined;
  /** ContactPad's code (model/errors.ts). */
  readonly code: ErrorCode;

  constructor(type: string | undefined, code: ErrorCode, message: string) {
    super(`[${code}] ${message}`);
    this.type = type;
    this.code = code;
  }
}

/** Salesforce's error type for ContactPad's codes that have one. */
function errorTypeOf(code: ErrorCode): string | undefined {
  const { ERROR_TYPE } = scv.Constants;
  if (code === 'CALL_NOT_FOUND') return ERROR_TYPE.INVALID_PARTICIPANT;
  if (code === 'INVALID_INPUT' || code === 'CALL_NUMBER_INVALID' || code.startsWith('CALL_BLOCKED_')) return ERROR_TYPE.INVALID_DESTINATION;
  if (code === 'INVALID_AGENT_STATE_CHOICE') return ERROR_TYPE.INVALID_AGENT_STATUS;
  if (code === 'INVALID_CONFIGURATION') return ERROR_TYPE.INVALID_PARAMS;
  return undefined;
}

/** The rejection for `error` (a ContactPadError keeps its code; anything else is UNEXPECTED). */
export function commandError(error: unknown): ScvCommandError {
  if (error instanceof ScvCommandError) return error;
  const failure = isContactPadError(error) ? error : new ContactPadError('UNEXPECTED', error instanceof Error ? error.message : String(error), { cause: error });
  return new ScvCommandError(errorTypeOf(failure.code), failure.code, failure.message);
}
