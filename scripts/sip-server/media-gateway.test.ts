// The media gateway (rtpengine, driven by Kamailio) between plain-RTP peers and WebRTC agents,
// against the real Kamailio, rtpengine and SIPp (node --test). The agents here are SIP clients
// on the same WebSocket a browser uses, written in Node (test-support/sip-peer.ts): they show the
// SDP an agent receives and answer with the SDP Chromium sends. Audio through a real browser is
// the end-to-end suite's part.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startKamailio, type RunningKamailio } from './kamailio.ts';
import { runSipp } from './sipp.ts';
import { edgePorts, eventually, logMark, logSince, registeredAgent, udpPeer } from './test-support/edge.ts';
import { callsInGateway } from './test-support/rtpengine-control.ts';
import { audioOf, plainSdp, webrtcSdp, type AudioMedia } from './test-support/sdp.ts';
import type { SipPeer } from './test-support/sip-peer.ts';

const TRUNK = '127.0.0.3';

/** SDP toward a WebRTC agent: rtpengine as the only ICE candidate, DTLS-SRTP, rtcp-mux, no SDES keys. */
function assertWebrtcMedia(media: AudioMedia, edge: RunningKamailio, setup: 'actpass' | 'passive'): void {
  const [low, high] = edge.mediaGateway.rtpPorts;
  assert.equal(media.proto, 'UDP/TLS/RTP/SAVPF');
  assert.ok(media.port >= low && media.port <= high, `port ${media.port} is rtpengine's (${low}-${high})`);
  assert.equal(media.candidates.length, 1, `one candidate, rtpengine's: ${media.candidates.join(' | ')}`);
  assert.match(media.candidates[0]!, new RegExp(` 127\\.0\\.0\\.1 ${media.port} typ host`));
  assert.ok(media.value('ice-ufrag') && media.value('ice-pwd'), 'ICE credentials');
  assert.match(media.value('fingerprint') ?? '', /^sha-256 /);
  assert.equal(media.value('setup'), setup);
  assert.ok(media.has('rtcp-mux'), 'rtcp-mux');
  assert.ok(!media.has('crypto'), 'no SDES keys');
  assert.ok(media.has('mid'), 'a=mid');
}

/** SDP toward a plain-RTP peer: RTP/AVP on rtpengine's address, no ICE, no DTLS, RTCP on its own port. */
function assertPlainMedia(media: AudioMedia, edge: RunningKamailio): void {
  const [low, high] = edge.mediaGateway.rtpPorts;
  assert.equal(media.proto, 'RTP/AVP');
  assert.equal(media.address, '127.0.0.1');
  assert.ok(media.port >= low && media.port <= high, `port ${media.port} is rtpengine's (${low}-${high})`);
  for (const attribute of ['candidate', 'ice-ufrag', 'ice-pwd', 'fingerprint', 'setup', 'rtcp-mux', 'crypto']) {
    assert.ok(!media.has(attribute), `no a=${attribute}`);
  }
}

