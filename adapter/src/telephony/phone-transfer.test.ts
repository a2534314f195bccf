import { expect } from '@open-wc/testing';
import { SessionState } from 'sip.js';
import { TRANSFER_ANSWER_TIMEOUT_MS } from './phone.ts';
import {
  CallRig,
  Customer,
  expectCode,
  follow,
  sendsAudio,
  sessionBytesReceived,
  SUITE_CREDENTIAL_RENEWAL_MS,
  uniqueUser,
  watchFarEnd,
} from '../../test-support/sip-calls.ts';
import { failureOf } from '../../test-support/thrown.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import { FakeClock } from '../../test-support/fake-clock.ts';

describe('Phone: blind transfer through the real SIP server', () => {
  const rig = new CallRig();
  afterEach(() => rig.tearDown());
  const { setup, answeredCall, registeredCallee } = rig;
  const cleanup = { push: (step: () => Promise<void> | void) => rig.defer(step) };

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

  it('a call whose INVITE named a VoiceCall: the Refer-To names it as a URI header, in angle brackets (RFC 3261 19.1.5, 20); an id that is no VoiceCall id is not forwarded', async () => {
    const parts = await setup();
    const { phone } = parts;
    const voiceCall = '0LQ5g000000ABCDGA4';
    for (const [header, expected] of [[voiceCall, [voiceCall]], ['001000000000001AAA', undefined], ['0LQ<sip:evil>', undefined]] as const) {
      const { callId, inviter } = await answeredCall(parts, uniqueUser('int-transfer-vc'), [`X-CP-Voice-Call-Id: ${header}`]);
      const far = watchFarEnd(inviter, (referral) => void referral.reject({ statusCode: 603 }).catch(() => undefined));
      expectCode(await failureOf(phone.transfer(callId, 'jordan.lee')), 'TRANSFER_FAILED');
      const referral = far.refers[0];
      expect(referral?.referTo.uri.getHeader('X-CP-Voice-Call-Id'), header).to.deep.equal(expected);
      expect(referral?.referTo.uri.aor).to.equal('jordan.lee@127.0.0.1');
      if (expected) expect(referral?.request.getHeader('Refer-To')).to.match(/^<sip:jordan\.lee@127\.0\.0\.1\?X-Cp-Voice-Call-Id=0LQ5g000000ABCDGA4>$/i);
      await phone.release(callId);
    }
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

  it('transfers to a colleague\'s SIP user on the agent\'s own domain: Refer-To sip:<user>@<domain>', async () => {
    const parts = await setup();
    const { phone, listener, wsUrl } = parts;
    const colleague = await registeredCallee(wsUrl, 'jordan.lee');
    const { callId, inviter } = await answeredCall(parts, 'int-transfer-user');
    const far = watchFarEnd(inviter, follow);

    await phone.transfer(callId, colleague.user);
    expect(far.refers[0]?.referTo.uri.toString()).to.equal(`sip:${colleague.user}@127.0.0.1`);
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'transferred' });
    const forwarded = await colleague.answer();
    expect(forwarded.request.from.uri.user, 'the customer calls the colleague').to.equal(parts.customer.user);
    await forwarded.bye();
  });

  it('refuses a transfer target that is neither a number, a SIP user nor a SIP address (TRANSFER_FAILED), without a REFER', async () => {
    const parts = await setup();
    const { phone, listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-transfer-bad');
    const far = watchFarEnd(inviter, follow);
    for (const target of ['', 'two words', '<script>', 'sip:', '@127.0.0.1']) {
      expectCode(await failureOf(phone.transfer(callId, target)), 'TRANSFER_FAILED', /phone number or a SIP address/);
    }
    expect(far.refers).to.deep.equal([]);
    expect(listener.ends).to.deep.equal([]);
  });

  it('fails with TRANSFER_FAILED when the far end does not answer the REFER in time; a late acceptance still hands the call over', async () => {
    // The transfer's deadline runs out when the test moves the clock.
    const clock = new FakeClock();
    const parts = await setup({ clock, serverCheck: false }); // the clock moves by seconds at once: no server check (phone-server-watch.test.ts)
    const { phone, listener } = parts;
    const { callId, inviter } = await answeredCall(parts, 'int-transfer-silent');
    const far = watchFarEnd(inviter); // takes the REFER and says nothing

    const transfer = failureOf(phone.transfer(callId, '+15550002222'));
    await waitFor('the customer to get the REFER', () => far.refers.length === 1);
    expect(clock.pending.map((timer) => timer.delay), 'the transfer\'s deadline (and the credential\'s renewal), nothing else').to.deep.equal([TRANSFER_ANSWER_TIMEOUT_MS, SUITE_CREDENTIAL_RENEWAL_MS]);
    clock.advance(TRANSFER_ANSWER_TIMEOUT_MS);
    expectCode(await transfer, 'TRANSFER_FAILED', /did not answer the transfer/);
    expect(listener.ends).to.deep.equal([]);
    expect(inviter.state).to.equal(SessionState.Established);

    // The customer's phone follows the transfer after all: the agent's leg must not linger.
    await far.refers[0]?.accept();
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'transferred' });
    await Customer.terminated(inviter);
  });
});
