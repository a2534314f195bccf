/**
 * VoiceCalls at the SIP edge: the real Kamailio (kamailio.cfg with WITH_VOICE_CALLS, its
 * http_client and async modules) asks the real voice call service, which creates the VoiceCall at
 * the fake Telephony Integration API; the agent's INVITE carries X-CP-Voice-Call-Id with that id.
 * Callers are a trunk (UDP from a listed address), the platform (an authenticated customer-* user
 * on the WebSocket) and agents (WebSocket clients). When the service or Salesforce refuses, fails
 * or is silent, the agent still rings, without the header, and the edge's log names the code.
 */
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startFakeTelephony, type RunningFakeTelephony } from '../fake-telephony/fake-telephony-server.ts';
import { startKamailio, type RunningKamailio } from '../sip-server/kamailio.ts';
import { newEdgeSecret, signSipCredential } from '../sip-server/sip-credential.ts';
import { edgePorts, eventually, logMark, logSince, peerKeeper, registeredAgent, udpPeer } from '../sip-server/test-support/edge.ts';
import { audioOf, plainSdp, webrtcSdp } from '../sip-server/test-support/sdp.ts';
import { SipPeer, type IncomingRequest } from '../sip-server/test-support/sip-peer.ts';
import { contactCenterKeys, keptLog, testServiceConfig, TEST_CONTACT_CENTER, TEST_ORG_ID } from './test-support.ts';
import { startVoiceCallService, type RunningVoiceCallService } from './voice-call-service.ts';

const HOUR = 3_600_000;
const TRUNK = '127.0.0.1';
const CALLER = '+14155550123';
const HEADER = 'X-CP-Voice-Call-Id';

