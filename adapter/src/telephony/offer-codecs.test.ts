import { expect } from '@open-wc/testing';
import { browserAudioDecoders, offeredVoiceCodecs, unplayableOffer } from './offer-codecs.ts';

const offer = (mLine: string, attributes: string[] = []) => ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', mLine, ...attributes, ''].join('\r\n');

describe('offer codecs: can the browser play the caller\'s audio', () => {
  it('names static payload types by RFC 3551 and dynamic ones by a=rtpmap, leaving out DTMF and comfort noise', () => {
    expect(offeredVoiceCodecs(offer('m=audio 4000 RTP/AVP 18 0 101 13', ['a=rtpmap:101 telephone-event/8000']))).to.deep.equal(['g729', 'pcmu']);
    expect(offeredVoiceCodecs(offer('m=audio 4000 RTP/AVP 96', ['a=rtpmap:96 AMR-WB/16000']))).to.deep.equal(['amr-wb']);
    expect(offeredVoiceCodecs(offer('m=audio 0 RTP/AVP 0')), 'a rejected audio line is no audio').to.equal(undefined);
    expect(offeredVoiceCodecs(offer('m=video 5000 RTP/AVP 96')), 'no audio at all').to.equal(undefined);
  });

  it('refuses only when none of the voice codecs plays in this browser (Chromium has PCMU, PCMA, G.722 and opus)', () => {
    const decoders = browserAudioDecoders();
    expect(decoders).to.include.members(['opus', 'pcmu', 'pcma']);
    expect(unplayableOffer(offer('m=audio 4000 RTP/AVP 18', ['a=fmtp:18 annexb=no']), decoders)).to.deep.equal(['g729']);
    expect(unplayableOffer(offer('m=audio 4000 RTP/AVP 18 8'), decoders), 'G.729 or PCMA: PCMA plays').to.equal(undefined);
    expect(unplayableOffer(offer('m=audio 4000 RTP/AVP 101', ['a=rtpmap:101 telephone-event/8000']), decoders), 'DTMF only: not judged').to.equal(undefined);
    expect(unplayableOffer(undefined, decoders), 'a late offer (no SDP): not judged').to.equal(undefined);
    expect(unplayableOffer(offer('m=audio 4000 RTP/AVP 18'), undefined), 'a browser that does not list its decoders: not judged').to.equal(undefined);
  });
});
