import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { queryPath, searchPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type Search = { searchRecords: Array<Record<string, unknown>> };
type Query = { totalSize: number; records: Array<Record<string, unknown>> };

const V = '/services/data/v62.0';

let server: FakeOrgServer;

before(async () => {
  server = await startFakeOrgServer();
});
after(() => server.close());

async function phoneSearch(session: FakeOrgSession, number: string, returning = 'Lead(Id, Name, Phone)'): Promise<Search['searchRecords']> {
  const answer = await sf(session, searchPath(`FIND {${number}} IN PHONE FIELDS RETURNING ${returning}`));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return (answer.body as Search).searchRecords;
}

async function soqlCount(session: FakeOrgSession, soql: string): Promise<number> {
  return ((await sf(session, queryPath(soql))).body as Query).totalSize;
}

describe('search indexing lag', () => {
  it('has a default delay of three minutes in every org, which the control API can change', async () => {
    const session = await server.client.createOrg();
    assert.equal(await server.client.searchIndexDelay(session.orgId), 180);
    assert.equal((await server.client.org('default')).searchIndexDelaySeconds, 180);
    await server.client.setSearchIndexDelay(session.orgId, 600);
    assert.equal((await server.client.org(session.orgId)).searchIndexDelaySeconds, 600);
    const other = await server.client.createOrg(undefined, { searchIndexDelaySeconds: 30 });
    assert.equal(await server.client.searchIndexDelay(other.orgId), 30);
  });

  it('finds a Lead created through the REST API with SOQL at once, and with SOSL only once the clock has passed the delay', async () => {
    const session = await server.client.createOrg(undefined, { searchIndexDelaySeconds: 300 });
    const created = await sf(session, '/sobjects/Lead', { method: 'POST', body: { LastName: 'Okafor', Company: 'Okafor Farms', Phone: '(312) 555-0142' } });
    assert.equal(created.status, 201);
    const id = (created.body as { id: string }).id;
    assert.equal(await soqlCount(session, "SELECT Id FROM Lead WHERE Phone = '(312) 555-0142'"), 1, 'SOQL reads the database');
    assert.deepEqual(await phoneSearch(session, '3125550142'), [], 'not indexed yet');
    await server.client.advanceClock(240, session.orgId);
    assert.deepEqual(await phoneSearch(session, '3125550142'), [], 'four minutes later: still waiting');
    await server.client.advanceClock(60, session.orgId);
    assert.deepEqual((await phoneSearch(session, '3125550142')).map((r) => r.Id), [id], 'five minutes later: indexed');
  });

  it('finds seeded records and records added through the control API at once: they were there before the test', async () => {
    const session = await server.client.createOrg({ records: { Contact: [{ LastName: 'Seeded', Phone: '415-555-0177' }] } });
    assert.equal((await phoneSearch(session, '4155550177', 'Contact(Name)'))[0]?.Name, 'Seeded');
    await server.client.insert(session.orgId, 'Lead', { LastName: 'Arranged', Company: 'Test', Phone: '415-555-0178' });
    assert.equal((await phoneSearch(session, '4155550178'))[0]?.Name, 'Arranged');
    const demo = await server.client.createOrg('demo');
    assert.equal((await phoneSearch(demo, '4155550100'))[0]?.Name, 'Maria Lopez');
  });

  it('matches an updated record on the values the index holds until it is reindexed, and returns its current values', async () => {
    const session = await server.client.createOrg(undefined, { searchIndexDelaySeconds: 120 });
    const id = await server.client.insert(session.orgId, 'Lead', { LastName: 'Mover', Company: 'Old Number Co', Phone: '415-555-0181' });
    const patched = await sf(session, `/sobjects/Lead/${id}`, { method: 'PATCH', body: { Phone: '415-555-0182', Company: 'New Number Co' } });
    assert.equal(patched.status, 204);
    const byOld = await phoneSearch(session, '4155550181', 'Lead(Id, Phone, Company)');
    assert.deepEqual(byOld, [{ attributes: { type: 'Lead', url: `${V}/sobjects/Lead/${id}` }, Id: id, Phone: '415-555-0182', Company: 'New Number Co' }], 'found by the old number, shown as it is now');
    assert.deepEqual(await phoneSearch(session, '4155550182'), [], 'the new number is not indexed yet');
    assert.equal(await soqlCount(session, "SELECT Id FROM Lead WHERE Phone = '415-555-0182'"), 1);
    await server.client.advanceClock(120, session.orgId);
    assert.deepEqual(await phoneSearch(session, '4155550181'), []);
    assert.deepEqual((await phoneSearch(session, '4155550182')).map((r) => r.Id), [id]);
  });

  it('never returns a deleted record, indexed or not', async () => {
    const session = await server.client.createOrg(undefined, { searchIndexDelaySeconds: 0 });
    const id = await server.client.insert(session.orgId, 'Lead', { LastName: 'Gone', Company: 'Gone Co', Phone: '415-555-0183' });
    assert.equal((await phoneSearch(session, '4155550183')).length, 1);
    assert.equal((await sf(session, `/sobjects/Lead/${id}`, { method: 'DELETE' })).status, 204);
    assert.deepEqual(await phoneSearch(session, '4155550183'), []);
  });

  it('queues composite writes like any REST write, and a delay of 0 makes them searchable at once', async () => {
    const session = await server.client.createOrg();
    const composite = await sf(session, '/composite', {
      method: 'POST',
      body: { compositeRequest: [{ method: 'POST', url: `${V}/sobjects/Task`, referenceId: 'log', body: { Subject: 'Call Inbound', ContactPad_Caller_Number__c: '+14155550184' } }] },
    });
    assert.equal(composite.status, 200);
    assert.deepEqual(await phoneSearch(session, '\\+14155550184', 'Task(Id)'), []);
    assert.equal(await soqlCount(session, "SELECT Id FROM Task WHERE ContactPad_Caller_Number__c = '+14155550184'"), 1);
    await server.client.setSearchIndexDelay(session.orgId, 0);
    assert.equal((await phoneSearch(session, '\\+14155550184', 'Task(Id)')).length, 1);
  });

  it('moves record stamps with the clock: one org\'s clock alone, or every org\'s', async () => {
    const session = await server.client.createOrg(undefined, { searchIndexDelaySeconds: 0 });
    const other = await server.client.createOrg();
    const start = Date.parse((await server.client.clock(session.orgId)).now.replace('+0000', 'Z'));
    const moved = await server.client.advanceClock(3600, session.orgId);
    assert.equal(moved.offsetSeconds, 3600);
    const id = (await sf(session, '/sobjects/Lead', { method: 'POST', body: { LastName: 'Later', Company: 'Later Co' } }).then((r) => r.body as { id: string })).id;
    const [lead] = ((await sf(session, queryPath(`SELECT CreatedDate FROM Lead WHERE Id = '${id}'`))).body as Query).records;
    const created = Date.parse(String(lead?.CreatedDate).replace('+0000', 'Z'));
    assert.ok(created - start >= 3600_000 && created - start < 3660_000, `CreatedDate ${String(lead?.CreatedDate)} is an hour on`);
    assert.equal((await server.client.clock(other.orgId)).offsetSeconds, 0, 'the other org keeps its time');
    const everyOrg = await server.client.advanceClock(60);
    assert.equal(everyOrg.offsetSeconds, 60);
    assert.equal((await server.client.clock(other.orgId)).offsetSeconds, 60);
    assert.equal((await server.client.clock(session.orgId)).offsetSeconds, 3660);
    assert.match((await server.client.clock()).now, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
  });

  it('puts the clock and the delay back as created on reset', async () => {
    const session = await server.client.createOrg(undefined, { searchIndexDelaySeconds: 90 });
    await server.client.setSearchIndexDelay(session.orgId, 5);
    await server.client.advanceClock(30, session.orgId);
    await server.client.resetOrg(session.orgId);
    assert.equal(await server.client.searchIndexDelay(session.orgId), 90);
    assert.equal((await server.client.clock(session.orgId)).offsetSeconds, (await server.client.clock()).offsetSeconds);
  });
});
