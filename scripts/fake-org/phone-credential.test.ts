/**
 * ContactPad's phone (adapter/src/telephony/phone.ts) with the credential source it gets in
 * Salesforce (adapter/src/crm/sip-credential-source.ts) against this fake org's endpoint, on
 * the project's Kamailio with authentication on (startKamailio({ auth: { secret } }), the same
 * secret given to the fake org as its ContactPad SIP Edge setting): the answers of
 * docs/sip-edge.md, "What the client sees", met by the real code. Node runs the phone (sip.js
 * over Node's WebSocket) for registration; calls, which need WebRTC, are the browser suite's.
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSipCredentialSource } from '../../adapter/src/crm/sip-credential-source.ts';
import type { ContactPadError } from '../../adapter/src/model/errors.ts';
import type { PhoneConnection } from '../../adapter/src/model/phone-connection.ts';
import { Phone, type PhoneListener } from '../../adapter/src/telephony/phone.ts';
import { FakeClock } from '../../adapter/test-support/fake-clock.ts';
import { freeTcpPort, freeUdpPort } from '../sip-server/free-port.ts';
import { startKamailio, type KamailioOptions, type RunningKamailio } from '../sip-server/kamailio.ts';
import { newEdgeSecret } from '../sip-server/sip-credential.ts';
import type { FakeOrgSession } from './client.ts';
import { startFakeOrgServer, type FakeOrgServer } from './test-server.ts';

const secret = newEdgeSecret();
let kamailioOptions: KamailioOptions;
let kamailio: RunningKamailio;
let server: FakeOrgServer;
const phones: Phone[] = [];

/** Everything the phone says. */
class Listener implements PhoneListener {
  readonly states: PhoneConnection[] = [];
  readonly errors: ContactPadError[] = [];
  connection(state: PhoneConnection, error?: ContactPadError): void {
    this.states.push(state);
    if (error) this.errors.push(error);
  }
  incoming(): void {}
  connected(): void {}
  ended(): void {}
  /** Waits for `state` after the `from`th state. */
  async until(state: PhoneConnection['state'], from = 0, timeoutMs = 10_000): Promise<PhoneConnection> {
    const started = Date.now();
    for (;;) {
      const found = this.states.slice(from).find((s) => s.state === state);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`no ${state}; the phone said ${JSON.stringify(this.states)}`);
      await new Promise((wait) => setTimeout(wait, 20));
    }
  }
}

/** An org whose agent (a User with SIP user `sipUser`) has a session, signing with `orgSecret`. */
async function agentOrg(sipUser: string, orgSecret: string | null = secret): Promise<{ org: FakeOrgSession; agent: FakeOrgSession }> {
  const org = await server.client.createOrg();
  await server.client.setSipCredentialSecret(orgSecret, { orgId: org.orgId });
  const userId = await server.client.insert(org.orgId, 'User', { LastName: sipUser, Username: `${sipUser}.${org.orgId}@contactpad.example`, ContactPad_SIP_User__c: sipUser });
  return { org, agent: await server.client.createSession(org.orgId, userId) };
}

/** ContactPad's phone for `aorUser`, its credential from `session` (none: `null`), on the fake clock (retries at the top of each window). */
function phoneFor(aorUser: string, session: FakeOrgSession | null, clock = new FakeClock()): { phone: Phone; listener: Listener; clock: FakeClock } {
  const listener = new Listener();
  const credentials = session ? createSipCredentialSource({ instanceUrl: session.instanceUrl, accessToken: session.accessToken }) : undefined;
  const phone = new Phone({ serverUrl: kamailio.wsUrl, aor: `sip:${aorUser}@127.0.0.1` }, listener, { clock, random: () => 1, ...(credentials ? { credentials } : {}) });
  phones.push(phone);
  return { phone, listener, clock };
}

before(async () => {
  kamailioOptions = { wsPort: await freeTcpPort(), udpPort: await freeUdpPort(), name: `phone-credential-${process.pid}`, auth: { secret } };
  kamailio = await startKamailio(kamailioOptions);
  server = await startFakeOrgServer();
});
afterEach(async () => {
  for (const phone of phones.splice(0)) await phone.stop();
});
after(async () => {
  await kamailio?.stop();
  await server?.close();
});

