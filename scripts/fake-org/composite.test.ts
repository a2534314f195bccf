import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FakeOrgSession } from './client.ts';
import { sf, startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

type Composite = { compositeResponse: Array<{ body: unknown; httpHeaders: Record<string, string>; httpStatusCode: number; referenceId: string }> };

let server: FakeOrgServer;
let org: FakeOrgSession;

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg();
});
after(() => server.close());

const V = '/services/data/v62.0';

describe('composite', () => {
  it('runs subrequests in order with @{ref.id} references and counts as one API request', async () => {
    const before = await server.client.apiUsage(org.orgId);
    const answer = await sf(org, '/composite', {
      method: 'POST',
      body: {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'NewAccount', body: { Name: 'Harbor Coffee' } },
          { method: 'POST', url: `${V}/sobjects/Contact`, referenceId: 'NewContact', body: { LastName: 'Okafor', AccountId: '@{NewAccount.id}', Phone: '(312) 555-0142' } },
          { method: 'GET', url: `${V}/sobjects/Contact/@{NewContact.id}?fields=AccountId`, referenceId: 'ReadBack' },
          { method: 'GET', url: `${V}/query?q=SELECT+Id,Name+FROM+Account`, referenceId: 'Accounts' },
          { method: 'PATCH', url: `${V}/sobjects/Account/@{Accounts.records[0].Id}`, referenceId: 'Rename', body: { Name: 'Harbor Coffee Roasters' } },
        ],
      },
    });
    assert.equal(answer.status, 200);
    const [account, contact, readBack, accounts, rename] = (answer.body as Composite).compositeResponse;
    assert.equal(account?.httpStatusCode, 201);
    const accountId = (account?.body as { id: string }).id;
    assert.equal(account?.httpHeaders.Location, `${V}/sobjects/Account/${accountId}`);
    assert.equal(contact?.httpStatusCode, 201);
    assert.equal((readBack?.body as { AccountId: string }).AccountId, accountId);
    assert.equal(accounts?.referenceId, 'Accounts');
    assert.deepEqual([rename?.httpStatusCode, rename?.body], [204, null]);
    const stored = await server.client.records(org.orgId, 'Account');
    assert.deepEqual(stored.map((r) => r.Name), ['Harbor Coffee Roasters']);
    assert.equal(await server.client.apiUsage(org.orgId), before + 1);
    assert.equal(answer.headers.get('sforce-limit-info'), `api-usage=${before + 1}/15000`);
  });

  it('with allOrNone, rolls every change back when one subrequest fails', async () => {
    const answer = await sf(org, '/composite', {
      method: 'POST',
      body: {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'Good', body: { Name: 'Rolled Back Ltd' } },
          { method: 'POST', url: `${V}/sobjects/Task`, referenceId: 'Bad', body: { CallType: 'Sideways' } },
          { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'After', body: { Name: 'Never Made' } },
        ],
      },
    });
    const [good, bad, afterIt] = (answer.body as Composite).compositeResponse;
    assert.equal(bad?.httpStatusCode, 400);
    assert.equal((bad?.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    for (const halted of [good, afterIt]) {
      assert.equal(halted?.httpStatusCode, 400);
      assert.equal((halted?.body as Array<{ errorCode: string }>)[0]?.errorCode, 'PROCESSING_HALTED');
    }
    const names = (await server.client.records(org.orgId, 'Account')).map((r) => r.Name);
    assert.ok(!names.includes('Rolled Back Ltd') && !names.includes('Never Made'));
  });

  it('without allOrNone, keeps what succeeded and halts only subrequests that reference a failed one', async () => {
    const answer = await sf(org, '/composite', {
      method: 'POST',
      body: {
        compositeRequest: [
          { method: 'POST', url: `${V}/sobjects/Lead`, referenceId: 'NoCompany', body: { LastName: 'Ng' } },
          { method: 'POST', url: `${V}/sobjects/Task`, referenceId: 'Follow', body: { Subject: 'Call', WhoId: '@{NoCompany.id}' } },
          { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'Kept', body: { Name: 'Kept Inc' } },
        ],
      },
    });
    const codes = (answer.body as Composite).compositeResponse.map((r) => [r.httpStatusCode, (r.body as Array<{ errorCode?: string }>)[0]?.errorCode]);
    assert.deepEqual(codes, [[400, 'REQUIRED_FIELD_MISSING'], [400, 'PROCESSING_HALTED'], [201, undefined]]);
    assert.ok((await server.client.records(org.orgId, 'Account')).some((r) => r.Name === 'Kept Inc'));
  });

  it('refuses a Search or Parameterized Search subrequest, which composite does not run (rolling the others back under allOrNone)', async () => {
    const before = await server.client.apiUsage(org.orgId);
    const answer = await sf(org, '/composite', {
      method: 'POST',
      body: {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: `${V}/sobjects/Account`, referenceId: 'Created', body: { Name: 'Search Rollback Ltd' } },
          { method: 'GET', url: `${V}/search?q=${encodeURIComponent('FIND {4155550100} IN PHONE FIELDS RETURNING Lead(Id)')}`, referenceId: 'Search' },
          { method: 'GET', url: `${V}/parameterizedSearch?q=4155550100&sobject=Lead`, referenceId: 'Parameterized' },
        ],
      },
    });
    assert.equal(answer.status, 200);
    const [created, search, parameterized] = (answer.body as Composite).compositeResponse;
    const notFound = [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }];
    assert.deepEqual([search?.httpStatusCode, search?.body], [404, notFound]);
    assert.equal(parameterized?.httpStatusCode, 400, 'halted after the failure');
    assert.equal(created?.httpStatusCode, 400, 'rolled back');
    assert.equal((await server.client.records(org.orgId, 'Account')).some((r) => r.Name === 'Search Rollback Ltd'), false);
    assert.equal(await server.client.apiUsage(org.orgId), before + 1);

    const alone = await sf(org, '/composite', {
      method: 'POST',
      body: { compositeRequest: [{ method: 'GET', url: `${V}/parameterizedSearch?q=4155550100&sobject=Lead`, referenceId: 'Parameterized' }] },
    });
    assert.deepEqual((alone.body as Composite).compositeResponse.map((r) => [r.httpStatusCode, r.body]), [[404, notFound]]);
  });

  it('runs the resources composite supports: sObject resources, Query and QueryAll', async () => {
    const answer = await sf(org, '/composite', {
      method: 'POST',
      body: {
        compositeRequest: [
          { method: 'GET', url: `${V}/sobjects/Lead/describe`, referenceId: 'Describe' },
          { method: 'GET', url: `${V}/query?q=SELECT+Id+FROM+Account`, referenceId: 'Query' },
          { method: 'GET', url: `${V}/queryAll?q=SELECT+Id+FROM+Account`, referenceId: 'QueryAll' },
          { method: 'GET', url: `${V}/limits`, referenceId: 'Limits' },
        ],
      },
    });
    assert.deepEqual((answer.body as Composite).compositeResponse.map((r) => r.httpStatusCode), [200, 200, 200, 404]);
  });

  it('refuses more than 25 subrequests', async () => {
    const compositeRequest = Array.from({ length: 26 }, (_, i) => ({ method: 'GET', url: `${V}/limits`, referenceId: `r${i}` }));
    const answer = await sf(org, '/composite', { method: 'POST', body: { compositeRequest } });
    assert.equal(answer.status, 400);
    assert.match((answer.body as Array<{ message: string }>)[0]?.message ?? '', /25/);
  });
});
