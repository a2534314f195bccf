/**
 * The fake org's list view resources answer as the REST API Developer Guide documents them
 * (list-views.ts has the sources): the list of an object's list views, and a list view's
 * results with its columns and its records as cells, paged by limit and offset; an unknown id
 * answers 404 NOT_FOUND.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type ListViews = { done: boolean; listviews: Array<Record<string, unknown>>; nextRecordsUrl: null; size: number; sobjectType: string };
type Column = { ascendingLabel: string | null; descendingLabel: string | null; fieldNameOrPath: string; hidden: boolean; label: string; selectListItem: string; sortDirection: string | null; sortIndex: number | null; sortable: boolean; type: string };
type Results = { columns: Column[]; developerName: string; done: boolean; id: string; label: string; records: Array<{ columns: Array<{ fieldNameOrPath: string; value: string | null }> }>; size: number };

let server: FakeOrgServer;
let org: FakeOrgSession;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg('demo');
});
after(() => server.close());

const V = '/services/data/v62.0';

async function leadViews(): Promise<ListViews> {
  const answer = await sf(org, '/sobjects/Lead/listviews');
  assert.equal(answer.status, 200);
  return answer.body as ListViews;
}

/** One row's cells by field. */
function row(results: Results, index: number): Record<string, string | null> {
  return Object.fromEntries((results.records[index]?.columns ?? []).map((cell) => [cell.fieldNameOrPath, cell.value]));
}

