/**
 * List views in the fake org, and the two REST API resources that read them:
 *
 * - `GET /sobjects/{sObject}/listviews`, "List Views for an Object"
 *   (https://developer.salesforce.com/docs/platform/api-rest/guide/resources-listviews.md, API 32.0
 *   and later; no parameters). Its example response body:
 *   `{ "done": true, "listviews": [ { "describeUrl", "developerName", "id" (18 characters),
 *   "label", "resultsUrl", "soqlCompatible", "url" }, ... ], "nextRecordsUrl": null, "size": n,
 *   "sobjectType": "Account" }` (the tail as the same example is quoted by connector docs, e.g.
 *   the WSO2 Salesforce REST connector's listViews sample response).
 * - `GET /sobjects/{sObject}/listviews/{listViewId}/results`, "List View Results"
 *   (https://developer.salesforce.com/docs/platform/api-rest/guide/resources-listviewresults.html,
 *   API 32.0 and later): "Executes the SOQL query for the list view and returns the resulting
 *   data and presentation information". Parameters `limit` ("between 1-2000. The default value
 *   is 25") and `offset` ("The first record to return... The default value is 0"). Its example
 *   response body: `columns` (each `{ ascendingLabel, descendingLabel, fieldNameOrPath, hidden,
 *   label, selectListItem, sortDirection, sortIndex, sortable, type }`: the visible columns, then
 *   the hidden Id, CreatedDate, LastModifiedDate and SystemModstamp), `developerName`, `done`,
 *   `id` (15 characters there), `label`, `records` (each `{ "columns": [ { "fieldNameOrPath",
 *   "value" } ] }`, in the order of `columns`: ListViewRecord in the SOAP API reference says "The
 *   record data columns are returned in the same order as metadata and describe columns"),
 *   `size`. Values are strings, "localized if appropriate, or null if there's no value"
 *   (ListViewRecordColumn); a date and time reads `Fri Aug 01 21:15:46 GMT 2014`; a picklist is
 *   selected as `toLabel(Type)`. Column labels per type as in that example: text `Z-A`/`A-Z`,
 *   phone `9-0`/`0-9`, picklist `Low to High`/`High to Low`; hidden columns `null`/`null`,
 *   not sortable.
 *
 * What the fake does not know from a recorded answer (unverified): an email column's labels
 * (taken as text's); `size` is read as the number of records in this answer and `done` as "no
 * record after these" (the example, with `limit=5`, shows 12 records, size 12, done true); an
 * unknown list view id (or one of another object) answers 404 NOT_FOUND "The requested resource
 * does not exist", the REST API's answer for a resource that does not exist ("Status Codes and
 * Error Responses": 404 "The requested resource couldn't be found"); a `limit` outside 1-2000
 * is taken as the nearest bound. The ListView sObject (SOQL on ListView) and the List View
 * Describe and Recent List Views resources are not modelled.
 *
 * A list view is held as an admin sets it up: its object, API name, label, the columns it
 * shows, its filter (a SOQL condition) and the field it sorts by.
 */
import type { ApiResult } from './api-response.ts';
import { notFound, SalesforceApiError } from './salesforce-error.ts';
import { isSalesforceId, makeId, toId18 } from './salesforce-id.ts';
import { findField, findSObject, type FieldDef } from './schema.ts';
import { runSoql } from './soql.ts';
import type { FakeOrg } from './store.ts';

/** A list view as a seed gives it (the demo fixture's `listViews`). */
export interface ListViewSeed {
  /** The object whose records it lists (`Lead`, `Contact`). */
  readonly sobjectType: string;
  readonly developerName: string;
  readonly label: string;
  /** The fields shown, in order (API names of the object's own fields). */
  readonly columns: readonly string[];
  /** Which records it shows, as a SOQL condition; all when absent. */
  readonly filter?: string;
  /** The field it sorts by, ascending (`Name` when absent). */
  readonly orderBy?: string;
}

/** A list view of an org: its seed and its id (key prefix 00B). */
export interface ListViewDefinition extends ListViewSeed {
  readonly id: string;
}

/** The key prefix of list view ids (`00BD0000005WcBeMAK` in the documentation's examples). */
const LIST_VIEW_KEY_PREFIX = '00B';
/** The column types whose labels the documentation shows (email: taken as text, unverified). */
const SORT_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  string: ['Z-A', 'A-Z'],
  textarea: ['Z-A', 'A-Z'],
  email: ['Z-A', 'A-Z'],
  phone: ['9-0', '0-9'],
  picklist: ['Low to High', 'High to Low'],
};
/** The hidden columns every result ends with, as in the documentation's example. */
const HIDDEN_COLUMNS = ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'];
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 2000;

