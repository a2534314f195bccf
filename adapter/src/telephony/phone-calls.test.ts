import { expect } from '@open-wc/testing';
import { SessionState } from 'sip.js';
import { isContactPadError } from '../model/errors.ts';
import { Phone, type PhoneConfig } from './phone.ts';
import { Customer, RecordingListener, sessionBytesReceived, sipServer, uniqueUser, withSuiteCredentials } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/** An agent phone registered with the suite's Kamailio, and a customer ready to call it. */
async function agentAndCustomer(config: Partial<PhoneConfig> = {}) {
  const { wsUrl } = await sipServer();
  const agent = uniqueUser('agent');
  const listener = new RecordingListener();
  const aor = `sip:${agent}@127.0.0.1`;
  const phone = new Phone({ serverUrl: wsUrl, aor, ...config }, listener, withSuiteCredentials(aor));
  phone.start();
  await listener.connectionState('registered');
  const customer = new Customer(wsUrl, `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
  await customer.start();
  return { phone, listener, customer, agent, wsUrl };
}

describe('Phone: calls through the real SIP server', () => {
  let cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    cleanup = [];
  });

  async function setup(config: Partial<PhoneConfig> = {}) {
    const parts = await agentAndCustomer(config);
    cleanup.push(() => parts.phone.stop(), () => parts.customer.stop());
    return parts;
  }

  it('reports connecting, then registered', async () => {
    const { listener } = await setup();
    expect(listener.connections.map((c) => c.state)).to.deep.equal(['connecting', 'registered']);
  });

  it('rings with the caller and the platform headers of the INVITE', async () => {
    const { listener, customer, agent } = await setup();
    customer.call(agent, [
      'X-CP-Interaction-Id: int-7f3a',
      'X-CP-Queue: Sales EMEA',
      'X-CP-Location: Berlin Store',
      'X-CP-Ad-Source: Spring%20Campaign',
      'X-CP-Kind: voice',
    ]);
    const offer = await listener.offer();
    expect(offer.callId).to.equal('int-7f3a');
    expect(offer.sipCallId).to.not.equal('');
    expect(offer.callerName).to.equal('Ada Customer');
    expect(offer.callerNumber).to.equal(customer.user);
    expect(offer.queue).to.equal('Sales EMEA');
    expect(offer.location).to.equal('Berlin Store');
    expect(offer.adSource).to.equal('Spring Campaign');
    expect(offer.kind).to.equal('voice');
  });

  it('answers with audio flowing both ways, then releases with a BYE the customer receives', async () => {
    const { phone, listener, customer, agent } = await setup();
    const { inviter, finalStatus } = customer.call(agent, ['X-CP-Interaction-Id: int-media-1']);
    const offer = await listener.offer();
    await phone.accept(offer.callId);
    expect(await finalStatus).to.equal(200);
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes('int-media-1'));
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);

    const stats = await waitFor('audio in both directions at the agent', async () => {
      const s = await phone.mediaStats('int-media-1');
      return s.bytesReceived > 0 && s.bytesSent > 0 && s;
    });
    expect(['connected', 'completed']).to.include(stats.iceConnectionState);
    await waitFor('audio at the customer', async () => (await sessionBytesReceived(inviter)) > 0);

    await phone.release('int-media-1');
    await Customer.terminated(inviter);
    expect(await listener.endOf('int-media-1')).to.deep.equal({ reason: 'released' });
  });

  it('rings a video call as video and answers it (audio, and the video of video-call.ts) without failing', async () => {
    const { phone, listener, customer, agent } = await setup();
    const { inviter, finalStatus } = customer.call(agent, ['X-CP-Interaction-Id: int-video-1'], { video: true });
    const offer = await listener.offer();
    expect(offer.kind, 'from the m=video line').to.equal('video');
    await phone.accept(offer.callId);
    expect(await finalStatus).to.equal(200);
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes('int-video-1'));
    await waitFor('audio at the agent', async () => (await phone.mediaStats('int-video-1')).bytesReceived > 0);
    await inviter.bye();
    expect(await listener.endOf('int-video-1')).to.deep.equal({ reason: 'remote-hangup' });
  });

  it('ends with remote-hangup when the customer hangs up', async () => {
    const { phone, listener, customer, agent } = await setup();
    const { inviter } = customer.call(agent);
    const offer = await listener.offer();
    expect(offer.callId, 'no X-CP-Interaction-Id: the SIP Call-ID').to.equal(offer.sipCallId);
    await phone.accept(offer.callId);
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);
    await inviter.bye();
    expect(await listener.endOf(offer.callId)).to.deep.equal({ reason: 'remote-hangup' });
  });

  it('ends with caller-cancelled when the customer gives up while it rings', async () => {
    const { listener, customer, agent } = await setup();
    const { inviter } = customer.call(agent, ['X-CP-Interaction-Id: int-missed-1']);
    await listener.offer();
    await inviter.cancel();
    expect(await listener.endOf('int-missed-1')).to.deep.equal({ reason: 'caller-cancelled' });
  });

  it('rejects with 486 Busy Here by default, so the platform can offer the call to another agent', async () => {
    const { phone, listener, customer, agent } = await setup();
    const { finalStatus } = customer.call(agent, ['X-CP-Interaction-Id: int-busy-1']);
    await listener.offer();
    await phone.reject('int-busy-1');
    expect(await finalStatus).to.equal(486);
    expect(await listener.endOf('int-busy-1')).to.deep.equal({ reason: 'rejected', statusCode: 486 });
  });

  it('rejects with 603 Decline when configured to', async () => {
    const { phone, listener, customer, agent } = await setup({ rejectStatusCode: 603 });
    const { finalStatus } = customer.call(agent, ['X-CP-Interaction-Id: int-decline-1']);
    await listener.offer();
    await phone.reject('int-decline-1');
    expect(await finalStatus).to.equal(603);
    expect(await listener.endOf('int-decline-1')).to.deep.equal({ reason: 'rejected', statusCode: 603 });
  });

  it('fails the call with MEDIA_UNAVAILABLE when the microphone cannot be opened, and the caller is not left ringing', async () => {
    const { phone, listener, customer, agent } = await setup();
    const { finalStatus } = customer.call(agent, ['X-CP-Interaction-Id: int-nomic-1']);
    await listener.offer();
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    try {
      const error = await phone.accept('int-nomic-1').then(() => undefined, (e: unknown) => e);
      expect(isContactPadError(error, 'MEDIA_UNAVAILABLE')).to.equal(true);
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
    const end = await listener.endOf('int-nomic-1');
    expect(end).to.include({ reason: 'failed', code: 'MEDIA_UNAVAILABLE' });
    expect(await finalStatus).to.be.within(400, 699);
  });

  it('fails an outbound call with MEDIA_UNAVAILABLE when the microphone cannot be opened', async () => {
    const { phone, listener } = await setup();
    const original = navigator.mediaDevices.getUserMedia;
    navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
    let error: unknown;
    try {
      error = await phone.dial('+15550001111').then(() => undefined, (e: unknown) => e);
    } finally {
      navigator.mediaDevices.getUserMedia = original;
    }
    expect(isContactPadError(error, 'MEDIA_UNAVAILABLE')).to.equal(true);
    const end = await waitFor('the failed call to be reported', () => listener.ends[0]);
    expect(end.end).to.include({ reason: 'failed', code: 'MEDIA_UNAVAILABLE' });
  });

  it('dials a registered SIP user and connects when they answer', async () => {
    const { phone, listener, wsUrl } = await setup();
    const callee = new Customer(wsUrl, uniqueUser('callee'));
    cleanup.push(() => callee.stop());
    await callee.start(true);
    const callId = await phone.dial(`sip:${callee.user}@127.0.0.1`);
    const invitation = await waitFor('the callee to ring', () => callee.incoming[0]);
    await invitation.accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes(callId));
    await invitation.bye();
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'remote-hangup' });
  });

  it('reports a dialled number nobody registered as rejected with 404', async () => {
    const { phone, listener } = await setup();
    const callId = await phone.dial('+1 (555) 000-0000');
    expect(await listener.endOf(callId)).to.deep.equal({ reason: 'rejected', statusCode: 404 });
  });

  it('dials a SIP user on the agent\'s own domain, and a colleague\'s address written without sip:', async () => {
    const { phone, listener, wsUrl } = await setup();
    const callee = new Customer(wsUrl, uniqueUser('jordan.lee'));
    cleanup.push(() => callee.stop());
    await callee.start(true);

    const byUser = await phone.dial(callee.user);
    const first = await waitFor('the callee to ring', () => callee.incoming[0]);
    expect(first.request.to.uri.toString(), 'sip:<user>@<the agent\'s domain>').to.equal(`sip:${callee.user}@127.0.0.1`);
    await first.reject({ statusCode: 486 });
    expect(await listener.endOf(byUser)).to.deep.equal({ reason: 'rejected', statusCode: 486 });

    const byAddress = await phone.dial(`${callee.user}@127.0.0.1`);
    const second = await waitFor('the callee to ring again', () => callee.incoming[1]);
    expect(second.request.to.uri.toString()).to.equal(`sip:${callee.user}@127.0.0.1`);
    await second.reject({ statusCode: 486 });
    expect(await listener.endOf(byAddress)).to.deep.equal({ reason: 'rejected', statusCode: 486 });
  });

  it('refuses to dial something that is neither a number, a SIP user nor a SIP address', async () => {
    const { phone } = await setup();
    for (const target of ['', 'two words', '<script>', 'sip:', '@127.0.0.1']) {
      const error = await phone.dial(target).then(() => undefined, (e: unknown) => e);
      expect(isContactPadError(error, 'SIP_CALL_FAILED'), target).to.equal(true);
    }
  });

  it('answers CALL_NOT_FOUND for a call it does not have', async () => {
    const { phone } = await setup();
    for (const action of [() => phone.accept('nope'), () => phone.reject('nope'), () => phone.release('nope'), () => phone.mediaStats('nope')]) {
      const error = await action().then(() => undefined, (e: unknown) => e);
      expect(isContactPadError(error, 'CALL_NOT_FOUND')).to.equal(true);
    }
  });
});
