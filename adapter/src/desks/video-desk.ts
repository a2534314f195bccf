/**
 * Video calls once answered (seed 000): what the telephony room found when the agent accepted
 * (the camera on, or none, denied or busy; the caller's picture, or audio only) goes to the view,
 * with the streams the video window shows, and the agent is told when the call goes on without
 * their camera (CAMERA_UNAVAILABLE) or without the caller's picture (VIDEO_UNAVAILABLE). The
 * camera moves through the table of model/video-call.ts (the telephony room's call-camera.ts
 * moves it: turned on or off, paused on hold and back on retrieve, lost); each move reaches the
 * view, with a notice when the camera went off against the agent's wish. Loaded by the in-call
 * desk with the first video call that connects, off the ring path.
 *
 *   connected (video) -> phone.video -> view.video (+ notices); the camera's moves are followed
 *   camera on / off   -> moveCamera (refuses what the table has not) -> the call's setCamera
 *   camera moved      -> view.video (camera, the agent's own picture) (+ CAMERA_UNAVAILABLE)
 *   finished          -> the streams leave the view (the window closes), the camera is no longer followed
 */
import { ContactPadError } from '../model/errors.ts';
import { isInProgress } from '../model/interaction-state.ts';
import { cameraUnavailable, moveCamera } from '../model/video-call.ts';
import type { VideoView } from '../store.ts';
import type { Desks } from './desks.ts';

export class VideoDesk {
  readonly #desks: Desks;
  /** The unsubscribes of the cameras followed, by call. */
  readonly #following = new Map<string, () => void>();

  constructor(desks: Desks) {
    this.#desks = desks;
    desks.view.listen({ finished: (id) => this.#forget(id), removed: (id) => this.#unfollow(id) });
  }

  /** A video call connected: its camera, the caller's picture and the streams go to the view, and its camera is followed. */
  async connected(id: string): Promise<void> {
    const { view, rooms, notices } = this.#desks;
    const found = await rooms.requirePhone().video(id);
    const state = view.stateOf(id);
    if (state === undefined || !isInProgress(state)) return;
    this.#show(id, { camera: found.camera, picture: found.picture, remote: found.remote, local: found.local });
    this.#unfollow(id);
    this.#following.set(
      id,
      found.watchCamera((now, problem) => {
        const video = view.view(id)?.video;
        const under = view.stateOf(id);
        if (video && under !== undefined && isInProgress(under)) this.#show(id, { ...video, camera: now.camera, local: now.local });
        if (problem) notices.notify(problem);
      }),
    );
    if (found.picture === 'audio-only') {
      notices.notify(new ContactPadError('VIDEO_UNAVAILABLE', `This video call goes on as a voice call: ${found.pictureProblem}.`, { detail: { callId: id } }));
    } else if (found.camera === 'none' || found.camera === 'denied' || found.camera === 'busy') {
      notices.notify(cameraUnavailable(found.camera, id));
    }
  }

  /**
   * Turns the agent's camera on or off (INVALID_TRANSITION for a move the camera's table has
   * not, or a call that is not a video call under way). Turning it on tries the camera again
   * whatever kept it off before (none, denied, busy); what comes of it reaches the view through
   * the followed camera.
   */
  async camera(id: string, on: boolean): Promise<void> {
    const { view, rooms } = this.#desks;
    const video = view.view(id)?.video;
    const state = view.stateOf(id);
    if (!video || state === undefined || !isInProgress(state)) {
      throw new ContactPadError('INVALID_TRANSITION', 'That is not a video call under way: its camera cannot be turned on or off.', { detail: { interactionId: id } });
    }
    moveCamera(video.camera, on ? 'turn-on' : 'turn-off');
    await (await rooms.requirePhone().video(id)).setCamera(on);
  }

  #show(id: string, video: VideoView): void {
    this.#desks.view.change(id, (interaction) => interaction, { video });
  }

  /** The call ended: its streams leave the view (what the window showed of it closes). */
  #forget(id: string): void {
    this.#unfollow(id);
    const video = this.#desks.view.view(id)?.video;
    if (video) this.#show(id, { ...video, remote: undefined, local: undefined });
  }

  #unfollow(id: string): void {
    this.#following.get(id)?.();
    this.#following.delete(id);
  }
}
