/**
 * Video calls through the suite's real Kamailio (seed 000): the agent's phone answers a video
 * call with its camera (Chromium's fake camera) and video flows both ways; the camera turns off
 * and on; an offer whose video the browser cannot decode goes on as a voice call, its video
 * refused in the answer (m=video 0). The camera later in the call (call-camera.ts) is
 * phone-camera.test.ts's.
 */
import { expect } from '@open-wc/testing';
import { SessionState } from 'sip.js';
import { Phone } from './phone.ts';
import { Customer, peerConnectionOf, received, RecordingListener, sessionBytesReceived, sipServer, uniqueUser, withSuiteCredentials } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';

/** Video frames a peer connection has decoded (inbound-rtp of kind video). */
function framesDecoded(pc: RTCPeerConnection | undefined): Promise<number> {
  return received(pc, 'video', 'framesDecoded');
}

describe('Phone: video calls through the real SIP server', () => {
  let cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.reverse()) await Promise.resolve(step()).catch(() => undefined);
    cleanup = [];
  });

  async function setup() {
    const { wsUrl } = await sipServer();
    const agent = uniqueUser('agent');
    const listener = new RecordingListener();
    const aor = `sip:${agent}@127.0.0.1`;
    const phone = new Phone({ serverUrl: wsUrl, aor }, listener, withSuiteCredentials(aor));
    phone.start();
    await listener.connectionState('registered');
    const customer = new Customer(wsUrl, `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
    await customer.start();
    cleanup.push(() => phone.stop(), () => customer.stop());
    return { phone, listener, customer, agent };
  }

  it('answers a video call with the camera: each side decodes the other\'s video', async () => {
    const { phone, listener, customer, agent } = await setup();
    const { inviter, finalStatus } = customer.call(agent, ['X-CP-Interaction-Id: int-video-cam', 'X-CP-Kind: video'], { video: true });
    const offer = await listener.offer();
    expect(offer.kind).to.equal('video');
    await phone.accept(offer.callId);
    expect(await finalStatus).to.equal(200);
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);

    const video = await phone.video('int-video-cam');
    expect([video.camera, video.picture, video.pictureProblem]).to.deep.equal(['on', 'shown', '']);
    expect(video.remote?.getVideoTracks().length, "the caller's video").to.equal(1);
    expect(video.local?.getVideoTracks()[0]?.readyState, "the agent's camera").to.equal('live');
    await waitFor("the caller's video at the customer's decoder", async () => (await framesDecoded(peerConnectionOf(inviter))) > 0, 15_000);
    const transceivers = peerConnectionOf(inviter)!.getTransceivers().filter((t) => t.receiver.track.kind === 'video');
    expect(transceivers.map((t) => t.currentDirection)).to.deep.equal(['sendrecv']);

    await phone.release('int-video-cam');
    await Customer.terminated(inviter);
    expect(video.local?.getVideoTracks()[0]?.readyState, 'the camera is let go once the call ends').to.equal('ended');
  });

  it('goes on as a voice call when the browser cannot decode the offered video: the video is refused (m=video 0), audio flows', async () => {
    const { phone, listener, customer, agent } = await setup();
    // This browser, as one without the caller's formats: it says it decodes H.265 only (the customer offers VP8, VP9, H.264, AV1).
    const original = RTCRtpReceiver.getCapabilities;
    RTCRtpReceiver.getCapabilities = (kind: string) =>
      kind === 'video' ? { codecs: [{ mimeType: 'video/H265', clockRate: 90000 }], headerExtensions: [] } : original.call(RTCRtpReceiver, kind);
    cleanup.push(() => {
      RTCRtpReceiver.getCapabilities = original;
    });
    const { inviter, finalStatus } = customer.call(agent, ['X-CP-Interaction-Id: int-video-undecodable', 'X-CP-Kind: video'], { video: true });
    await phone.accept((await listener.offer()).callId);
    expect(await finalStatus).to.equal(200);
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);

    const video = await phone.video('int-video-undecodable');
    expect([video.camera, video.picture]).to.deep.equal(['none', 'audio-only']);
    expect(video.pictureProblem).to.match(/offers only .*vp8.* video, which this browser cannot decode/);
    expect(peerConnectionOf(inviter)!.remoteDescription?.sdp).to.match(/^m=video 0 /m);
    await waitFor('audio at the customer', async () => (await sessionBytesReceived(inviter)) > 0);
    expect(await framesDecoded(peerConnectionOf(inviter))).to.equal(0);
  });
});
