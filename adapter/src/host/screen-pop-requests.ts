/**
 * The screen pops ContactPad asks the console for (a record, a prefilled new-record form, the
 * search page, a screen flow): Open CTI `screenPop` with each `SCREENPOP_TYPE`, and the checks
 * made before anything is sent. Only the desks that pop (screen pop, outbound calls, console
 * tabs) ask for them, and they load off the ring path: open-cti-host.ts loads this module by
 * import() on the first pop.
 */
import { isSalesforceId } from '../model/salesforce-id.ts';
import type { DefaultFieldValues, ScreenPopTypeName } from './open-cti.ts';
import { refused } from './open-cti-host.ts';

/** Sends one `screenPop` of `type` and settles with the console's answer (open-cti-host.ts). */
export type ScreenPopSender = (type: ScreenPopTypeName, params: Record<string, unknown>, defaultFieldValues?: DefaultFieldValues) => Promise<void>;

/** Object API names, standard or custom (`Lead`, `Call_Log__c`, `ns__Thing__c`); a flow's API name is written the same way. */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** Opens a record: `SCREENPOP_TYPE.SOBJECT`. */
export async function popRecord(send: ScreenPopSender, recordId: string): Promise<void> {
  if (!isSalesforceId(recordId)) throw refused('screenPop', `"${recordId}" is not a Salesforce record id`);
  await send('SOBJECT', { recordId });
}

/**
 * Opens a prefilled new-record form: `SCREENPOP_TYPE.NEW_RECORD_MODAL`. The guide's screenPop
 * page documents `defaultFieldValues` both inside `params` ("For NEW_RECORD_MODAL: params :
 * {entityName, defaultFieldValues}", which published adapters use) and as a top-level argument
 * ("Only applies when type is NEW_RECORD_MODAL"): both are sent, so the form is prefilled
 * whichever the org's Open CTI reads.
 */
export async function popNewRecord(send: ScreenPopSender, entityName: string, defaultFieldValues: DefaultFieldValues): Promise<void> {
  if (!API_NAME.test(entityName)) throw refused('screenPop', `"${entityName}" is not an object API name`);
  await send('NEW_RECORD_MODAL', { entityName, defaultFieldValues: { ...defaultFieldValues } }, { ...defaultFieldValues });
}

/** Opens the search page's Top Results: `SCREENPOP_TYPE.SEARCH` (3+ characters). */
export async function popSearch(send: ScreenPopSender, searchString: string): Promise<void> {
  const trimmed = searchString.trim();
  if (trimmed.length < 3) throw refused('screenPop', `A search screen pop needs at least 3 characters; got "${trimmed}"`);
  await send('SEARCH', { searchString: trimmed });
}

/** Runs a screen flow: `SCREENPOP_TYPE.FLOW` (`flowDevName`, `flowArgs`), the flow's API name checked before anything is sent. */
export async function popFlow(send: ScreenPopSender, flowDevName: string, flowArgs: readonly { name: string; type: string; value: string }[]): Promise<void> {
  if (!API_NAME.test(flowDevName)) throw refused('screenPop', `Not a flow API name: "${flowDevName}"`);
  await send('FLOW', { flowDevName, flowArgs: flowArgs.map((arg) => ({ name: arg.name, type: arg.type, value: arg.value })) });
}
