/**
 * The video windows: one browser window per video call, opened by the agent's click (Accept on a
 * video call's pop, "Show video" in the list), because a browser opens a window only in answer
 * to the user's gesture. The window waits here (null: the browser blocked it) until the video
 * window element (cp-video-window.ts, loaded later) takes it; `contactpad-video-window` on
 * `window` says one was opened. On the ring path: keep it tiny.
 */
export const openedVideoWindows = new Map<string, Window | null>();

/** Opens (or brings back) the video window of call `id`. */
export function openVideoWindow(id: string): void {
  openedVideoWindows.set(id, window.open('', `contactpad-video-${id.replace(/\W/g, '_')}`, 'popup,width=760,height=600'));
  dispatchEvent(new Event('contactpad-video-window'));
}
