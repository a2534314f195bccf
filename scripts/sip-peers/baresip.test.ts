// The baresip launcher against Debian's baresip (node --test): two plain-RTP phones call
// each other peer to peer. Through Kamailio and rtpengine: e2e/phone-network.test.ts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { readNetstrings } from './baresip-control.ts';
import { baresipAccount, baresipConfig, parseAudioDebug, startBaresip, type RunningBaresip } from './baresip.ts';

/** What baresip 1.0.0's `audio_debug` printed for an opus call (abridged only where noted). */
const AUDIO_DEBUG = `
--- Audio stream ---
 tx:   encode: opus 48000Hz/2ch ptime=20ms S16LE
       aubuf: wish_sz=3840 cur_sz=0 filling=0 (cur 0.00ms, max 600.00ms, or 0, ur 0)
       source: ausine,440 S16LE
       time = 4.500 sec
 rx:   decode: opus 48000Hz/2ch S16LE
       aubuf: wish_sz=3840 cur_sz=30720 filling=1 (cur 160.00ms, max 160.00ms, or 212, ur 0)
       player: aubridge,nowhere S16LE
       n_discard:0
       time = 4.379 sec
 audio tx pipeline:      ausine ---> opus
 audio rx pipeline:    aubridge <--- opus
 audio dir=sendrecv pt_enc=96
 local: 0.0.0.0:30060, remote: 127.0.0.1:30044/127.0.0.1:30045
 mnat: (none) (connected=no)
 menc: (none) (secure=no)
RTP debug:
 Encode: seq=14952 ssrc=0xed6002f9
----- RTCP Session: -----
  cname=sip:a@127.0.0.1:15061 SSRC=0xed6002f9/3982492409 rx=48000Hz
  member 0x07a202b4: lost=0 Jitter=0.0ms RTT=0.0ms
                 IP=127.0.0.1:30044 psent=0 rcvd=225
  TX: packets=225, octets=56160
--- jitter buffer debug---
 running=1 min=5 cur=5 max=10 [frames]
 seq_put=7042
`;

describe('baresip launcher: what it writes and reads', () => {
  it('configures a headless plain-RTP phone on 127.0.0.1 with a 48 kHz stereo tone and a control socket', () => {
    const config = baresipConfig({ sipPort: 15060, controlPort: 14444, toneHz: 440, moduleDir: '/usr/lib/baresip/modules' });
    for (const line of ['sip_listen\t\t127.0.0.1:15060', 'net_interface\t\t127.0.0.1', 'audio_source\t\tausine,440', 'ausrc_srate\t\t48000', 'ausrc_channels\t\t2', 'audio_player\t\taubridge,nowhere', 'ctrl_tcp_listen\t\t127.0.0.1:14444']) {
      assert.ok(config.includes(line), `config has ${JSON.stringify(line)}`);
    }
    assert.doesNotMatch(config, /stdio|cons\.so|ice\.so|dtls|srtp/, 'no console UI, no ICE, no DTLS, no SRTP');
  });

  it('offers opus and PCMU, or PCMU alone like most trunks; registers only when asked, through Kamailio', () => {
    const both = baresipAccount({ user: '+14155550100', displayName: 'Maria "M" Lopez', proxyPort: 5060, codecs: 'opus+pcmu', register: false, autoAnswer: false });
    assert.equal(both, '"Maria M Lopez" <sip:+14155550100@127.0.0.1>;outbound="sip:127.0.0.1:5060;transport=udp";regint=0;answermode=manual;audio_codecs=opus/48000/2,PCMU/8000/1');
    const trunk = baresipAccount({ user: '+14155550142', proxyPort: 5060, codecs: 'pcmu', register: true, autoAnswer: true });
    assert.match(trunk, /;regint=600;answermode=auto;audio_codecs=PCMU\/8000\/1$/);
    assert.throws(() => baresipAccount({ user: 'x', codecs: 'pcmu', register: true, autoAnswer: false }), /register needs the proxy/);
  });

  it('reads the codec, RTP sent and RTP received from audio_debug', () => {
    assert.deepEqual(parseAudioDebug(AUDIO_DEBUG), {
      encoder: 'opus 48000Hz/2ch',
      decoder: 'opus 48000Hz/2ch',
      packetsSent: 225,
      octetsSent: 56160,
      packetsReceived: 225,
      remote: '127.0.0.1:30044',
    });
    assert.deepEqual(parseAudioDebug(''), { encoder: '', decoder: '', packetsSent: 0, octetsSent: 0, packetsReceived: 0, remote: '' });
  });

  it('splits the control socket\'s netstrings, keeping an incomplete one for later', () => {
    const { messages, rest } = readNetstrings(Buffer.from('7:{"a":1},3:{}x,5:{"b"'));
    assert.deepEqual(messages, ['{"a":1}', '{}x']);
    assert.equal(rest.toString(), '5:{"b"');
    assert.throws(() => readNetstrings(Buffer.from('zz:{}')), /bad netstring length/);
  });

  it('refuses names, users and tones it cannot pass on safely', async () => {
    await assert.rejects(startBaresip({ name: '../x', user: '+1' }), /name must be/);
    await assert.rejects(startBaresip({ name: 'ok', user: 'a b' }), /user must be a plain SIP user/);
    await assert.rejects(startBaresip({ name: 'ok', user: '+1', displayName: 'a"b' }), /displayName/);
    await assert.rejects(startBaresip({ name: 'ok', user: '+1', toneHz: 9 }), /toneHz/);
  });
});

