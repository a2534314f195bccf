// SIPp playing PCMU RTP (node --test): the tone file it plays, and a call to a baresip phone
// that counts what arrives. Through Kamailio + rtpengine to ContactPad: e2e/phone-network.test.ts.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startBaresip, type RunningBaresip } from './baresip.ts';
import { linearToMuLaw, muLawToneWav } from './mulaw-wav.ts';
import { startSippRtpCaller } from './sipp-rtp.ts';

describe('the tone SIPp plays', () => {
  it('encodes G.711 μ-law as ITU-T G.711 does (silence 0xFF, full scale 0x80 and 0x00)', () => {
    assert.equal(linearToMuLaw(0), 0xff);
    assert.equal(linearToMuLaw(32767), 0x80);
    assert.equal(linearToMuLaw(-32768), 0x00);
    assert.equal(linearToMuLaw(-1), 0x7f);
    assert.equal(linearToMuLaw(1000), 0xce);
  });

  it('is a μ-law WAV, 8 kHz mono, whose data is the samples', () => {
    const wav = muLawToneWav({ hz: 1000, seconds: 0.5 });
    assert.equal(wav.toString('latin1', 0, 4), 'RIFF');
    assert.equal(wav.readUInt16LE(20), 7, 'WAVE_FORMAT_MULAW');
    assert.equal(wav.readUInt32LE(24), 8000);
    assert.equal(wav.toString('latin1', 50, 54), 'data');
    assert.equal(wav.readUInt32LE(54), 4000);
    assert.equal(wav.length, 58 + 4000);
    assert.ok(new Set(wav.subarray(58)).size > 4, 'a tone, not silence');
  });
});

describe('SIPp as a plain-RTP caller', () => {
  let callee: RunningBaresip | undefined;
  after(async () => {
    await callee?.stop();
  });

  it('calls, is answered, plays PCMU RTP the callee receives, and answers the callee\'s BYE', async () => {
    callee = await startBaresip({ name: 'unit-sipp-callee', user: 'agent1', autoAnswer: true, codecs: 'pcmu' });
    const call = await startSippRtpCaller({ name: 'unit', proxyPort: callee.sipPort, fromUser: '+14155550102', fromDisplayName: 'Priya Natarajan', timeoutMs: 20_000 });
    assert.equal(await callee.waitForIncoming(), call.callId, 'the Call-ID SIPp was given');
    await callee.waitForEstablished(call.callId);
    const deadline = Date.now() + 10_000;
    let heard = await callee.audioStats();
    while (heard.packetsReceived < 50 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      heard = await callee.audioStats();
    }
    assert.ok(heard.packetsReceived >= 50, `the callee received SIPp's RTP: ${JSON.stringify(heard)}`);
    assert.equal(heard.decoder, 'PCMU 8000Hz/1ch');
    await callee.hangUp();
    const result = await call.done;
    assert.ok(result.gotBye, result.log.slice(-2000));
    assert.deepEqual(result.statusCodes.filter((code) => code >= 200), [200]);
    assert.equal(result.exitCode, 0, result.log.slice(-2000));
  });
});