describe('ContactPad\'s phone on Kamailio with authentication, its credential from the fake org', () => {
  it('registers with the credential the endpoint issues for the session\'s own user', async () => {
    const { agent } = await agentOrg('cred-agent1');
    const { phone, listener } = phoneFor('cred-agent1', agent);
    phone.start();
    await listener.until('registered');
    assert.deepEqual(listener.errors, []);
  });

  it('without a credential the server refuses it (401 Unauthorized): SIP_REGISTRATION_REFUSED, as for any refusal', async () => {
    const { phone, listener } = phoneFor('cred-agent2', null);
    phone.start();
    const refused = await listener.until('refused');
    assert.match((refused as { reason: string }).reason, /^401 /);
    assert.deepEqual(listener.errors.map((e) => e.code), ['SIP_REGISTRATION_REFUSED']);
  });

  it('uses the renewed credential for the next REGISTER: the first has expired at the edge by then, and no third is fetched', async () => {
    const { org, agent } = await agentOrg('cred-agent3');
    // The org's clock set so the first credential lives 4 s at the edge (12 h - 4 s behind).
    await server.client.advanceClock(-(12 * 3600 - 4), org.orgId);
    const { phone, listener, clock } = phoneFor('cred-agent3', agent);
    phone.start();
    await listener.until('registered');
    await server.client.advanceClock(12 * 3600 - 4, org.orgId); // the org's clock right again
    const used = await server.client.apiUsage(org.orgId);
    clock.advance(6 * 3600 * 1000); // half the 12 hours the endpoint said: renewed
    for (let wait = 0; wait < 100 && (await server.client.apiUsage(org.orgId)) === used; wait++) await new Promise((done) => setTimeout(done, 20));
    assert.equal(await server.client.apiUsage(org.orgId), used + 1, 'renewed once');
    await new Promise((done) => setTimeout(done, 5000)); // the first credential is now expired at the edge

    const before = listener.states.length;
    await kamailio.stop();
    await listener.until('unreachable', before);
    kamailio = await startKamailio(kamailioOptions);
    clock.runNext(); // the reconnect backoff
    await listener.until('registered', before);
    assert.equal(await server.client.apiUsage(org.orgId), used + 1, 'the renewed credential was taken: no "Credential Expired", no third request');
    assert.deepEqual(listener.errors, []);
  });

  it('an org whose clock is hours behind the edge issues expired credentials: one renewal, then SIP_CREDENTIAL_EXPIRED', async () => {
    const { org, agent } = await agentOrg('cred-agent4');
    await server.client.advanceClock(-13 * 3600, org.orgId);
    const used = await server.client.apiUsage(org.orgId);
    const { phone, listener } = phoneFor('cred-agent4', agent);
    phone.start();
    const refused = await listener.until('refused');
    assert.equal((refused as { reason: string }).reason, '401 Credential Expired');
    assert.deepEqual(listener.errors.map((e) => e.code), ['SIP_CREDENTIAL_EXPIRED']);
    assert.equal(await server.client.apiUsage(org.orgId), used + 2, 'the first credential and one renewal');
  });

  it('a secret in Salesforce that is not the edge\'s: 401 Invalid Credential, SIP_CREDENTIAL_INVALID', async () => {
    const { agent } = await agentOrg('cred-agent5', newEdgeSecret());
    const { phone, listener } = phoneFor('cred-agent5', agent);
    phone.start();
    const refused = await listener.until('refused');
    assert.equal((refused as { reason: string }).reason, '401 Invalid Credential');
    assert.deepEqual(listener.errors.map((e) => e.code), ['SIP_CREDENTIAL_INVALID']);
  });

  it('a credential for another SIP user than the phone\'s never reaches the edge: SIP_CREDENTIAL_NOT_THIS_AGENT', async () => {
    const { agent } = await agentOrg('cred-agent6');
    const { phone, listener } = phoneFor('cred-agent7', agent);
    phone.start();
    await listener.until('no-credential');
    assert.deepEqual(listener.errors.map((e) => e.code), ['SIP_CREDENTIAL_NOT_THIS_AGENT']);
  });

  it('no secret set in Salesforce: no-credential, saying what the admin sets', async () => {
    const { agent } = await agentOrg('cred-agent8', null);
    const { phone, listener } = phoneFor('cred-agent8', agent);
    phone.start();
    const state = await listener.until('no-credential');
    assert.match((state as { reason: string }).reason, /Setup > Custom Settings > ContactPad SIP Edge/);
    assert.deepEqual(listener.errors.map((e) => e.code), ['SIP_CREDENTIAL_UNAVAILABLE']);
  });
});

