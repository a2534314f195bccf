import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import type { PhoneConnection } from '../model/phone-connection.ts';
import { Phone, type PhoneConfig } from './phone.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { Customer, RecordingListener, serverCommand, sipServer, uniqueUser, withSuiteCredentials } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';

function unreachable(connections: readonly PhoneConnection[], from = 0) {
  return connections.slice(from).filter((c): c is Extract<PhoneConnection, { state: 'unreachable' }> => c.state === 'unreachable');
}

describe('Phone: connection to the SIP server', () => {
  const phones: Phone[] = [];
  afterEach(async () => {
    for (const phone of phones.splice(0)) await phone.stop();
  });

  function phone(config: PhoneConfig, listener: RecordingListener, clock?: FakeClock): Phone {
    // With the fake clock, every retry waits the top of its jitter window: the backoff itself.
    const created = new Phone(config, listener, withSuiteCredentials(config.aor, clock ? { clock, random: () => 1 } : {}));
    phones.push(created);
    return created;
  }

  it('says it cannot reach the server (with the reason and the next try) and retries with a growing delay', async () => {
    const clock = new FakeClock();
    const listener = new RecordingListener();
    // Nothing listens on port 9 (discard) on 127.0.0.1 here.
    phone({ serverUrl: 'ws://127.0.0.1:9', aor: `sip:${uniqueUser('agent')}@127.0.0.1`, reconnect: { firstDelayMs: 1000, maxDelayMs: 4000 } }, listener, clock).start();

    const first = await listener.connectionState('unreachable');
    expect(first.reason).to.contain('ws://127.0.0.1:9');
    expect(first.retryAt).to.equal(clock.now() + 1000);

    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const before = listener.connections.length;
      delays.push(clock.runNext());
      await waitFor('the next attempt to fail', () => unreachable(listener.connections, before).length > 0 || undefined);
      expect(listener.connections.slice(before).map((c) => c.state)).to.deep.equal(['connecting', 'unreachable']);
    }
    expect(delays).to.deep.equal([1000, 2000, 4000, 4000]);
    const last = unreachable(listener.connections).at(-1);
    expect(last?.retryAt).to.equal(clock.now() + 4000);
    expect(listener.connectionErrors, 'an unreachable server is no refusal').to.deep.equal([]);
  });

  it('draws each wait at random within its backoff window (full jitter), so agents that lost the same server do not retry in step', async () => {
    const clock = new FakeClock();
    const listener = new RecordingListener();
    const draws = [0.25, 0.5, 0.75, 0.1];
    const aor = `sip:${uniqueUser('agent')}@127.0.0.1`;
    const jittered = new Phone(
      { serverUrl: 'ws://127.0.0.1:9', aor, reconnect: { firstDelayMs: 1000, maxDelayMs: 4000 } },
      listener,
      withSuiteCredentials(aor, { clock, random: () => draws.shift() ?? 1 }),
    );
    phones.push(jittered);
    jittered.start();

    const first = await listener.connectionState('unreachable');
    expect(first.retryAt, 'a quarter of the first 1 s window').to.equal(clock.now() + 250);
    const delays: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = listener.connections.length;
      delays.push(clock.runNext());
      await waitFor('the next attempt to fail', () => unreachable(listener.connections, before).length > 0 || undefined);
    }
    expect(delays, 'half of 2 s, three quarters of 4 s').to.deep.equal([250, 1000, 3000]);
    expect(unreachable(listener.connections).at(-1)?.retryAt, 'a tenth of the capped 4 s window').to.equal(clock.now() + 400);
  });

  it('says the server refused the registration (403 Forbidden) and tries again later', async () => {
    const { wsUrl } = await sipServer();
    const clock = new FakeClock();
    const listener = new RecordingListener();
    phone({ serverUrl: wsUrl, aor: `sip:${uniqueUser('refused')}@127.0.0.1` }, listener, clock).start();
    const refused = await listener.connectionState('refused');
    expect(refused.reason).to.equal('403 Forbidden');
    expect(refused.retryAt).to.equal(clock.now() + 1000);
    // The agent is told with the catalogued code, beside the refused state.
    const first = listener.connections.indexOf(refused);
    expect(listener.connectionErrors.map(({ at, error }) => ({ at, code: error.code, message: error.message, detail: error.detail }))).to.deep.equal([
      { at: first, code: 'SIP_REGISTRATION_REFUSED', message: 'The phone server refused to register this agent (403 Forbidden).', detail: { statusCode: 403 } },
    ]);

    const before = listener.connections.length;
    clock.runNext();
    await waitFor('the second refusal', () => listener.connections.slice(before).some((c) => c.state === 'refused') || undefined);
    expect(listener.connectionErrors, 'told once, not at every retry').to.have.length(1);
  });

  it('drops a connection on which the server does not answer the registration, and starts over', async () => {
    const { wsUrl } = await sipServer();
    const clock = new FakeClock();
    const listener = new RecordingListener();
    phone({ serverUrl: wsUrl, aor: `sip:${uniqueUser('silent')}@127.0.0.1` }, listener, clock).start();
    await waitFor('the REGISTER to be sent', () => clock.pending.some((timer) => timer.delay === 10_000) || undefined);
    clock.runNext(); // ten seconds without an answer
    const silent = await listener.connectionState('unreachable');
    expect(silent.reason).to.equal('The phone server did not answer the registration');
    expect(silent.retryAt).to.equal(clock.now() + 1000);
    const before = listener.connections.length;
    clock.runNext();
    await waitFor('a new connection and REGISTER', () => listener.connections.slice(before).some((c) => c.state === 'connecting') || undefined);
  });

  it('comes back by itself after the server goes down mid-shift', async function () {
    this.timeout(45_000); // two server starts, and a REGISTER lost in the restart is retried after 10 s
    const name = 'outage'; // one extra server per test run (ports picked by the run), run dir .run/kamailio-test-outage
    const server = await serverCommand<{ wsUrl: string }>('sip-server-start', { name });
    try {
      const listener = new RecordingListener();
      const agent = uniqueUser('agent');
      phone({ serverUrl: server.wsUrl, aor: `sip:${agent}@127.0.0.1`, reconnect: { firstDelayMs: 200, maxDelayMs: 1000 } }, listener).start();
      await listener.connectionState('registered');

      await serverCommand('sip-server-stop', { name });
      const mark = listener.connections.length;
      const lost = await listener.connectionState('unreachable', mark);
      expect(lost.reason).to.not.equal('');
      expect(lost.retryAt).to.be.a('number');

      // Counted before the restart: the phone may register again before the start command answers.
      const back = listener.connections.length;
      const restarted = await serverCommand<{ wsUrl: string }>('sip-server-start', { name });
      expect(restarted.wsUrl).to.equal(server.wsUrl);
      await listener.connectionState('registered', back, 25_000);

      // Registered again for real: the restarted server (empty location table) rings the agent.
      const customer = new Customer(server.wsUrl, '+15550001234');
      await customer.start();
      try {
        customer.call(agent, ['X-CP-Interaction-Id: int-after-outage']);
        expect((await listener.offer()).callId).to.equal('int-after-outage');
      } finally {
        await customer.stop();
      }
    } finally {
      await serverCommand('sip-server-stop', { name });
    }
  });

  it('stops: unregisters, disconnects and says stopped', async () => {
    const { wsUrl } = await sipServer();
    const listener = new RecordingListener();
    const agent = uniqueUser('agent');
    const p = phone({ serverUrl: wsUrl, aor: `sip:${agent}@127.0.0.1` }, listener);
    p.start();
    await listener.connectionState('registered');
    await p.stop();
    expect(listener.state).to.equal('stopped');

    // Nobody is registered as the agent any more: a call to it is answered 404 by the server.
    const customer = new Customer(wsUrl, '+15550009999');
    await customer.start();
    try {
      expect(await customer.call(agent).finalStatus).to.equal(404);
    } finally {
      await customer.stop();
    }
  });

  it('refuses malformed settings with INVALID_CONFIGURATION naming the setting', () => {
    const listener = new RecordingListener();
    const good: PhoneConfig = { serverUrl: 'ws://127.0.0.1:8080', aor: 'sip:agent1@127.0.0.1' };
    const bad: Array<[Partial<PhoneConfig> | Record<string, unknown>, string]> = [
      [{ serverUrl: 'http://127.0.0.1:8080' }, 'serverUrl'],
      [{ serverUrl: 'not a url' }, 'serverUrl'],
      [{ serverUrl: undefined }, 'serverUrl'],
      [{ aor: 'agent1' }, 'aor'],
      [{ aor: 'sip:127.0.0.1' }, 'aor'],
      [{ aor: 'mailto:agent@example.com' }, 'aor'],
      [{ rejectStatusCode: 404 }, 'rejectStatusCode'],
      [{ reconnect: { firstDelayMs: 0, maxDelayMs: 10 } }, 'reconnect'],
      [{ reconnect: { firstDelayMs: 100, maxDelayMs: 10 } }, 'reconnect'],
      [{ iceServers: [{ urls: 'http://stun.example' }] }, 'iceServers'],
      [{ authorizationPassword: 42 }, 'authorizationPassword'],
    ];
    for (const [change, setting] of bad) {
      let error: unknown;
      try {
        new Phone({ ...good, ...change } as PhoneConfig, listener);
      } catch (e) {
        error = e;
      }
      expect(isContactPadError(error, 'INVALID_CONFIGURATION'), JSON.stringify(change)).to.equal(true);
      expect((error as Error).message, JSON.stringify(change)).to.contain(setting);
    }
    expect(() => new Phone({ ...good, iceServers: [{ urls: ['stun:stun.example:3478'] }], rejectStatusCode: 603 }, listener)).to.not.throw();
  });
});