/** A seed's list view, checked (its object and columns exist), with a new id from `serial`. */
export function listViewOf(seed: ListViewSeed, serial: number): ListViewDefinition {
  const def = findSObject(seed.sobjectType);
  if (!def) throw new SalesforceApiError(400, 'INVALID_TYPE', `sObject type '${seed.sobjectType}' is not supported.`);
  for (const column of [...seed.columns, seed.orderBy ?? 'Name']) {
    const field = findField(def, column);
    if (!field || !(field.type in SORT_LABELS)) throw new SalesforceApiError(400, 'INVALID_FIELD', `The fake org's list views show text, email, phone and picklist fields of ${def.name}, not ${column}.`);
  }
  return Object.freeze({ ...seed, sobjectType: def.name, columns: Object.freeze([...seed.columns]), id: makeId(LIST_VIEW_KEY_PREFIX, serial) });
}

/** `GET /sobjects/{sObject}/listviews`: the object's list views (404 NOT_FOUND for an object the user cannot see). */
export function listViewsOf(org: FakeOrg, sobject: string, version: string): ApiResult {
  const def = org.visibleSObject(sobject);
  if (!def) throw notFound();
  const base = `/services/data/${version}/sobjects/${def.name}/listviews`;
  const listviews = org.listViews
    .filter((view) => view.sobjectType === def.name)
    .map((view) => ({
      describeUrl: `${base}/${view.id}/describe`,
      developerName: view.developerName,
      id: view.id,
      label: view.label,
      resultsUrl: `${base}/${view.id}/results`,
      soqlCompatible: true,
      url: `${base}/${view.id}`,
    }));
  return { status: 200, body: { done: true, listviews, nextRecordsUrl: null, size: listviews.length, sobjectType: def.name } };
}

/** `GET /sobjects/{sObject}/listviews/{id}/results`: the list view's records, `limit` from `offset`. */
export function listViewResults(org: FakeOrg, sobject: string, listViewId: string, url: URL, version: string, today: () => string): ApiResult {
  const def = org.visibleSObject(sobject);
  const view = def && isSalesforceId(listViewId) ? org.listViews.find((candidate) => candidate.id === toId18(listViewId) && candidate.sobjectType === def.name) : undefined;
  if (!def || !view) throw notFound();
  const limit = Math.min(MAX_LIMIT, Math.max(1, whole(url.searchParams.get('limit'), DEFAULT_LIMIT)));
  const offset = Math.max(0, whole(url.searchParams.get('offset'), 0));
  const orderBy = findField(def, view.orderBy ?? 'Name')?.name ?? 'Name';
  const shown = view.columns.map((column) => findField(def, column) as FieldDef);
  const hidden = HIDDEN_COLUMNS.map((column) => findField(def, column) as FieldDef);
  const soql = `SELECT ${[...shown, ...hidden].map((field) => field.name).join(', ')} FROM ${def.name}${view.filter ? ` WHERE ${view.filter}` : ''} ORDER BY ${orderBy} ASC NULLS FIRST, Id ASC NULLS FIRST`;
  const all = runSoql(org, soql, version, today).records as Array<Record<string, unknown>>;
  const page = all.slice(offset, offset + limit);
  const columns = [
    ...shown.map((field) => {
      const [ascendingLabel, descendingLabel] = SORT_LABELS[field.type] ?? [null, null];
      const sorted = field.name === orderBy;
      return {
        ascendingLabel,
        descendingLabel,
        fieldNameOrPath: field.name,
        hidden: false,
        label: field.label,
        selectListItem: field.type === 'picklist' ? `toLabel(${field.name})` : field.name,
        sortDirection: sorted ? 'ascending' : null,
        sortIndex: sorted ? 0 : null,
        sortable: true,
        type: field.type === 'textarea' ? 'string' : field.type,
      };
    }),
    ...hidden.map((field) => ({
      ascendingLabel: null,
      descendingLabel: null,
      fieldNameOrPath: field.name,
      hidden: true,
      label: field.name === 'Id' ? `${def.label} ID` : field.label,
      selectListItem: field.name,
      sortDirection: null,
      sortIndex: null,
      sortable: false,
      type: field.type,
    })),
  ];
  const records = page.map((record) => ({
    columns: [...shown, ...hidden].map((field) => ({ fieldNameOrPath: field.name, value: shownValue(field, record[field.name]) })),
  }));
  return {
    status: 200,
    body: { columns, developerName: view.developerName, done: offset + page.length >= all.length, id: view.id.slice(0, 15), label: view.label, records, size: records.length },
  };
}

/** A value as a list view shows it: text, a date and time as `Fri Aug 01 21:15:46 GMT 2014`, null when empty. */
function shownValue(field: FieldDef, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (field.type === 'datetime' && typeof value === 'string') return javaDate(new Date(value.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')));
  return String(value);
}

/** `Fri Aug 01 21:15:46 GMT 2014`: the documentation's example of a date and time in a list view (Java's Date.toString in GMT). */
function javaDate(date: Date): string {
  const [weekday, day, month, year, time] = date.toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${time} GMT ${year}`;
}

function whole(text: string | null, fallback: number): number {
  const value = text === null ? NaN : Number(text);
  return Number.isInteger(value) ? value : fallback;
}
