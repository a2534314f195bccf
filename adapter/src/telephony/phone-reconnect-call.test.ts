import { expect } from '@open-wc/testing';
import { SessionState, Web } from 'sip.js';
import { CallRig, Customer, audioDirection, holdBackAck, watchFarEnd } from '../../test-support/sip-calls.ts';
import { ANSWER_LOST } from './dial.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/**
 * sip.js's own WebSocket transport, which the test can take away from the phone (the agent's
 * connection lost) and keep away (`offline`: every connect fails) until it says so.
 */
class LosableTransport extends Web.Transport {
  static current: LosableTransport | undefined;
  static offline = false;

  constructor(...args: ConstructorParameters<typeof Web.Transport>) {
    super(...args);
    LosableTransport.current = this;
  }

  override connect(): Promise<void> {
    return LosableTransport.offline ? Promise.reject(new Error('the network is down (test)')) : super.connect();
  }

  /** Closes the phone's WebSocket: the phone is told it lost the connection. */
  static lose(): void {
    void LosableTransport.current?.disconnect();
  }
}

/**
 * The phone's WebSocket to the SIP server is lost during a call and made again: every answered
 * call re-INVITEs its far end on the new connection (dialog-refresh.ts), as it stands, so the
 * far end's requests reach the agent again. Through the suite's Kamailio, which aliases a
 * WebSocket client's Contact to its connection.
 */
describe('Phone: a call through a lost and restored connection to the SIP server', () => {
  const rig = new CallRig();
  afterEach(async () => {
    LosableTransport.offline = false;
    await rig.tearDown();
  });
  const { setup, answeredCall, ringingCall, registeredCallee } = rig;

  /** Loses the phone's connection and waits until it has registered again. */
  async function loseAndRegisterAgain(listener: { connections: readonly { state: string }[]; connectionState(state: 'registered', from: number, timeoutMs: number): Promise<unknown> }): Promise<void> {
    const before = listener.connections.length;
    LosableTransport.lose();
    await waitFor('the phone to notice', () => listener.connections.slice(before).some((c) => c.state !== 'registered') || undefined);
    await listener.connectionState('registered', before, 15_000);
  }

  it('re-INVITEs the customer on the new connection, and the customer\'s hang-up then reaches the agent', async () => {
    const parts = await setup({ transportConstructor: LosableTransport });
    const { listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-reconnect-1');
    const far = watchFarEnd(inviter);

    await loseAndRegisterAgain(listener);
    await waitFor('the refresh to reach the customer', () => far.reinvites.length === 1 || undefined);
    expect(far.reinvites.map((r) => [audioDirection(r.sdp), r.statusCode]), 'the call as it was: sendrecv').to.deep.equal([['sendrecv', 200]]);

    await inviter.bye();
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'remote-hangup' });
  });

  it('keeps a held call held: the refresh offers sendonly, and the agent\'s Release then reaches the customer', async () => {
    const parts = await setup({ transportConstructor: LosableTransport });
    const { phone, listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-reconnect-2');
    const far = watchFarEnd(inviter);
    await phone.hold(callId);

    await loseAndRegisterAgain(listener);
    await waitFor('the refresh to reach the customer', () => far.reinvites.length === 2 || undefined);
    expect(far.reinvites.map((r) => audioDirection(r.sdp)), 'hold, then the refresh').to.deep.equal(['sendonly', 'sendonly']);

    await phone.retrieve(callId); // still under control: retrieve works on the refreshed dialog
    expect(far.reinvites.map((r) => audioDirection(r.sdp))).to.deep.equal(['sendonly', 'sendonly', 'sendrecv']);
    await phone.release(callId);
    await Customer.terminated(inviter);
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'released' });
  });

  it('ends the call as the customer\'s hang-up when the customer hung up while the phone was away (481 to the refresh)', async () => {
    const parts = await setup({ transportConstructor: LosableTransport });
    const { listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-reconnect-3');

    LosableTransport.offline = true;
    const before = listener.connections.length;
    LosableTransport.lose();
    await listener.connectionState('unreachable', before, 15_000);
    // The customer's BYE goes to the agent's lost connection: it never arrives.
    await inviter.bye();
    await waitFor('the customer to be gone', () => inviter.state === SessionState.Terminated || undefined);
    expect(listener.ends, 'the agent heard nothing').to.deep.equal([]);

    LosableTransport.offline = false;
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'remote-hangup' });
  });
  it("sends the agent's Release made while the connection is down once the phone is back: the call ends for the agent at once, once", async () => {
    const parts = await setup({ transportConstructor: LosableTransport });
    const { phone, listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-reconnect-4');

    LosableTransport.offline = true;
    const before = listener.connections.length;
    LosableTransport.lose();
    await listener.connectionState('unreachable', before, 15_000);
    await phone.release(callId);
    expect(listener.ends, 'ended on the pad at once').to.deep.equal([{ callId, end: { reason: 'released' } }]);
    expect(inviter.state, 'the BYE could not go yet').to.equal(SessionState.Established);

    LosableTransport.offline = false;
    await Customer.terminated(inviter);
    expect(listener.ends, 'and only once').to.deep.equal([{ callId, end: { reason: 'released' } }]);
  });

  it("takes the customer's ACK that comes only after the phone lost its connection and registered again (the SIP edge relays it to the new one)", async () => {
    const parts = await setup({ transportConstructor: LosableTransport });
    const { phone, listener } = parts;
    const inviter = await ringingCall(parts, 'int-reconnect-5');
    const sendAck = holdBackAck(inviter);
    await phone.accept('int-reconnect-5');

    await loseAndRegisterAgain(listener);
    sendAck(); // to the connection the 200 OK came on, which is gone
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established || undefined);
    // A hold waits for the ACK (at most REINVITE_READY_TIMEOUT_MS, then refuses): it goes through.
    await phone.hold('int-reconnect-5');
    await inviter.bye();
    expect(await listener.endOf('int-reconnect-5')).to.deep.equal({ reason: 'remote-hangup' });
  });

  it('ends an outbound call still ringing when the phone reconnects (its answer can no longer reach it), and the callee stops ringing', async () => {
    const parts = await setup({ transportConstructor: LosableTransport });
    const { phone, listener, wsUrl } = parts;
    const callee = await registeredCallee(wsUrl);
    const callId = await phone.dial(`sip:${callee.user}@127.0.0.1`);
    const ringing = await waitFor('the callee to ring', () => callee.incoming[0]);

    await loseAndRegisterAgain(listener);
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'failed', code: 'SIP_CALL_FAILED', message: ANSWER_LOST });
    await Customer.terminated(ringing);
  });
});
