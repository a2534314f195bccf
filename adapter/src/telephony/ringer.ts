/**
 * The ringtone: one looping <audio> element playing the ringtone file shipped in the static
 * resource (ringtone.wav beside main.js), for as long as at least one incoming call rings; one
 * ringtone however many calls ring. calls.ts rings it while an incoming call's leg is `ringing`
 * (call-state.ts), so it stops the moment the call is accepted, rejected, cancelled by the
 * caller, answered elsewhere, or hung up because the agent went Offline. Outbound calls never
 * ring here: their ringback is the far end's early media.
 *
 * Why here: ARCHITECTURE.md puts media (audio and video elements, devices, ringtone) in the
 * telephony room. Playing a sound on an output device is media, not rendering: the element is
 * never added to the page (like the calls' audio in media.ts), so the widget stays Lit only and
 * shows what rings from the store. An <audio> element rather than an AudioContext: once it has
 * started it keeps playing in a background tab, while an AudioContext made without a user
 * gesture starts suspended.
 *
 * The browser may refuse to start it (autoplay policy: no click in ContactPad's frame yet, for
 * example right after a reload restored Ready). Then the owner is told (`blocked`), and the next
 * click or key press anywhere in ContactPad starts it, if a call still rings.
 */
import { ContactPadError } from '../model/errors.ts';
import { DEFAULT_RING_VOLUME } from '../model/audio-devices.ts';
import { errorText } from './error-text.ts';

/** What the ringer tells its owner. */
export interface RingerListener {
  /** true: the browser will not play until the agent clicks in ContactPad; false: that is over (it plays, or nothing rings). */
  blocked(blocked: boolean): void;
  /** The ringtone cannot be played at all (the file is missing or damaged). */
  failed(error: ContactPadError): void;
}

/** The ringtone element as it is, for support and the end-to-end suite. */
export interface RingtoneStatus {
  /** Calls ring now. */
  readonly ringing: boolean;
  /** The element plays (HTMLMediaElement.paused is false). */
  readonly playing: boolean;
  /** The output it plays on ('' = the default): HTMLMediaElement.sinkId. */
  readonly sinkId: string;
  /** Where in the ringtone it is, in seconds: it advances while it plays. */
  readonly currentTime: number;
  /** 0 to 1. */
  readonly volume: number;
  /** Waiting for the agent's click (autoplay refused). */
  readonly blocked: boolean;
}

/** What starts a refused ringtone: the events that give the page user activation (HTML: activation-triggering input events). */
const GESTURES = ['pointerdown', 'keydown', 'click'] as const;

export class Ringer {
  readonly #url: string;
  readonly #listener: RingerListener;
  readonly #gestureTarget: EventTarget;
  readonly #sinkForRing: () => string;
  readonly #ringing = new Set<string>();
  #element: HTMLAudioElement | undefined;
  #volume = DEFAULT_RING_VOLUME;
  #blocked = false;
  #failedTold = false;
  readonly #onGesture = () => this.#retryAfterGesture();

  /**
   * `url`: the ringtone file ('' = none: calls ring on screen only). `sinkForRing`: the output
   * each ring starts on ('' = the default; asked at every ring, so a device chosen or reconnected
   * since is used). `gestureTarget`: where the agent's click or key press is heard (ContactPad's
   * document).
   */
  constructor(url: string, listener: RingerListener, options: { sinkForRing?: () => string; gestureTarget?: EventTarget } = {}) {
    this.#url = url;
    this.#listener = listener;
    this.#sinkForRing = options.sinkForRing ?? (() => '');
    this.#gestureTarget = options.gestureTarget ?? document;
  }

  /** Fetches the ringtone ahead of the first call (once the phone has registered), so it starts at once. */
  preload(): void {
    if (this.#url !== '') this.#audio();
  }

  /** Call `callId` rings: the ringtone plays (already playing for another call: nothing changes). */
  ring(callId: string): void {
    if (this.#ringing.has(callId)) return;
    this.#ringing.add(callId);
    if (this.#ringing.size === 1) this.#start();
  }

  /** Call `callId` no longer rings: with no other call ringing, the ringtone stops. */
  silence(callId: string): void {
    if (!this.#ringing.delete(callId) || this.#ringing.size > 0) return;
    this.#stop();
  }

  /** Nothing rings any more. */
  silenceAll(): void {
    this.#ringing.clear();
    this.#stop();
  }

  /** How loud it rings, 0 to 100. */
  setVolume(percent: number): void {
    this.#volume = percent;
    if (this.#element) this.#element.volume = percent / 100;
  }

  /**
   * Moves a ringtone that plays now to another output ('' = the default). Rejects as the
   * browser does (NotFoundError for a device that is gone); the ringtone then stays where it was.
   */
  async setSink(deviceId: string): Promise<void> {
    const element = this.#element;
    if (element && typeof element.setSinkId === 'function' && element.sinkId !== deviceId) await element.setSinkId(deviceId);
  }

  get ringing(): boolean {
    return this.#ringing.size > 0;
  }

  status(): RingtoneStatus {
    const element = this.#element;
    return {
      ringing: this.ringing,
      playing: element ? !element.paused : false,
      sinkId: element && typeof element.sinkId === 'string' ? element.sinkId : '',
      currentTime: element?.currentTime ?? 0,
      volume: element?.volume ?? this.#volume / 100,
      blocked: this.#blocked,
    };
  }

  #audio(): HTMLAudioElement {
    if (this.#element) return this.#element;
    const element = new Audio();
    element.loop = true;
    element.preload = 'auto';
    element.volume = this.#volume / 100;
    element.src = this.#url;
    this.#element = element;
    return element;
  }

  #start(): void {
    if (this.#url === '') return; // no ringtone file given: the call pop alone says it rings
    const element = this.#audio();
    element.currentTime = 0;
    this.setSink(this.#sinkForRing())
      // A device that went away since it was listed: the ringtone rings on the default instead.
      .catch(() => this.setSink(''))
      .catch(() => undefined)
      .finally(() => {
        if (this.ringing && element.paused) this.#play(element);
      });
  }

  #play(element: HTMLAudioElement): void {
    element.play().then(
      () => {
        if (!this.ringing) element.pause();
        else this.#setBlocked(false);
      },
      (error: unknown) => {
        if (!this.ringing) return; // silenced before it started (AbortError): nothing to say
        const name = error instanceof Error ? error.name : '';
        if (name === 'NotAllowedError') {
          this.#setBlocked(true);
        } else if (name !== 'AbortError' && !this.#failedTold) {
          this.#failedTold = true;
          this.#listener.failed(new ContactPadError('RINGTONE_FAILED', `The ringtone could not be played (${errorText(error)}); calls still show here when they ring.`));
        }
      },
    );
  }

  #stop(): void {
    const element = this.#element;
    if (element && !element.paused) element.pause();
    this.#setBlocked(false);
  }

  #retryAfterGesture(): void {
    // The agent clicked: the page has user activation now, and keeps it (sticky activation).
    this.#listenForGesture(false);
    if (this.ringing && this.#element) this.#play(this.#element);
  }

  #setBlocked(blocked: boolean): void {
    this.#listenForGesture(blocked);
    if (this.#blocked === blocked) return;
    this.#blocked = blocked;
    this.#listener.blocked(blocked);
  }

  #listenForGesture(on: boolean): void {
    for (const type of GESTURES) {
      if (on) this.#gestureTarget.addEventListener(type, this.#onGesture, { capture: true });
      else this.#gestureTarget.removeEventListener(type, this.#onGesture, { capture: true });
    }
  }
}
