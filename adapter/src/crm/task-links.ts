/**
 * What a Task may link to. Salesforce refuses a WhoId or WhatId of any other object with
 * FIELD_INTEGRITY_EXCEPTION, and a Task write the platform refuses would wait in the outbox
 * forever: so ContactPad sends only links of these objects, and the outbox drops a link
 * Salesforce still refuses (an org where a custom object does not allow activities).
 *
 * Task object reference (developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_task.htm):
 * - WhoId "Refers To" Contact, Lead.
 * - WhatId "Refers To" a long list of standard objects (Account, Asset, Campaign, Case,
 *   Contract, Opportunity, Order, Product2, Quote, Solution, WorkOrder... see
 *   scripts/fake-org/schema.ts for the list as documented) and custom objects that allow
 *   activities. LiveChatTranscript and MessagingSession are not in it: a chat's Task links to
 *   the chat's Case or Account, and keeps the transcript or session id in
 *   ContactPad_Work_Item_Id__c.
 * Pure and tiny: the controller decides the links when an interaction is logged.
 */
import { isSalesforceId, keyPrefixOf } from '../model/salesforce-id.ts';

/** Key prefixes of the objects WhoId refers to: Lead, Contact. */
const WHO_PREFIXES: readonly string[] = ['00Q', '003'];

/**
 * Key prefixes of standard objects WhatId refers to that an agent's Task commonly links to:
 * Account, Case, Opportunity, Campaign, Contract, Asset, Order, Solution, Product2, WorkOrder, Quote.
 */
const WHAT_PREFIXES: readonly string[] = ['001', '500', '006', '701', '800', '02i', '801', '501', '01t', '0WO', '0Q0'];

/** Custom objects' key prefixes start with `a` (a00, a01, ..., aZZ): linkable when the object allows activities. */
const CUSTOM_OBJECT_PREFIX = /^a[0-9A-Za-z]{2}/;

/** True for a Lead or Contact id (a Task's WhoId). */
export function isWhoTarget(id: string | undefined): id is string {
  return isSalesforceId(id) && WHO_PREFIXES.includes(keyPrefixOf(id));
}

/** True for an id of an object a Task's WhatId may refer to (never a chat transcript or messaging session). */
export function isWhatTarget(id: string | undefined): id is string {
  return isSalesforceId(id) && (WHAT_PREFIXES.includes(keyPrefixOf(id)) || CUSTOM_OBJECT_PREFIX.test(keyPrefixOf(id)));
}

/** True for any id a Task can link to, as WhoId or WhatId. */
export function isTaskLinkTarget(id: string | undefined): id is string {
  return isWhoTarget(id) || isWhatTarget(id);
}
