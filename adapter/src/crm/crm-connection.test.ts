import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import type { ContactPadError } from '../model/errors.ts';
import { CrmConnection } from './crm-connection.ts';
import { connectTo, fakeOrg } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';
import { waitUntil } from '../../test-support/wait-for.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const SOSL = 'FIND {4155550100} IN PHONE FIELDS RETURNING Contact(Id, Name)';

function expectCode(error: unknown, code: ContactPadError['code']): ContactPadError {
  expect(isContactPadError(error), String(error)).to.equal(true);
  expect((error as ContactPadError).code, (error as Error).message).to.equal(code);
  return error as ContactPadError;
}

describe('the connection to the org', () => {
  it('is created without a single request', async () => {
    const session = await fakeOrg.createOrg();
    const before = await fakeOrg.apiUsage(session.orgId);
    connectTo(session);
    expect(await fakeOrg.apiUsage(session.orgId)).to.equal(before);
  });

  it('refuses a bad setting by name, and never repeats the token', () => {
    const good = { instanceUrl: 'https://acme.my.salesforce.com', accessToken: '00Dxx!SECRET', apiVersion: '62.0', timeoutMs: 5000 };
    const bad = [
      { ...good, instanceUrl: 'acme' },
      { ...good, accessToken: ' ' },
      { ...good, apiVersion: 'v62' },
      { ...good, timeoutMs: 0 },
    ];
    for (const config of bad) {
      let caught: unknown;
      try {
        new CrmConnection(config);
      } catch (error) {
        caught = error;
      }
      const error = expectCode(caught, 'INVALID_CONFIGURATION');
      expect(error.message).to.not.contain('SECRET');
    }
  });

  it('searches with SOSL and answers the records', async () => {
    const session = await fakeOrg.createOrg();
    const id = await fakeOrg.insert(session.orgId, 'Contact', { FirstName: 'Bob', LastName: 'Jones', Phone: '(415) 555-0100' });
    const records = await connectTo(session).search(SOSL);
    expect(records.map((r) => r['Id'])).to.deep.equal([id]);
    expect(records[0]?.attributes?.type).to.equal('Contact');
  });

  it('reads the API usage from the Sforce-Limit-Info header', async () => {
    const session = await fakeOrg.createOrg();
    const connection = connectTo(session);
    await connection.search(SOSL);
    expect(connection.apiUsage?.used).to.equal(await fakeOrg.apiUsage(session.orgId));
    expect(connection.apiUsage?.limit).to.be.greaterThan(0);
  });

  it('reports 401 INVALID_SESSION_ID as an expired session, without the token in the error', async () => {
    const session = await fakeOrg.createOrg();
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired' });
    const error = expectCode(await rejectionOf(connectTo(session).search(SOSL)), 'CRM_SESSION_EXPIRED');
    expect(error.detail).to.deep.equal({ errorCode: 'INVALID_SESSION_ID' });
    expect(`${error.message} ${JSON.stringify(error.detail)}`).to.not.contain(session.accessToken);
  });

  it('reports 503 SERVER_UNAVAILABLE as Salesforce unavailable', async () => {
    const session = await fakeOrg.createOrg();
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable' });
    const error = expectCode(await rejectionOf(connectTo(session).search(SOSL)), 'CRM_UNAVAILABLE');
    expect(error.detail).to.deep.include({ reason: 'server', errorCode: 'SERVER_UNAVAILABLE' });
  });

  it('reports REQUEST_LIMIT_EXCEEDED as the API limit', async () => {
    const session = await fakeOrg.createOrg();
    await fakeOrg.setFault(session.orgId, { kind: 'requestLimit' });
    expectCode(await rejectionOf(connectTo(session).search(SOSL)), 'CRM_REQUEST_LIMIT');
  });

  it('tells who listens each time Salesforce answers a request with a success, not when it refuses one', async () => {
    const session = await fakeOrg.createOrg();
    const connection = connectTo(session);
    let answers = 0;
    const stop = connection.onAnswer(() => answers++);
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
    await fakeOrg.setFault(session.orgId, { kind: 'requestLimit', times: 1 });
    await rejectionOf(connection.search(SOSL));
    await rejectionOf(connection.search(SOSL));
    expect(answers, 'a 503 and a 403 are no answer').to.equal(0);
    await connection.search(SOSL);
    await connection.query('SELECT Id FROM Lead');
    expect(answers).to.equal(2);
    stop();
    await connection.search(SOSL);
    expect(answers, 'nothing after stop').to.equal(2);
  });

  it('does not tell of an answer that came after the timeout (a slow org is not a sign it is back)', async () => {
    const session = await fakeOrg.createOrg();
    const connection = connectTo(session, 300);
    await connection.preload();
    let answers = 0;
    connection.onAnswer(() => answers++);
    await fakeOrg.setFault(session.orgId, { kind: 'hang', ms: 600, times: 1 });
    const before = await fakeOrg.apiUsage(session.orgId);
    expectCode(await rejectionOf(connection.search(SOSL)), 'CRM_UNAVAILABLE');
    await waitUntil(async () => (await fakeOrg.apiUsage(session.orgId)) === before + 1, 'the late answer given');
    await connection.search(SOSL); // the next answer, in time: told; the late one came before it
    expect(answers).to.equal(1);
  });

  it('gives up on a request that hangs, as Salesforce unavailable (timeout)', async () => {
    const session = await fakeOrg.createOrg();
    const connection = connectTo(session, 300);
    await connection.preload();
    await fakeOrg.setFault(session.orgId, { kind: 'hang' });
    try {
      const error = expectCode(await rejectionOf(connection.search(SOSL)), 'CRM_UNAVAILABLE');
      expect(error.detail['reason']).to.equal('timeout');
    } finally {
      await fakeOrg.clearFaults(session.orgId);
    }
  });

  it('reports a malformed search as a rejected request with the Salesforce errorCode', async () => {
    const session = await fakeOrg.createOrg();
    const error = expectCode(await rejectionOf(connectTo(session).search('FIND {415-555} IN PHONE FIELDS')), 'CRM_REQUEST_REJECTED');
    expect(error.detail['errorCode']).to.equal('MALFORMED_SEARCH');
  });

  it('says when Salesforce stops taking the session (401) and when it takes it again, once per change', async () => {
    const session = await fakeOrg.createOrg();
    const connection = connectTo(session);
    const told: Array<[string, string | undefined]> = [];
    const stop = connection.watchSession((state, error) => told.push([state, error?.code]));
    expect(connection.session, 'working until Salesforce says otherwise').to.equal('working');
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 2 });
    expectCode(await rejectionOf(connection.search(SOSL)), 'CRM_SESSION_EXPIRED');
    expectCode(await rejectionOf(connection.query('SELECT Id FROM Lead')), 'CRM_SESSION_EXPIRED');
    expect(connection.session).to.equal('expired');
    await connection.search(SOSL);
    await connection.query('SELECT Id FROM Lead');
    expect(connection.session).to.equal('working');
    expect(told).to.deep.equal([['expired', 'CRM_SESSION_EXPIRED'], ['working', undefined]]);
    // Other failures say nothing of the session.
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
    expectCode(await rejectionOf(connection.search(SOSL)), 'CRM_UNAVAILABLE');
    expect(connection.session).to.equal('working');
    stop();
    await fakeOrg.setFault(session.orgId, { kind: 'sessionExpired', times: 1 });
    await rejectionOf(connection.search(SOSL));
    expect(told, 'nothing after stop').to.have.length(2);
  });

  it('works again once the org recovers', async () => {
    const session = await fakeOrg.createOrg();
    const connection = connectTo(session);
    await fakeOrg.setFault(session.orgId, { kind: 'unavailable', times: 1 });
    expectCode(await rejectionOf(connection.search(SOSL)), 'CRM_UNAVAILABLE');
    expect(await connection.search(SOSL)).to.deep.equal([]);
  });
});
