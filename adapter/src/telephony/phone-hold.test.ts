import { expect } from '@open-wc/testing';
import { Core, SessionState, Web, type Inviter, type Referral, type Session } from 'sip.js';
import { isContactPadError, type ErrorCode } from '../model/errors.ts';
import { Phone, REINVITE_READY_TIMEOUT_MS, TRANSFER_ANSWER_TIMEOUT_MS, type PhoneOptions } from './phone.ts';
import {
  Customer,
  RecordingListener,
  audioDirection,
  otherLeg,
  peerConnectionOf,
  recordPeerConnections,
  sessionBytesReceived,
  sipServer,
  uniqueUser,
  waitFor,
} from './test-support.ts';

/** The error a promise fails with (undefined when it resolves). */
function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

function expectCode(error: unknown, code: ErrorCode, message?: RegExp): void {
  expect(isContactPadError(error, code), `expected ${code}, got ${String(error)}`).to.equal(true);
  if (message) expect((error as Error).message).to.match(message);
}

/** The audio transceiver of a peer connection. */
function audio(pc: RTCPeerConnection): RTCRtpTransceiver {
  const transceiver = pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
  if (!transceiver) throw new Error('no audio transceiver');
  return transceiver;
}

/** Whether the agent's microphone reaches the far end: negotiated to send, and the track enabled. */
function sendsAudio(pc: RTCPeerConnection): boolean {
  const transceiver = audio(pc);
  return /send/.test(transceiver.currentDirection ?? '') && transceiver.sender.track?.enabled === true;
}

/** What the far end of a call sees in the dialog: the re-INVITEs it answered and the REFERs it got. */
function watchFarEnd(session: Session, onRefer?: (referral: Referral) => void) {
  const reinvites: Array<{ sdp: string; statusCode: number }> = [];
  const refers: Referral[] = [];
  session.delegate = {
    ...session.delegate,
    onInvite: (request, _response, statusCode) => void reinvites.push({ sdp: String(request.body ?? ''), statusCode }),
    onRefer: (referral) => {
      refers.push(referral);
      onRefer?.(referral);
    },
  };
  return { reinvites, refers };
}

/**
 * Makes the customer's phone sit on the agent's answer (the 200 OK of its INVITE) until the
 * test calls the returned function: sip.js sends the ACK only once the answer is applied.
 * Call it once the INVITE (with the customer's offer) has gone out.
 */
function holdBackAck(inviter: Session): () => void {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  inviter.sessionDescriptionHandlerModifiers = [(description) => released.then(() => description)];
  return release;
}

/** A schedule that leaves the timers of `ms` to the test (`due`), and runs the others. */
function manualTimers(ms: number): { schedule: PhoneOptions['schedule']; due: Array<() => void> } {
  const due: Array<() => void> = [];
  const schedule: PhoneOptions['schedule'] = (fn, delay) => {
    if (delay === ms) {
      due.push(fn);
      return () => undefined;
    }
    const timer = setTimeout(fn, delay);
    return () => clearTimeout(timer);
  };
  return { schedule, due };
}

/** A far end that does what sip.js does for a REFER without a delegate: accept it and call the target. */
function follow(referral: Referral): void {
  referral
    .accept()
    .then(() => referral.makeInviter({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } }).invite())
    .catch(() => undefined);
}

