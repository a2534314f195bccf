import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import { CAMERA_FAILED, cameraProblem, cameraRefusedByCaller, cameraUnavailable, canMoveCamera, moveCamera, type CameraEvent, type CameraState } from './video-call.ts';
import { thrown } from '../../test-support/thrown.ts';

const STATES: CameraState[] = ['on', 'off', 'none', 'denied', 'busy', 'starting', 'paused'];
const EVENTS: CameraEvent[] = ['turn-on', 'turn-off', 'opened', 'caller-refused', 'no-camera', 'camera-denied', 'camera-busy', 'hold', 'retrieve'];

describe('a video call\'s camera', () => {
  it('moves as its table says, and nothing else', () => {
    const moves = STATES.flatMap((state) => EVENTS.filter((event) => canMoveCamera(state, event)).map((event) => `${state} ${event} -> ${moveCamera(state, event)}`));
    expect(moves).to.deep.equal([
      'on turn-off -> off',
      'on no-camera -> none',
      'on camera-denied -> denied',
      'on camera-busy -> busy',
      'on hold -> paused',
      'off turn-on -> starting',
      'none turn-on -> starting',
      'denied turn-on -> starting',
      'busy turn-on -> starting',
      'starting turn-off -> off',
      'starting opened -> on',
      'starting caller-refused -> off',
      'starting no-camera -> none',
      'starting camera-denied -> denied',
      'starting camera-busy -> busy',
      'starting hold -> paused',
      'paused turn-off -> off',
      'paused retrieve -> starting',
    ]);
  });

  it('turns on again whatever kept it off (a camera plugged in, allowed or let go since), and stays off through hold and retrieve when the agent turned it off', () => {
    for (const state of ['off', 'none', 'denied', 'busy'] as const) expect(moveCamera(state, 'turn-on')).to.equal('starting');
    expect([canMoveCamera('off', 'hold'), canMoveCamera('off', 'retrieve')]).to.deep.equal([false, false]);
    expect(moveCamera(moveCamera('on', 'hold'), 'retrieve'), 'on before the hold: opened again on retrieve').to.equal('starting');
  });

  it('names the event of each reason the camera did not open', () => {
    expect(CAMERA_FAILED).to.deep.equal({ none: 'no-camera', denied: 'camera-denied', busy: 'camera-busy' });
  });

  it('refuses a move the table does not have with INVALID_TRANSITION, saying why', () => {
    const error = thrown(() => moveCamera('on', 'turn-on'));
    expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
    expect((error as Error).message).to.equal('The camera cannot be turned on: it is on.');
    expect((thrown(() => moveCamera('paused', 'turn-on')) as Error).message).to.equal('The camera cannot be turned on: it is paused while the call is on hold.');
    expect((thrown(() => moveCamera('busy', 'turn-off')) as Error).message).to.equal('The camera cannot be turned off: another application is using the camera.');
    expect(isContactPadError(thrown(() => moveCamera('unplugged' as CameraState, 'turn-on')), 'INVALID_TRANSITION')).to.equal(true);
  });

  it('reads why the camera did not open from getUserMedia\'s error', () => {
    const names = ['NotAllowedError', 'SecurityError', 'NotReadableError', 'AbortError', 'NotFoundError', 'OverconstrainedError', ''];
    expect(names.map(cameraProblem)).to.deep.equal(['denied', 'denied', 'busy', 'busy', 'none', 'none', 'none']);
  });

  it('tells the agent the camera is off and the call goes on (CAMERA_UNAVAILABLE)', () => {
    const error = cameraUnavailable('denied', 'v1');
    expect(error.code).to.equal('CAMERA_UNAVAILABLE');
    expect(error.message).to.equal('Your camera is off for this video call: the browser refused the camera to ContactPad. The caller hears you and you see them.');
    expect(error.detail).to.deep.equal({ callId: 'v1', camera: 'denied' });
  });

  it('tells the agent, when the camera fails later, what happened and what to do', () => {
    expect(cameraUnavailable('busy', 'v1', 'turn-on').message).to.equal(
      'Your camera could not be turned on: another application is using the camera. The caller hears you and you see them. Close the application that holds it, then turn it on again.',
    );
    expect(cameraUnavailable('denied', 'v1', 'retrieve').message).to.equal(
      'Your camera did not come back after the hold: the browser refused the camera to ContactPad. The caller hears you and you see them. Allow the camera in the site settings (the padlock in the address bar), then turn it on again.',
    );
    expect(cameraUnavailable('none', 'v1', 'lost').message).to.equal('Your camera stopped: no camera was found. The caller hears you and you see them. Connect a camera, then turn it on again.');
    const refused = cameraRefusedByCaller('v1', '488 Not Acceptable Here');
    expect([refused.code, refused.message]).to.deep.equal(['CAMERA_UNAVAILABLE', "The caller's app did not take your video (488 Not Acceptable Here): your camera stays off. The caller hears you and you see them."]);
  });
});
