/**
 * Runs work once the browser has painted its next frame, so that what a ringing call starts
 * beside its call pop (the ringtone, the caller lookup) does not hold the pop's first paint back
 * (`npm run bench`: INVITE sent -> call pop painted). "Painted": the next animation frame has
 * run and its style, layout and paint with it; the work runs in the second task after it (tasks
 * queued as MessageChannel messages from the animation-frame callback, which runs before that
 * frame's rendering; the first task after the frame is the widget's, widget/src/paint-marks.ts).
 * A frame may never come: a hidden page runs no
 * animation frames (then the work runs at once: nothing is painted meanwhile, and a hidden
 * page's timers are slowed down to once a second or less), and a frame hidden from view (the
 * softphone panel minimised) may have its frames held back: then the work runs after
 * AT_THE_LATEST_MS by a timer. The work runs once.
 */

/** How long the work waits for a frame at most. */
export const AT_THE_LATEST_MS = 50;

export function afterNextPaint(work: () => void, doc: Document | undefined = globalThis.document): void {
  if (!doc || doc.visibilityState === 'hidden' || typeof requestAnimationFrame !== 'function' || typeof MessageChannel !== 'function') {
    work();
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    work();
  };
  const timer = setTimeout(once, AT_THE_LATEST_MS);
  // Two tasks after the frame: the first after it belongs to what the widget does once it is painted (its paint mark).
  requestAnimationFrame(() => nextTask(() => nextTask(once)));
}

/** Runs `then` in a task of its own, queued now (a MessageChannel message: not clamped like a nested timer). */
function nextTask(then: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    then();
  };
  channel.port2.postMessage(undefined);
}
