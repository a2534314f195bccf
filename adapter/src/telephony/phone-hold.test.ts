import { expect } from '@open-wc/testing';
import { Core, SessionState, Web, type Session } from 'sip.js';
import { isContactPadError } from '../model/errors.ts';
import { REINVITE_READY_TIMEOUT_MS } from './phone.ts';
import {
  CallRig,
  Customer,
  audioDirection,
  audioTransceiver,
  expectCode,
  holdBackAck,
  otherLeg,
  peerConnectionOf,
  sendsAudio,
  sessionBytesReceived,
  SUITE_CREDENTIAL_RENEWAL_MS,
  watchFarEnd,
  type RigParts,
} from '../../test-support/sip-calls.ts';
import { failureOf } from '../../test-support/thrown.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';

describe('Phone: hold and retrieve through the real SIP server', () => {
  const rig = new CallRig();
  afterEach(() => rig.tearDown());
  const { setup, registeredCallee, ringingCall, answeredCall } = rig;

  it('holds with a sendonly re-INVITE and stops sending the agent\'s audio; retrieve makes it sendrecv again', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const { callId, inviter, farPc, agentPc } = await answeredCall(parts, 'int-hold-1');
    const far = watchFarEnd(inviter);

    await phone.hold(callId);
    expect(far.reinvites.map((r) => audioDirection(r.sdp)), 'the re-INVITE the customer answered').to.deep.equal(['sendonly']);
    expect(far.reinvites[0]?.statusCode).to.equal(200);
    expect(audioDirection(farPc.remoteDescription?.sdp)).to.equal('sendonly');
    expect(audioTransceiver(agentPc).currentDirection, 'the agent\'s negotiated direction').to.be.oneOf(['inactive', 'recvonly']);
    expect(audioTransceiver(agentPc).sender.track?.enabled, 'the agent\'s microphone').to.equal(false);
    expect(sendsAudio(agentPc)).to.equal(false);
    expect(listener.ends, 'the call goes on').to.deep.equal([]);

    await phone.retrieve(callId);
    expect(far.reinvites.map((r) => audioDirection(r.sdp))).to.deep.equal(['sendonly', 'sendrecv']);
    expect(audioDirection(farPc.remoteDescription?.sdp)).to.equal('sendrecv');
    expect(audioTransceiver(agentPc).currentDirection).to.equal('sendrecv');
    expect(sendsAudio(agentPc)).to.equal(true);
    const before = await sessionBytesReceived(inviter);
    await waitFor('the customer to hear the agent again', async () => (await sessionBytesReceived(inviter)) > before);
    expect(listener.ends).to.deep.equal([]);
  });

  /** The call is up and held; retrieve works and then audio flows both ways. */
  async function expectHeldThenRetrieve(parts: RigParts, callId: string, farEnd: Session) {
    const { phone, listener, peers } = parts;
    const farPc = peerConnectionOf(farEnd);
    if (!farPc) throw new Error('the far end has no peer connection');
    const agentPc = otherLeg(peers.connections, farPc);
    expect(listener.ends, 'the call goes on').to.deep.equal([]);
    expect(farEnd.state, 'the far end is still in the call').to.equal(SessionState.Established);
    expect(audioDirection(farPc.remoteDescription?.sdp), 'the far end is held').to.equal('sendonly');
    expect(sendsAudio(agentPc)).to.equal(false);
    expectCode(await failureOf(phone.hold(callId)), 'INVALID_TRANSITION', /already on hold/);

    await phone.retrieve(callId);
    expect(audioDirection(farPc.remoteDescription?.sdp)).to.equal('sendrecv');
    expect(audioTransceiver(agentPc).currentDirection).to.equal('sendrecv');
    const heard = await sessionBytesReceived(farEnd);
    const agentHeard = (await phone.mediaStats(callId)).bytesReceived;
    await waitFor('the far end to hear the agent again', async () => (await sessionBytesReceived(farEnd)) > heard);
    await waitFor('the agent to hear the far end again', async () => (await phone.mediaStats(callId)).bytesReceived > agentHeard);
    expect(listener.ends).to.deep.equal([]);
  }

  it('holds an incoming call the moment the phone reports it connected, before its media settles', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const inviter = await ringingCall(parts, 'int-hold-at-once');
    void phone.accept('int-hold-at-once');
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes('int-hold-at-once'));

    await phone.hold('int-hold-at-once');
    await expectHeldThenRetrieve(parts, 'int-hold-at-once', inviter);
  });

  it('holds an incoming call right after accept() resolves', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const inviter = await ringingCall(parts, 'int-hold-after-accept');
    await phone.accept('int-hold-after-accept');

    await phone.hold('int-hold-after-accept');
    await expectHeldThenRetrieve(parts, 'int-hold-after-accept', inviter);
  });

  it('holds a call it dialled the moment the callee answers', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const callee = await registeredCallee(parts.wsUrl);
    const callId = await phone.dial(`sip:${callee.user}@127.0.0.1`);
    const invitation = await callee.answer();
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes(callId));

    await phone.hold(callId);
    await expectHeldThenRetrieve(parts, callId, invitation);
  });

  it('sends the hold of a just-answered call only once the caller has acknowledged the answer (ACK)', async () => {
    const parts = await setup();
    const { phone, listener, peers } = parts;
    const inviter = await ringingCall(parts, 'int-hold-before-ack');
    const sendAck = holdBackAck(inviter);
    await phone.accept('int-hold-before-ack');
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes('int-hold-before-ack'));
    const far = watchFarEnd(inviter);

    const hold = phone.hold('int-hold-before-ack');
    expectCode(await failureOf(phone.hold('int-hold-before-ack')), 'INVALID_TRANSITION', /already in progress/);
    const agentPc = peers.connections.find((pc) => pc.localDescription?.type === 'answer');
    expect(agentPc?.getSenders().every((s) => s.track?.enabled !== true), 'the customer no longer hears the agent').to.equal(true);
    expect(far.reinvites, 'no re-INVITE before the ACK').to.deep.equal([]);
    expect(inviter.state, 'the customer has not acknowledged yet').to.equal(SessionState.Establishing);

    sendAck();
    await hold;
    expect(far.reinvites.map((r) => [audioDirection(r.sdp), r.statusCode])).to.deep.equal([['sendonly', 200]]);
    await expectHeldThenRetrieve(parts, 'int-hold-before-ack', inviter);
  });

  it('gives up a hold when the caller never acknowledges the answer: SIP_CALL_FAILED, the call stays up and can be held later', async () => {
    const clock = new FakeClock(); // the wait for the ACK runs out when the test moves the clock
    const parts = await setup({ clock, serverCheck: false }); // the clock moves by seconds at once: no server check (phone-server-watch.test.ts)
    const { phone, listener, peers } = parts;
    const inviter = await ringingCall(parts, 'int-hold-no-ack');
    const sendAck = holdBackAck(inviter);
    await phone.accept('int-hold-no-ack');
    const far = watchFarEnd(inviter);

    const hold = failureOf(phone.hold('int-hold-no-ack'));
    await waitFor('the hold to wait for the ACK', () => clock.pending.length > 0);
    expect(clock.pending.map((timer) => timer.delay), 'the wait for the ACK (and the credential\'s renewal), nothing else').to.deep.equal([REINVITE_READY_TIMEOUT_MS, SUITE_CREDENTIAL_RENEWAL_MS]);
    clock.advance(REINVITE_READY_TIMEOUT_MS);
    expectCode(await hold, 'SIP_CALL_FAILED', /has not confirmed the call .*; it is still connected/);
    expect(listener.ends, 'the call goes on').to.deep.equal([]);
    expect(far.reinvites, 'nothing was sent').to.deep.equal([]);
    const agentPc = peers.connections.find((pc) => pc.localDescription?.type === 'answer');
    expect(agentPc?.getSenders().some((s) => s.track?.enabled === true), 'the customer hears the agent again').to.equal(true);

    sendAck();
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);
    await phone.hold('int-hold-no-ack');
    await expectHeldThenRetrieve(parts, 'int-hold-no-ack', inviter);
  });

  it('refuses a hold while one is in flight without sending it, and a hold of a held call (INVALID_TRANSITION)', async () => {
    const parts = await setup();
    const { phone } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-hold-2');
    const far = watchFarEnd(inviter);

    const first = phone.hold(callId);
    expectCode(await failureOf(phone.hold(callId)), 'INVALID_TRANSITION', /already in progress/);
    expectCode(await failureOf(phone.retrieve(callId)), 'INVALID_TRANSITION', /already in progress/);
    expectCode(await failureOf(phone.transfer(callId, '+15550001111')), 'INVALID_TRANSITION', /already in progress/);
    await first;
    expectCode(await failureOf(phone.hold(callId)), 'INVALID_TRANSITION', /already on hold/);
    await phone.retrieve(callId);
    expectCode(await failureOf(phone.retrieve(callId)), 'INVALID_TRANSITION', /not on hold/);
    expect(far.reinvites.map((r) => audioDirection(r.sdp)), 'one re-INVITE per accepted request').to.deep.equal(['sendonly', 'sendrecv']);
  });

  it('refuses to hold, retrieve or transfer a ringing call (INVALID_TRANSITION) and an unknown one (CALL_NOT_FOUND)', async () => {
    const { phone, listener, customer, agent } = await setup();
    const { inviter } = customer.call(agent, ['X-CP-Interaction-Id: int-ringing-1']);
    await listener.offer();
    for (const action of [() => phone.hold('int-ringing-1'), () => phone.retrieve('int-ringing-1'), () => phone.transfer('int-ringing-1', '+15550001111')]) {
      expectCode(await failureOf(action()), 'INVALID_TRANSITION', /not answered/);
    }
    expect(inviter.state, 'still ringing').to.equal(SessionState.Establishing);
    for (const action of [() => phone.hold('nope'), () => phone.retrieve('nope'), () => phone.transfer('nope', '+15550001111')]) {
      expectCode(await failureOf(action()), 'CALL_NOT_FOUND');
    }
  });

  it('fails with SIP_CALL_FAILED when the far end refuses the re-INVITE, and the call stays up, not held', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const { callId, inviter, agentPc } = await answeredCall(parts, 'int-hold-refused');
    const far = watchFarEnd(inviter);
    // The customer's phone cannot take the new offer, so sip.js answers 488 Not Acceptable Here.
    inviter.sessionDescriptionHandlerModifiersReInvite = [() => Promise.reject(new Error('this phone takes no re-INVITE'))];

    const error = await failureOf(phone.hold(callId));
    expectCode(error, 'SIP_CALL_FAILED', /refused the hold/);
    expect((error as { detail: Record<string, unknown> }).detail.statusCode).to.equal(488);
    expect(far.reinvites.map((r) => r.statusCode)).to.deep.equal([488]);
    expect(listener.ends, 'the call goes on').to.deep.equal([]);
    expect(inviter.state).to.equal(SessionState.Established);
    expect(sendsAudio(agentPc), 'the agent is heard again').to.equal(true);
    expectCode(await failureOf(phone.retrieve(callId)), 'INVALID_TRANSITION', /not on hold/);

    // Once the customer's phone takes re-INVITEs again, hold works.
    inviter.sessionDescriptionHandlerModifiersReInvite = [];
    await phone.hold(callId);
    expect(sendsAudio(agentPc)).to.equal(false);
    await phone.release(callId);
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'released' });
  });

  it('keeps the call when the customer puts the agent on hold, and hold, retrieve and release still work', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const { callId, inviter, farPc, agentPc } = await answeredCall(parts, 'int-remote-hold');
    const farHold = async (hold: boolean) => {
      // One INVITE transaction at a time: the customer's phone waits for the agent's last ACK.
      await waitFor('the customer to have the agent\'s ACK', () => {
        const dialog = inviter.dialog;
        return dialog instanceof Core.SessionDialog && !dialog.reinviteUserAgentServer;
      });
      return new Promise<number>((resolve, reject) => {
        const sessionDescriptionHandlerOptions: Web.SessionDescriptionHandlerOptions = { hold };
        inviter
          .invite({
            sessionDescriptionHandlerOptions,
            requestDelegate: { onAccept: (r) => resolve(r.message.statusCode ?? 0), onReject: (r) => resolve(r.message.statusCode ?? 0) },
          })
          .catch(reject);
      });
    };

    expect(await farHold(true), 'the agent accepts the customer\'s hold').to.equal(200);
    expect(audioTransceiver(agentPc).currentDirection, 'the agent only listens').to.equal('recvonly');
    expect(listener.ends).to.deep.equal([]);

    // Until the customer's ACK reaches the agent, their re-INVITE is in flight and a hold is refused, not sent.
    await waitFor('the agent to hold', async () => {
      const error = await failureOf(phone.hold(callId));
      if (error === undefined) return true;
      if (isContactPadError(error, 'INVALID_TRANSITION') && /far end is changing/.test(error.message)) return false;
      throw error;
    });
    expect(audioDirection(farPc.remoteDescription?.sdp), 'both on hold').to.equal('inactive');
    await phone.retrieve(callId);
    expect(audioTransceiver(agentPc).currentDirection, 'the customer still holds').to.equal('recvonly');
    expect(audioTransceiver(agentPc).sender.track?.enabled).to.equal(true);

    expect(await farHold(false)).to.equal(200);
    expect(audioTransceiver(agentPc).currentDirection).to.equal('sendrecv');
    expect(sendsAudio(agentPc)).to.equal(true);

    await phone.release(callId);
    await Customer.terminated(inviter);
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'released' });
  });

  it('releases a held call it dialled with a BYE (ended: released)', async () => {
    const { phone, listener, wsUrl } = await setup();
    const callee = await registeredCallee(wsUrl);
    const callId = await phone.dial(`sip:${callee.user}@127.0.0.1`);
    const invitation = await callee.answer();
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes(callId));

    await phone.hold(callId);
    expect(audioDirection(peerConnectionOf(invitation)?.remoteDescription?.sdp), 'the callee is held').to.equal('sendonly');
    await phone.release(callId);
    await Customer.terminated(invitation);
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'released' });
    expectCode(await failureOf(phone.retrieve(callId)), 'CALL_NOT_FOUND');
  });

  it('stops within its bound while a hold waits for a far end that never answers; the hold fails with CALL_NOT_FOUND', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-hold-silent');
    // The customer's phone never gets to answer the re-INVITE.
    inviter.sessionDescriptionHandlerModifiersReInvite = [() => new Promise(() => undefined)];

    const hold = failureOf(phone.hold(callId));
    expectCode(await failureOf(phone.hold(callId)), 'INVALID_TRANSITION', /in progress/);
    await waitFor('the customer to get the re-INVITE', () => {
      const dialog = inviter.dialog;
      return dialog instanceof Core.SessionDialog && dialog.reinviteUserAgentServer !== undefined;
    });
    await phone.stop();
    expectCode(await hold, 'CALL_NOT_FOUND', /ended before/);
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'released' });
    expect(listener.ends.filter((e) => e.callId === callId)).to.have.length(1);
  });
});
