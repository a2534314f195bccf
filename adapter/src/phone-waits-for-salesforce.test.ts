/**
 * The phone and the crm room as start-rooms.ts wires them: the phone's SIP credential comes from
 * Salesforce's credential endpoint, and when Salesforce was failing, the crm room's first request
 * Salesforce answers again (`salesforceAnswered`) makes the phone ask for its credential at once,
 * not at its backoff's next try. The org is the fake org (its credential endpoint and REST API
 * failing as Salesforce does); the SIP server is the page's fake registrar; the phone's timers run
 * on the fake clock, which the test moves only to let the backoff grow.
 */
import { expect } from '@open-wc/testing';
import { createCrmService, type CrmService } from './crm/crm-service.ts';
import { createSipCredentialSource } from './crm/sip-credential-source.ts';
import { NO_AGENT } from './model/agent-identity.ts';
import type { PhoneConnection } from './model/phone-connection.ts';
import { readSettings } from './model/settings.ts';
import type { SipCredential } from './model/sip-credential.ts';
import { toldToCrm } from './start-rooms.ts';
import { Phone } from './telephony/phone.ts';
import { FakeClock } from '../test-support/fake-clock.ts';
import { agentOrg, fakeOrg, type FakeOrgSession } from '../test-support/fake-org.ts';
import { FakeSipServer } from '../test-support/fake-sip-server.ts';
import { RecordingListener } from '../test-support/sip-calls.ts';
import { waitFor } from '../test-support/wait-for.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

const phones: Phone[] = [];

/**
 * The agent's phone and crm room on `agent`'s session, wired as start-rooms.ts wires them
 * (the crm room's `salesforceAnswered` tells the phone, the credential's answers tell the crm room), registering with a fake SIP server
 * that knows each credential Salesforce issued.
 */
function roomsOn(agent: FakeOrgSession): { clock: FakeClock; crm: CrmService; phone: Phone; listener: RecordingListener; server: FakeSipServer } {
  const clock = new FakeClock();
  const issued: SipCredential[] = [];
  const fromSalesforce = createSipCredentialSource({ instanceUrl: agent.instanceUrl, accessToken: agent.accessToken });
  const server = new FakeSipServer({ password: (username) => issued.find((credential) => credential.username === username)?.password });
  const listener = new RecordingListener();
  let phone: Phone | undefined;
  const key = `contactpad-phone-waits-test-${crypto.randomUUID()}`;
  const crm = createCrmService({
    session: { instanceUrl: agent.instanceUrl, accessToken: agent.accessToken },
    settings: readSettings({}).settings,
    agent: NO_AGENT,
    activityState: () => undefined,
    onError: () => undefined,
    salesforceAnswered: () => phone?.salesforceAnswered(),
    outboxDatabase: key,
    rememberedChoicesKey: key,
    recentActivityKey: `${key}-recent`,
  });
  phone = new Phone({ serverUrl: 'wss://sip.example.test/ws', aor: 'sip:agent1@127.0.0.1' }, listener, {
    clock,
    serverCheck: false,
    random: () => 1, // every retry waits the top of its jitter window: 2 s, 4 s, 8 s...
    transportConstructor: server.transportConstructor,
    credentials: toldToCrm(async () => {
      const credential = await fromSalesforce();
      issued.push(credential);
      return credential;
    }, crm),
  });
  phones.push(phone);
  return { clock, crm, phone, listener, server };
}

const lastState = (listener: RecordingListener): PhoneConnection | undefined => listener.connections.at(-1);

/** Waits for the phone's next `no-credential` state after `seen` states, and returns it. */
async function nextWait(listener: RecordingListener, seen: number): Promise<Extract<PhoneConnection, { state: 'no-credential' }>> {
  return waitFor('the phone to wait for its SIP credential', () => {
    const state = listener.connections.slice(seen).find((s) => s.state === 'no-credential');
    return state?.state === 'no-credential' ? state : undefined;
  });
}

describe('the phone waits for Salesforce', () => {
  afterEach(async () => {
    for (const phone of phones.splice(0)) await phone.stop();
  });

  it('registers as soon as the crm room\'s first request after an outage is answered, not at its credential backoff\'s next try; meanwhile the agent is told it waits for Salesforce, with a code', async () => {
    const { org, agent } = await agentOrg();
    await fakeOrg.setFault(org.orgId, { kind: 'unavailable' });
    const { clock, crm, phone, listener, server } = roomsOn(agent);
    phone.start();

    // The org answers 503: the phone waits for its credential, and says so once, with a code.
    let wait = await nextWait(listener, 0);
    expect(listener.connectionErrors.map(({ error }) => error.code)).to.deep.equal(['SIP_CREDENTIAL_UNAVAILABLE']);
    expect(wait.reason).to.contain('Salesforce is unavailable; the phone registers as soon as Salesforce answers again');
    // The outage lasts: each try fails, and the backoff grows (2 s, 4 s, 8 s, then 15 s each
    // while Salesforce is down: credentials.ts CREDENTIAL_RETRY_WHILE_SALESFORCE_DOWN).
    for (let tries = 0; tries < 4; tries++) {
      const seen = listener.connections.length;
      clock.advanceTo(wait.retryAt);
      wait = await nextWait(listener, seen);
    }
    expect(wait.retryAt - clock.now()).to.equal(15_000);
    expect(server.registers, 'no REGISTER without a credential').to.deep.equal([]);
    expect(listener.connectionErrors, 'told once while it lasts').to.have.length(1);

    // The org answers again; the crm room's next request (a caller lookup) is answered.
    await fakeOrg.clearFaults(org.orgId);
    await crm.lookUpCaller('+1 415 555 0100');
    await waitFor('the phone registered', () => lastState(listener)?.state === 'registered');
    expect(clock.now(), 'the clock never reached the backoff\'s next try').to.be.below(wait.retryAt);
    expect(server.registers.map((register) => register.digestOk)).to.deep.equal([true]);
  });

  it('keeps its backoff when the credential waits for an admin (no SIP secret), whatever Salesforce answers', async () => {
    const { agent } = await agentOrg({ secret: null });
    const { clock, crm, listener, server } = roomsOn(agent);
    phones.at(-1)!.start();
    const wait = await nextWait(listener, 0);
    expect(listener.connectionErrors[0]?.error.detail['reason']).to.equal('SIP_EDGE_NOT_CONFIGURED');
    const tries = clock.delays.length;
    await crm.lookUpCaller('+1 415 555 0100');
    await crm.lookUpCaller('+1 415 555 0101');
    // Each answer is told before the lookup resolves: a phone that asked again would say `connecting` by now.
    expect(lastState(listener)).to.deep.equal(wait);
    expect(clock.delays.length, 'no new try set').to.equal(tries);
    expect(server.registers).to.deep.equal([]);
  });
});
