import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { queryPath, searchPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type SfError = Array<{ errorCode: string; message: string; fields?: string[] }>;
type Query = { totalSize: number; records: Array<Record<string, unknown>> };

const NOT_FOUND = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
const notSupported = (name: string) =>
  `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;

let server: FakeOrgServer;
let current: FakeOrgSession;

before(async () => {
  server = await startFakeOrgServer();
  current = await server.client.createOrg('demo');
});
after(() => server.close());

/** Every way the REST API reaches an object: each must answer as for an object Salesforce does not know. */
async function expectMissing(session: FakeOrgSession, name: string, someId: string): Promise<void> {
  const describe = await sf(session, `/sobjects/${name}/describe`);
  assert.deepEqual([describe.status, describe.body], [404, NOT_FOUND], `${name} describe`);
  const basic = await sf(session, `/sobjects/${name}`);
  assert.deepEqual([basic.status, basic.body], [404, NOT_FOUND], `${name} basic information`);
  const create = await sf(session, `/sobjects/${name}`, { method: 'POST', body: { Status: 'Waiting' } });
  assert.deepEqual([create.status, create.body], [404, NOT_FOUND], `${name} create`);
  for (const method of ['GET', 'PATCH', 'DELETE']) {
    const row = await sf(session, `/sobjects/${name}/${someId}`, method === 'PATCH' ? { method, body: { Status: 'Ended' } } : { method });
    assert.deepEqual([row.status, row.body], [404, NOT_FOUND], `${name} ${method} by id`);
  }
  const global = (await sf(session, '/sobjects')).body as { sobjects: Array<{ name: string }> };
  assert.equal(global.sobjects.some((s) => s.name === name), false, `${name} is not in describeGlobal`);

  const soql = `SELECT Id FROM ${name}`;
  const query = await sf(session, queryPath(soql));
  assert.equal(query.status, 400);
  assert.deepEqual(query.body, [{ errorCode: 'INVALID_TYPE', message: `\n${soql}\n${' '.repeat(15)}^\nERROR at Row:1:Column:16\n${notSupported(name)}` }]);
  const sosl = `FIND {Waiting} RETURNING ${name}(Id)`;
  const search = await sf(session, searchPath(sosl));
  assert.equal(search.status, 400);
  assert.deepEqual(search.body, [{ errorCode: 'INVALID_TYPE', message: `\n${sosl}\n${' '.repeat(25)}^\nERROR at Row:1:Column:26\n${notSupported(name)}` }]);
  const insert = await fetch(`${server.baseUrl}/__fake-org/orgs/${session.orgId}/sobjects/${name}`, { method: 'POST', body: '{}' });
  assert.deepEqual([insert.status, await insert.json()], [400, [{ errorCode: 'INVALID_TYPE', message: notSupported(name) }]], `${name} control API insert`);
}

describe('org features: legacy Chat and Messaging', () => {
  it('gives a new org Messaging and no legacy Chat, and the local console\'s DEFAULT org both', async () => {
    assert.deepEqual((await server.client.org(current.orgId)).features, { legacyChat: false, messaging: true });
    assert.deepEqual((await server.client.org('default')).features, { legacyChat: true, messaging: true });
    const old = await server.client.createOrg(undefined, { features: { legacyChat: true, messaging: false } });
    assert.deepEqual((await server.client.org(old.orgId)).features, { legacyChat: true, messaging: false });
    const refused = await fetch(`${server.baseUrl}/__fake-org/orgs`, { method: 'POST', body: JSON.stringify({ features: { voice: true } }) });
    assert.equal(refused.status, 400);
  });

  it('answers for LiveChatTranscript in an org without legacy Chat as Salesforce answers for an object it does not have', async () => {
    await expectMissing(current, 'LiveChatTranscript', '5705g0000000001AAA');
  });

  it('answers for the Messaging objects in an org without Messaging the same way', async () => {
    const noMessaging = await server.client.createOrg('demo', { features: { messaging: false } });
    await expectMissing(noMessaging, 'MessagingSession', '0Mw000000000001CAA');
    await expectMissing(noMessaging, 'MessagingEndUser', '0PA000000000001GAA');
    await expectMissing(noMessaging, 'MessagingChannel', '0Mj000000000001CAA');
  });

  it('has the objects of the features it has: chat transcripts where legacy Chat is on, sessions where Messaging is', async () => {
    const both = await server.client.createOrg('demo', { features: { legacyChat: true } });
    const transcripts = (await sf(both, queryPath('SELECT Id, Status, ContactPad_Visitor_Phone__c FROM LiveChatTranscript'))).body as Query;
    assert.equal(transcripts.totalSize, 2, 'the demo chat transcripts are seeded');
    assert.equal((await sf(both, '/sobjects/LiveChatTranscript/describe')).status, 200);
    const sessions = (await sf(both, queryPath('SELECT Id FROM MessagingSession'))).body as Query;
    assert.equal(sessions.totalSize, 4);
    const names = ((await sf(both, '/sobjects')).body as { sobjects: Array<{ name: string; keyPrefix: string }> }).sobjects;
    assert.deepEqual(
      ['LiveChatTranscript', 'MessagingSession', 'MessagingEndUser', 'MessagingChannel'].map((name) => names.find((s) => s.name === name)?.keyPrefix),
      ['570', '0Mw', '0PA', '0Mj'],
    );
  });

  it('keeps the rest of the demo data in an org without legacy Chat', async () => {
    const contacts = (await sf(current, queryPath("SELECT Name FROM Contact WHERE LastName = 'Kim'"))).body as Query;
    assert.deepEqual(contacts.records.map((r) => r.Name), ['Daniel Kim']);
    const found = await sf(current, searchPath('FIND {4155550109} IN PHONE FIELDS'));
    assert.deepEqual(found.body, { searchRecords: [] }, 'the chat visitor who left a number exists only with legacy Chat');
  });

  it('refuses a seed that names an object the org does not have', async () => {
    const answer = await fetch(`${server.baseUrl}/__fake-org/orgs`, {
      method: 'POST',
      body: JSON.stringify({ seed: { records: { LiveChatTranscript: [{ Status: 'Completed' }] } } }),
    });
    assert.equal(answer.status, 400);
    assert.deepEqual(await answer.json(), [{ errorCode: 'INVALID_TYPE', message: notSupported('LiveChatTranscript') }]);
    const error = (await sf(current, '/sobjects/LiveChatTranscript', { method: 'POST', body: {} })).body as SfError;
    assert.equal(error[0]?.errorCode, 'NOT_FOUND');
  });
});
