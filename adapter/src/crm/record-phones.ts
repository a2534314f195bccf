/**
 * The phone numbers on a record, for Call back (desks/callback-desk.ts): the fields the org's
 * screen-pop rules name as the phone fields of that object (`Phone_Fields__c`, e.g. Phone and
 * MobilePhone of a Lead), read with one SOQL query through the REST API's query resource
 * (REST API Developer Guide, Query, developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_query.htm):
 *
 *   GET /query?q=SELECT Id, Phone, MobilePhone FROM Lead WHERE Id = '<id>'
 *
 * An object no rule names has no known phone fields: no request, no numbers (the agent types
 * one). Blank fields are left out; the numbers come in the rules' order of the fields.
 */
import { isSalesforceId } from '../model/salesforce-id.ts';
import type { CrmConnection } from './crm-connection.ts';
import type { LoadedRules } from './screen-pop-rules.ts';

/** The record's phone numbers (see the file comment); rejects with a ContactPadError when Salesforce fails. */
export async function readRecordPhones(connection: CrmConnection, rules: LoadedRules, record: { readonly recordId: string; readonly objectType: string }): Promise<readonly string[]> {
  const fields = [...new Set(rules.rules.filter((rule) => rule.objectType === record.objectType).flatMap((rule) => rule.phoneFields))];
  if (fields.length === 0 || !isSalesforceId(record.recordId)) return [];
  // The object and fields are the checked rules' (API names); the id is checked above.
  const [row] = await connection.query(`SELECT Id, ${fields.join(', ')} FROM ${record.objectType} WHERE Id = '${record.recordId}'`);
  return fields.map((field) => row?.[field]).filter((value): value is string => typeof value === 'string' && value.trim() !== '').map((value) => value.trim());
}
