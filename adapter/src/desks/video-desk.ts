/**
 * Video calls once answered (seed 000): what the telephony room found when the agent accepted
 * (the camera on, or none, denied or busy; the caller's picture, or audio only) goes to the view,
 * with the streams the video window shows, and the agent is told when the call goes on without
 * their camera (CAMERA_UNAVAILABLE) or without the caller's picture (VIDEO_UNAVAILABLE). The
 * camera is turned off and on through the table of model/video-call.ts. Loaded by the in-call
 * desk with the first video call that connects, off the ring path.
 *
 *   connected (video) -> phone.video -> view.video (+ notices)
 *   camera on / off   -> moveCamera (refuses a call without camera) -> the call's setCamera -> view.video
 *   finished          -> the streams leave the view (the window closes)
 */
import { ContactPadError } from '../model/errors.ts';
import { isInProgress } from '../model/interaction-state.ts';
import { cameraUnavailable, moveCamera } from '../model/video-call.ts';
import type { VideoView } from '../store.ts';
import type { Desks } from './desks.ts';

export class VideoDesk {
  readonly #desks: Desks;

  constructor(desks: Desks) {
    this.#desks = desks;
    desks.view.listen({ finished: (id) => this.#forget(id) });
  }

  /** A video call connected: its camera, the caller's picture and the streams go to the view. */
  async connected(id: string): Promise<void> {
    const { view, rooms, notices } = this.#desks;
    const found = await rooms.requirePhone().video(id);
    const state = view.stateOf(id);
    if (state === undefined || !isInProgress(state)) return;
    this.#show(id, { camera: found.camera, picture: found.picture, remote: found.remote, local: found.local });
    if (found.picture === 'audio-only') {
      notices.notify(new ContactPadError('VIDEO_UNAVAILABLE', `This video call goes on as a voice call: ${found.pictureProblem}.`, { detail: { callId: id } }));
    } else if (found.camera === 'none' || found.camera === 'denied' || found.camera === 'busy') {
      notices.notify(cameraUnavailable(found.camera, id));
    }
  }

  /** Turns the agent's camera on or off (INVALID_TRANSITION for a call without camera, or one not under way). */
  async camera(id: string, on: boolean): Promise<void> {
    const { view, rooms } = this.#desks;
    const video = view.view(id)?.video;
    const state = view.stateOf(id);
    if (!video || state === undefined || !isInProgress(state)) {
      throw new ContactPadError('INVALID_TRANSITION', 'That is not a video call under way: its camera cannot be turned on or off.', { detail: { interactionId: id } });
    }
    const next = moveCamera(video.camera, on ? 'turn-on' : 'turn-off');
    (await rooms.requirePhone().video(id)).setCamera(on);
    const now = view.view(id)?.video;
    if (now) this.#show(id, { ...now, camera: next });
  }

  #show(id: string, video: VideoView): void {
    this.#desks.view.change(id, (interaction) => interaction, { video });
  }

  /** The call ended: its streams leave the view (what the window showed of it closes). */
  #forget(id: string): void {
    const video = this.#desks.view.view(id)?.video;
    if (video) this.#show(id, { ...video, remote: undefined, local: undefined });
  }
}
