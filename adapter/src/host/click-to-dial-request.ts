import type { ClickToDialPayload } from './open-cti.ts';
import { payloadObject } from './navigation-context.ts';
import { isSalesforceId } from '../model/salesforce-id.ts';

/**
 * An agent clicked a phone number in the console (Open CTI `onClickToDial`): the number to
 * call and the record it belongs to (blank strings when the number is not on a record).
 */
export interface ClickToDialRequest {
  readonly number: string;
  readonly recordId: string;
  readonly objectType: string;
  readonly recordName: string;
}

/**
 * Validates an `onClickToDial` payload: the payload object itself, as the Open CTI guide
 * documents it (https://developer.salesforce.com/docs/service/api-cti/guide/sforce-api-cti-onclicktodial-lex.html,
 * "Payload"; `number` is typed "number" there, a formatted string is accepted too).
 * Returns undefined when there is no number to dial. A malformed record id or name is blanked:
 * the agent still gets the call, only the record link is lost.
 */
export function parseClickToDial(raw: unknown): ClickToDialRequest | undefined {
  const payload = payloadObject(raw) as ClickToDialPayload | undefined;
  if (payload === undefined) return undefined;
  const number = typeof payload.number === 'number' && Number.isFinite(payload.number)
    ? String(payload.number)
    : typeof payload.number === 'string' ? payload.number.trim() : '';
  if (number === '') return undefined;
  return Object.freeze({
    number,
    recordId: isSalesforceId(payload.recordId) ? payload.recordId : '',
    objectType: typeof payload.objectType === 'string' ? payload.objectType : '',
    recordName: typeof payload.recordName === 'string' ? payload.recordName : '',
  });
}
