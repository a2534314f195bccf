/**
 * What multi-interaction routing reads and writes in the org: users with a ContactPad SIP user,
 * queues and the objects they take (Group, QueueSobject), Omni-Channel presence statuses, a
 * Case handed to another owner (checked as Salesforce checks it), and deleted records (the
 * Recycle Bin: ENTITY_IS_DELETED, queryAll).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { DEMO_ROUTING } from './demo-routing.ts';
import { queryPath, searchPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type Query = { totalSize: number; records: Array<Record<string, unknown>> };

const { alexMorgan: ALEX, jordanLee: JORDAN, caseyBrooksInactive: CASEY_INACTIVE, billingSupport: BILLING, technicalSupport: TECHNICAL, marketingLeads: MARKETING } = DEMO_ROUTING;
const V = '/services/data/v62.0';

let server: FakeOrgServer;
let org: FakeOrgSession;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg('demo');
});
after(() => server.close());

async function query(soql: string, resource = 'query'): Promise<Query> {
  const answer = await sf(org, queryPath(soql).replace('/query?', `/${resource}?`));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body as Query;
}

/** A fresh Case of the demo org's, for a test to hand around. */
async function newCase(subject: string): Promise<string> {
  return server.client.insert(org.orgId, 'Case', { Subject: subject, Origin: 'Web' });
}

async function ownerOf(caseId: string): Promise<unknown> {
  return (await server.client.records(org.orgId, 'Case')).find((record) => record.Id === caseId)?.OwnerId;
}

describe('agents, queues and presence statuses of the demo org', () => {
  it('lists the active users that have a ContactPad SIP user, with the field a Text(80) custom field', async () => {
    const users = await query('SELECT Id, Name, ContactPad_SIP_User__c FROM User WHERE IsActive = true AND ContactPad_SIP_User__c != null');
    assert.deepEqual(
      users.records.map((user) => [user.Id, user.Name, user.ContactPad_SIP_User__c]).sort(),
      [[ALEX, 'Alex Morgan', 'agent1'], [JORDAN, 'Jordan Lee', 'jordan.lee'], [DEMO_ROUTING.emileDurand, 'Émile Durand', 'emile.durand']],
    );
    const inactive = await query("SELECT Name FROM User WHERE IsActive = false");
    assert.deepEqual(inactive.records.map((user) => user.Name), ['Casey Brooks']);
    const describe = (await sf(org, '/sobjects/User/describe')).body as { fields: Array<Record<string, unknown>> };
    const field = describe.fields.find((f) => f.name === 'ContactPad_SIP_User__c');
    assert.deepEqual([field?.type, field?.length, field?.custom, field?.label], ['string', 80, true, 'ContactPad SIP User']);
    const tooLong = await sf(org, `/sobjects/User/${JORDAN}`, { method: 'PATCH', body: { ContactPad_SIP_User__c: 'j'.repeat(81) } });
    assert.equal(tooLong.status, 400);
    assert.deepEqual((tooLong.body as Array<Record<string, unknown>>)[0]?.errorCode, 'STRING_TOO_LONG');
  });

  it('names the queues that take Cases through QueueSobject and its Queue relationship', async () => {
    const rows = await query("SELECT QueueId, Queue.Name FROM QueueSobject WHERE SobjectType = 'Case'");
    assert.deepEqual(rows.records.map((row) => [row.QueueId, (row.Queue as { Name: string }).Name]), [[BILLING, 'Billing Support'], [TECHNICAL, 'Technical Support']]);
    assert.deepEqual((rows.records[0]?.Queue as { attributes: unknown }).attributes, { type: 'Group', url: `${V}/sobjects/Group/${BILLING}` });
    const queues = await query("SELECT Id, Name, DeveloperName FROM Group WHERE Type = 'Queue' ORDER BY Name");
    assert.deepEqual(queues.records.map((queue) => queue.Name), ['Billing Support', 'Marketing Leads', 'Technical Support']);
  });

  it('has the Omni-Channel presence statuses with 0N5 ids, which SOSL does not search', async () => {
    const statuses = await query('SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus');
    assert.deepEqual(statuses.records.map((status) => [status.Id, status.DeveloperName, status.MasterLabel]), [
      [DEMO_ROUTING.available, 'Available', 'Available'],
      [DEMO_ROUTING.busy, 'Busy', 'Busy'],
      [DEMO_ROUTING.onBreak, 'Busy_Break', 'On Break'],
    ]);
    const found = await sf(org, searchPath('FIND {Busy OR Billing} IN NAME FIELDS'));
    assert.deepEqual(found.body, { searchRecords: [] });
    const refused = await sf(org, searchPath('FIND {Billing} RETURNING Group(Id)'));
    assert.equal(refused.status, 400);
    assert.equal((refused.body as Array<Record<string, unknown>>)[0]?.errorCode, 'INVALID_TYPE');
  });
});

