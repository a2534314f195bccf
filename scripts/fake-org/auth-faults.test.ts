import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { queryPath, sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

let server: FakeOrgServer;

before(async () => {
  server = await startFakeOrgServer();
});
after(() => server.close());

const LEADS = queryPath('SELECT Id FROM Lead');
const errorBody = (body: unknown) => body as Array<{ message: string; errorCode: string }>;

describe('API usage', () => {
  it('counts each API request in Sforce-Limit-Info and not the control API', async () => {
    const org = await server.client.createOrg(undefined, { dailyLimit: 100000 });
    for (let i = 1; i <= 3; i++) {
      const answer = await sf(org, LEADS);
      assert.equal(answer.headers.get('sforce-limit-info'), `api-usage=${i}/100000`);
      assert.equal(answer.headers.get('content-type'), 'application/json;charset=UTF-8');
    }
    await server.client.records(org.orgId, 'Lead');
    await server.client.insert(org.orgId, 'Lead', { LastName: 'Quiet', Company: 'Control API Co' });
    assert.equal(await server.client.apiUsage(org.orgId), 3);
  });

  it('answers 403 REQUEST_LIMIT_EXCEEDED once the daily allocation is spent', async () => {
    const org = await server.client.createOrg(undefined, { dailyLimit: 2 });
    assert.equal((await sf(org, LEADS)).status, 200);
    assert.equal((await sf(org, LEADS)).status, 200);
    const refused = await sf(org, LEADS);
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    await server.client.setApiUsage(org.orgId, { used: 0 });
    assert.equal((await sf(org, LEADS)).status, 200);
  });
});

describe('authentication', () => {
  it('answers 401 INVALID_SESSION_ID with WWW-Authenticate when the token is missing or empty', async () => {
    const org = await server.client.createOrg();
    for (const token of [null, '']) {
      const answer = await sf(org, LEADS, { token });
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
      assert.equal(answer.headers.get('www-authenticate'), 'Token');
    }
  });

  it('selects the org by the token\'s org id, and sends any other token to the DEFAULT org', async () => {
    const mine = await server.client.createOrg();
    await sf(mine, '/sobjects/Account', { method: 'POST', body: { Name: 'Only In My Org' } });
    assert.deepEqual((await server.client.records(mine.orgId, 'Account')).map((r) => r.Name), ['Only In My Org']);
    const local = { ...mine, accessToken: 'whatever-the-console-has' };
    await sf(local, '/sobjects/Account', { method: 'POST', body: { Name: 'Made From The Console' } });
    assert.ok((await server.client.records('default', 'Account')).some((r) => r.Name === 'Made From The Console'));
    assert.ok(!(await server.client.records(mine.orgId, 'Account')).some((r) => r.Name === 'Made From The Console'));
  });

  it('exposes the DEFAULT org with the demo data', async () => {
    const info = await server.client.org('default');
    assert.match(info.orgId, /^00D[0-9A-Za-z]{15}$/);
    assert.ok(info.accessToken.startsWith(`${info.orgId.slice(0, 15)}!`));
    const leads = await server.client.records('default', 'Lead');
    assert.ok(leads.some((lead) => lead.Name === 'Maria Lopez'));
  });
});

describe('faults', () => {
  it('expired sessions answer 401 for the next N requests, then the session works again', async () => {
    const org = await server.client.createOrg();
    await server.client.setFault(org.orgId, { kind: 'sessionExpired', times: 2 });
    for (let i = 0; i < 2; i++) {
      const answer = await sf(org, LEADS);
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.body, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }], 'Salesforce\'s error list (store.ts cites the source)');
      assert.equal(answer.headers.get('www-authenticate'), 'Token');
    }
    assert.equal((await sf(org, LEADS)).status, 200);
  });

  it('unavailable answers 503 SERVER_UNAVAILABLE until cleared', async () => {
    const org = await server.client.createOrg();
    await server.client.setFault(org.orgId, { kind: 'unavailable' });
    for (let i = 0; i < 3; i++) {
      const answer = await sf(org, LEADS);
      assert.equal(answer.status, 503);
      assert.deepEqual(answer.body, [{ message: 'Too many requests waiting for connections', errorCode: 'SERVER_UNAVAILABLE' }], "Salesforce's error list (salesforce-error.ts cites the source)");
    }
    await server.client.clearFaults(org.orgId);
    assert.equal((await sf(org, LEADS)).status, 200);
  });

  it('requestLimit answers 403 REQUEST_LIMIT_EXCEEDED, and faults do not spend API usage', async () => {
    const org = await server.client.createOrg();
    await server.client.setFault(org.orgId, { kind: 'requestLimit', times: 1 });
    const refused = await sf(org, LEADS);
    assert.equal(refused.status, 403);
    assert.deepEqual(refused.body, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
    assert.equal(await server.client.apiUsage(org.orgId), 0);
    assert.equal((await sf(org, LEADS)).status, 200);
  });

  it('a hung request stays unanswered while other requests are answered, and answers once faults are cleared', async () => {
    const org = await server.client.createOrg();
    const other = await server.client.createOrg();
    await server.client.setFault(org.orgId, { kind: 'hang', times: 1 });
    let settled = false;
    const hung = sf(org, LEADS).then((answer) => {
      settled = true;
      return answer;
    });
    assert.equal((await sf(other, LEADS)).status, 200);
    assert.equal((await sf(org, LEADS)).status, 200);
    assert.equal(settled, false);
    await server.client.clearFaults(org.orgId);
    assert.equal((await hung).status, 200);
  });

  it('a hang with ms answers by itself after the delay', async () => {
    const org = await server.client.createOrg();
    await server.client.setFault(org.orgId, { kind: 'hang', ms: 50, times: 1 });
    assert.equal((await sf(org, LEADS)).status, 200);
    assert.deepEqual(await (await fetch(`${server.baseUrl}/__fake-org/orgs/${org.orgId}/faults`)).json(), { faults: [] });
  });

  it('the control API refuses an unknown fault kind and an unknown org', async () => {
    const org = await server.client.createOrg();
    await assert.rejects(server.client.setFault(org.orgId, { kind: 'meltdown' } as never), /400/);
    await assert.rejects(server.client.apiUsage('00D000000000000'), /404/);
  });
});

describe('routes', () => {
  it('lists versions without a token, and answers 404 NOT_FOUND for an unknown resource', async () => {
    const versions = await fetch(`${server.baseUrl}/services/data/`);
    assert.equal(versions.status, 200);
    assert.ok(((await versions.json()) as Array<{ version: string }>).some((v) => v.version === '62.0'));
    const org = await server.client.createOrg();
    const resources = await sf(org, '/');
    assert.equal((resources.body as Record<string, string>).query, '/services/data/v62.0/query');
    const missing = await sf(org, '/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(errorBody(missing.body)[0]?.errorCode, 'NOT_FOUND');
  });

  it('leaves other paths to the host server', async () => {
    const answer = await fetch(`${server.baseUrl}/widget/index.html`);
    assert.equal(await answer.text(), 'not the fake org');
  });
});
