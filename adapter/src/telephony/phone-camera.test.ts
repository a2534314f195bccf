/**
 * The agent's camera once a video call is up (call-camera.ts), through the suite's real
 * Kamailio with Chromium's fake camera: turned off (its track stopped) and on again (the same
 * sender, no re-INVITE); turned on for a call answered while another application held the camera
 * (a re-INVITE offers the agent's video, and the customer decodes it); a camera still busy, or
 * refused by the caller's app, or lost mid-call, leaves the call going with a notice; hold lets
 * the camera go and retrieve opens it again; mute leaves it alone.
 *
 * "Another application holds the camera" is played by the page's navigator.mediaDevices
 * answering a request for the camera alone as Chromium does then (NotReadableError): the fake
 * camera cannot be taken. The customer's own camera and microphone are the browser's.
 */
import { expect } from '@open-wc/testing';
import { SessionState, type Inviter } from 'sip.js';
import type { ContactPadError } from '../model/errors.ts';
import { CallRig, otherLeg, peerConnectionOf, received, sessionBytesReceived, watchFarEnd, type RigParts } from '../../test-support/sip-calls.ts';
import { waitFor } from '../../test-support/wait-for.ts';
import type { CameraNow } from './call-camera.ts';

/** The customer's view of the call's video (its transceiver's negotiated direction: recvonly when it receives the agent's video only). */
function videoDirection(pc: RTCPeerConnection): RTCRtpTransceiverDirection | null {
  return pc.getTransceivers().find((t) => t.receiver.track.kind === 'video')?.currentDirection ?? null;
}

/** The video sender of a peer connection. */
function videoSender(pc: RTCPeerConnection): RTCRtpSender {
  const transceiver = pc.getTransceivers().find((t) => t.receiver.track.kind === 'video');
  if (!transceiver) throw new Error('no video transceiver');
  return transceiver.sender;
}

/** Waits until the customer has decoded more of the agent's video than `than` frames. */
async function framesRiseAbove(farPc: RTCPeerConnection, than: number): Promise<number> {
  return waitFor(`the customer to decode the agent's video beyond ${than} frames`, async () => {
    const frames = await received(farPc, 'video', 'framesDecoded');
    return frames > than ? frames : undefined;
  });
}

/**
 * A stretch of the call in which nothing is awaited (ms): enough for Chromium's fake camera
 * (30 frames a second) to send dozens of frames, were its track sending. Only for checks that
 * something does NOT arrive; nothing is asserted about how long anything takes.
 */
