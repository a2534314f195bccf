import { expect } from '@open-wc/testing';
import { UserAgent } from 'sip.js';
import { ContactPadError, type ErrorCode } from '../model/errors.ts';
import type { SipCredential } from '../model/sip-credential.ts';
import { CREDENTIAL_RETRY, CREDENTIAL_RETRY_WHILE_SALESFORCE_DOWN } from './credentials.ts';
import { Phone, type PhoneConfig } from './phone.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { FakeSipServer, type RegisterAnswer } from '../../test-support/fake-sip-server.ts';
import { RecordingListener } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';

declare const describe: (title: string, body: () => void) => void;
declare const it: (title: string, body: () => void | Promise<void>) => void;
declare const afterEach: (body: () => void | Promise<void>) => void;

const AOR = 'sip:agent1@127.0.0.1';
const CONFIG: PhoneConfig = { serverUrl: 'wss://sip.example.test/ws', aor: AOR, reconnect: { firstDelayMs: 1000, maxDelayMs: 4000 } };

/** A credential as Salesforce issues them, numbered. */
function credential(n: number, ttlSeconds = 600, sipUser = 'agent1'): SipCredential {
  return { username: `${1_767_000_000 + n}:${sipUser}`, password: `secret-hmac-${n}`, sipUser, ttlSeconds };
}

const unavailable = () => new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', 'The phone cannot register without a SIP credential from Salesforce: Salesforce is unavailable', { detail: { reason: 'server' } });

/**
 * A phone on the fake clock, its credential from a scripted source (`answers` in turn: a
 * credential, an error, or a promise the test settles), registering with a fake SIP server that
 * knows each issued credential's password unless told otherwise.
 */
function rig(options: {
  answers?: Array<SipCredential | ContactPadError | Promise<SipCredential>>;
  register?: (username: string) => RegisterAnswer;
  password?: (username: string) => string | undefined;
  config?: Partial<PhoneConfig>;
  withoutCredentials?: boolean;
  open?: boolean;
} = {}) {
  const clock = new FakeClock();
  const issued: SipCredential[] = [];
  const answers = options.answers ?? [1, 2, 3, 4, 5, 6].map((n) => credential(n));
  let asked = 0;
  const source = async (): Promise<SipCredential> => {
    const answer = answers[Math.min(asked++, answers.length - 1)];
    if (answer instanceof ContactPadError) throw answer;
    const got = await (answer as SipCredential | Promise<SipCredential>);
    issued.push(got);
    return got;
  };
  const server = new FakeSipServer({
    password: options.password ?? ((username) => issued.find((c) => c.username === username)?.password),
    ...(options.register ? { register: options.register } : {}),
    ...(options.open ? { open: true } : {}),
  });
  const listener = new RecordingListener();
  const phone = new Phone({ ...CONFIG, ...options.config }, listener, {
    clock,
    serverCheck: false, // these tests move the clock by minutes at once (phone-server-watch.test.ts tests the check)
    random: () => 1, // every retry waits the top of its jitter window
    transportConstructor: server.transportConstructor,
    ...(options.withoutCredentials ? {} : { credentials: source }),
  });
  phones.push(phone);
  return { clock, issued, server, listener, phone, asked: () => asked };
}

const phones: Phone[] = [];

/** The codes told with connection states, in order. */
const told = (listener: RecordingListener): ErrorCode[] => listener.connectionErrors.map((e) => e.error.code);

/** Lets promise callbacks and the fake server's answers (a task away) run. */
const settle = () => new Promise((done) => setTimeout(done, 10));

