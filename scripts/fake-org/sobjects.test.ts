import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { queryPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type SfError = Array<{ errorCode: string; message: string; fields?: string[] }>;

let server: FakeOrgServer;
let org: FakeOrgSession;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg('demo');
});
after(() => server.close());

const firstError = (body: unknown) => (body as SfError)[0];

describe('sObject rows', () => {
  it('creates a Task (201 {id, success, errors}) that reads back with system fields and defaults', async () => {
    const created = await sf(org, '/sobjects/Task', { method: 'POST', body: { Subject: 'Call Inbound', CallType: 'Inbound', CallDurationInSeconds: 42, TaskSubtype: 'Call' } });
    assert.equal(created.status, 201);
    const { id, success, errors } = created.body as { id: string; success: boolean; errors: unknown[] };
    assert.match(id, /^00T[0-9A-Za-z]{15}$/);
    assert.deepEqual([success, errors], [true, []]);
    const read = await sf(org, `/sobjects/Task/${id}`);
    assert.equal(read.status, 200);
    const task = read.body as Record<string, unknown>;
    assert.deepEqual(task.attributes, { type: 'Task', url: `/services/data/v62.0/sobjects/Task/${id}` });
    assert.equal(task.Status, 'Not Started');
    assert.equal(task.CallDurationInSeconds, 42);
    assert.match(String(task.CreatedDate), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.equal(task.SystemModstamp, task.CreatedDate);
    assert.match(String(task.OwnerId), /^005/);
  });

  it('reads only the fields asked for with ?fields=', async () => {
    const [lead] = await server.client.records(org.orgId, 'Lead');
    const read = await sf(org, `/sobjects/Lead/${String(lead?.Id)}?fields=Name,Phone`);
    assert.deepEqual(Object.keys(read.body as object), ['attributes', 'Name', 'Phone']);
  });

  it('updates with PATCH (204, no body) and deletes with DELETE (204), then answers 404 ENTITY_IS_DELETED (Recycle Bin)', async () => {
    const id = await server.client.insert(org.orgId, 'Case', { Subject: 'Damaged pallet' });
    const patched = await sf(org, `/sobjects/Case/${id}`, { method: 'PATCH', body: { Status: 'Closed' } });
    assert.equal(patched.status, 204);
    assert.equal(patched.body, undefined);
    const stored = (await server.client.records(org.orgId, 'Case')).find((r) => r.Id === id);
    assert.deepEqual([stored?.Status, stored?.IsClosed], ['Closed', true]);
    assert.equal((await sf(org, `/sobjects/Case/${id}`, { method: 'DELETE' })).status, 204);
    const deleted = [{ errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }];
    for (const request of [{}, { method: 'PATCH', body: { Status: 'New' } }, { method: 'DELETE' }]) {
      const gone = await sf(org, `/sobjects/Case/${id}`, request);
      assert.deepEqual([gone.status, gone.body], [404, deleted], request.method ?? 'GET');
    }
    const never = await sf(org, `/sobjects/Case/${id.slice(0, 9)}zzzzzz`);
    assert.deepEqual([never.status, never.body], [404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]]);
  });

  it('refuses what Salesforce refuses, with its error codes', async () => {
    const cases: Array<[string, unknown, string, string[] | undefined]> = [
      ['Lead', { FirstName: 'No', Company: 'Last Name Inc' }, 'REQUIRED_FIELD_MISSING', ['LastName']],
      ['Task', { Subject: 'x', CallType: 'Sideways' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', ['CallType']],
      ['Task', { Subject: 'x', Colour: 'red' }, 'INVALID_FIELD', undefined],
      ['Contact', { LastName: 'x', Name: 'Full Name' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', ['Name']],
      ['Task', { Subject: 'x', WhoId: 'not-an-id' }, 'MALFORMED_ID', ['WhoId']],
      ['Task', { Subject: 'x'.repeat(256) }, 'STRING_TOO_LONG', ['Subject']],
      ['Task', { Subject: 'x', CallDurationInSeconds: 'long' }, 'JSON_PARSER_ERROR', undefined],
    ];
    for (const [sobject, body, code, fields] of cases) {
      const answer = await sf(org, `/sobjects/${sobject}`, { method: 'POST', body });
      assert.equal(answer.status, 400, code);
      assert.equal(firstError(answer.body)?.errorCode, code);
      assert.deepEqual(firstError(answer.body)?.fields, fields);
    }
    const accounts = await server.client.records(org.orgId, 'Account');
    const wrongType = await sf(org, '/sobjects/Task', { method: 'POST', body: { Subject: 'x', WhoId: accounts[0]?.Id } });
    assert.equal(firstError(wrongType.body)?.errorCode, 'FIELD_INTEGRITY_EXCEPTION');
    const broken = await sf(org, '/sobjects/Task', { method: 'POST', body: '{"Subject": ' });
    assert.equal(firstError(broken.body)?.errorCode, 'JSON_PARSER_ERROR');
    // A write to an object the org does not have is a resource that does not exist
    // (github.com/electricimp/Salesforce issue 11: a POST to /sobjects/<missing object>).
    const unknown = await sf(org, '/sobjects/Prospect', { method: 'POST', body: { Name: 'x' } });
    assert.deepEqual([unknown.status, unknown.body], [404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]]);
  });

  it('describes a known object with its fields, and refuses an unknown one', async () => {
    const answer = await sf(org, '/sobjects/Task/describe');
    assert.equal(answer.status, 200);
    const describe = answer.body as { name: string; keyPrefix: string; fields: Array<{ name: string; type: string; label: string }> };
    assert.equal(describe.name, 'Task');
    assert.equal(describe.keyPrefix, '00T');
    assert.deepEqual(describe.fields.find((f) => f.name === 'CallType'), { ...describe.fields.find((f) => f.name === 'CallType'), type: 'picklist', label: 'Call Type' });
    const unknown = await sf(org, '/sobjects/Prospect/describe');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
  });
});

describe('upsert by external id', () => {
  const path = '/sobjects/Task/ContactPad_Interaction_Id__c/';

  it('creates (201, created: true), then updates the same record (200, created: false), never duplicating', async () => {
    const first = await sf(org, `${path}call-7f3a`, { method: 'PATCH', body: { Subject: 'Call Inbound', CallType: 'Inbound' } });
    assert.equal(first.status, 201);
    const created = first.body as { id: string; success: boolean; errors: unknown[]; created: boolean };
    assert.deepEqual({ ...created, id: '' }, { id: '', success: true, errors: [], created: true });
    const again = await sf(org, `${path}call-7f3a`, { method: 'PATCH', body: { Subject: 'Call Inbound', CallDisposition: 'Sale' } });
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { id: created.id, success: true, errors: [], created: false });
    const tasks = (await server.client.records(org.orgId, 'Task')).filter((t) => t.ContactPad_Interaction_Id__c === 'call-7f3a');
    assert.equal(tasks.length, 1);
    assert.deepEqual([tasks[0]?.CallType, tasks[0]?.CallDisposition], ['Inbound', 'Sale']);
  });

  it('answers 300 with the matching record URLs when several records share the value', async () => {
    const a = await server.client.insert(org.orgId, 'Task', { Subject: 'dup', ContactPad_Interaction_Id__c: 'dup-1' });
    const b = await server.client.insert(org.orgId, 'Task', { Subject: 'dup', ContactPad_Interaction_Id__c: 'dup-1' });
    const answer = await sf(org, `${path}dup-1`, { method: 'PATCH', body: { Subject: 'x' } });
    assert.equal(answer.status, 300);
    assert.deepEqual(answer.body, [`/services/data/v62.0/sobjects/Task/${a}`, `/services/data/v62.0/sobjects/Task/${b}`]);
  });

  it('refuses a standard field that is not an external id, and an unknown field', async () => {
    assert.equal(firstError((await sf(org, '/sobjects/Task/Subject/x', { method: 'PATCH', body: {} })).body)?.errorCode, 'INVALID_FIELD');
    assert.equal((await sf(org, '/sobjects/Task/Nope/x', { method: 'PATCH', body: {} })).status, 404);
  });
});

describe('SOQL', () => {
  it('filters, orders and limits, with relationship fields', async () => {
    const answer = await sf(org, queryPath("SELECT Id, Name, Account.Name FROM Contact WHERE Account.Name = 'rossi family vineyards' AND Email != null ORDER BY FirstName DESC LIMIT 5"));
    assert.equal(answer.status, 200);
    const body = answer.body as { totalSize: number; done: boolean; records: Array<Record<string, unknown>> };
    assert.equal(body.totalSize, 2);
    assert.equal(body.done, true);
    assert.deepEqual(body.records.map((r) => r.Name), ['Marco Rossi', 'Elena Rossi']);
    assert.equal((body.records[0]?.Account as { Name: string }).Name, 'Rossi Family Vineyards');
  });

  it('counts with COUNT() and supports IN, LIKE and booleans', async () => {
    const count = await sf(org, queryPath('SELECT COUNT() FROM Lead WHERE IsConverted = false'));
    assert.deepEqual(count.body, { totalSize: 3, done: true, records: [] });
    const inList = await sf(org, queryPath("SELECT Name FROM Account WHERE Type IN ('Former Customer', 'Customer - Channel') ORDER BY Name"));
    assert.deepEqual((inList.body as { records: Array<{ Name: string }> }).records.map((r) => r.Name), ['Brightside Dental', 'Northwind Health']);
    const like = await sf(org, queryPath("SELECT Name FROM Lead WHERE Company LIKE 'Lopez%'"));
    assert.deepEqual((like.body as { records: Array<{ Name: string }> }).records.map((r) => r.Name), ['Maria Lopez']);
  });

  it("reads a string literal's escape sequences (quote, backslash, \\uXXXX) and answers MALFORMED_QUERY for any other backslash or a literal left open", async () => {
    const escaped = await sf(org, queryPath("SELECT Id FROM Lead WHERE LastName = 'O\\'Br\\u0069en \\\\'"));
    assert.equal(escaped.status, 200, JSON.stringify(escaped.body));
    for (const soql of ["SELECT Id FROM Lead WHERE LastName = 'a\\d'", "SELECT Id FROM Lead WHERE LastName = 'O\\'Brien", "SELECT Id FROM Lead WHERE LastName = '\\u00'"]) {
      const answer = await sf(org, queryPath(soql));
      assert.equal(answer.status, 400, soql);
      assert.equal(firstError(answer.body)?.errorCode, 'MALFORMED_QUERY', soql);
    }
  });

  it('answers MALFORMED_QUERY, INVALID_FIELD, INVALID_TYPE and a bad id filter as Salesforce does', async () => {
    const checks: Array<[string, string]> = [
      ['SELECT Id FROM', 'MALFORMED_QUERY'],
      ['SELECT Id Lead', 'MALFORMED_QUERY'],
      ["SELECT Id FROM Lead WHERE IsConverted = 'false'", 'MALFORMED_QUERY'],
      ['SELECT Id, Fone FROM Lead', 'INVALID_FIELD'],
      ['SELECT Id FROM Prospect', 'INVALID_TYPE'],
      ["SELECT Id FROM Task WHERE WhoId = 'abc'", 'INVALID_QUERY_FILTER_OPERATOR'],
    ];
    for (const [soql, code] of checks) {
      const answer = await sf(org, queryPath(soql));
      assert.equal(answer.status, 400, soql);
      assert.equal(firstError(answer.body)?.errorCode, code, soql);
    }
  });
});
