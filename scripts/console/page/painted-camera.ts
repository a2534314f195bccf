/**
 * A camera the customer simulator paints itself (the console page's `?customerCamera=painted`):
 * a canvas drawn 15 times a second and captured as a video track (HTMLCanvasElement.captureStream),
 * beside the browser's microphone. It needs no camera permission, so a test can leave the site
 * without one (the agent's camera blocked, allowed later) while the customer still places a
 * video call with a moving picture.
 */
import type { Web } from 'sip.js';

const FRAMES_PER_SECOND = 15;

export class PaintedCamera {
  #canvas: HTMLCanvasElement | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  /** sip.js's media stream factory: the microphone when asked for audio, a fresh copy of the painted picture when asked for video. */
  readonly factory: Web.MediaStreamFactory = async (constraints) => {
    const stream = new MediaStream();
    if (constraints.audio) for (const track of (await navigator.mediaDevices.getUserMedia({ audio: constraints.audio })).getAudioTracks()) stream.addTrack(track);
    if (constraints.video) for (const track of this.#picture().getVideoTracks()) stream.addTrack(track);
    return stream;
  };

  /** Stops painting (a copy still sent shows its last frame). */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The painted picture as a stream of its own (sip.js stops a call's tracks when the call ends). */
  #picture(): MediaStream {
    if (!this.#canvas) {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 240;
      this.#canvas = canvas;
    }
    const canvas = this.#canvas;
    if (this.#timer === undefined) {
      let frame = 0;
      this.#timer = setInterval(() => {
        const context = canvas.getContext('2d');
        if (!context) return;
        frame += 1;
        context.fillStyle = '#0b5cab';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.fillStyle = '#ffffff';
        context.fillRect((frame * 8) % canvas.width, 100, 40, 40);
        context.font = '20px sans-serif';
        context.fillText(`Customer ${frame}`, 12, 32);
      }, 1000 / FRAMES_PER_SECOND);
    }
    return canvas.captureStream(FRAMES_PER_SECOND);
  }
}