describe('Phone: time-limited SIP credentials', () => {
  afterEach(async () => {
    for (const phone of phones.splice(0)) await phone.stop();
  });

  it('asks Salesforce for a credential before anything reaches the SIP server, then registers with it', async () => {
    let give: (c: SipCredential) => void = () => undefined;
    const pending = new Promise<SipCredential>((resolve) => (give = resolve));
    const { server, listener, phone, issued } = rig({ answers: [pending] });
    phone.start();
    await settle();
    expect(listener.connections.map((c) => c.state)).to.deep.equal(['connecting']);
    expect(server.connections, 'no connection without a credential').to.equal(0);
    give(credential(1));
    await listener.connectionState('registered');
    expect(server.connections).to.equal(1);
    expect(server.registers).to.deep.equal([{ method: 'REGISTER', username: issued[0]?.username, digestOk: true, connection: 1 }]);
    expect(told(listener)).to.deep.equal([]);
  });

  it('renews at half its life without dropping the connection; the next REGISTER and the next challenged INVITE carry the new one', async () => {
    const { clock, server, listener, phone, issued } = rig();
    phone.start();
    await listener.connectionState('registered');
    expect(clock.pending.map((t) => t.delay)).to.include(300_000);
    clock.advance(300_000);
    await waitFor('the renewal', () => issued.length === 2 || undefined);
    expect(server.connections, 'the same connection').to.equal(1);

    const callId = await phone.dial('jordan.lee');
    await listener.endOf(callId);
    expect(server.invites.map((r) => [r.username, r.digestOk])).to.deep.equal([[issued[1]?.username, true]]);

    const before = listener.connections.length;
    server.drop();
    await listener.connectionState('unreachable', before);
    clock.runNext();
    await listener.connectionState('registered', before);
    expect(server.registers.at(-1)).to.deep.equal({ method: 'REGISTER', username: issued[1]?.username, digestOk: true, connection: 2 });
  });

  it('registers again at once with a fresh credential when the server says it expired, and tells nothing when that one works', async () => {
    const { server, listener, phone, issued } = rig({
      register: (username) => (username === credential(1).username ? { status: 401, reason: 'Credential Expired' } : 'ok'),
    });
    phone.start();
    await listener.connectionState('registered');
    expect(issued.map((c) => c.username)).to.deep.equal([credential(1).username, credential(2).username]);
    expect(server.registers.map((r) => r.username)).to.deep.equal([credential(1).username, credential(2).username]);
    expect(listener.connections.map((c) => c.state)).to.deep.equal(['connecting', 'registered']);
    expect(told(listener)).to.deep.equal([]);
  });

  it('says SIP_CREDENTIAL_EXPIRED, once, when a fresh credential is refused as expired too (clocks apart), and keeps trying with backoff', async () => {
    const { clock, listener, phone, issued } = rig({ register: () => ({ status: 401, reason: 'Credential Expired' }) });
    phone.start();
    const refused = await listener.connectionState('refused');
    expect(refused.reason).to.equal('401 Credential Expired');
    expect(refused.retryAt, 'configuration, not a passing fault: the credential backoff').to.equal(clock.now() + CREDENTIAL_RETRY.baseMs);
    expect(issued, 'one renewal, not one per refusal').to.have.length(2);
    expect(told(listener)).to.deep.equal(['SIP_CREDENTIAL_EXPIRED']);
    expect(listener.connectionErrors[0]?.error.message).to.contain('the clocks of Salesforce and the phone server likely disagree');
    const before = listener.connections.length;
    expect(clock.runNext()).to.equal(CREDENTIAL_RETRY.baseMs);
    await waitFor('the next refusal', () => listener.connections.slice(before).some((c) => c.state === 'refused') || undefined);
    expect(issued).to.have.length(2);
    expect(told(listener), 'told once').to.deep.equal(['SIP_CREDENTIAL_EXPIRED']);
  });

  it('does not register with a credential for another SIP user, and says so; nor when the server says the credential is not this user\'s', async () => {
    const local = rig({ answers: [credential(1, 600, 'agent2')] });
    local.phone.start();
    const state = await local.listener.connectionState('no-credential');
    expect(state.reason).to.contain('Salesforce issued a SIP credential for agent2, but this phone registers as agent1');
    expect(state.retryAt).to.equal(local.clock.now() + CREDENTIAL_RETRY.baseMs);
    expect(told(local.listener)).to.deep.equal(['SIP_CREDENTIAL_NOT_THIS_AGENT']);
    expect(local.server.connections).to.equal(0);

    const remote = rig({ register: () => ({ status: 403, reason: 'Credential For Another User' }) });
    remote.phone.start();
    await remote.listener.connectionState('refused');
    expect(told(remote.listener)).to.deep.equal(['SIP_CREDENTIAL_NOT_THIS_AGENT']);
  });

  it('says SIP_CREDENTIAL_INVALID when the server does not accept the credential\'s password (secrets apart), and fetches a fresh one for the next try', async () => {
    const { clock, listener, phone, issued, server } = rig({ password: () => 'what-the-server-expects' });
    phone.start();
    const refused = await listener.connectionState('refused');
    expect(refused.reason).to.match(/^401 /);
    expect(told(listener)).to.deep.equal(['SIP_CREDENTIAL_INVALID']);
    expect(listener.connectionErrors[0]?.error.message).to.contain('must be the same');
    expect(server.registers.map((r) => r.digestOk)).to.deep.equal([false]);
    expect(clock.runNext()).to.equal(CREDENTIAL_RETRY.baseMs);
    await waitFor('a fresh credential', () => issued.length === 2 || undefined);
    await waitFor('its REGISTER', () => server.registers.length === 2 || undefined);
    expect(server.registers[1]?.username).to.equal(issued[1]?.username);
    await listener.connectionState('refused', listener.connections.length - 1);
    expect(clock.runNext(), 'backing off').to.equal(2 * CREDENTIAL_RETRY.baseMs);
    await waitFor('a fresh credential each time: a secret corrected in Salesforce is picked up', () => issued.length === 3 || undefined);
    expect(told(listener), 'told once').to.deep.equal(['SIP_CREDENTIAL_INVALID']);
  });

  it('without a credential from Salesforce: no-credential with the reason, told once, backing off to minutes, no connection; registers when one comes', async () => {
    const { clock, listener, phone, server } = rig({ answers: [unavailable(), unavailable(), unavailable(), credential(1)] });
    phone.start();
    const first = await listener.connectionState('no-credential');
    expect(first.reason).to.equal('The phone cannot register without a SIP credential from Salesforce: Salesforce is unavailable');
    expect(first.retryAt).to.equal(clock.now() + CREDENTIAL_RETRY.baseMs);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      delays.push(clock.runNext());
      await settle();
    }
    expect(delays).to.deep.equal([2000, 4000, 8000]);
    await listener.connectionState('registered');
    expect(told(listener)).to.deep.equal(['SIP_CREDENTIAL_UNAVAILABLE']);
    expect(server.connections).to.equal(1);
  });

  it('while Salesforce is down the phone asks again at least every 15 s (a Ready agent misses calls without it); out of API requests it backs off to minutes', async () => {
    const outOfRequests = () => new ContactPadError('SIP_CREDENTIAL_UNAVAILABLE', 'The phone cannot register without a SIP credential from Salesforce: out of API requests', { detail: { reason: 'limit' } });
    const delaysOf = async (failure: () => ContactPadError): Promise<number[]> => {
      const { clock, listener, phone } = rig({ answers: Array.from({ length: 9 }, failure) });
      phone.start();
      await listener.connectionState('no-credential');
      const delays: number[] = [];
      for (let attempt = 0; attempt < 8; attempt++) {
        delays.push(clock.runNext());
        await settle();
      }
      return delays;
    };
    expect(await delaysOf(unavailable)).to.deep.equal([2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000, 15_000]);
    expect(CREDENTIAL_RETRY_WHILE_SALESFORCE_DOWN.capMs).to.equal(15_000);
    expect(await delaysOf(outOfRequests)).to.deep.equal([2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000]);
  });

  it('stays registered when a renewal fails, telling the agent once until when the phone keeps working', async () => {
    const { clock, listener, phone, issued } = rig({ answers: [credential(1), unavailable(), unavailable(), credential(2)] });
    const start = clock.now();
    phone.start();
    await listener.connectionState('registered');
    clock.advance(300_000);
    await waitFor('the failed renewal to be told', () => listener.connectionErrors[0]);
    const { error, at } = listener.connectionErrors[0]!;
    expect(error.code).to.equal('SIP_CREDENTIAL_UNAVAILABLE');
    expect(error.message).to.match(/^ContactPad could not renew this agent's SIP credential; the phone keeps working until .+ and ContactPad keeps trying\./);
    expect(error.detail['expiresAt']).to.equal(start + 600_000);
    expect(listener.connections[at]?.state).to.equal('registered');
    clock.runNext();
    await settle();
    clock.runNext();
    await waitFor('the renewal', () => issued.length === 2 || undefined);
    expect(told(listener)).to.deep.equal(['SIP_CREDENTIAL_UNAVAILABLE']);
    expect(listener.state).to.equal('registered');
  });

  it('if sip.js kept a copy of its options (no live configuration), registers a new user agent with the renewed credential', async () => {
    const descriptor = Object.getOwnPropertyDescriptor(UserAgent.prototype, 'configuration')!;
    Object.defineProperty(UserAgent.prototype, 'configuration', {
      configurable: true,
      get(this: { options: object }) {
        return { ...this.options };
      },
    });
    try {
      const { clock, listener, phone, issued, server } = rig();
      phone.start();
      await listener.connectionState('registered');
      const firstUserAgent = listener.connections.length;
      clock.advance(300_000);
      await waitFor('a new connection for the new user agent', () => server.connections === 2 || undefined);
      await waitFor('its REGISTER', () => server.registers.some((r) => r.connection === 2) || undefined);
      expect(server.registers.filter((r) => r.connection === 2).map((r) => [r.username, r.digestOk])).to.deep.equal([[issued[1]?.username, true]]);
      // The server has answered the REGISTER; the phone says so once sip.js has taken the 200 OK.
      await listener.connectionState('registered', firstUserAgent);
      expect(listener.state).to.equal('registered');
    } finally {
      Object.defineProperty(UserAgent.prototype, 'configuration', descriptor);
    }
  });

  it('without a credential source registers as before, and leaves out TURN servers that have no credential, saying so once', async () => {
    const { listener, phone, server } = rig({ withoutCredentials: true, open: true, config: { iceServers: [{ urls: ['turn:turn.example.com:3478'] }] } });
    phone.start();
    await listener.connectionState('registered');
    expect(server.seen.map((r) => [r.method, r.username])).to.deep.equal([['REGISTER', undefined]]);
    expect(told(listener)).to.deep.equal(['INVALID_CONFIGURATION']);
    expect(listener.connectionErrors[0]?.error.message).to.contain('iceServers names TURN servers');
  });
});

describe('credentialRefusal: what a refused REGISTER says of the credential (Kamailio\'s answers, scripts/sip-server/edge-auth.test.ts)', () => {
  it('reads expired, another user\'s and wrong from the status and reason', async () => {
    const { credentialRefusal } = await import('./credential-refusal.ts');
    expect(credentialRefusal(401, 'Credential Expired')).to.equal('expired');
    expect(credentialRefusal(403, 'Credential For Another User')).to.equal('not-this-agent');
    expect(credentialRefusal(401, 'Invalid Credential')).to.equal('invalid');
    expect(credentialRefusal(401, 'Unauthorized')).to.equal('invalid');
    expect(credentialRefusal(407, 'Proxy Authentication Required')).to.equal('invalid');
    expect(credentialRefusal(403, 'Forbidden'), 'RFC 3261: authorization will not help').to.equal('other');
    expect(credentialRefusal(404, 'Not Found')).to.equal('other');
    expect(credentialRefusal(503, 'Service Unavailable')).to.equal('other');
  });
});
