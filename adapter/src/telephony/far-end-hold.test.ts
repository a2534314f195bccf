import { expect } from '@open-wc/testing';
import { offerHoldsUs } from './far-end-hold.ts';

const sdp = (...lines: string[]) => ['v=0', 'o=- 1 2 IN IP4 192.0.2.1', 's=-', 't=0 0', ...lines].join('\r\n');

describe('the far end\'s hold, read from its re-INVITE\'s offer', () => {
  it('holds the agent with a=sendonly or a=inactive on the audio, at its level or the session\'s, and with the old c=0.0.0.0', () => {
    expect(offerHoldsUs(sdp('c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0', 'a=sendonly'))).to.equal(true);
    expect(offerHoldsUs(sdp('c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0', 'a=inactive'))).to.equal(true);
    expect(offerHoldsUs(sdp('a=sendonly', 'c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0'))).to.equal(true);
    expect(offerHoldsUs(sdp('c=IN IP4 0.0.0.0', 'm=audio 4000 RTP/AVP 0'))).to.equal(true);
    expect(offerHoldsUs(sdp('c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0', 'c=IN IP4 0.0.0.0'))).to.equal(true);
  });

  it('does not for audio both ways or to the agent, nor when the audio line says otherwise than the session', () => {
    expect(offerHoldsUs(sdp('c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0'))).to.equal(false);
    expect(offerHoldsUs(sdp('c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv'))).to.equal(false);
    expect(offerHoldsUs(sdp('c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0', 'a=recvonly'))).to.equal(false);
    expect(offerHoldsUs(sdp('a=sendonly', 'c=IN IP4 192.0.2.1', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv'))).to.equal(false);
    expect(offerHoldsUs(sdp('c=IN IP4 0.0.0.0', 'm=audio 4000 RTP/AVP 0', 'c=IN IP4 192.0.2.1'))).to.equal(false);
  });

  it('cannot tell without an audio offer: no body, not SDP, no audio stream, a refused stream', () => {
    for (const body of [undefined, '', 'hello', sdp('m=video 4000 RTP/AVP 96', 'a=sendonly'), sdp('m=audio 0 RTP/AVP 0', 'a=inactive')]) {
      expect(offerHoldsUs(body), String(body)).to.equal(undefined);
    }
  });
});