describe('handing a Case to another owner', () => {
  it('gives it to a queue that takes Cases, or to an active user', async () => {
    const caseId = await newCase('Printer jams');
    const toQueue = await sf(org, `/sobjects/Case/${caseId}`, { method: 'PATCH', body: { OwnerId: TECHNICAL } });
    assert.equal(toQueue.status, 204);
    assert.equal(await ownerOf(caseId), TECHNICAL);
    const owner = await query(`SELECT Owner.Name, Owner.Type FROM Case WHERE Id = '${caseId}'`);
    assert.deepEqual(owner.records[0]?.Owner, { attributes: { type: 'Name', url: `${V}/sobjects/Group/${TECHNICAL}` }, Name: 'Technical Support', Type: 'Group' });
    assert.equal((await sf(org, `/sobjects/Case/${caseId}`, { method: 'PATCH', body: { OwnerId: JORDAN.slice(0, 15) } })).status, 204);
    assert.equal(await ownerOf(caseId), JORDAN);
  });

  it('refuses an owner that cannot own a Case, with the error body Salesforce sends', async () => {
    const caseId = await newCase('Wrong owner');
    const accountId = await server.client.insert(org.orgId, 'Account', { Name: 'Not An Owner Ltd' });
    const regularGroup = await server.client.insert(org.orgId, 'Group', { Name: 'Everyone in Support', Type: 'Regular' });
    const refusals: Array<[string, number, unknown]> = [
      [MARKETING, 400, [{ message: `Owner ID: id value of incorrect type: ${MARKETING}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['OwnerId'] }]],
      [regularGroup, 400, [{ message: `Owner ID: id value of incorrect type: ${regularGroup}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['OwnerId'] }]],
      [accountId, 400, [{ message: `Owner ID: id value of incorrect type: ${accountId}`, errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['OwnerId'] }]],
      [CASEY_INACTIVE, 400, [{ message: `operation performed with inactive user [${CASEY_INACTIVE}] as owner of case`, errorCode: 'INACTIVE_OWNER_OR_USER', fields: ['OwnerId'] }]],
      ['005000000000099AAA', 400, [{ message: 'invalid cross reference id', errorCode: 'INVALID_CROSS_REFERENCE_KEY', fields: ['OwnerId'] }]],
      ['nobody', 400, [{ message: 'Owner ID: id value of incorrect type: nobody', errorCode: 'MALFORMED_ID', fields: ['OwnerId'] }]],
    ];
    const before = await ownerOf(caseId);
    for (const [ownerId, status, body] of refusals) {
      const answer = await sf(org, `/sobjects/Case/${caseId}`, { method: 'PATCH', body: { OwnerId: ownerId } });
      assert.deepEqual([answer.status, answer.body], [status, body], ownerId);
    }
    assert.equal(await ownerOf(caseId), before);
  });

  it("lets a queue own the objects it takes: Marketing Leads a Lead, not a Case", async () => {
    const leadId = await server.client.insert(org.orgId, 'Lead', { LastName: 'Okafor', Company: 'Okafor Farms' });
    assert.equal((await sf(org, `/sobjects/Lead/${leadId}`, { method: 'PATCH', body: { OwnerId: MARKETING } })).status, 204);
    assert.equal((await sf(org, `/sobjects/Lead/${leadId}`, { method: 'PATCH', body: { OwnerId: BILLING } })).status, 400);
  });
});

describe('deleted records (the Recycle Bin)', () => {
  it('answers 404 ENTITY_IS_DELETED, leaves query results, and stays visible to queryAll', async () => {
    const caseId = await newCase('Duplicate of 00001026');
    assert.equal((await sf(org, `/sobjects/Case/${caseId}`, { method: 'DELETE' })).status, 204);
    const deleted = [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED', fields: [] }];
    const read = await sf(org, `/sobjects/Case/${caseId}?fields=Subject`);
    assert.deepEqual([read.status, read.body], [404, deleted]);
    const transfer = await sf(org, `/sobjects/Case/${caseId}`, { method: 'PATCH', body: { OwnerId: BILLING } });
    assert.deepEqual([transfer.status, transfer.body], [404, deleted]);
    const byId = await sf(org, `/sobjects/Case/Id/${caseId}`, { method: 'PATCH', body: { Subject: 'Back?' } });
    assert.deepEqual([byId.status, byId.body], [404, deleted]);

    const soql = `SELECT Id, Subject, IsDeleted FROM Case WHERE Id = '${caseId}'`;
    assert.equal((await query(soql)).totalSize, 0);
    assert.deepEqual((await query(soql, 'queryAll')).records.map((r) => [r.Subject, r.IsDeleted]), [['Duplicate of 00001026', true]]);
    assert.equal((await server.client.records(org.orgId, 'Case')).some((record) => record.Id === caseId), false);
    const composite = await sf(org, '/composite', {
      method: 'POST',
      body: { compositeRequest: [{ method: 'GET', url: `${V}/queryAll?q=${encodeURIComponent(soql)}`, referenceId: 'all' }] },
    });
    assert.equal((composite.body as { compositeResponse: Array<{ body: Query }> }).compositeResponse[0]?.body.totalSize, 1);
  });

  it('deletes through the control API the same way (someone deleted it in Salesforce)', async () => {
    const caseId = await newCase('Deleted by a supervisor');
    await server.client.remove(org.orgId, 'Case', caseId);
    assert.equal((await sf(org, `/sobjects/Case/${caseId}`)).status, 404);
    assert.equal((await query(`SELECT Id FROM Case WHERE Id = '${caseId}'`, 'queryAll')).totalSize, 1);
  });
});

describe('force-app and the fake org agree on the SIP user field', () => {
  const root = new URL('../../force-app/main/default/', import.meta.url);

  it('ships User.ContactPad_SIP_User__c as Text(80) labelled ContactPad SIP User, readable by agents', () => {
    const xml = readFileSync(new URL('objects/User/fields/ContactPad_SIP_User__c.field-meta.xml', root), 'utf8');
    const tag = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
    assert.deepEqual([tag('type'), tag('length'), tag('label'), tag('required')], ['Text', '80', 'ContactPad SIP User', 'false']);
    assert.ok((tag('description') ?? '').length > 40, 'the field says what it is for');
    const set = readFileSync(new URL('permissionsets/ContactPad_Agent.permissionset-meta.xml', root), 'utf8');
    assert.match(set, /<fieldPermissions>\s*<editable>false<\/editable>\s*<field>User\.ContactPad_SIP_User__c<\/field>\s*<readable>true<\/readable>/);
  });
});
