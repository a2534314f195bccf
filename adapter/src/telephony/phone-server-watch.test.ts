import { expect } from '@open-wc/testing';
import { Phone } from './phone.ts';
import { SERVER_ANSWER_WITHIN_MS, SERVER_CHECK_EVERY_MS } from './server-watch.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';
import { FakeSipServer } from '../../test-support/fake-sip-server.ts';
import { RecordingListener } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/**
 * A registered phone asks the server every few seconds whether it is there (server-watch.ts),
 * so a server that hangs with its connection open is noticed within seconds: against a SIP
 * server in the page (test-support/fake-sip-server.ts) on the fake clock.
 */
describe('Phone: a SIP server that hangs with the connection open', () => {
  const phones: Phone[] = [];
  afterEach(async () => {
    for (const phone of phones.splice(0)) await phone.stop();
  });

  async function registeredPhone() {
    const clock = new FakeClock();
    const server = new FakeSipServer({ password: () => undefined, open: true });
    const listener = new RecordingListener();
    const phone = new Phone({ serverUrl: 'wss://sip.example.test/ws', aor: 'sip:agent1@sip.example.test', reconnect: { firstDelayMs: 1000, maxDelayMs: 4000 } }, listener, {
      clock,
      random: () => 1,
      transportConstructor: server.transportConstructor,
    });
    phones.push(phone);
    phone.start();
    await listener.connectionState('registered');
    // The watch is loaded once registered: its first "are you there?" is then due.
    await waitFor('the first check to be due', () => clock.pending.some((timer) => timer.delay === SERVER_CHECK_EVERY_MS) || undefined);
    return { clock, server, listener };
  }

  const options = (server: FakeSipServer) => server.seen.filter((request) => request.method === 'OPTIONS');

  it('stays ready while the server answers, asking it every 4 s', async () => {
    const { clock, server, listener } = await registeredPhone();
    for (let check = 1; check <= 3; check++) {
      const timersSet = clock.delays.length;
      clock.advance(SERVER_CHECK_EVERY_MS);
      // Set on the way: the check's deadline when it is sent, the next check once it is answered.
      await waitFor(`check ${check} answered`, () => (options(server).length === check && clock.delays.length === timersSet + 2) || undefined);
    }
    expect(listener.state).to.equal('registered');
    expect(options(server).every((request) => request.connection === 1), 'on the same connection').to.equal(true);
  });

  it('says it cannot reach the server once a check goes unanswered for 4 s, drops the connection and registers again on a new one', async () => {
    const { clock, server, listener } = await registeredPhone();
    server.hangs = true;
    clock.advance(SERVER_CHECK_EVERY_MS);
    await waitFor('the check to be sent', () => options(server).length === 1 || undefined);
    const before = listener.connections.length;
    clock.advance(SERVER_ANSWER_WITHIN_MS - 1);
    expect(listener.connections.slice(before), 'not before its time is up').to.deep.equal([]);
    clock.advance(1);
    const lost = await listener.connectionState('unreachable', before);
    expect(lost.reason).to.equal('The phone server stopped answering (no answer within 4 s)');
    expect(lost.retryAt).to.equal(clock.now() + 1000);

    server.hangs = false;
    const again = listener.connections.length;
    clock.runNext();
    await listener.connectionState('registered', again);
    expect(server.connections, 'a new connection').to.equal(2);
  });
});
