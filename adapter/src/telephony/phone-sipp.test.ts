import { expect } from '@open-wc/testing';
import { Phone } from './phone.ts';
import { RecordingListener, serverCommand, sipServer, uniqueUser, withSuiteCredentials } from '../../test-support/sip-calls.ts';

interface SippResult {
  exitCode: number;
  statusCodes: number[];
  log: string;
}

/**
 * SIPp, a raw SIP peer, sends the agent a WebRTC-shaped INVITE with hostile headers (a
 * script tag and quotes in the From display name, control characters in X-CP-Queue, an
 * overlong X-CP-Location, an unknown X-CP-Kind, a non-numeric attempt, no interaction id).
 */
describe('Phone: a malformed INVITE from SIPp', () => {
  let phone: Phone | undefined;
  afterEach(async () => {
    await phone?.stop();
    phone = undefined;
  });

  async function registeredAgent() {
    const { wsUrl } = await sipServer();
    const agent = uniqueUser('agent');
    const listener = new RecordingListener();
    const aor = `sip:${agent}@127.0.0.1`;
    phone = new Phone({ serverUrl: wsUrl, aor }, listener, withSuiteCredentials(aor));
    phone.start();
    await listener.connectionState('registered');
    return { agent, listener, phone };
  }

  it('rings with the hostile fields cleaned or blank, and SIPp sees the 486 of a reject', async () => {
    const { agent, listener, phone } = await registeredAgent();
    const run = serverCommand<SippResult>('sipp', { scenario: 'webrtc-invite-reject', to: agent });
    const offer = await listener.offer();

    expect(offer.callId, 'no X-CP-Interaction-Id: the Call-ID').to.equal(offer.sipCallId);
    expect(offer.callerName).to.equal('<script>alert("x")</script> O\'Brien <img src=x onerror=alert(1)>');
    expect(offer.callerNumber, 'From user "anonymous"').to.equal('');
    expect(offer.queue, 'only control characters').to.equal('');
    expect(offer.location, 'capped').to.equal('9'.repeat(128));
    expect(offer.adSource, '%-decoded, controls stripped').to.equal('<script>');
    expect(offer.kind, 'unknown X-CP-Kind, audio-only SDP').to.equal('voice');
    expect(offer.callbackNumber).to.equal('');
    expect(offer.callbackAttempt).to.equal(undefined);

    await phone.reject(offer.callId);
    const result = await run;
    expect(result.statusCodes, result.log).to.include(180);
    expect(result.statusCodes.at(-1), result.log).to.equal(486);
    expect(result.exitCode, result.log).to.equal(0);
    expect(listener.ends).to.deep.equal([{ callId: offer.callId, end: { reason: 'rejected', statusCode: 486 } }]);
  });

  it('rings with well-formed headers from a raw SIP peer too', async () => {
    const { agent, listener, phone } = await registeredAgent();
    const run = serverCommand<SippResult>('sipp', {
      scenario: 'webrtc-invite-reject',
      to: agent,
      fromDisplayName: '"Grace Hopper"',
      fromUser: '+15550102030',
      headers: ['X-CP-Interaction-Id: int-sipp-1', 'X-CP-Queue: Support', 'X-CP-Kind: callback', 'X-CP-Callback-Number: +1 555 010 2030', 'X-CP-Callback-Attempt: 3'],
    });
    const offer = await listener.offer();
    expect(offer).to.include({
      callId: 'int-sipp-1',
      callerName: 'Grace Hopper',
      callerNumber: '+15550102030',
      queue: 'Support',
      kind: 'callback',
      callbackNumber: '+1 555 010 2030',
      callbackAttempt: 3,
    });
    await phone.reject(offer.callId);
    expect((await run).statusCodes.at(-1)).to.equal(486);
  });

  it('reports a missed call when SIPp cancels while it rings', async () => {
    const { agent, listener } = await registeredAgent();
    const run = serverCommand<SippResult>('sipp', { scenario: 'webrtc-invite-cancel', to: agent });
    const offer = await listener.offer();
    const result = await run;
    expect(result.statusCodes.filter((code) => code !== 100), result.log).to.deep.equal([180, 200, 487]);
    expect(result.exitCode, result.log).to.equal(0);
    expect(await listener.endOf(offer.callId)).to.deep.equal({ reason: 'caller-cancelled' });
  });

  it('a trunk offering only G.729 (no codec a browser plays): the caller gets 488 without ringing, the agent is told why with CALL_CODECS_UNSUPPORTED, nothing hangs', async () => {
    const { agent, listener, phone } = await registeredAgent();
    const run = serverCommand<SippResult>('sipp', { scenario: 'plain-call-g729', to: agent, headers: [] });
    const { error } = await listener.refusal();
    expect(error.code).to.equal('CALL_CODECS_UNSUPPORTED');
    expect(error.message).to.contain('g729').and.to.contain('488');
    const result = await run;
    expect(result.statusCodes, result.log).not.to.include(180);
    expect(result.statusCodes.at(-1), result.log).to.equal(488);
    expect(result.exitCode, result.log).to.equal(0);
    expect(listener.offers, 'it never rang').to.deep.equal([]);
    // Nothing hangs: the phone takes the next call as usual.
    const next = serverCommand<SippResult>('sipp', { scenario: 'webrtc-invite-reject', to: agent });
    const second = await listener.offer();
    await phone.reject(second.callId);
    expect((await next).statusCodes.at(-1)).to.equal(486);
  });

  it('rings for a caller whose display name carries control characters (\\x01, ESC), with them removed from the name', async () => {
    const { agent, listener, phone } = await registeredAgent();
    const run = serverCommand<SippResult>('sipp', {
      scenario: 'webrtc-invite-reject',
      to: agent,
      fromDisplayName: '"Ada\u0001 \u001b[31mLovelace\u001b[0m\u0007"',
      fromUser: '+15550104040',
      headers: [],
    });
    const offer = await listener.offer();
    expect(offer.callerName).to.equal('Ada Lovelace');
    expect(offer.callerNumber).to.equal('+15550104040');
    await phone.reject(offer.callId);
    const result = await run;
    expect(result.statusCodes, result.log).to.include(180);
    expect(result.statusCodes.at(-1), result.log).to.equal(486);
  });

  it('lets SIPp see 404 for an agent that is not registered', async () => {
    const result = await serverCommand<SippResult>('sipp', { scenario: 'webrtc-invite-reject', to: uniqueUser('nobody') });
    expect(result.statusCodes.at(-1), result.log).to.equal(404);
  });
});