describe('list views', () => {
  it('lists an object\'s list views with their ids and URLs, in the documented shape', async () => {
    const body = await leadViews();
    assert.deepEqual(Object.keys(body), ['done', 'listviews', 'nextRecordsUrl', 'size', 'sobjectType']);
    assert.deepEqual([body.done, body.nextRecordsUrl, body.size, body.sobjectType], [true, null, 1, 'Lead']);
    const [view] = body.listviews;
    const id = String(view?.['id']);
    assert.match(id, /^00B[A-Za-z0-9]{15}$/);
    assert.deepEqual(view, {
      describeUrl: `${V}/sobjects/Lead/listviews/${id}/describe`,
      developerName: 'AllOpenLeads',
      id,
      label: 'All Open Leads',
      resultsUrl: `${V}/sobjects/Lead/listviews/${id}/results`,
      soqlCompatible: true,
      url: `${V}/sobjects/Lead/listviews/${id}`,
    });
    const contacts = (await sf(org, '/sobjects/Contact/listviews')).body as ListViews;
    assert.deepEqual(contacts.listviews.map((v) => v['label']), ['Business owners']);
    assert.deepEqual(((await sf(org, '/sobjects/Account/listviews')).body as ListViews).listviews, [], 'an object without list views');
  });

  it('runs a list view: its columns (shown, then the hidden system columns) and each record as cells in that order', async () => {
    const id = String((await leadViews()).listviews[0]?.['id']);
    const before = await server.client.apiUsage(org.orgId);
    const answer = await sf(org, `/sobjects/Lead/listviews/${id}/results`);
    assert.equal(answer.status, 200);
    assert.equal(await server.client.apiUsage(org.orgId), before + 1, 'one API request');
    const body = answer.body as Results;
    assert.deepEqual(Object.keys(body), ['columns', 'developerName', 'done', 'id', 'label', 'records', 'size']);
    assert.deepEqual([body.developerName, body.label, body.id, body.done, body.size], ['AllOpenLeads', 'All Open Leads', id.slice(0, 15), true, 3]);
    assert.deepEqual(body.columns.map((c) => [c.fieldNameOrPath, c.hidden]), [
      ['Name', false], ['Title', false], ['Company', false], ['State', false], ['Email', false], ['Status', false],
      ['Id', true], ['CreatedDate', true], ['LastModifiedDate', true], ['SystemModstamp', true],
    ]);
    assert.deepEqual(body.columns[0], { ascendingLabel: 'Z-A', descendingLabel: 'A-Z', fieldNameOrPath: 'Name', hidden: false, label: 'Full Name', selectListItem: 'Name', sortDirection: 'ascending', sortIndex: 0, sortable: true, type: 'string' });
    assert.deepEqual(body.columns[5], { ascendingLabel: 'Low to High', descendingLabel: 'High to Low', fieldNameOrPath: 'Status', hidden: false, label: 'Status', selectListItem: 'toLabel(Status)', sortDirection: null, sortIndex: null, sortable: true, type: 'picklist' });
    assert.deepEqual(body.columns[6], { ascendingLabel: null, descendingLabel: null, fieldNameOrPath: 'Id', hidden: true, label: 'Lead ID', selectListItem: 'Id', sortDirection: null, sortIndex: null, sortable: false, type: 'id' });
    assert.deepEqual(body.records.map((_, i) => row(body, i)['Name']), ["<b>Ann</b> O'Neil & Co", 'Maria Lopez', 'Sam Carter'], 'not converted, by name; the converted Tom Becker is not in it');
    const maria = row(body, 1);
    assert.deepEqual([maria['Company'], maria['State'], maria['Title'], maria['Status']], ['Lopez Bakery', 'CA', 'Owner', 'Working - Contacted']);
    assert.equal(row(body, 2)['Title'], null, 'an empty cell is null');
    assert.match(String(maria['CreatedDate']), /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d GMT \d{4}$/);
    assert.match(String(maria['Id']), /^00Q[A-Za-z0-9]{15}$/);
  });

  it('pages the results by limit and offset, and says whether more are left', async () => {
    const id = String((await leadViews()).listviews[0]?.['id']);
    const first = (await sf(org, `/sobjects/Lead/listviews/${id}/results?limit=2`)).body as Results;
    assert.deepEqual([first.records.length, first.done], [2, false]);
    const rest = (await sf(org, `/sobjects/Lead/listviews/${id}/results?limit=2&offset=2`)).body as Results;
    assert.deepEqual([rest.records.map((_, i) => row(rest, i)['Name']), rest.done], [['Sam Carter'], true]);
  });

  it('shows what the records hold now, and only those the filter takes (Title = Owner)', async () => {
    const session = await server.client.createOrg('demo');
    const views = (await sf(session, '/sobjects/Contact/listviews')).body as ListViews;
    const id = String(views.listviews[0]?.['id']);
    const contacts = await server.client.records(session.orgId, 'Contact');
    const elena = contacts.find((c) => c['LastName'] === 'Rossi' && c['FirstName'] === 'Elena');
    await server.client.update(session.orgId, 'Contact', String(elena?.Id), { Phone: '+1 (415) 555-0199' });
    const body = (await sf(session, `/sobjects/Contact/listviews/${id}/results`)).body as Results;
    assert.deepEqual(body.records.map((_, i) => [row(body, i)['Name'], row(body, i)['Phone']]), [['Elena Rossi', '+1 (415) 555-0199'], ['Tom Becker', '(415) 555-0107']]);
  });

  it('answers 404 NOT_FOUND for an unknown list view, one of another object, and an object the org does not have', async () => {
    const id = String((await leadViews()).listviews[0]?.['id']);
    for (const path of [
      '/sobjects/Lead/listviews/00B5g00000ZZZZZZZZ/results',
      '/sobjects/Lead/listviews/not-an-id/results',
      `/sobjects/Contact/listviews/${id}/results`,
      `/sobjects/Nope__x/listviews/${id}/results`,
      '/sobjects/Nope__x/listviews',
    ]) {
      const answer = await sf(org, path);
      assert.equal(answer.status, 404, path);
      assert.deepEqual(answer.body, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }], path);
    }
  });

  it('runs in a composite request like other sObject resources', async () => {
    const answer = await sf(org, '/composite', {
      method: 'POST',
      body: { compositeRequest: [{ method: 'GET', url: `${V}/sobjects/Lead/listviews`, referenceId: 'leads' }, { method: 'GET', url: `${V}/sobjects/Contact/listviews`, referenceId: 'contacts' }] },
    });
    const results = (answer.body as { compositeResponse: Array<{ httpStatusCode: number; body: ListViews }> }).compositeResponse;
    assert.deepEqual(results.map((r) => [r.httpStatusCode, r.body.sobjectType, r.body.size]), [[200, 'Lead', 1], [200, 'Contact', 1]]);
  });
});
