/**
 * The calls' remote audio: one <audio> element per call (WebRTC remote MediaStream), owned
 * by the telephony room and never added to the page, so the widget needs no media code. Each
 * plays on the speaker the agent chose (HTMLMediaElement.setSinkId; audio-devices.ts says
 * which), or the default.
 */
export class RemoteAudio {
  readonly #elements = new Map<string, HTMLAudioElement>();

  /** Plays a call's remote stream (the far end's voice) on output `sinkId` ('' = the default). Replaces an earlier stream for the same call. */
  play(callId: string, stream: MediaStream, sinkId = ''): void {
    this.stop(callId);
    const audio = new Audio();
    audio.autoplay = true;
    audio.srcObject = stream;
    this.#elements.set(callId, audio);
    // A device gone since it was listed: the call plays on the default (setSinkId left it there).
    if (sinkId !== '') void setSink(audio, sinkId).catch(() => undefined);
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

  /**
   * Moves the calls' sound to output `sinkId` ('' = the default); with `onlyFrom`, only the
   * calls on that output. Rejects with the browser's error when an output refused (that call
   * stays where it was); the others move.
   */
  async setSink(sinkId: string, onlyFrom?: string): Promise<void> {
    const moving = [...this.#elements.values()].filter((audio) => onlyFrom === undefined || sinkOf(audio) === onlyFrom);
    const results = await Promise.allSettled(moving.map((audio) => setSink(audio, sinkId)));
    const refused = results.find((result) => result.status === 'rejected');
    if (refused) throw refused.reason;
  }

  /** The output a call's sound plays on ('' = the default; undefined: no such call). */
  sinkOf(callId: string): string | undefined {
    const audio = this.#elements.get(callId);
    return audio ? sinkOf(audio) : undefined;
  }

  /** Whether a call's remote audio is attached (for tests and diagnostics). */
  isPlaying(callId: string): boolean {
    return this.#elements.has(callId);
  }
}

/** The element's output ('' = the default, also where the browser cannot choose one). */
function sinkOf(audio: HTMLAudioElement): string {
  return typeof audio.sinkId === 'string' ? audio.sinkId : '';
}

/** Plays the element on output `sinkId`, where the browser can choose (HTMLMediaElement.setSinkId). */
async function setSink(audio: HTMLAudioElement, sinkId: string): Promise<void> {
  if (typeof audio.setSinkId === 'function' && audio.sinkId !== sinkId) await audio.setSinkId(sinkId);
}
