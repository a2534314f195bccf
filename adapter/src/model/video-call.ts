/**
 * A video call's camera and the caller's picture (seed 000, "Video Calls"; the mobile callers of
 * seed 002). A camera is optional: without one (none plugged in, the browser denied it, another
 * app holds it) the call still goes ahead with the caller's picture and both voices, and the
 * agent sees that their camera is off. The caller's picture needs a video format the browser
 * decodes; without one the call goes on as a voice call and the agent is told.
 *
 * The camera's table (one transition function, {@link moveCamera}, refuses every other move):
 *
 * | camera  | turn-off | turn-on |
 * |---------|----------|---------|
 * | on      | off      | -       |
 * | off     | -        | on      |
 * | none    | -        | -       |  no camera in this computer
 * | denied  | -        | -       |  the browser (or the agent) refused the camera to ContactPad
 * | busy    | -        | -       |  another application holds the camera
 *
 * What the call started with (on, none, denied, busy) is found by the telephony room when the
 * agent accepts (telephony/video-call.ts); only on and off move afterwards.
 */
import { ContactPadError } from './errors.ts';

export type CameraState = 'on' | 'off' | 'none' | 'denied' | 'busy';

/** Why a video call has no camera: the states a call starts in when the camera did not open. */
export type CameraProblem = Extract<CameraState, 'none' | 'denied' | 'busy'>;

export type CameraEvent = 'turn-off' | 'turn-on';

/** The caller's picture: shown, or the call went on as audio only (no decodable video in the offer). */
export type CallerPicture = 'shown' | 'audio-only';

const CAMERA_MOVES: Readonly<Record<CameraState, Readonly<Partial<Record<CameraEvent, CameraState>>>>> = Object.freeze({
  on: Object.freeze({ 'turn-off': 'off' }),
  off: Object.freeze({ 'turn-on': 'on' }),
  none: Object.freeze({}),
  denied: Object.freeze({}),
  busy: Object.freeze({}),
});

/** Whether `event` is allowed from `state`. */
export function canMoveCamera(state: CameraState, event: CameraEvent): boolean {
  return Object.hasOwn(CAMERA_MOVES, state) && CAMERA_MOVES[state][event] !== undefined;
}

/** The camera after `event`; INVALID_TRANSITION (nothing changes) when the table has no such move. */
export function moveCamera(state: CameraState, event: CameraEvent): CameraState {
  const next = Object.hasOwn(CAMERA_MOVES, state) ? CAMERA_MOVES[state][event] : undefined;
  if (next === undefined) {
    throw new ContactPadError('INVALID_TRANSITION', `The camera cannot be turned ${event === 'turn-on' ? 'on' : 'off'}: ${CAMERA_SAYS[state] ?? 'unknown state'}.`, {
      detail: { camera: String(state), event },
    });
  }
  return next;
}

const CAMERA_SAYS: Readonly<Record<CameraState, string>> = Object.freeze({
  on: 'it is on',
  off: 'it is off',
  none: 'no camera was found',
  denied: 'the browser refused the camera to ContactPad',
  busy: 'another application is using the camera',
});

/**
 * Why the camera did not open, from getUserMedia's DOMException name (Media Capture and
 * Streams, "getUserMedia" errors): NotAllowedError and SecurityError are a refusal;
 * NotReadableError (and Chromium's older TrackStartError, AbortError) a camera another
 * application holds; anything else (NotFoundError, OverconstrainedError, no media devices) no
 * camera.
 */
export function cameraProblem(errorName: string): CameraProblem {
  if (errorName === 'NotAllowedError' || errorName === 'SecurityError' || errorName === 'PermissionDeniedError') return 'denied';
  if (errorName === 'NotReadableError' || errorName === 'TrackStartError' || errorName === 'AbortError') return 'busy';
  return 'none';
}

/** The notice for a video call accepted without the agent's camera (CAMERA_UNAVAILABLE). */
export function cameraUnavailable(problem: CameraProblem, callId: string): ContactPadError {
  return new ContactPadError('CAMERA_UNAVAILABLE', `Your camera is off for this video call: ${CAMERA_SAYS[problem]}. The caller hears you and you see them.`, {
    detail: { callId, camera: problem },
  });
}
