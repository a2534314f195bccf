/**
 * The phone's consult controls through the real SIP server (Kamailio, the suite's): attended
 * transfer (REFER with Replaces), its failures, the three-way call mixed in the browser, and the
 * far end's own hold. The customer and the colleague are sip.js phones in the page.
 */
import { expect } from '@open-wc/testing';
import { SessionState, Web, type Invitation } from 'sip.js';
import { audioDirection, CallRig, Customer, expectCode, follow, reinvite, sessionBytesReceived, uniqueUser, watchFarEnd } from '../../test-support/sip-calls.ts';
import { failureOf } from '../../test-support/thrown.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import { glareWaitMs } from './hold.ts';

describe('Phone: consult calls through the real SIP server', () => {
  const rig = new CallRig();
  afterEach(() => rig.tearDown());
  const { setup, answeredCall } = rig;

  /** A colleague's phone that takes INVITEs with Replaces, registered. */
  async function colleagueOn(wsUrl: string): Promise<Customer> {
    const colleague = new Customer(wsUrl, uniqueUser('colleague'), 'Jordan Colleague');
    rig.defer(() => colleague.stop());
    await colleague.start(true, true);
    return colleague;
  }

  /** The customer's call, answered and held, and a consult call to the colleague, answered. */
  async function consulting(interactionId: string) {
    const parts = await setup();
    const colleague = await colleagueOn(parts.wsUrl);
    const call = await answeredCall(parts, interactionId);
    await parts.phone.hold(call.callId);
    const consultId = await parts.phone.dial(colleague.user);
    const consultLeg = await colleague.answer(0);
    await waitFor('the consult call to connect', () => parts.listener.connectedCalls.includes(consultId));
    return { ...parts, ...call, colleague, consultId, consultLeg };
  }

  it('completes an attended transfer: REFER with Replaces naming the consult call; the customer and the colleague talk; both calls end as transferred', async () => {
    const { phone, listener, callId, inviter, colleague, consultId, consultLeg } = await consulting('int-attended');
    const far = watchFarEnd(inviter, follow);

    const transfer = phone.completeTransfer(callId, consultId);
    const replacing: Invitation = await waitFor('the customer to call the colleague with Replaces', () => colleague.incoming[1]);
    expect(replacing.replacee, 'sip.js matched the consult call').to.equal(consultLeg);
    const replaces = String(far.refers[0]?.referTo.uri.getHeader('replaces'));
    expect(decodeURIComponent(replaces)).to.contain(consultLeg.request.callId);
    await replacing.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    // RFC 3891: the colleague's phone hangs up the call it replaced (unless the agent's BYE, sent once the customer's NOTIFY said 200, came first).
    if (consultLeg.state === SessionState.Established) await consultLeg.bye();

    await transfer;
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'transferred' });
    expect(await listener.endOf(consultId)).to.deep.equal({ reason: 'transferred' });
    await Customer.terminated(inviter);
    await waitFor('the colleague to hear the customer', async () => (await sessionBytesReceived(replacing)) > 0);
    expect(replacing.state).to.equal(SessionState.Established);
    await replacing.bye();
  });

  it('keeps both calls when the colleague\'s phone refuses the caller (486 in the NOTIFY), and when the caller\'s phone refuses the REFER', async () => {
    const { phone, listener, callId, inviter, colleague, consultId } = await consulting('int-attended-refused');
    const far = watchFarEnd(inviter, follow);
    const transfer = failureOf(phone.completeTransfer(callId, consultId));
    const replacing: Invitation = await waitFor('the customer to call the colleague', () => colleague.incoming[1]);
    await replacing.reject({ statusCode: 486 });
    expectCode(await transfer, 'TRANSFER_FAILED', /did not go through.*486.*both calls are still yours/);
    expect(far.refers).to.have.length(1);
    expect(listener.ends).to.deep.equal([]);

    watchFarEnd(inviter, (referral) => void referral.reject({ statusCode: 603 }).catch(() => undefined));
    expectCode(await failureOf(phone.completeTransfer(callId, consultId)), 'TRANSFER_FAILED', /caller's phone refused the transfer \(603/);
    expect(listener.ends).to.deep.equal([]);
    // Both calls are as they were: the customer on hold, the consult call connected.
    await phone.retrieve(callId).catch((error: unknown) => expect.fail(String(error)));
    await phone.hold(consultId);
  });

  it('joins the two calls in a three-way call mixed in the browser, and gives the customer the agent\'s own microphone back when the colleague leaves', async () => {
    const { phone, listener, callId, inviter, consultId, consultLeg, agentPc } = await consulting('int-conference');
    const microphone = agentPc.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.sender.track;
    await phone.conference(callId, consultId);
    const mixed = agentPc.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.sender.track;
    expect(mixed, 'the customer gets the mix').to.not.equal(microphone);
    expect(mixed?.readyState).to.equal('live');
    const heard = await sessionBytesReceived(inviter);
    const colleagueHeard = await sessionBytesReceived(consultLeg);
    await waitFor('the customer to hear the mix (off hold)', async () => (await sessionBytesReceived(inviter)) > heard);
    await waitFor('the colleague to hear the mix', async () => (await sessionBytesReceived(consultLeg)) > colleagueHeard);
    expectCode(await failureOf(phone.conference(callId, consultId)), 'INVALID_TRANSITION', /conference already/);

    await consultLeg.bye();
    expect(await listener.endOf(consultId)).to.deep.equal({ reason: 'remote-hangup' });
    await waitFor('the customer to get the agent\'s microphone again', () => agentPc.getTransceivers().find((t) => t.receiver.track.kind === 'audio')?.sender.track === microphone);
    expect(mixed?.readyState).to.equal('ended');
    expect(listener.ends.filter((end) => end.callId === callId)).to.deep.equal([]);
  });

  it('tells when the far end holds the agent (its re-INVITE sendonly) and when it takes the call back', async () => {
    const parts = await setup();
    const { listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-far-end-hold');
    expect(await reinvite(inviter, [Web.holdModifier])).to.equal(200);
    await waitFor('the phone to say the far end holds', () => listener.farEndHolds.at(-1)?.held === true);
    expect(await reinvite(inviter)).to.equal(200);
    await waitFor('the phone to say the far end is back', () => listener.farEndHolds.at(-1)?.held === false);
    expect(listener.farEndHolds.every((told) => told.callId === callId)).to.equal(true);
  });

  it('holds once the far end\'s own re-INVITE is over, instead of refusing or meeting a 491, when the agent asks in the middle of it', async () => {
    const parts = await setup();
    const { phone } = parts;
    const { callId, inviter, farPc } = await answeredCall(parts, 'int-hold-during-far-end-reinvite');
    // The customer's re-INVITE: its offer goes out at once; applying the agent's answer (and so the ACK) waits for the test.
    let steps = 0;
    let letAckGo = () => undefined as void;
    const ackHeld = new Promise<void>((resolve) => (letAckGo = resolve));
    void inviter.invite({ sessionDescriptionHandlerModifiers: [(description) => (++steps === 2 ? ackHeld.then(() => description) : Promise.resolve(description))] });
    await waitFor('the agent to have answered the customer\'s re-INVITE', () => steps === 2);
    const hold = phone.hold(callId);
    letAckGo();
    await hold;
    expect(audioDirection(farPc.remoteDescription?.sdp), 'the customer is held').to.equal('sendonly');
  });

  it('waits RFC 3261 14.1\'s random time before sending again a re-INVITE refused with 491: 2.1 to 4 s as the Call-ID\'s owner, else up to 2 s', () => {
    expect([0, 0.5, 0.999999].map((random) => glareWaitMs(true, () => random))).to.deep.equal([2100, 3050, 4000]);
    expect([0, 0.5, 0.999999].map((random) => glareWaitMs(false, () => random))).to.deep.equal([0, 1000, 2000]);
  });
});