function aStretchOfTheCall(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('Phone: the camera of a video call under way', () => {
  const rig = new CallRig();
  afterEach(rig.tearDown);

  /** Another application holds the camera while `held` is true (see the file comment). */
  function cameraHeldElsewhere(held: boolean): { held: boolean } {
    const media = navigator.mediaDevices;
    const original = media.getUserMedia;
    const camera = { held };
    media.getUserMedia = (constraints?: MediaStreamConstraints) =>
      camera.held && constraints?.video && !constraints.audio ? Promise.reject(new DOMException('Could not start video source', 'NotReadableError')) : original.call(media, constraints);
    rig.defer(() => {
      media.getUserMedia = original;
    });
    return camera;
  }

  /** The customer's video call (with its camera), answered by the agent. */
  async function answeredVideoCall(parts: RigParts, callId: string) {
    const { phone, listener, customer, agent, peers } = parts;
    const { inviter } = customer.call(agent, [`X-CP-Interaction-Id: ${callId}`, 'X-CP-Kind: video'], { video: true });
    await waitFor('the video call to ring', () => listener.offers.some((offer) => offer.callId === callId));
    await phone.accept(callId);
    await waitFor('the customer to be connected', () => inviter.state === SessionState.Established);
    await waitFor('the agent to be connected', () => listener.connectedCalls.includes(callId));
    const farPc = peerConnectionOf(inviter)!;
    const agentPc = otherLeg(peers.connections, farPc);
    const video = await phone.video(callId);
    /** Each move of the camera the phone reports: `camera` or `camera CODE` when the agent is told. */
    const moves: string[] = [];
    const problems: ContactPadError[] = [];
    video.watchCamera((now: CameraNow, problem) => {
      moves.push(problem ? `${now.camera} ${problem.code}` : now.camera);
      if (problem) problems.push(problem);
    });
    return { inviter: inviter as Inviter, farPc, agentPc, video, moves, problems, farEnd: watchFarEnd(inviter) };
  }

  it('turns the camera off (its track stopped, nothing sent) and on again on the same sender, without a re-INVITE', async () => {
    const parts = await rig.setup();
    const { farPc, video, moves, farEnd } = await answeredVideoCall(parts, 'int-cam-toggle');
    const before = await framesRiseAbove(farPc, 0);
    const first = video.local!.getVideoTracks()[0]!;

    await video.setCamera(false);
    expect(first.readyState, 'the camera closed: its light goes off').to.equal('ended');
    const off = await parts.phone.video('int-cam-toggle');
    expect([off.camera, off.local === undefined]).to.deep.equal(['off', true]);

    await video.setCamera(true);
    const on = await parts.phone.video('int-cam-toggle');
    expect(on.camera).to.equal('on');
    expect(on.local?.getVideoTracks()[0]?.readyState).to.equal('live');
    await framesRiseAbove(farPc, before);
    expect(moves).to.deep.equal(['off', 'starting', 'on']);
    expect(farEnd.reinvites.length, 'the call was not renegotiated').to.equal(0);
  });

  it('turns on a camera another application held at accept: told while still busy; once free, a re-INVITE offers the agent\'s video and the customer decodes it', async () => {
    const camera = cameraHeldElsewhere(true);
    const parts = await rig.setup();
    const { inviter, farPc, agentPc, video, moves, problems, farEnd } = await answeredVideoCall(parts, 'int-cam-later');
    expect([video.camera, video.local === undefined]).to.deep.equal(['busy', true]);
    expect([videoDirection(farPc), videoDirection(agentPc)], 'the answer receives the video only: the customer sends, and receives none').to.deep.equal(['sendonly', 'recvonly']);

    await video.setCamera(true);
    expect(moves).to.deep.equal(['starting', 'busy CAMERA_UNAVAILABLE']);
    expect(problems[0]?.message).to.equal(
      'Your camera could not be turned on: another application is using the camera. The caller hears you and you see them. Close the application that holds it, then turn it on again.',
    );
    expect([inviter.state, farEnd.reinvites.length]).to.deep.equal([SessionState.Established, 0]);

    camera.held = false;
    await video.setCamera(true);
    expect(moves.slice(2)).to.deep.equal(['starting', 'on']);
    expect(farEnd.reinvites.map((reinvite) => reinvite.statusCode)).to.deep.equal([200]);
    expect(farEnd.reinvites[0]!.sdp).to.match(/m=video [1-9][\s\S]*a=sendrecv/);
    expect([videoDirection(farPc), videoDirection(agentPc)]).to.deep.equal(['sendrecv', 'sendrecv']);
    await framesRiseAbove(farPc, 0);
    const audio = await sessionBytesReceived(inviter);
    await waitFor('the customer to hear the agent still', async () => (await sessionBytesReceived(inviter)) > audio);
  });

  it('leaves the camera off, with a notice, when the caller\'s app refuses the agent\'s video (488 to the re-INVITE); the call goes on as it was', async () => {
    const camera = cameraHeldElsewhere(true);
    const parts = await rig.setup();
    const { inviter, farPc, agentPc, video, moves, problems, farEnd } = await answeredVideoCall(parts, 'int-cam-refused');
    camera.held = false;
    // The customer's phone cannot take the new offer: sip.js answers its re-INVITE 488.
    inviter.sessionDescriptionHandlerModifiersReInvite = [() => Promise.reject(new Error('no video for this app'))];
    await video.setCamera(true);
    expect(moves).to.deep.equal(['starting', 'off CAMERA_UNAVAILABLE']);
    expect(problems[0]?.message).to.equal("The caller's app did not take your video (488 Not Acceptable Here): your camera stays off. The caller hears you and you see them.");
    expect(farEnd.reinvites.map((reinvite) => reinvite.statusCode)).to.deep.equal([488]);
    expect([inviter.state, agentPc.signalingState, videoDirection(farPc)]).to.deep.equal([SessionState.Established, 'stable', 'sendonly']);
    await waitFor('nothing left on the video sender', () => videoSender(agentPc).track === null);
  });

  it('turns the camera off and tells the agent when it stops by itself (unplugged: its track ends), the call going on; turned on again it comes back', async () => {
    const parts = await rig.setup();
    const { inviter, farPc, video, moves, problems } = await answeredVideoCall(parts, 'int-cam-lost');
    const frames = await framesRiseAbove(farPc, 0);
    // The fake camera cannot be unplugged: its track is told it ended, as the browser tells it then.
    video.local!.getVideoTracks()[0]!.dispatchEvent(new Event('ended'));
    expect(moves).to.deep.equal(['none CAMERA_UNAVAILABLE']);
    expect(problems[0]?.message).to.equal('Your camera stopped: no camera was found. The caller hears you and you see them. Connect a camera, then turn it on again.');
    expect(inviter.state).to.equal(SessionState.Established);
    await video.setCamera(true);
    expect(moves.slice(1)).to.deep.equal(['starting', 'on']);
    await framesRiseAbove(farPc, frames);
  });

  it('lets the camera go on hold (no frames reach the customer) and opens it again on retrieve; mute leaves it alone; turned off, it stays off through hold and retrieve', async () => {
    const parts = await rig.setup();
    const { phone } = parts;
    const { farPc, agentPc, video, moves } = await answeredVideoCall(parts, 'int-cam-hold');
    await framesRiseAbove(farPc, 0);
    const first = video.local!.getVideoTracks()[0]!;

    await phone.mute('int-cam-hold');
    expect([first.readyState, first.enabled], 'mute silences the microphone only').to.deep.equal(['live', true]);
    await framesRiseAbove(farPc, await received(farPc, 'video', 'framesDecoded'));
    await phone.unmute('int-cam-hold');

    await phone.hold('int-cam-hold');
    expect(first.readyState, 'on hold the camera is closed').to.equal('ended');
    await waitFor('nothing on the video sender', () => videoSender(agentPc).track === null);
    expect((await phone.video('int-cam-hold')).camera).to.equal('paused');
    // Frames already on their way may still land; after that, none while the call is held.
    await aStretchOfTheCall(500);
    const held = await received(farPc, 'video', 'framesDecoded');
    await aStretchOfTheCall(1500);
    expect(await received(farPc, 'video', 'framesDecoded'), 'no frames from the agent while held').to.equal(held);

    await phone.retrieve('int-cam-hold');
    await waitFor('the camera back after the hold', async () => (await phone.video('int-cam-hold')).camera === 'on');
    expect((await phone.video('int-cam-hold')).local?.getVideoTracks()[0]?.readyState).to.equal('live');
    await framesRiseAbove(farPc, held);
    expect(moves).to.deep.equal(['paused', 'starting', 'on']);

    await video.setCamera(false);
    await phone.hold('int-cam-hold');
    await phone.retrieve('int-cam-hold');
    const after = await phone.video('int-cam-hold');
    expect([after.camera, after.local === undefined]).to.deep.equal(['off', true]);
    expect(moves.slice(3)).to.deep.equal(['off']);
  });
});
