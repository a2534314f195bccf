import { expect } from '@open-wc/testing';
import { isContactPadError } from './errors.ts';
import { cameraProblem, cameraUnavailable, canMoveCamera, moveCamera, type CameraState } from './video-call.ts';
import { thrown } from '../../test-support/thrown.ts';

describe('a video call\'s camera', () => {
  it('turns off when on and on when off, and nothing else', () => {
    expect(moveCamera('on', 'turn-off')).to.equal('off');
    expect(moveCamera('off', 'turn-on')).to.equal('on');
    const all: CameraState[] = ['on', 'off', 'none', 'denied', 'busy'];
    const moves = all.flatMap((state) => (['turn-on', 'turn-off'] as const).filter((event) => canMoveCamera(state, event)).map((event) => `${state} ${event}`));
    expect(moves).to.deep.equal(['on turn-off', 'off turn-on']);
  });

  it('refuses a move the table does not have with INVALID_TRANSITION, saying why the camera is off', () => {
    const error = thrown(() => moveCamera('busy', 'turn-on'));
    expect(isContactPadError(error, 'INVALID_TRANSITION')).to.equal(true);
    expect((error as Error).message).to.equal('The camera cannot be turned on: another application is using the camera.');
    expect(isContactPadError(thrown(() => moveCamera('on', 'turn-on')), 'INVALID_TRANSITION')).to.equal(true);
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
});