describe('the media gateway: rtpengine converts SDP between plain-RTP peers and WebRTC agents', () => {
  let edge: RunningKamailio;
  const peers: SipPeer[] = [];
  const keep = <T extends SipPeer>(peer: T): T => {
    peers.push(peer);
    return peer;
  };

  before(async () => {
    edge = await startKamailio({ ...(await edgePorts()), name: 'media-test', trunks: [TRUNK] });
  });
  after(async () => {
    for (const peer of peers) peer.close();
    await edge?.stop();
  });

  it('a trunk\'s plain-RTP offer reaches the agent as WebRTC, the agent\'s answer reaches the trunk as plain RTP, and BYE frees the gateway', async (t) => {
    const agent = keep(await registeredAgent(edge, 'media-agent1'));
    const trunk = keep(await udpPeer(edge, 'carrier', TRUNK));
    const sent = Date.now();
    const call = trunk.invite('media-agent1', { sdp: plainSdp({ formats: [0, 8, 101] }) });

    const invite = await agent.nextRequestOf('INVITE');
    const offer = audioOf(invite.message.body);
    assertWebrtcMedia(offer, edge, 'actpass');
    assert.deepEqual(offer.formats, [0, 8, 101], 'the caller\'s codecs, untranscoded');
    invite.reply(180, 'Ringing');
    invite.reply(200, 'OK', { sdp: webrtcSdp({ setup: 'active', formats: [0, 126] }) });

    const { final, dialog } = await call;
    t.diagnostic(`INVITE to 200 OK through Kamailio and rtpengine (Node peers, no browser): ${Date.now() - sent} ms`);
    assert.equal(final.status, 200, final.raw);
    const answer = audioOf(final.body);
    assertPlainMedia(answer, edge);
    assert.equal(answer.direction, 'sendrecv');
    const callId = final.header('Call-ID')!;
    assert.ok((await callsInGateway(edge.mediaGateway.ngPort)).includes(callId), 'rtpengine holds the call');

    await agent.nextRequestOf('ACK');
    const bye = await trunk.inDialog(dialog!, 'BYE');
    assert.equal(bye.final.status, 200);
    await agent.nextRequestOf('BYE');
    assert.ok(!(await callsInGateway(edge.mediaGateway.ngPort)).includes(callId), 'rtpengine let the call go');
  });

  it('SIPp as the carrier (PCMU, PCMA, telephone-event over RTP/AVP): the agent gets WebRTC, SIPp gets plain RTP back', async () => {
    const agent = keep(await registeredAgent(edge, 'media-agent2'));
    const sipp = runSipp({ scenario: 'plain-call', proxyPort: edge.udpPort, to: 'media-agent2', localIp: TRUNK, fromUser: '+14155550101', fromDisplayName: '"Pat Caller"', headers: [] });

    const invite = await agent.nextRequestOf('INVITE', 10_000);
    assertWebrtcMedia(audioOf(invite.message.body), edge, 'actpass');
    invite.reply(200, 'OK', { sdp: webrtcSdp({ setup: 'active', formats: [0, 8, 126] }) });
    const result = await sipp;

    assert.equal(result.exitCode, 0, result.log);
    assert.ok(result.statusCodes.includes(200), result.log);
    const okBlock = result.log.split(/^-{10,}.*$/m).find((block) => /message received/i.test(block) && /^\s*SIP\/2\.0 200 OK/m.test(block) && /CSeq: 1 INVITE/.test(block));
    assert.ok(okBlock, result.log);
    assertPlainMedia(audioOf(okBlock.slice(okBlock.search(/\r?\n\r?\nv=0/)).trim()), edge);
    await agent.nextRequestOf('BYE');
  });

  it('an agent calling a plain-RTP phone: the phone gets a plain offer, the agent a WebRTC answer (DTLS passive)', async () => {
    const agent = keep(await registeredAgent(edge, 'media-agent3'));
    const phone = keep(await udpPeer(edge, 'desk-phone-7', TRUNK));
    assert.equal((await phone.register()).final.status, 200);

    const call = agent.invite('desk-phone-7', { sdp: webrtcSdp({ setup: 'actpass' }) });
    const invite = await phone.nextRequestOf('INVITE');
    const offer = audioOf(invite.message.body);
    assertPlainMedia(offer, edge);
    assert.deepEqual(offer.formats, [111, 9, 0, 8, 126], 'the browser\'s codecs, untranscoded');
    invite.reply(200, 'OK', { sdp: plainSdp({ formats: [0, 101] }) });

    const { final, dialog } = await call;
    assert.equal(final.status, 200, final.raw);
    assertWebrtcMedia(audioOf(final.body), edge, 'passive');
    await phone.nextRequestOf('ACK');

    const bye = await agent.inDialog(dialog!, 'BYE');
    assert.equal(bye.final.status, 200);
    assert.ok(!(await callsInGateway(edge.mediaGateway.ngPort)).includes(dialog!.callId));
  });

  it('hold and retrieve (re-INVITEs from the agent) are converted both ways and keep the call in the gateway', async () => {
    const agent = keep(await registeredAgent(edge, 'media-agent4'));
    const trunk = keep(await udpPeer(edge, 'carrier-hold', TRUNK));
    const call = trunk.invite('media-agent4', { sdp: plainSdp() });
    const invite = await agent.nextRequestOf('INVITE');
    invite.reply(200, 'OK', { sdp: webrtcSdp({ setup: 'active', formats: [0, 126] }) });
    const { dialog: trunkDialog } = await call;
    await agent.nextRequestOf('ACK');
    const agentDialog = agent.dialogOf(invite.message.header('Call-ID')!)!;

    for (const [agentSays, trunkAnswers, agentHears] of [
      ['sendonly', 'recvonly', 'recvonly'],
      ['sendrecv', 'sendrecv', 'sendrecv'],
    ] as const) {
      const reinvite = agent.inDialog(agentDialog, 'INVITE', { sdp: webrtcSdp({ setup: 'actpass', direction: agentSays, formats: [0, 126] }) });
      const atTrunk = await trunk.nextRequestOf('INVITE');
      const offer = audioOf(atTrunk.message.body);
      assertPlainMedia(offer, edge);
      assert.equal(offer.direction, agentSays);
      atTrunk.reply(200, 'OK', { sdp: plainSdp({ direction: trunkAnswers }) });
      const { final } = await reinvite;
      assert.equal(final.status, 200, final.raw);
      const answer = audioOf(final.body);
      assertWebrtcMedia(answer, edge, 'passive');
      assert.equal(answer.direction, agentHears);
      await trunk.nextRequestOf('ACK');
    }
    assert.ok((await callsInGateway(edge.mediaGateway.ngPort)).includes(agentDialog.callId));
    await trunk.inDialog(trunkDialog!, 'BYE');
  });

  it('a late offer (an INVITE without SDP): the agent\'s offer in the 200 reaches the trunk as plain RTP, the trunk\'s answer in the ACK reaches the agent as WebRTC', async () => {
    const agent = keep(await registeredAgent(edge, 'media-agent5'));
    const trunk = keep(await udpPeer(edge, 'carrier-late', TRUNK));
    const call = trunk.invite('media-agent5', { ackSdp: plainSdp({ formats: [0] }) });
    const invite = await agent.nextRequestOf('INVITE');
    assert.equal(invite.message.body, '');
    invite.reply(200, 'OK', { sdp: webrtcSdp({ setup: 'actpass' }) });

    const { final, dialog } = await call;
    assert.equal(final.status, 200, final.raw);
    assertPlainMedia(audioOf(final.body), edge);
    const ack = await agent.nextRequestOf('ACK');
    assertWebrtcMedia(audioOf(ack.message.body), edge, 'passive');
    await trunk.inDialog(dialog!, 'BYE');
    assert.ok(!(await callsInGateway(edge.mediaGateway.ngPort)).includes(dialog!.callId));
  });

  it('agent to agent (both on WebSocket): the media stays end to end, untouched by the gateway', async () => {
    const caller = keep(await registeredAgent(edge, 'media-agent6'));
    const callee = keep(await registeredAgent(edge, 'media-agent7'));
    const offerSent = webrtcSdp({ ip: '127.0.0.1', port: 50006, setup: 'actpass' });
    const call = caller.invite('media-agent7', { sdp: offerSent });
    const invite = await callee.nextRequestOf('INVITE');
    assert.equal(invite.message.body, offerSent, 'the caller\'s own offer');
    const answerSent = webrtcSdp({ ip: '127.0.0.1', port: 50007, setup: 'active' });
    invite.reply(200, 'OK', { sdp: answerSent });
    const { final, dialog } = await call;
    assert.equal(final.status, 200, final.raw);
    assert.equal(final.body, answerSent, 'the callee\'s own answer');
    assert.ok(!(await callsInGateway(edge.mediaGateway.ngPort)).includes(dialog!.callId), 'rtpengine never saw the call');
    await caller.inDialog(dialog!, 'BYE');
  });

  it('a caller offering only G.729 (no codec a browser decodes) gets the agent\'s 488, and the gateway lets the call go', async () => {
    const agent = keep(await registeredAgent(edge, 'media-agent8'));
    const sipp = runSipp({ scenario: 'plain-call-g729', proxyPort: edge.udpPort, to: 'media-agent8', localIp: TRUNK, headers: [] });
    const invite = await agent.nextRequestOf('INVITE', 10_000);
    const offer = audioOf(invite.message.body);
    assert.deepEqual(offer.formats, [18], 'rtpengine does not transcode: the browser sees G.729 only');
    invite.reply(180, 'Ringing');
    // What ContactPad answers to an offer whose audio the browser cannot play
    // (adapter/src/telephony/offer-codecs.ts; held in Chromium by phone-sipp.test.ts).
    // Chromium itself would answer 200 with the audio rejected (port 0): a silent call.
    invite.reply(488, 'Not Acceptable Here');
    const result = await sipp;
    assert.equal(result.statusCodes.at(-1), 488, result.log);
    const callId = invite.message.header('Call-ID')!;
    await eventually('rtpengine let the refused call go', async () => !(await callsInGateway(edge.mediaGateway.ngPort)).includes(callId));
  });

  it('a caller who hangs up while the agent rings (CANCEL, 487) leaves nothing in the gateway', async () => {
    const agent = keep(await registeredAgent(edge, 'media-agent9'));
    const sipp = runSipp({ scenario: 'webrtc-invite-cancel', proxyPort: edge.udpPort, to: 'media-agent9', localIp: TRUNK, headers: [] });
    const invite = await agent.nextRequestOf('INVITE', 10_000);
    invite.reply(180, 'Ringing');
    const result = await sipp;
    assert.deepEqual(result.statusCodes.filter((code) => code >= 200), [200, 487], result.log);
    const callId = invite.message.header('Call-ID')!;
    await eventually('rtpengine let the cancelled call go', async () => !(await callsInGateway(edge.mediaGateway.ngPort)).includes(callId));
  });

  // Last: it takes the gateway down and brings it back.
  it('with rtpengine down, a call gets 503 Media Gateway Unavailable and a log line, registering still works, and calls work again once it is back', async () => {
    const agent = keep(await registeredAgent(edge, 'media-agent10'));
    const trunk = keep(await udpPeer(edge, 'carrier-outage', TRUNK));
    await edge.mediaGateway.stop();
    const mark = logMark(edge.logFile);

    const refused = await trunk.invite('media-agent10', { sdp: plainSdp() });
    assert.equal(refused.final.status, 503, refused.final.raw);
    assert.equal(refused.final.reason, 'Media Gateway Unavailable');
    assert.match(refused.final.header('Warning') ?? '', /media gateway \(rtpengine\) unavailable/);
    assert.match(logSince(edge.logFile, mark), /media gateway unavailable: rtpengine_offer failed for INVITE sip:media-agent10@127\.0\.0\.1 from 127\.0\.0\.3:\d+/);
    assert.equal((await agent.register()).final.status, 200, 'the phone stays registered');

    await edge.mediaGateway.start();
    await eventually(
      'a call through the gateway again',
      async () => {
        const call = trunk.invite('media-agent10', { sdp: plainSdp() });
        const invite = await agent.nextRequestOf('INVITE', 1500).catch(() => undefined);
        invite?.reply(486, 'Busy Here');
        return (await call).final.status === 486;
      },
      10_000,
    );
  });
});
