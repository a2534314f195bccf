/**
 * Video calls at the desks (seed 000), with the real model and desks over a stand-in for the
 * phone (the telephony tests answer real video calls on Kamailio; the end-to-end suite runs the
 * window): what the phone found at accept reaches the view and the agent's notices, the camera
 * is switched through its table and each of its moves reaches the view, and a video call has its
 * own capacity.
 */
import { expect } from '@open-wc/testing';
import { isContactPadError } from '../model/errors.ts';
import { cameraUnavailable } from '../model/video-call.ts';
import type { CallVideo } from '../telephony/phone.ts';
import { callOffer as offer, RecordingPhone, settled, testDesks } from '../../test-support/desk-rig.ts';
import { rejectionOf } from '../../test-support/thrown.ts';
import { InCallDesk } from './in-call-desk.ts';

const REMOTE = new MediaStream();
const LOCAL = new MediaStream();

function found(fields: Partial<Omit<CallVideo, 'setCamera' | 'watchCamera'>> = {}): Omit<CallVideo, 'setCamera' | 'watchCamera'> {
  return { camera: 'on', picture: 'shown', pictureProblem: '', remote: REMOTE, local: LOCAL, ...fields };
}

function rig(items: Record<string, string> = {}) {
  const desks = testDesks(items);
  const phone = new RecordingPhone();
  desks.rooms.phone = phone;
  const inCall = new InCallDesk(desks);
  /** A video call that rang and was answered, the phone having found `video` at accept. */
  const connectedVideoCall = async (id: string, video = found()) => {
    phone.videos.set(id, video);
    desks.voice.incoming(offer(id, { kind: 'video' }));
    desks.voice.connected(id);
    inCall.watch(id);
    await waitForVideo(id);
    return id;
  };
  const waitForVideo = async (id: string) => {
    for (let i = 0; i < 50 && !desks.view.view(id)?.video; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  const notices = () => desks.store.snapshot.notices.map((notice) => notice.code);
  return { ...desks, phone, inCall, connectedVideoCall, notices };
}

describe('the video desk', () => {
  it('shows a connected video call with the camera on, the caller\'s picture and both streams, and tells the agent nothing', async () => {
    const { view, connectedVideoCall, notices } = rig();
    const id = await connectedVideoCall('v1');
    expect(view.view(id)?.interaction.channel).to.equal('video');
    expect(view.view(id)?.video).to.deep.equal({ camera: 'on', picture: 'shown', remote: REMOTE, local: LOCAL });
    expect(notices()).to.deep.equal([]);
  });

  for (const camera of ['none', 'denied', 'busy'] as const) {
    it(`goes ahead without the camera (${camera}): camera off in the view, CAMERA_UNAVAILABLE told`, async () => {
      const { view, connectedVideoCall, store } = rig();
      const id = await connectedVideoCall('v1', found({ camera, local: undefined }));
      expect(view.view(id)?.video).to.include({ camera, picture: 'shown', local: undefined });
      expect(view.stateOf(id)).to.equal('connected');
      expect(store.snapshot.notices.map((notice) => notice.code)).to.deep.equal(['CAMERA_UNAVAILABLE']);
      expect(store.snapshot.notices[0]?.message).to.match(/The caller hears you and you see them/);
    });
  }

  it('tells the agent when the call goes on as audio only (VIDEO_UNAVAILABLE), with why', async () => {
    const { view, connectedVideoCall, store } = rig();
    const id = await connectedVideoCall('v1', found({ camera: 'none', picture: 'audio-only', pictureProblem: "the caller's app offers only h265 video, which this browser cannot decode", local: undefined }));
    expect(view.view(id)?.video?.picture).to.equal('audio-only');
    expect(store.snapshot.notices.map((notice) => `${notice.code}: ${notice.message}`)).to.deep.equal([
      "VIDEO_UNAVAILABLE: This video call goes on as a voice call: the caller's app offers only h265 video, which this browser cannot decode.",
    ]);
  });

  it('asks the phone to turn the camera off and on, and shows each move the phone reports', async () => {
    const { view, phone, inCall, connectedVideoCall, notices } = rig();
    const id = await connectedVideoCall('v1');
    await inCall.camera(id, false);
    phone.cameraMoved(id, { camera: 'off', local: undefined });
    expect(view.view(id)?.video).to.include({ camera: 'off', local: undefined, remote: REMOTE });
    await inCall.camera(id, true);
    phone.cameraMoved(id, { camera: 'starting', local: undefined });
    expect(view.view(id)?.video?.camera).to.equal('starting');
    const again = new MediaStream();
    phone.cameraMoved(id, { camera: 'on', local: again });
    expect(view.view(id)?.video).to.include({ camera: 'on', local: again });
    expect(phone.asked.filter((asked) => asked.startsWith('camera'))).to.deep.equal(['camera v1 off', 'camera v1 on']);
    expect(notices()).to.deep.equal([]);
  });

  for (const camera of ['none', 'denied', 'busy'] as const) {
    it(`tries a camera that did not open at accept (${camera}) again when the agent turns it on`, async () => {
      const { phone, inCall, connectedVideoCall } = rig();
      const id = await connectedVideoCall('v1', found({ camera, local: undefined }));
      await inCall.camera(id, true);
      expect(phone.asked.filter((asked) => asked.startsWith('camera'))).to.deep.equal(['camera v1 on']);
    });
  }

  it('shows the camera paused on hold and back on retrieve, and tells the agent when it does not come back (CAMERA_UNAVAILABLE), the call going on', async () => {
    const { view, phone, connectedVideoCall, store } = rig();
    const id = await connectedVideoCall('v1');
    phone.cameraMoved(id, { camera: 'paused', local: undefined });
    expect(view.view(id)?.video).to.include({ camera: 'paused', local: undefined });
    phone.cameraMoved(id, { camera: 'starting', local: undefined });
    phone.cameraMoved(id, { camera: 'busy', local: undefined }, cameraUnavailable('busy', id, 'retrieve'));
    expect(view.view(id)?.video?.camera).to.equal('busy');
    expect(view.stateOf(id)).to.equal('connected');
    expect(store.snapshot.notices.map((notice) => `${notice.code}: ${notice.message}`)).to.deep.equal([
      'CAMERA_UNAVAILABLE: Your camera did not come back after the hold: another application is using the camera. The caller hears you and you see them. Close the application that holds it, then turn it on again.',
    ]);
  });

  it('refuses to turn on a camera that is on, or off one that is off (INVALID_TRANSITION), asking the phone nothing', async () => {
    const { phone, inCall, connectedVideoCall } = rig({ '/ContactPad/capacityVideo': '2' });
    const none = await connectedVideoCall('v1', found({ camera: 'denied', local: undefined }));
    expect(isContactPadError(await rejectionOf(inCall.camera(none, false)), 'INVALID_TRANSITION')).to.equal(true);
    const on = await connectedVideoCall('v2');
    expect(isContactPadError(await rejectionOf(inCall.camera(on, true)), 'INVALID_TRANSITION')).to.equal(true);
    await inCall.camera(on, false);
    phone.cameraMoved(on, { camera: 'off', local: undefined });
    expect(isContactPadError(await rejectionOf(inCall.camera(on, false)), 'INVALID_TRANSITION')).to.equal(true);
    expect(phone.asked.filter((asked) => asked.startsWith('camera'))).to.deep.equal(['camera v2 off']);
  });

  it('refuses the camera of a voice call', async () => {
    const { voice, inCall, phone } = rig();
    voice.incoming(offer('c1'));
    voice.connected('c1');
    expect(isContactPadError(await rejectionOf(inCall.camera('c1', false)), 'INVALID_TRANSITION')).to.equal(true);
    await settled();
    expect(phone.asked.filter((asked) => asked.startsWith('camera'))).to.deep.equal([]);
  });

  it('counts video calls against their own capacity: a video call rings beside a voice call, a second one is answered 486', async () => {
    const { voice, view, phone, store } = rig();
    voice.incoming(offer('c1'));
    voice.connected('c1');
    voice.incoming(offer('v1', { kind: 'video' }));
    expect(view.stateOf('v1')).to.equal('alerting');
    voice.incoming(offer('v2', { kind: 'video' }));
    await settled();
    expect(view.stateOf('v2')).to.equal(undefined);
    expect(phone.asked).to.include('reject v2');
    expect(store.snapshot.notices.map((notice) => notice.message)).to.deep.equal(['A video call from Maria Lopez was refused: Already handling 1 of 1 video interactions.']);
  });

  it('lets the streams go once the call is over, and no longer follows its camera', async () => {
    const { view, voice, phone, connectedVideoCall, wrapUp } = rig();
    const id = await connectedVideoCall('v1');
    voice.ended(id, { reason: 'remote-hangup' });
    const desk = await wrapUp();
    desk.finish(id, {}, 'done');
    await settled();
    expect(view.stateOf(id)).to.equal('ended');
    expect(view.view(id)?.video).to.include({ camera: 'on', remote: undefined, local: undefined });
    phone.cameraMoved(id, { camera: 'off', local: undefined });
    expect(view.view(id)?.video?.camera).to.equal('on');
  });
});
