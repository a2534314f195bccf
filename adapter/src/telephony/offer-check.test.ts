import { expect } from '@open-wc/testing';
import { offerRefusal, type OfferProblem } from './offer-check.ts';
import { browserAudioDecoders } from './offer-codecs.ts';

/**
 * Every rule of offer-check.ts against the browser itself: for each offer, the check's verdict,
 * and Chromium's own (setRemoteDescription, then createAnswer) on the same SDP. What the check
 * lets through the browser must take; what it refuses as unreadable or unusable the browser must
 * refuse too. Three refusals are the check's own, on offers the browser would take but that make
 * no call: no audio or video at all, a fingerprint of the wrong length (DTLS can never verify
 * it), codecs it cannot play.
 */

const FINGERPRINT = '7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08';
const sdp = (...lines: string[]) => [...lines, ''].join('\r\n');

/**
 * What rtpengine (the media gateway, with kamailio.cfg's WEBRTC_FLAGS) sends the agent for a
 * trunk's plain-RTP offer of PCMU, PCMA and telephone-event: recorded from this project's edge
 * (scripts/sip-server/test-support/sdp.ts plainSdp through Kamailio and rtpengine 10.5).
 */
const RTPENGINE_OFFER = sdp(
  'v=0', 'o=carrier 1700 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
  'm=audio 23000 UDP/TLS/RTP/SAVPF 0 8 101', 'a=mid:1', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16',
  'a=sendrecv', 'a=rtcp:23000', 'a=rtcp-mux', 'a=setup:actpass',
  'a=fingerprint:sha-256 1F:AD:6A:5E:65:FF:ED:24:6B:7D:32:E9:2A:D6:20:55:41:84:AE:D8:1C:60:C2:2F:4F:E3:47:2F:F2:ED:07:B0',
  'a=ptime:20', 'a=ice-ufrag:UhOASGV1', 'a=ice-pwd:KBxZJrIQ1STFfwKBjdKtG9Y57C', 'a=candidate:3eLrpUEYU9C75C52 1 UDP 2130706431 127.0.0.1 23000 typ host',
);

/** A WebRTC offer shaped as a WebRTC peer's (the customer simulator, a colleague's browser), with changes. */
function webrtc(change: { proto?: string; drop?: string[]; add?: string[]; session?: string[]; bundle?: boolean; formats?: string } = {}): string {
  const media = [
    `m=audio 50000 ${change.proto ?? 'UDP/TLS/RTP/SAVPF'} ${change.formats ?? '111 0'}`,
    'c=IN IP4 127.0.0.1', 'a=rtcp:9 IN IP4 0.0.0.0', 'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host generation 0',
    'a=ice-ufrag:Tst1', 'a=ice-pwd:testtesttesttesttesttest', 'a=ice-options:trickle', `a=fingerprint:sha-256 ${FINGERPRINT}`,
    'a=setup:actpass', 'a=mid:0', 'a=sendrecv', 'a=rtcp-mux', 'a=rtpmap:111 opus/48000/2', 'a=fmtp:111 minptime=10;useinbandfec=1', 'a=rtpmap:0 PCMU/8000',
  ].filter((line) => !(change.drop ?? []).some((prefix) => line.startsWith(prefix)));
  const session = [
    'v=0', 'o=- 4611731400430051336 2 IN IP4 127.0.0.1', 's=-', 't=0 0',
    ...(change.bundle === false ? [] : ['a=group:BUNDLE 0']),
    'a=msid-semantic: WMS', ...(change.session ?? []),
  ];
  return sdp(...session, ...media, ...(change.add ?? []));
}

/** A carrier's or PBX's offer as it leaves the trunk: plain RTP, no ICE, no DTLS. */
const PLAIN_RTP = sdp('v=0', 'o=carrier 1700 1 IN IP4 127.0.0.3', 's=-', 'c=IN IP4 127.0.0.3', 't=0 0', 'm=audio 6000 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000', 'a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16', 'a=ptime:20', 'a=sendrecv');

