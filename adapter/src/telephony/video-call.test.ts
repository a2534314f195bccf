import { expect } from '@open-wc/testing';
import { offeredVideoCodecs, pictureProblem, refuseVideo } from './video-call.ts';

const OFFER = [
  'v=0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0',
  'a=rtpmap:111 opus/48000/2',
  'm=video 9 UDP/TLS/RTP/SAVPF 96 97 98',
  'a=rtpmap:96 VP8/90000',
  'a=rtpmap:97 rtx/90000',
  'a=rtpmap:98 H264/90000',
  '',
].join('\r\n');

describe('the video of an offer', () => {
  it('names the offered picture formats, without retransmission and redundancy', () => {
    expect(offeredVideoCodecs(OFFER)).to.deep.equal(['vp8', 'h264']);
    expect(offeredVideoCodecs('m=video 9 RTP/AVP 34\r\n')).to.deep.equal(['h263']);
    expect(offeredVideoCodecs('m=audio 9 RTP/AVP 0\r\nm=video 0 RTP/AVP 96\r\n'), 'a refused video section').to.equal(undefined);
  });

  it('can be shown when the browser decodes one of its formats, or does not say what it decodes', () => {
    expect(pictureProblem(OFFER, ['opus', 'vp8', 'vp9'])).to.equal('');
    expect(pictureProblem(OFFER, undefined)).to.equal('');
  });

  it('cannot be shown when the browser decodes none of its formats, or it has no video, and says why', () => {
    expect(pictureProblem(OFFER, ['av1'])).to.equal("the caller's app offers only vp8, h264 video, which this browser cannot decode");
    expect(pictureProblem('m=audio 9 RTP/AVP 0\r\n', ['vp8'])).to.equal('the call offers no video');
  });

  it('is refused with port 0, the audio left as it was', async () => {
    const refused = await refuseVideo({ type: 'offer', sdp: OFFER });
    expect(refused.sdp).to.include('m=video 0 UDP/TLS/RTP/SAVPF 96 97 98').and.include('m=audio 9 UDP/TLS/RTP/SAVPF 111 0');
  });
});
