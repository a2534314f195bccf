/**
 * A video call's camera and the caller's picture (seed 000, "Video Calls"; the mobile callers of
 * seed 002). A camera is optional: without one (none plugged in, the browser denied it, another
 * app holds it) the call still goes ahead with the caller's picture and both voices, and the
 * agent sees that their camera is off. The caller's picture needs a video format the browser
 * decodes; without one the call goes on as a voice call and the agent is told.
 *
 * The camera's table (one transition function, {@link moveCamera}, refuses every other move):
 *
 * | camera   | turn-on  | turn-off | opened | caller-refused | no-camera, camera-denied, camera-busy | hold   | retrieve |
 * |----------|----------|----------|--------|----------------|---------------------------------------|--------|----------|
 * | on       | -        | off      | -      | -              | none, denied, busy (the camera lost)  | paused | -        |
 * | off      | starting | -        | -      | -              | -                                     | -      | -        |
 * | none     | starting | -        | -      | -              | -                                     | -      | -        |
 * | denied   | starting | -        | -      | -              | -                                     | -      | -        |
 * | busy     | starting | -        | -      | -              | -                                     | -      | -        |
 * | starting | -        | off      | on     | off            | none, denied, busy                    | paused | -        |
 * | paused   | -        | off      | -      | -              | -                                     | -      | starting |
 *
 * on: the caller receives the agent's camera. off: the agent turned it off. none, denied, busy:
 * it did not open (no camera in this computer; the browser, or the agent, refused it to
 * ContactPad; another application holds it), at accept or when turned on; turning it on tries
 * again (a camera plugged in, allowed or let go since). starting: the camera is being opened
 * and sent (on a call answered without it, the call is renegotiated so the caller receives it);
 * caller-refused: the caller's app did not take the agent's video. paused: the call is on hold,
 * the camera is let go (its light off, nothing sent) and comes back on retrieve. A camera that is
 * off stays off through hold and retrieve (hold and retrieve move only on, starting and paused).
 *
 * What the call started with (on, none, denied, busy) is found by the telephony room when the
 * agent accepts (telephony/video-call.ts); telephony/call-camera.ts moves it afterwards.
 */
import { ContactPadError } from './errors.ts';

export type CameraState = 'on' | 'off' | 'none' | 'denied' | 'busy' | 'starting' | 'paused';

/** Why a video call has no camera: the states a call starts in when the camera did not open. */
export type CameraProblem = Extract<CameraState, 'none' | 'denied' | 'busy'>;

export type CameraEvent = 'turn-off' | 'turn-on' | 'opened' | 'caller-refused' | 'no-camera' | 'camera-denied' | 'camera-busy' | 'hold' | 'retrieve';

/** The caller's picture: shown, or the call went on as audio only (no decodable video in the offer). */
export type CallerPicture = 'shown' | 'audio-only';

/** The event that says the camera did not open (or was lost) for `problem`. */
export const CAMERA_FAILED: Readonly<Record<CameraProblem, CameraEvent>> = Object.freeze({ none: 'no-camera', denied: 'camera-denied', busy: 'camera-busy' });

const FAILED_MOVES = Object.freeze({ 'no-camera': 'none', 'camera-denied': 'denied', 'camera-busy': 'busy' } as const);

const CAMERA_MOVES: Readonly<Record<CameraState, Readonly<Partial<Record<CameraEvent, CameraState>>>>> = Object.freeze({
  on: Object.freeze({ 'turn-off': 'off', ...FAILED_MOVES, hold: 'paused' }),
  off: Object.freeze({ 'turn-on': 'starting' }),
  none: Object.freeze({ 'turn-on': 'starting' }),
  denied: Object.freeze({ 'turn-on': 'starting' }),
  busy: Object.freeze({ 'turn-on': 'starting' }),
  starting: Object.freeze({ 'turn-off': 'off', opened: 'on', 'caller-refused': 'off', ...FAILED_MOVES, hold: 'paused' }),
  paused: Object.freeze({ 'turn-off': 'off', retrieve: 'starting' }),
});

/** Whether `event` is allowed from `state`. */
export function canMoveCamera(state: CameraState, event: CameraEvent): boolean {
  return Object.hasOwn(CAMERA_MOVES, state) && CAMERA_MOVES[state][event] !== undefined;
}

/** The camera after `event`; INVALID_TRANSITION (nothing changes) when the table has no such move. */
export function moveCamera(state: CameraState, event: CameraEvent): CameraState {
  const next = Object.hasOwn(CAMERA_MOVES, state) ? CAMERA_MOVES[state][event] : undefined;
  if (next === undefined) {
    const doing = event === 'turn-on' ? 'turned on' : event === 'turn-off' ? 'turned off' : `moved (${event})`;
    throw new ContactPadError('INVALID_TRANSITION', `The camera cannot be ${doing}: ${CAMERA_SAYS[state] ?? 'unknown state'}.`, {
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
  starting: 'it is being turned on',
  paused: 'it is paused while the call is on hold',
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

/** When the camera was found missing: at accept, when the agent turned it on, when it came back after a hold, or mid-call (unplugged, taken). */
export type CameraMoment = 'accept' | 'turn-on' | 'retrieve' | 'lost';

const CAMERA_MOMENT: Readonly<Record<CameraMoment, string>> = Object.freeze({
  accept: 'Your camera is off for this video call',
  'turn-on': 'Your camera could not be turned on',
  retrieve: 'Your camera did not come back after the hold',
  lost: 'Your camera stopped',
});

const CAMERA_FIX: Readonly<Record<CameraProblem, string>> = Object.freeze({
  none: 'Connect a camera, then turn it on again.',
  denied: 'Allow the camera in the site settings (the padlock in the address bar), then turn it on again.',
  busy: 'Close the application that holds it, then turn it on again.',
});

/**
 * The notice for a video call that goes on without the agent's camera (CAMERA_UNAVAILABLE): at
 * accept, or later (`moment`), with what to do; the call itself goes on, audio untouched.
 */
export function cameraUnavailable(problem: CameraProblem, callId: string, moment: CameraMoment = 'accept'): ContactPadError {
  const fix = moment === 'accept' ? '' : ` ${CAMERA_FIX[problem]}`;
  return new ContactPadError('CAMERA_UNAVAILABLE', `${CAMERA_MOMENT[moment]}: ${CAMERA_SAYS[problem]}. The caller hears you and you see them.${fix}`, {
    detail: { callId, camera: problem },
  });
}

/** The notice for a camera the caller's app did not take (its answer to the re-INVITE that offered it: `why`): the camera stays off, the call goes on. */
export function cameraRefusedByCaller(callId: string, why: string): ContactPadError {
  return new ContactPadError('CAMERA_UNAVAILABLE', `The caller's app did not take your video (${why}): your camera stays off. The caller hears you and you see them.`, {
    detail: { callId, camera: 'off' },
  });
}
