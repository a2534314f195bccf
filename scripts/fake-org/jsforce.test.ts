import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jsforce from 'jsforce';
import type { FakeOrgSession } from './client.ts';
import { startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

let server: FakeOrgServer;
let org: FakeOrgSession;
let conn: jsforce.Connection;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg('demo');
  conn = new jsforce.Connection({ instanceUrl: org.instanceUrl, accessToken: org.accessToken, version: '62.0' });
});
after(() => server.close());

describe('jsforce against the fake org', () => {
  it('searches a caller by phone and reads the records and their Account', async () => {
    const result = await conn.search('FIND {\\+14155550104} IN PHONE FIELDS RETURNING Lead(Id, Name, Company), Contact(Id, Name, Account.Name)');
    const found = result.searchRecords.map((r) => `${r.attributes?.type}:${String((r as Record<string, unknown>).Name)}`);
    assert.deepEqual(found, ['Lead:Sam Carter', 'Contact:Sam Carter']);
  });

  it('upserts a Task by external id twice and leaves one Task', async () => {
    const first = await conn.sobject('Task').upsert({ Subject: 'Call Inbound', CallType: 'Inbound', ContactPad_Interaction_Id__c: 'int-55' }, 'ContactPad_Interaction_Id__c');
    const second = await conn.sobject('Task').upsert({ Subject: 'Call Inbound', CallDisposition: 'Callback', ContactPad_Interaction_Id__c: 'int-55' }, 'ContactPad_Interaction_Id__c');
    assert.deepEqual([(first as { created?: boolean }).created, (second as { created?: boolean }).created], [true, false]);
    const tasks = await conn.query<{ Id: string; CallDisposition: string }>("SELECT Id, CallDisposition FROM Task WHERE ContactPad_Interaction_Id__c = 'int-55'");
    assert.equal(tasks.totalSize, 1);
    assert.equal(tasks.records[0]?.CallDisposition, 'Callback');
  });

  it('surfaces Salesforce error codes and the API usage header to jsforce', async () => {
    await assert.rejects(conn.sobject('Task').create({ Subject: 'x', CallType: 'Sideways' }), { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    await server.client.setFault(org.orgId, { kind: 'sessionExpired', times: 1 });
    await assert.rejects(async () => conn.query('SELECT Id FROM Lead').run(), { errorCode: 'INVALID_SESSION_ID' });
    // jsforce retries a 503 by itself (5 times, backing off from 500 ms) unless told not to.
    await server.client.setFault(org.orgId, { kind: 'unavailable', times: 1 });
    await assert.rejects(async () => conn.request({ method: 'GET', url: '/services/data/v62.0/limits' }, { retry: { maxRetries: 0 } }), { errorCode: 'SERVER_UNAVAILABLE' });
    await conn.query('SELECT Id FROM Lead');
    assert.deepEqual(conn.limitInfo.apiUsage, { used: await server.client.apiUsage(org.orgId), limit: 15000 });
  });
});