/** Shaped as Firefox's offer: session-level fingerprint, extmap with a direction, attributes in its order. */
const FIREFOX_SHAPED = sdp(
  'v=0', 'o=mozilla...THIS_IS_SDPARTA-128.0 7184426154468734213 0 IN IP4 0.0.0.0', 's=-', 't=0 0',
  `a=fingerprint:sha-256 ${FINGERPRINT}`, 'a=group:BUNDLE 0', 'a=ice-options:trickle', 'a=msid-semantic:WMS *',
  'm=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101', 'c=IN IP4 0.0.0.0', 'a=sendrecv',
  'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level', 'a=extmap:2/recvonly urn:ietf:params:rtp-hdrext:csrc-audio-level', 'a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid',
  'a=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1', 'a=fmtp:101 0-15', 'a=ice-pwd:ae6b23c63e50e7d3c1d1e6e1e8b3f2a1', 'a=ice-ufrag:2f4c9a1e',
  'a=mid:0', 'a=msid:{7a3e} {9b1c}', 'a=rtcp-mux', 'a=rtpmap:109 opus/48000/2', 'a=rtpmap:9 G722/8000/1', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000/1', 'a=setup:actpass', 'a=ssrc:3216430411 cname:{4d1e}',
);

/** Chromium's verdict: whether it takes the offer (setRemoteDescription) and can answer it (createAnswer). */
async function browserTakes(offer: string): Promise<boolean> {
  const pc = new RTCPeerConnection();
  try {
    await pc.setRemoteDescription({ type: 'offer', sdp: offer });
    await pc.createAnswer();
    return true;
  } catch {
    return false;
  } finally {
    pc.close();
  }
}

/** Chromium's own offer (what sip.js sends from a browser), for audio, or audio and video. */
async function chromiumOffer(video: boolean): Promise<string> {
  const pc = new RTCPeerConnection();
  try {
    pc.addTransceiver('audio');
    if (video) pc.addTransceiver('video');
    const offer = await pc.createOffer();
    return offer.sdp ?? '';
  } finally {
    pc.close();
  }
}

const decoders = browserAudioDecoders();
const verdict = (offer: string | undefined): OfferProblem | undefined => offerRefusal(offer, decoders)?.problem;