describe('two baresip phones, peer to peer', () => {
  const phones: RunningBaresip[] = [];
  after(async () => {
    await Promise.all(phones.map((phone) => phone.stop()));
  });

  it('a call: the callee rings, answers, a PCMU-only callee makes the call PCMU, audio flows both ways, and a hang-up reaches the other side as a BYE', async () => {
    const callee = await startBaresip({ name: 'unit-callee', user: '+14155550142', codecs: 'pcmu' });
    const caller = await startBaresip({ name: 'unit-caller', user: '+14155550100', displayName: 'Maria Lopez' });
    phones.push(callee, caller);
    const callId = await caller.dial(`sip:${callee.user}@127.0.0.1:${callee.sipPort}`);
    assert.equal(await callee.waitForIncoming(), callId, 'both sides name the call by its SIP Call-ID');
    assert.equal(callee.callId, callId);
    await callee.answer();
    await Promise.all([caller.waitForEstablished(callId), callee.waitForEstablished(callId)]);

    const deadline = Date.now() + 10_000;
    let [heard, said] = [await caller.audioStats(), await callee.audioStats()];
    while ((heard.packetsReceived < 50 || said.packetsReceived < 50) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      [heard, said] = [await caller.audioStats(), await callee.audioStats()];
    }
    assert.ok(heard.packetsReceived >= 50 && said.packetsReceived >= 50, `RTP both ways: caller ${JSON.stringify(heard)}, callee ${JSON.stringify(said)}`);
    assert.equal(heard.encoder, 'PCMU 8000Hz/1ch');
    assert.equal(said.decoder, 'PCMU 8000Hz/1ch');
    assert.equal(heard.octetsSent, heard.packetsSent * 160, 'PCMU at 20 ms: 160 bytes of payload a packet');

    await callee.hangUp();
    const [atCaller, atCallee] = await Promise.all([caller.waitForEnd(callId), callee.waitForEnd(callId)]);
    assert.ok(atCaller.byPeer, `the caller saw the BYE: ${atCaller.reason}`);
    assert.ok(!atCallee.byPeer, `the callee hung up itself: ${atCallee.reason}`);
    assert.equal(caller.callId, undefined, 'no call under way any more');
  });

  it('a call to nobody ends with the reason, and stop() ends the process', async () => {
    const caller = await startBaresip({ name: 'unit-lonely', user: '+14155550199' });
    phones.push(caller);
    const callId = await caller.dial('sip:nobody@127.0.0.1:9');
    await caller.hangUp();
    const end = await caller.waitForEnd(callId);
    assert.ok(!end.byPeer);
    await caller.stop();
    assert.ok(!existsSync(`/proc/${caller.pid}`), 'baresip is gone');
  });

  it('dies with the Node process that started it, even one killed without a chance to clean up', () => {
    const script = `
      import { startBaresip } from ${JSON.stringify(new URL('./baresip.ts', import.meta.url).href)};
      const phone = await startBaresip({ name: 'unit-orphan', user: '+14155550198' });
      console.log(phone.pid);
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 20_000 });
    const pid = Number(child.stdout.trim());
    assert.ok(pid > 0, `the child started baresip: ${child.stdout} ${child.stderr}`);
    const deadline = Date.now() + 3000;
    while (existsSync(`/proc/${pid}`) && Date.now() < deadline) spawnSync('sleep', ['0.05']);
    assert.ok(!existsSync(`/proc/${pid}`), `baresip ${pid} outlived the process that started it`);
  });
});