describe('Phone: hold, retrieve and blind transfer through the real SIP server', () => {
  let cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
    cleanup = [];
  });

  /** A registered agent phone, a customer, and a record of the page's peer connections. */
  async function setup(options: PhoneOptions = {}) {
    const peers = recordPeerConnections();
    cleanup.push(() => peers.restore());
    const { wsUrl } = await sipServer();
    const agent = uniqueUser('agent');
    const listener = new RecordingListener();
    const phone = new Phone({ serverUrl: wsUrl, aor: `sip:${agent}@127.0.0.1` }, listener, options);
    cleanup.push(() => phone.stop());
    phone.start();
    await listener.connectionState('registered');
    const customer = new Customer(wsUrl, `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
    cleanup.push(() => customer.stop());
    await customer.start();
    return { phone, listener, customer, agent, wsUrl, peers };
  }

  /** A registered SIP user the agent can dial. */
  async function registeredCallee(wsUrl: string): Promise<Customer> {
    const callee = new Customer(wsUrl, uniqueUser('callee'));
    cleanup.push(() => callee.stop());
    await callee.start(true);
    return callee;
  }

  /** The customer calls the agent; resolves with the customer's side once it rings at the agent. */
  async function ringingCall(parts: Awaited<ReturnType<typeof setup>>, interactionId: string): Promise<Inviter> {
    const { listener, customer, agent } = parts;
    const { inviter } = customer.call(agent, [`X-CP-Interaction-Id: ${interactionId}`]);
    await waitFor('the call to ring', () => listener.offers.some((o) => o.callId === interactionId));
    return inviter;
  }

  /** The customer calls the agent, who answers; resolves once audio flows both ways. */
  async function answeredCall(parts: Awaited<ReturnType<typeof setup>>, interactionId: string) {
    const { phone, listener, peers } = parts;
    const inviter = await ringingCall(parts, interactionId);
    await phone.accept(interactionId);
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes(interactionId));
    const farPc = peerConnectionOf(inviter);
    if (!farPc) throw new Error('the customer has no peer connection');
    const agentPc = otherLeg(peers.connections, farPc);
    await waitFor('the agent to send audio', () => sendsAudio(agentPc));
    await waitFor('audio at the customer', async () => (await sessionBytesReceived(inviter)) > 0);
    return { callId: interactionId, inviter, farPc, agentPc };
  }

  it('holds with a sendonly re-INVITE and stops sending the agent\'s audio; retrieve makes it sendrecv again', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const { callId, inviter, farPc, agentPc } = await answeredCall(parts, 'int-hold-1');
    const far = watchFarEnd(inviter);

    await phone.hold(callId);
    expect(far.reinvites.map((r) => audioDirection(r.sdp)), 'the re-INVITE the customer answered').to.deep.equal(['sendonly']);
    expect(far.reinvites[0]?.statusCode).to.equal(200);
    expect(audioDirection(farPc.remoteDescription?.sdp)).to.equal('sendonly');
    expect(audio(agentPc).currentDirection, 'the agent\'s negotiated direction').to.be.oneOf(['inactive', 'recvonly']);
    expect(audio(agentPc).sender.track?.enabled, 'the agent\'s microphone').to.equal(false);
    expect(sendsAudio(agentPc)).to.equal(false);
    expect(listener.ends, 'the call goes on').to.deep.equal([]);

    await phone.retrieve(callId);
    expect(far.reinvites.map((r) => audioDirection(r.sdp))).to.deep.equal(['sendonly', 'sendrecv']);
    expect(audioDirection(farPc.remoteDescription?.sdp)).to.equal('sendrecv');
    expect(audio(agentPc).currentDirection).to.equal('sendrecv');
    expect(sendsAudio(agentPc)).to.equal(true);
    const before = await sessionBytesReceived(inviter);
    await waitFor('the customer to hear the agent again', async () => (await sessionBytesReceived(inviter)) > before);
    expect(listener.ends).to.deep.equal([]);
  });

  /** The call is up and held; retrieve works and then audio flows both ways. */
  async function expectHeldThenRetrieve(parts: Awaited<ReturnType<typeof setup>>, callId: string, farEnd: Session) {
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
    expect(audio(agentPc).currentDirection).to.equal('sendrecv');
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
    const { schedule, due } = manualTimers(REINVITE_READY_TIMEOUT_MS);
    const parts = await setup({ schedule });
    const { phone, listener, peers } = parts;
    const inviter = await ringingCall(parts, 'int-hold-no-ack');
    const sendAck = holdBackAck(inviter);
    await phone.accept('int-hold-no-ack');
    const far = watchFarEnd(inviter);

    const timers = due.length; // the registration's may be there too
    const hold = failureOf(phone.hold('int-hold-no-ack'));
    await waitFor('the hold to wait for the ACK', () => due.length === timers + 1);
    due.at(-1)?.();
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
    expect(audio(agentPc).currentDirection, 'the agent only listens').to.equal('recvonly');
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
    expect(audio(agentPc).currentDirection, 'the customer still holds').to.equal('recvonly');
    expect(audio(agentPc).sender.track?.enabled).to.equal(true);

    expect(await farHold(false)).to.equal(200);
    expect(audio(agentPc).currentDirection).to.equal('sendrecv');
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

  it('transfers a held call to a number: REFER names the target, the customer calls it, the agent\'s call ends as transferred', async () => {
    const parts = await setup();
    const { phone, listener, wsUrl } = parts;
    const target = new Customer(wsUrl, `+1444${Math.floor(1_000_000 + Math.random() * 8_999_999)}`, 'Bo Colleague');
    cleanup.push(() => target.stop());
    await target.start(true);
    const { callId, inviter } = await answeredCall(parts, 'int-transfer-1');
    const far = watchFarEnd(inviter, follow);
    await phone.hold(callId);

    await phone.transfer(callId, target.user.replace(/^\+1444/, '+1 444 '));
    expect(far.refers.length).to.equal(1);
    expect(far.refers[0]?.referTo.uri.toString()).to.equal(`sip:${target.user}@127.0.0.1`);
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'transferred' });
    await Customer.terminated(inviter);

    const forwarded = await target.answer();
    expect(forwarded.request.from.uri.user, 'the customer calls the target').to.equal(parts.customer.user);
    expect(forwarded.request.getHeader('Referred-By')).to.contain(parts.agent);
    await waitFor('the customer and the target to talk', async () => (await sessionBytesReceived(forwarded)) > 0);
    expect(listener.ends.filter((e) => e.callId === callId), 'ended once').to.have.length(1);
    await forwarded.bye();
  });

  it('fails with TRANSFER_FAILED when the far end refuses the REFER; the call stays up and held', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const { callId, inviter, agentPc } = await answeredCall(parts, 'int-transfer-refused');
    const far = watchFarEnd(inviter, (referral) => void referral.reject({ statusCode: 603 }).catch(() => undefined));
    await phone.hold(callId);

    const error = await failureOf(phone.transfer(callId, `sip:${uniqueUser('nobody')}@127.0.0.1`));
    expectCode(error, 'TRANSFER_FAILED', /refused the transfer/);
    expect((error as { detail: Record<string, unknown> }).detail.statusCode).to.equal(603);
    expect(far.refers.length).to.equal(1);
    expect(listener.ends).to.deep.equal([]);
    expect(inviter.state).to.equal(SessionState.Established);
    expect(sendsAudio(agentPc), 'still held').to.equal(false);
    expectCode(await failureOf(phone.hold(callId)), 'INVALID_TRANSITION', /already on hold/);
    await phone.retrieve(callId);
    expect(sendsAudio(agentPc)).to.equal(true);
  });

  it('refuses a transfer target that is neither a number nor a SIP address (TRANSFER_FAILED), without a REFER', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-transfer-bad');
    const far = watchFarEnd(inviter, follow);
    for (const target of ['', 'hello', 'sip:']) {
      expectCode(await failureOf(phone.transfer(callId, target)), 'TRANSFER_FAILED', /phone number or a SIP address/);
    }
    expect(far.refers).to.deep.equal([]);
    expect(listener.ends).to.deep.equal([]);
  });

  it('fails with TRANSFER_FAILED when the far end does not answer the REFER in time; a late acceptance still hands the call over', async () => {
    // The transfer's deadline runs when the test says so; other timers run as usual.
    const { schedule, due: deadlines } = manualTimers(TRANSFER_ANSWER_TIMEOUT_MS);
    const parts = await setup({ schedule });
    const { phone, listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-transfer-silent');
    const far = watchFarEnd(inviter); // takes the REFER and says nothing

    const transfer = failureOf(phone.transfer(callId, '+15550002222'));
    await waitFor('the customer to get the REFER', () => far.refers.length === 1);
    expect(deadlines.length).to.equal(1);
    deadlines[0]?.();
    expectCode(await transfer, 'TRANSFER_FAILED', /did not answer the transfer/);
    expect(listener.ends).to.deep.equal([]);
    expect(inviter.state).to.equal(SessionState.Established);

    // The customer's phone follows the transfer after all: the agent's leg must not linger.
    await far.refers[0]?.accept();
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'transferred' });
    await Customer.terminated(inviter);
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