describe('offer check: which offers this browser can take, decided before the call rings', () => {
  it('takes the offers that reach agents: rtpengine\'s, a browser\'s (Chromium\'s own, Firefox-shaped), a WebRTC peer\'s, SIPp\'s', async () => {
    const offers: Record<string, string> = {
      'rtpengine (the media gateway)': RTPENGINE_OFFER,
      'Chromium, audio': await chromiumOffer(false),
      'Chromium, audio and video (BUNDLE, the video rides on the audio transport)': await chromiumOffer(true),
      'Firefox-shaped': FIREFOX_SHAPED,
      'a WebRTC peer': webrtc(),
      'without BUNDLE or a=mid': webrtc({ bundle: false, drop: ['a=mid'] }),
      'ICE and DTLS at session level': webrtc({ drop: ['a=ice-ufrag', 'a=ice-pwd', 'a=fingerprint'], session: ['a=ice-ufrag:Tst1', 'a=ice-pwd:testtesttesttesttesttest', `a=fingerprint:sha-256 ${FINGERPRINT}`] }),
      'no a=setup (actpass is implied)': webrtc({ drop: ['a=setup'] }),
      'a=setup:active': webrtc({ drop: ['a=setup'], add: ['a=setup:active'] }),
      'lower-case hex, upper-case hash name': webrtc({ drop: ['a=fingerprint'], add: [`a=fingerprint:SHA-256 ${FINGERPRINT.toLowerCase()}`] }),
      'a sha-1 fingerprint beside the sha-256 one': webrtc({ add: ['a=fingerprint:sha-1 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64'] }),
      'ICE credentials with + and /': webrtc({ drop: ['a=ice-ufrag', 'a=ice-pwd'], add: ['a=ice-ufrag:a+/b', 'a=ice-pwd:abc+/abc+/abc+/abc+/abc+'] }),
      'LF line endings': webrtc().replace(/\r\n/g, '\n'),
      'unknown line types and attributes': webrtc({ add: ['z=whatever', 'a=x-vendor:\u00e9\u4e2d', 'a=ice-lite'] }),
      'a=inactive, no a=rtcp': webrtc({ drop: ['a=sendrecv', 'a=rtcp:'], add: ['a=inactive'] }),
      'RTP/SAVPF': webrtc({ proto: 'RTP/SAVPF' }),
      'a dynamic payload type without rtpmap': webrtc({ formats: '111 0 96' }),
      'an extra audio m-line switched off (port 0, no ICE)': sdp(...webrtc().trimEnd().split('\r\n'), 'm=audio 0 RTP/AVP 0', 'a=mid:1', 'a=rtpmap:0 PCMU/8000'),
      'two thousand extra attributes': webrtc({ add: Array.from({ length: 2000 }, (_, i) => `a=x-${i}:${'y'.repeat(50)}`) }),
      'video only': webrtc({ formats: '96', drop: ['a=rtpmap', 'a=fmtp'], add: ['a=rtpmap:96 VP8/90000'] }).replace('m=audio', 'm=video'),
    };
    for (const [name, offer] of Object.entries(offers)) {
      expect(verdict(offer), name).to.equal(undefined);
      expect(await browserTakes(offer), `${name}: Chromium takes it too`).to.equal(true);
    }
  });

  it('does not judge a late offer (no SDP): the browser makes the offer then', () => {
    expect(verdict(undefined)).to.equal(undefined);
    expect(verdict('')).to.equal(undefined);
    expect(verdict('\r\n')).to.equal(undefined);
  });

  it('refuses plain RTP (a trunk\'s offer the media gateway did not rewrite) and SDES-keyed RTP/SAVP, as the browser does', async () => {
    const sdes = sdp('v=0', 'o=pbx 1 1 IN IP4 127.0.0.3', 's=-', 'c=IN IP4 127.0.0.3', 't=0 0', 'm=audio 6000 RTP/SAVP 0', 'a=rtpmap:0 PCMU/8000',
      'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32');
    for (const offer of [PLAIN_RTP, sdes]) {
      expect(verdict(offer)).to.equal('plain-rtp');
      expect(await browserTakes(offer)).to.equal(false);
    }
    expect(offerRefusal(PLAIN_RTP, decoders)).to.include({ code: 'CALL_MEDIA_UNPLAYABLE' });
    expect(offerRefusal(PLAIN_RTP, decoders)?.reason).to.match(/plain RTP.*media gateway/);
  });

  it('refuses SDP it cannot read, as the browser does: garbage, truncation, missing or misplaced lines, bad m-lines and payload types', async () => {
    const valid = webrtc();
    const unreadable: Record<string, string> = {
      'plain text': 'Hello, this is not SDP at all\r\n',
      'HTML': '<html><body>502 Bad Gateway</body></html>',
      'JSON': '{"sdp": "v=0"}',
      'no v=': valid.replace('v=0\r\n', ''),
      'no o=': valid.replace(/o=[^\r]*\r\n/, ''),
      'o= without 6 fields': valid.replace(/o=[^\r]*/, 'o=garbage'),
      'no s=': valid.replace('s=-\r\n', ''),
      'no t=': valid.replace('t=0 0\r\n', ''),
      'a blank line inside': valid.replace('s=-\r\n', 's=-\r\n\r\n'),
      'a line with a leading space': valid.replace('a=sendrecv', ' a=sendrecv'),
      'an upper-case line type': webrtc({ add: ['A=foo'] }),
      'an empty a=': webrtc({ add: ['a='] }),
      'an m-line without formats': valid.replace('m=audio 50000 UDP/TLS/RTP/SAVPF 111 0', 'm=audio 50000 UDP/TLS/RTP/SAVPF'),
      'an m-line with a bad port': valid.replace('m=audio 50000', 'm=audio abc'),
      'an m-line with a port too high': valid.replace('m=audio 50000', 'm=audio 70000'),
      'an unknown transport': webrtc({ proto: 'FOO/BAR' }),
      'payload type 128': webrtc({ formats: '111 0 128' }),
      'payload type 999': webrtc({ formats: '111 0 999' }),
      'an rtpmap without a number': webrtc({ add: ['a=rtpmap:abc foo'] }),
      'a payload type mapped twice': webrtc({ add: ['a=rtpmap:111 PCMA/8000'] }),
      'an fmtp without parameters': webrtc({ add: ['a=fmtp:garbage'] }),
      'an rtcp-fb without a number': webrtc({ add: ['a=rtcp-fb:abc nack'] }),
      'an ssrc without a number': webrtc({ add: ['a=ssrc:abc cname:x'] }),
      'an extmap without a number': webrtc({ add: ['a=extmap:abc urn:x'] }),
      'a candidate too short': webrtc({ add: ['a=candidate:garbage'] }),
      'two m-lines with the same a=mid': sdp(...webrtc().trimEnd().split('\r\n'), 'm=audio 0 RTP/AVP 0', 'a=mid:0', 'a=rtpmap:0 PCMU/8000'),
    };
    for (const [name, offer] of Object.entries(unreadable)) {
      expect(verdict(offer), name).to.equal('unreadable');
      expect(await browserTakes(offer), `${name}: Chromium refuses it too`).to.equal(false);
    }
    expect(offerRefusal(unreadable['plain text'], decoders)?.reason).to.equal('its SDP cannot be read (line 1 is not an SDP line)');
  });

  it('refuses an offer cut short anywhere (a lost datagram, a wrong Content-Length), as the browser does', async () => {
    const valid = webrtc();
    for (let end = 10; end < valid.indexOf('a=setup'); end += 7) {
      const offer = valid.slice(0, end);
      expect(verdict(offer), `cut after ${end} characters`).not.to.equal(undefined);
      expect(await browserTakes(offer), `cut after ${end} characters: Chromium refuses it too`).to.equal(false);
    }
  });

  it('refuses an offer without DTLS, or with a fingerprint that cannot be right', async () => {
    const refused: Record<string, [string, OfferProblem]> = {
      'no fingerprint': [webrtc({ drop: ['a=fingerprint'] }), 'no-fingerprint'],
      'a fingerprint that is not hex': [webrtc({ drop: ['a=fingerprint'], add: ['a=fingerprint:sha-256 ZZ:ZZ'] }), 'bad-fingerprint'],
      'a hash the browser does not have (md5)': [webrtc({ drop: ['a=fingerprint'], add: ['a=fingerprint:md5 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35'] }), 'bad-fingerprint'],
      'an unknown hash': [webrtc({ drop: ['a=fingerprint'], add: [`a=fingerprint:sha-999 ${FINGERPRINT}`] }), 'bad-fingerprint'],
      'a hash name without a digest': [webrtc({ drop: ['a=fingerprint'], add: ['a=fingerprint:sha-256'] }), 'bad-fingerprint'],
      'an odd hex digit': [webrtc({ drop: ['a=fingerprint'], add: ['a=fingerprint:sha-256 7B:8B:F'] }), 'bad-fingerprint'],
      'the second m-line without BUNDLE has none': [sdp(...webrtc({ bundle: false }).trimEnd().split('\r\n'), 'm=audio 50002 UDP/TLS/RTP/SAVPF 0', 'c=IN IP4 127.0.0.1', 'a=mid:1', 'a=rtcp-mux', 'a=sendrecv', 'a=rtpmap:0 PCMU/8000'), 'no-fingerprint'],
    };
    for (const [name, [offer, problem]] of Object.entries(refused)) {
      expect(verdict(offer), name).to.equal(problem);
      expect(await browserTakes(offer), `${name}: Chromium refuses it too`).to.equal(false);
    }
    // The check's own: Chromium takes a digest of the wrong length, but no certificate can ever match it.
    for (const digest of ['sha-256 7B:8B:F0', `sha-1 ${FINGERPRINT}`]) {
      const offer = webrtc({ drop: ['a=fingerprint'], add: [`a=fingerprint:${digest}`] });
      expect(verdict(offer), digest).to.equal('bad-fingerprint');
      expect(await browserTakes(offer), `${digest}: Chromium would ring on it`).to.equal(true);
    }
  });

  it('refuses an offer without ICE credentials or with malformed ones, a DTLS role it cannot answer, or no rtcp-mux, as the browser does', async () => {
    const refused: Record<string, [string, OfferProblem]> = {
      'no ice-ufrag': [webrtc({ drop: ['a=ice-ufrag'] }), 'no-ice-credentials'],
      'no ice-pwd': [webrtc({ drop: ['a=ice-pwd'] }), 'no-ice-credentials'],
      'an ice-ufrag of 2 characters': [webrtc({ drop: ['a=ice-ufrag'], add: ['a=ice-ufrag:ab'] }), 'bad-ice-credentials'],
      'an ice-pwd of 5 characters': [webrtc({ drop: ['a=ice-pwd'], add: ['a=ice-pwd:short'] }), 'bad-ice-credentials'],
      'an ice-ufrag of 300 characters': [webrtc({ drop: ['a=ice-ufrag'], add: [`a=ice-ufrag:${'a'.repeat(300)}`] }), 'bad-ice-credentials'],
      'an ice-ufrag with characters ICE does not allow': [webrtc({ drop: ['a=ice-ufrag'], add: ['a=ice-ufrag:ab_c!'] }), 'bad-ice-credentials'],
      'a=setup:holdconn': [webrtc({ drop: ['a=setup'], add: ['a=setup:holdconn'] }), 'bad-dtls-role'],
      'a=setup:holdconn at session level': [webrtc({ drop: ['a=setup'], session: ['a=setup:holdconn'] }), 'bad-dtls-role'],
      'no rtcp-mux, with BUNDLE': [webrtc({ drop: ['a=rtcp-mux'] }), 'no-rtcp-mux'],
      'no rtcp-mux, without BUNDLE': [webrtc({ drop: ['a=rtcp-mux'], bundle: false }), 'no-rtcp-mux'],
    };
    for (const [name, [offer, problem]] of Object.entries(refused)) {
      expect(verdict(offer), name).to.equal(problem);
      expect(await browserTakes(offer), `${name}: Chromium refuses it too`).to.equal(false);
    }
  });

  it('refuses an offer of no audio or video (the browser would take it, but there is no call to have)', async () => {
    const none: Record<string, string> = {
      'no m-lines': sdp('v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0'),
      'audio switched off (port 0)': webrtc().replace('m=audio 50000', 'm=audio 0'),
      'a data channel only': sdp('v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=application 50000 UDP/DTLS/SCTP webrtc-datachannel', 'c=IN IP4 127.0.0.1',
        'a=ice-ufrag:Tst1', 'a=ice-pwd:testtesttesttesttesttest', `a=fingerprint:sha-256 ${FINGERPRINT}`, 'a=setup:actpass', 'a=mid:0', 'a=sctp-port:5000'),
    };
    for (const [name, offer] of Object.entries(none)) {
      expect(verdict(offer), name).to.equal('no-media');
      expect(await browserTakes(offer), name).to.equal(true);
    }
  });

  it('refuses voice codecs the browser cannot play with CALL_CODECS_UNSUPPORTED, naming them', () => {
    // rtpengine's offer for a trunk that offers only G.729 (static payload type 18): the gateway does not transcode.
    const g729 = RTPENGINE_OFFER.replace('0 8 101', '18').split('\r\n').filter((line) => !/^a=(rtpmap|fmtp):(0|8|101) /.test(line)).join('\r\n');
    expect(offerRefusal(g729, decoders)).to.deep.equal({
      problem: 'codecs',
      code: 'CALL_CODECS_UNSUPPORTED',
      reason: 'the caller\'s phone offers only g729, which this browser cannot play',
    });
    expect(offerRefusal(g729, undefined), 'a browser that does not list its decoders: codecs not judged').to.equal(undefined);
  });
});
