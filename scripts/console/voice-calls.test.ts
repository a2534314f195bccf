/**
 * The local console's VoiceCall switch (startConsole({ voiceCalls: true }), what
 * `CONSOLE_VOICE_CALLS=1 npm start` asks for): the console's Kamailio asks the voice call
 * service, which creates the VoiceCall at the fake Telephony Integration API, and the agent's
 * INVITE carries its id. The contact center's private key is not in anything the console serves.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { freeTcpPort, freeUdpPort } from '../sip-server/free-port.ts';
import { signSipCredential } from '../sip-server/sip-credential.ts';
import { SipPeer } from '../sip-server/test-support/sip-peer.ts';
import { plainSdp, webrtcSdp } from '../sip-server/test-support/sdp.ts';
import { startConsole, type RunningConsole } from './console-server.ts';

describe('the local console with VoiceCalls switched on', () => {
  let consoleRun: RunningConsole;
  let sipUdpPort: number;
  const peers: SipPeer[] = [];

  before(async () => {
    sipUdpPort = await freeUdpPort();
    consoleRun = await startConsole({ port: await freeTcpPort(), sipWsPort: await freeTcpPort(), sipUdpPort, name: 'voice-calls-console', buildContactPad: false, voiceCalls: true });
  });
  after(async () => {
    for (const peer of peers) peer.close();
    await consoleRun?.stop();
  });

  it('a phone-network call to the agent arrives with X-CP-Voice-Call-Id naming the VoiceCall the fake Telephony Integration API created', async () => {
    assert.ok(consoleRun.voiceCalls, 'the voice call service and the fake are running');
    const agent = await SipPeer.overWebSocket(consoleRun.sipWsUrl, { user: 'agent1' });
    peers.push(agent);
    const registered = await agent.register({ credential: signSipCredential(consoleRun.sipSecret, 'agent1', Date.now() + 3_600_000) });
    assert.equal(registered.final.status, 200);
    const trunk = await SipPeer.overUdp(sipUdpPort, { user: '+14155550123', localAddress: '127.0.0.1' });
    peers.push(trunk);
    const calling = trunk.invite('agent1', { sdp: plainSdp({ ip: '127.0.0.1' }) });
    const invite = await agent.nextRequestOf('INVITE', 8000);
    const listed = (await (await fetch(`${consoleRun.voiceCalls.telephonyUrl.replace(/\/telephony\/v1$/, '')}/__fake-telephony/voice-calls`)).json()) as { voiceCallId: string; vendorCallKey: string }[];
    assert.equal(listed.length, 1);
    assert.equal(invite.message.header('X-CP-Voice-Call-Id'), listed[0]?.voiceCallId);
    assert.equal(listed[0]?.vendorCallKey, invite.message.header('Call-ID'));
    invite.reply(200, 'OK', { sdp: webrtcSdp({ setup: 'active' }) });
    assert.equal((await calling).final.status, 200);
  });

  it('serves no private key: the console page holds no PEM key', async () => {
    const page = await (await fetch(consoleRun.url)).text();
    assert.doesNotMatch(page, /PRIVATE KEY/);
  });
});