describe('VoiceCalls at the SIP edge: X-CP-Voice-Call-Id on the INVITE the agent gets', () => {
  let edge: RunningKamailio;
  let fake: RunningFakeTelephony;
  let service: RunningVoiceCallService;
  const keys = contactCenterKeys();
  const secret = newEdgeSecret();
  const serviceLog = keptLog();
  const { keep, closeAll } = peerKeeper();
  const credentialFor = (user: string) => signSipCredential(secret, user, Date.now() + HOUR);
  const agent = async (user: string) => keep(await registeredAgent(edge, user, credentialFor(user)));
  const platform = async () => keep(await SipPeer.overWebSocket(edge.wsUrl, { user: 'customer-vc' }));
  const trunk = async () => keep(await udpPeer(edge, CALLER, TRUNK));
  const voiceCallIdOf = (invite: IncomingRequest) => invite.message.header(HEADER);
  /** Answers the INVITE and returns the caller's final status. */
  const answerCall = async (invite: IncomingRequest, calling: Promise<{ final: { status?: number; raw: string } }>) => {
    invite.reply(200, 'OK', { sdp: webrtcSdp({ setup: 'active' }) });
    return (await calling).final;
  };

  before(async () => {
    fake = await startFakeTelephony({ orgId: TEST_ORG_ID, contactCenterApiName: TEST_CONTACT_CENTER, publicKeyPem: keys.publicKeyPem });
    // 1 s for Salesforce, under the edge's 3 s: a silent Salesforce is the service's timeout, with its code.
    service = await startVoiceCallService(testServiceConfig(fake.baseUrl, keys.privateKey, 1000), serviceLog.log);
    edge = await startKamailio({
      ...(await edgePorts()),
      name: 'voice-calls-test',
      trunks: [TRUNK],
      auth: { secret, platformUsers: ['customer-*'] },
      queues: [{ address: 'queue-vc', members: ['vc-ann', 'vc-ben'], ringSeconds: 20 }],
      voiceCalls: { serviceUrl: service.url },
    });
  });
  after(async () => {
    closeAll();
    await edge?.stop();
    await service?.stop();
    await fake?.stop();
  });
  beforeEach(() => fake.setFault('none'));

  it('a trunk\'s call to an agent: one VoiceCall (the caller from P-Asserted-Identity, the Call-ID as vendor call key), its id on the agent\'s INVITE, and the call connects through the media gateway', async () => {
    const amy = await agent('vc-amy');
    const count = fake.voiceCalls.length;
    const mark = logMark(edge.logFile);
    const calling = (await trunk()).invite('vc-amy', { sdp: plainSdp({ ip: TRUNK }), headers: [`P-Asserted-Identity: <sip:${CALLER}@carrier.example>`] });
    const invite = await amy.nextRequestOf('INVITE');
    assert.equal(fake.voiceCalls.length, count + 1);
    const created = fake.voiceCalls.at(-1)!;
    assert.equal(voiceCallIdOf(invite), created.voiceCallId);
    assert.deepEqual([created.initiationMethod, created.request.from, created.vendorCallKey], ['Inbound', CALLER, invite.message.header('Call-ID')]);
    assert.equal(audioOf(invite.message.body).proto, 'UDP/TLS/RTP/SAVPF', 'the agent gets rtpengine\'s WebRTC offer: the call kept its route through the media gateway');
    const final = await answerCall(invite, calling);
    assert.equal(final.status, 200, final.raw);
    assert.match(logSince(edge.logFile, mark), new RegExp(`VOICE_CALL_CREATED: VoiceCall <${created.voiceCallId}>`));
  });

  it('the platform\'s call to a queue: one VoiceCall for the call, the same id for every member rung in turn', async () => {
    const [ann, ben] = [await agent('vc-ann'), await agent('vc-ben')];
    const count = fake.voiceCalls.length;
    const calling = (await platform()).invite('queue-vc', { sdp: webrtcSdp(), credential: credentialFor('customer-vc'), headers: ['X-CP-Queue: Sales'] });
    const first = await ann.nextRequestOf('INVITE');
    const id = voiceCallIdOf(first);
    assert.match(id ?? '', /^0LQ/);
    assert.equal(first.message.header('X-CP-Queue'), 'Sales', 'the rest of the header contract is untouched');
    first.reply(486, 'Busy Here');
    const second = await ben.nextRequestOf('INVITE');
    assert.equal(voiceCallIdOf(second), id);
    assert.equal(fake.voiceCalls.length, count + 1, 'one VoiceCall, not one per member');
    assert.equal((await answerCall(second, calling)).status, 200);
  });

  it('an agent\'s transfer leg (the call\'s X-CP-Voice-Call-Id on its INVITE to another agent): a Transfer VoiceCall with that parent, and the new id reaches the other agent', async () => {
    const [cat, dan] = [await agent('vc-cat'), await agent('vc-dan')];
    const calling = (await trunk()).invite('vc-cat', { sdp: plainSdp({ ip: TRUNK }) });
    const inbound = await cat.nextRequestOf('INVITE');
    const parent = voiceCallIdOf(inbound)!;
    assert.equal((await answerCall(inbound, calling)).status, 200);

    const consult = cat.invite('vc-dan', { sdp: webrtcSdp(), credential: credentialFor('vc-cat'), headers: [`${HEADER}: ${parent}`] });
    const leg = await dan.nextRequestOf('INVITE');
    const created = fake.voiceCalls.at(-1)!;
    assert.deepEqual([created.initiationMethod, created.parentVoiceCallId], ['Transfer', parent]);
    assert.equal(voiceCallIdOf(leg), created.voiceCallId, 'the leg\'s own id replaces the parent\'s');
    assert.notEqual(created.voiceCallId, parent);
    assert.equal(leg.message.headerAll(HEADER).length, 1);
    assert.equal((await answerCall(leg, consult)).status, 200);
  });

  it('the platform\'s transfer leg (Referred-By and the transferred call\'s id): a Transfer VoiceCall; the platform\'s own id without Referred-By is kept as it is', async () => {
    const eve = await agent('vc-eve');
    const first = (await trunk()).invite('vc-eve', { sdp: plainSdp({ ip: TRUNK }) });
    const inbound = await eve.nextRequestOf('INVITE');
    const parent = voiceCallIdOf(inbound)!;
    inbound.reply(486, 'Busy Here');
    await first;

    const transferred = (await trunk()).invite('vc-eve', { sdp: plainSdp({ ip: TRUNK }), headers: [`Referred-By: <sip:vc-cat@127.0.0.1>`, `${HEADER}: ${parent}`] });
    const leg = await eve.nextRequestOf('INVITE');
    assert.deepEqual([fake.voiceCalls.at(-1)?.initiationMethod, fake.voiceCalls.at(-1)?.parentVoiceCallId], ['Transfer', parent]);
    assert.equal(voiceCallIdOf(leg), fake.voiceCalls.at(-1)?.voiceCallId);
    leg.reply(486, 'Busy Here');
    await transferred;

    const count = fake.voiceCalls.length;
    const given = (await trunk()).invite('vc-eve', { sdp: plainSdp({ ip: TRUNK }), headers: [`${HEADER}: ${parent}`] });
    const kept = await eve.nextRequestOf('INVITE');
    assert.equal(voiceCallIdOf(kept), parent);
    assert.equal(fake.voiceCalls.length, count, 'no VoiceCall made for a call that came with one');
    kept.reply(486, 'Busy Here');
    await given;
  });

  it('an agent\'s own call (no id), or one with a header that is no record id: no VoiceCall, and no X-CP-Voice-Call-Id reaches the callee', async () => {
    const [fay, gus] = [await agent('vc-fay'), await agent('vc-gus')];
    const count = fake.voiceCalls.length;
    for (const headers of [[], [`${HEADER}: not-a-record-id`]]) {
      const calling = fay.invite('vc-gus', { sdp: webrtcSdp(), credential: credentialFor('vc-fay'), headers });
      const invite = await gus.nextRequestOf('INVITE');
      assert.equal(voiceCallIdOf(invite), undefined);
      invite.reply(486, 'Busy Here');
      await calling;
    }
    assert.equal(fake.voiceCalls.length, count);
  });

  it('a call to a user who is not registered makes no VoiceCall and gets 404', async () => {
    const count = fake.voiceCalls.length;
    const { final } = await (await trunk()).invite('vc-nobody', { sdp: plainSdp({ ip: TRUNK }) });
    assert.equal(final.status, 404);
    assert.equal(fake.voiceCalls.length, count);
  });

  for (const [fault, code] of [
    ['refuse', 'VOICE_CALL_TELEPHONY_API_FAILED'],
    ['limit', 'VOICE_CALL_LIMIT_EXCEEDED'],
    ['hang', 'VOICE_CALL_TIMEOUT'],
  ] as const) {
    it(`Salesforce ${fault === 'hang' ? 'silent' : fault === 'limit' ? 'over its limits' : 'failing'}: the agent still rings, without X-CP-Voice-Call-Id, and both logs name ${code}`, async () => {
      const hal = await agent(`vc-hal-${fault}`);
      fake.setFault(fault);
      const mark = logMark(edge.logFile);
      const calling = (await trunk()).invite(`vc-hal-${fault}`, { sdp: plainSdp({ ip: TRUNK }) });
      const invite = await hal.nextRequestOf('INVITE', 8000);
      assert.equal(voiceCallIdOf(invite), undefined);
      assert.equal((await answerCall(invite, calling)).status, 200, 'the call connects');
      assert.match(logSince(edge.logFile, mark), new RegExp(`VOICE_CALL_NOT_CREATED: the voice call service answered 200 <${code}>; ringing sip:vc-hal-${fault}@`));
      assert.equal(serviceLog.lines.at(-1)?.code, code);
      assert.equal(serviceLog.lines.at(-1)?.callId, invite.message.header('Call-ID'));
    });
  }

  it('the caller hangs up while the VoiceCall is being made: the CANCEL is answered, the INVITE gets 487, and the agent never rings', async () => {
    const joy = await agent('vc-joy');
    fake.setFault('hang');
    const caller = createSocket('udp4');
    await new Promise<void>((done) => caller.bind(0, TRUNK, () => done()));
    const replies: string[] = [];
    caller.on('message', (message) => replies.push(`${message.toString().split('\r\n')[0]} (${/CSeq: \d+ (\w+)/.exec(message.toString())?.[1]})`));
    const port = caller.address().port;
    const request = (method: string) =>
      [`${method} sip:vc-joy@127.0.0.1 SIP/2.0`, `Via: SIP/2.0/UDP ${TRUNK}:${port};branch=z9hG4bK-vc-cancel;rport`, 'Max-Forwards: 70', `From: <sip:${CALLER}@${TRUNK}>;tag=vc-cancel`, 'To: <sip:vc-joy@127.0.0.1>', 'Call-ID: vc-cancel@test', `CSeq: 1 ${method}`, `Contact: <sip:caller@${TRUNK}:${port}>`, 'Content-Length: 0', '', ''].join('\r\n');
    try {
      caller.send(request('INVITE'), edge.udpPort, '127.0.0.1');
      await eventually('the INVITE reached the edge', () => replies.some((line) => /^SIP\/2\.0 100 /.test(line)));
      caller.send(request('CANCEL'), edge.udpPort, '127.0.0.1');
      await eventually('the CANCEL and the INVITE were answered', () => replies.some((line) => /^SIP\/2\.0 200 .*\(CANCEL\)$/.test(line)) && replies.some((line) => /^SIP\/2\.0 487 .*\(INVITE\)$/.test(line)));
      await eventually('the service gave up on Salesforce', () => serviceLog.lines.some((line) => line.callId === 'vc-cancel@test' && line.code === 'VOICE_CALL_TIMEOUT'), 5000);
      await assert.rejects(joy.nextRequestOf('INVITE', 500), /no matching request/, 'the agent does not ring for a call the caller left');
    } finally {
      caller.close();
    }
  });

  it('the voice call service down: the agent still rings without the header, and the edge logs VOICE_CALL_SERVICE_UNREACHABLE', async () => {
    const ivy = await agent('vc-ivy');
    await service.stop();
    const mark = logMark(edge.logFile);
    const calling = (await trunk()).invite('vc-ivy', { sdp: plainSdp({ ip: TRUNK }) });
    const invite = await ivy.nextRequestOf('INVITE', 8000);
    assert.equal(voiceCallIdOf(invite), undefined);
    assert.equal((await answerCall(invite, calling)).status, 200);
    await eventually('the edge logged the code', () => /VOICE_CALL_SERVICE_UNREACHABLE: no answer from the voice call service/.test(logSince(edge.logFile, mark)));
  });
});
