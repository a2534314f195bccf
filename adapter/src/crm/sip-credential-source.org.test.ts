import { expect } from '@open-wc/testing';
import { isContactPadError, type ContactPadError } from '../model/errors.ts';
import { createSipCredentialSource } from './sip-credential-source.ts';
import { agentOrg, fakeOrg, type FakeOrgSession } from '../../test-support/fake-org.ts';
import { rejectionOf } from '../../test-support/thrown.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;

const sourceFor = (session: FakeOrgSession, timeoutMs?: number) =>
  createSipCredentialSource({ instanceUrl: session.instanceUrl, accessToken: session.accessToken, ...(timeoutMs ? { timeoutMs } : {}) });

async function failure(session: FakeOrgSession, timeoutMs?: number): Promise<ContactPadError> {
  const error = await rejectionOf(sourceFor(session, timeoutMs)());
  expect(isContactPadError(error), String(error)).to.equal(true);
  return error as ContactPadError;
}

describe('the SIP credential source, against the org', () => {
  it('gets the signed-in agent\'s credential for their SIP user: the pair, its lifetime, no TURN pair without a TURN secret', async () => {
    const { agent } = await agentOrg();
    const before = Math.floor(Date.now() / 1000);
    const credential = await sourceFor(agent)();
    expect(credential.sipUser).to.equal('agent1');
    expect(credential.ttlSeconds).to.equal(12 * 3600);
    const [expiry, user] = credential.username.split(':');
    expect(user).to.equal('agent1');
    expect(Number(expiry)).to.be.within(before + credential.ttlSeconds, before + credential.ttlSeconds + 60);
    expect(credential.password).to.match(/^[A-Za-z0-9+/]{27}=$/, 'base64 of a 20-byte HMAC-SHA1');
    expect(credential.turn).to.equal(undefined);
    expect(Object.isFrozen(credential)).to.equal(true);
  });

  it('brings the TURN pair when the org has a TURN secret', async () => {
    const { agent } = await agentOrg({ turnSecret: 'turn-secret' });
    const credential = await sourceFor(agent)();
    expect(credential.turn?.username).to.equal(credential.username);
    expect(credential.turn?.password).to.match(/^[A-Za-z0-9+/]{27}=$/);
    expect(credential.turn?.password).not.to.equal(credential.password);
  });

  it('says what the admin must set when the org has no SIP secret', async () => {
    const { agent } = await agentOrg({ secret: null });
    const error = await failure(agent);
    expect(error.code).to.equal('SIP_CREDENTIAL_UNAVAILABLE');
    expect(error.detail).to.include({ errorCode: 'SIP_EDGE_NOT_CONFIGURED', reason: 'SIP_EDGE_NOT_CONFIGURED', status: 500 });
    expect(error.message).to.equal(
      "The phone cannot register without a SIP credential from Salesforce: Salesforce has no SIP secret to sign it with. A Salesforce admin sets the SIP Secret in Setup > Custom Settings > ContactPad SIP Edge (the same secret as the SIP server's).",
    );
  });

  it('says the agent has no SIP user (the org\'s own session runs as its integration user, who has none)', async () => {
    const { org } = await agentOrg();
    const error = await failure(org);
    expect(error.code).to.equal('SIP_CREDENTIAL_UNAVAILABLE');
    expect(error.detail).to.include({ errorCode: 'NO_SIP_USER', status: 404 });
    expect(error.message).to.contain('has no ContactPad SIP User. A Salesforce admin fills it.');
  });

  it('says the agent needs the permission set, or force-app deployed, when Apex REST refuses the class', async () => {
    const { org, agent } = await agentOrg();
    await fakeOrg.setApexClassAccess(org.orgId, 'ContactPadSipCredential', { access: false });
    const forbidden = await failure(agent);
    expect(forbidden.detail).to.include({ errorCode: 'FORBIDDEN', status: 403 });
    expect(forbidden.message).to.contain('assigns the ContactPad Agent permission set');
    await fakeOrg.setApexClassAccess(org.orgId, 'ContactPadSipCredential', { deployed: false, access: true });
    const missing = await failure(agent);
    expect(missing.detail).to.include({ errorCode: 'NOT_FOUND', status: 404 });
    expect(missing.message).to.contain('is not deployed in this org');
  });

  it('keeps an expired session\'s own code (reload the console), and says when Salesforce is unavailable, out of API requests or out of reach', async () => {
    const { org, agent } = await agentOrg();
    await fakeOrg.setFault(org.orgId, { kind: 'sessionExpired', times: 1 });
    const expired = await failure(agent);
    expect(expired.code).to.equal('CRM_SESSION_EXPIRED');
    expect(expired.message).to.contain('the phone cannot get its SIP credential: reload the console');

    await fakeOrg.setFault(org.orgId, { kind: 'unavailable', times: 1 });
    const unavailable = await failure(agent);
    expect(unavailable.code).to.equal('SIP_CREDENTIAL_UNAVAILABLE');
    expect(unavailable.detail).to.include({ errorCode: 'SERVER_UNAVAILABLE', reason: 'server', status: 503 });
    expect(unavailable.message).to.contain('Salesforce is unavailable; the phone registers as soon as Salesforce answers again');

    await fakeOrg.setFault(org.orgId, { kind: 'requestLimit', times: 1 });
    const limit = await failure(agent);
    expect(limit.code).to.equal('SIP_CREDENTIAL_UNAVAILABLE');
    expect(limit.detail).to.include({ errorCode: 'REQUEST_LIMIT_EXCEEDED', reason: 'limit', status: 403 });
    expect(limit.message).to.equal('The phone cannot register without a SIP credential from Salesforce: the org has used up its Salesforce API requests for now; the phone registers as soon as Salesforce answers again');

    await fakeOrg.setFault(org.orgId, { kind: 'hang', ms: 2000, times: 1 });
    const timedOut = await failure(agent, 200);
    expect(timedOut.code).to.equal('SIP_CREDENTIAL_UNAVAILABLE');
    expect(timedOut.detail).to.include({ reason: 'network' });
    expect(timedOut.message).to.contain('Salesforce could not be reached for it');
    await fakeOrg.clearFaults(org.orgId);
  });

  it('refuses an answer that is not a credential', async () => {
    const source = createSipCredentialSource({ instanceUrl: '', accessToken: 'x', fetch: async () => new Response('{"username":"agent1","password":"p","ttl":60}', { status: 200 }) });
    const error = await rejectionOf(source());
    expect(isContactPadError(error, 'SIP_CREDENTIAL_UNAVAILABLE')).to.equal(true);
    expect((error as ContactPadError).detail).to.deep.equal({ reason: 'malformed' });
  });
});
