import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startDevServer } from '@web/dev-server';
import { FakeOrgClient } from './client.ts';
import { fakeOrgMiddleware } from './http.ts';

type DevServer = Awaited<ReturnType<typeof startDevServer>>;

let server: DevServer;
let baseUrl: string;

before(async () => {
  server = await startDevServer({
    config: { port: 0, hostname: '127.0.0.1', rootDir: process.cwd(), middleware: [fakeOrgMiddleware] },
    readCliArgs: false,
    readFileConfig: false,
    logStartMessage: false,
  });
  const address = server.server?.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
after(() => server.stop());

describe('the fake org inside the web-test-runner dev server', () => {
  it('answers the control API and the REST API, and leaves files to the dev server', async () => {
    const client = new FakeOrgClient(baseUrl);
    const org = await client.createOrg('demo');
    const search = await fetch(`${baseUrl}/services/data/v62.0/search?q=${encodeURIComponent('FIND {4155550100} IN PHONE FIELDS RETURNING Lead(Name)')}`, {
      headers: { Authorization: `Bearer ${org.accessToken}` },
    });
    assert.equal(search.status, 200);
    assert.equal(search.headers.get('sforce-limit-info'), 'api-usage=1/15000');
    assert.deepEqual(((await search.json()) as { searchRecords: Array<{ Name: string }> }).searchRecords.map((r) => r.Name), ['Maria Lopez']);
    const created = await fetch(`${baseUrl}/services/data/v62.0/sobjects/Task`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${org.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ Subject: 'Call Inbound' }),
    });
    assert.equal(created.status, 201);
    assert.equal((await client.records(org.orgId, 'Task')).filter((t) => t.Subject === 'Call Inbound').length, 2);
    assert.equal((await fetch(`${baseUrl}/package.json`)).status, 200);
  });
});
