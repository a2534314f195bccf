/**
 * The fake org's SIP credential endpoint, GET /services/apexrest/contactpad/sip-credential, as
 * force-app's ContactPadSipCredential answers it (apex-rest.ts cites each rule): the running
 * user's credential signed with the org's secret (checked here with node:crypto, not the signer),
 * its lifetime and TURN credential, its errors, and the Apex REST runtime around it.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { FakeOrgSession } from './client.ts';
import { startFakeOrgServer, type FakeOrgServer } from './test-server.ts';
import { newEdgeSecret } from '../sip-server/sip-credential.ts';

const PATH = '/services/apexrest/contactpad/sip-credential';

let server: FakeOrgServer;
let org: FakeOrgSession;
let agent: FakeOrgSession & { userId: string };
const secret = newEdgeSecret();

/** Calls an Apex REST URL with a token (null: none). */
async function apex(session: { instanceUrl: string; accessToken: string }, init: { path?: string; method?: string; token?: string | null } = {}) {
  const token = init.token === undefined ? session.accessToken : init.token;
  const response = await fetch(`${session.instanceUrl}${init.path ?? PATH}`, {
    method: init.method ?? 'GET',
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** base64(HMAC-SHA1(key, text)), computed here rather than by the fake's signer. */
const hmac = (key: string, text: string) => createHmac('sha1', key).update(text).digest('base64');

interface Credential {
  sipUser: string;
  username: string;
  password: string;
  expires: number;
  ttl: number;
  turn?: { username: string; password: string; expires: number; ttl: number };
}

before(async () => {
  server = await startFakeOrgServer();
  org = await server.client.createOrg();
  const userId = await server.client.insert(org.orgId, 'User', { FirstName: 'Alex', LastName: 'Morgan', Username: 'alex.morgan@contactpad.example', ContactPad_SIP_User__c: 'agent1' });
  agent = await server.client.createSession(org.orgId, userId);
  await server.client.setSipCredentialSecret(secret);
});
afterEach(async () => {
  await server.client.clearSipCredentialSecret(org.orgId);
  await server.client.clearFaults(org.orgId);
});
after(async () => {
  await server.client.clearSipCredentialSecret();
  await server.close();
});

describe('the SIP credential endpoint (ContactPadSipCredential)', () => {
  it('gives the running user a credential for their SIP user, signed with the secret the SIP server has, for a 12-hour shift', async () => {
    const used = await server.client.apiUsage(org.orgId);
    const before = Math.floor(Date.now() / 1000);
    const answer = await apex(agent);
    const after = Math.ceil(Date.now() / 1000);
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/json;charset=UTF-8');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
    const body = answer.body as Credential;
    assert.deepEqual(Object.keys(body).sort(), ['expires', 'password', 'sipUser', 'ttl', 'username'], 'no "turn" without a TURN secret');
    assert.equal(body.sipUser, 'agent1');
    assert.equal(body.ttl, 12 * 3600);
    assert.ok(body.expires >= before + body.ttl && body.expires <= after + body.ttl, `expires ${body.expires}`);
    assert.equal(body.username, `${body.expires}:agent1`);
    assert.equal(body.password, hmac(secret, body.username));
    assert.equal(await server.client.apiUsage(org.orgId), used + 1, 'Apex REST calls count against the API limits');
    assert.match(answer.headers.get('sforce-limit-info') ?? '', /^api-usage=\d+\/\d+$/);
  });

  it('adds a TURN credential signed with the TURN secret, and keeps the lifetime within 10 minutes and a day', async () => {
    await server.client.setSipCredentialSecret(secret, { orgId: org.orgId, turnSecret: 'turn-secret', lifetimeMinutes: 5 });
    const body = (await apex(agent)).body as Credential;
    assert.equal(body.ttl, 600);
    assert.ok(body.turn);
    assert.equal(body.turn.username, body.username);
    assert.equal(body.turn.password, hmac('turn-secret', body.turn.username));
    assert.equal(body.password, hmac(secret, body.username), 'the org\'s own setting signs');
    await server.client.setSipCredentialSecret(secret, { orgId: org.orgId, lifetimeMinutes: 99_999 });
    assert.equal(((await apex(agent)).body as Credential).ttl, 24 * 3600);
  });

  it('signs with the org\'s own clock, so an org whose clock is behind issues a credential that is already expired', async () => {
    const skewed = await server.client.createOrg();
    const userId = await server.client.insert(skewed.orgId, 'User', { LastName: 'Skewed', Username: 'skewed@contactpad.example', ContactPad_SIP_User__c: 'agent9' });
    const session = await server.client.createSession(skewed.orgId, userId);
    await server.client.advanceClock(-13 * 3600, skewed.orgId);
    const body = (await apex(session)).body as Credential;
    assert.ok(body.expires * 1000 < Date.now(), 'expired by the SIP server\'s clock');
    assert.equal(body.password, hmac(secret, body.username));
  });

  it('answers 500 SIP_EDGE_NOT_CONFIGURED, saying what the admin sets, when the org has no secret', async () => {
    await server.client.setSipCredentialSecret(null, { orgId: org.orgId, turnSecret: 'turn-secret' });
    const answer = await apex(agent);
    assert.equal(answer.status, 500);
    const [error] = answer.body as Array<{ errorCode: string; message: string }>;
    assert.equal(error?.errorCode, 'SIP_EDGE_NOT_CONFIGURED');
    assert.match(error?.message ?? '', /Setup > Custom Settings > ContactPad SIP Edge/);
    assert.equal((await server.client.sipEdge(org.orgId)).configured, false);

    await server.client.clearSipCredentialSecret();
    await server.client.clearSipCredentialSecret(org.orgId);
    assert.equal((await apex(agent)).status, 500, 'nor without any setting');
    assert.deepEqual(await server.client.sipEdge(org.orgId), { configured: false, turn: false, lifetimeMinutes: 720, source: 'none' });
    await server.client.setSipCredentialSecret(secret);
  });

  it('answers 404 NO_SIP_USER for a user without a SIP user (the org\'s own session runs as Agent One) and INVALID_SIP_USER for one it cannot carry', async () => {
    const integration = await apex(org);
    assert.equal(integration.status, 404);
    assert.deepEqual((integration.body as Array<{ errorCode: string }>).map((e) => e.errorCode), ['NO_SIP_USER']);
    assert.match((integration.body as Array<{ message: string }>)[0]?.message ?? '', /^User Agent One has no ContactPad SIP User/);

    const userId = await server.client.insert(org.orgId, 'User', { LastName: 'Odd', Username: 'odd@contactpad.example', ContactPad_SIP_User__c: 'odd:user' });
    const odd = await server.client.createSession(org.orgId, userId);
    const answer = await apex(odd);
    assert.equal(answer.status, 404);
    assert.equal((answer.body as Array<{ errorCode: string }>)[0]?.errorCode, 'INVALID_SIP_USER');
  });

  it('answers as Apex REST does around the class: session, faults, limits, URL, access, method', async () => {
    const noToken = await apex(agent, { token: null });
    assert.equal(noToken.status, 401);
    assert.equal(noToken.headers.get('www-authenticate'), 'Token');
    assert.deepEqual(noToken.body, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);

    await server.client.setFault(org.orgId, { kind: 'unavailable', times: 1 });
    assert.equal((await apex(agent)).status, 503);
    const used = await server.client.apiUsage(org.orgId);
    await server.client.setApiUsage(org.orgId, { limit: used });
    assert.equal((await apex(agent)).status, 403);
    await server.client.setApiUsage(org.orgId, { limit: 15000 });

    const other = await apex(agent, { path: `${PATH}/005000000000002AAA` });
    assert.equal(other.status, 404, 'no path names another user');
    assert.deepEqual(other.body, [{ message: 'Could not find a match for URL', errorCode: 'NOT_FOUND' }]);
    const post = await apex(agent, { method: 'POST' });
    assert.equal(post.status, 405);
    assert.deepEqual(post.body, [{ message: "HTTP Method 'POST' not allowed. Allowed are GET", errorCode: 'METHOD_NOT_ALLOWED' }]);

    await server.client.setApexClassAccess(org.orgId, 'ContactPadSipCredential', { access: false });
    const forbidden = await apex(agent);
    assert.equal(forbidden.status, 403);
    assert.deepEqual(forbidden.body, [{ message: 'You do not have access to the Apex class named: ContactPadSipCredential', errorCode: 'FORBIDDEN' }]);
    await server.client.setApexClassAccess(org.orgId, 'ContactPadSipCredential', { deployed: false, access: true });
    assert.equal((await apex(agent)).status, 404, 'not deployed: no class maps the URL');
    await server.client.setApexClassAccess(org.orgId, 'ContactPadSipCredential', { deployed: true });
    assert.equal((await apex(agent)).status, 200);

    await server.client.update(org.orgId, 'User', agent.userId, { IsActive: false });
    assert.equal((await apex(agent)).status, 401, 'a deactivated user\'s session is no longer valid');
    await server.client.update(org.orgId, 'User', agent.userId, { IsActive: true });
  });

  it('gives an org back its classes on reset; a session whose user the reset removed is no longer valid', async () => {
    const fresh = await server.client.createOrg();
    const userId = await server.client.insert(fresh.orgId, 'User', { LastName: 'Later', Username: 'later@contactpad.example', ContactPad_SIP_User__c: 'agent7' });
    const session = await server.client.createSession(fresh.orgId, userId);
    await server.client.setApexClassAccess(fresh.orgId, 'ContactPadSipCredential', { deployed: false });
    await server.client.resetOrg(fresh.orgId);
    assert.equal((await apex(fresh)).status, 404);
    assert.equal(((await apex(fresh)).body as Array<{ errorCode: string }>)[0]?.errorCode, 'NO_SIP_USER', 'deployed again');
    assert.equal((await apex(session)).status, 401);
  });
});
