/**
 * The calls' remote audio: one <audio> element per call (WebRTC remote MediaStream), owned
 * by the telephony room and never added to the page, so the widget needs no media code.
 */
export class RemoteAudio {
  readonly #elements = new Map<string, HTMLAudioElement>();

  /** Plays a call's remote stream (the far end's voice). Replaces an earlier stream for the same call. */
  play(callId: string, stream: MediaStream): void {
    this.stop(callId);
    const audio = new Audio();
    audio.autoplay = true;
    audio.srcObject = stream;
    this.#elements.set(callId, audio);
    // Autoplay may be refused until the agent interacts with the page; the call goes on.
    audio.play().catch(() => undefined);
  }

  /** Stops playing a call's audio and lets the element go. */
  stop(callId: string): void {
    const audio = this.#elements.get(callId);
    if (!audio) return;
    this.#elements.delete(callId);
    audio.pause();
    audio.srcObject = null;
  }

  /** Stops every call's audio. */
  stopAll(): void {
    for (const callId of [...this.#elements.keys()]) this.stop(callId);
  }

  /** Whether a call's remote audio is attached (for tests and diagnostics). */
  isPlaying(callId: string): boolean {
    return this.#elements.has(callId);
  }
}
