/**
 * The agent's audio devices for the browser tests: {@link AudioDevices} with the ringtone the
 * build ships (app/assets/ringtone.wav, served by the test runner), a storage of its own, and
 * a listener that records what it says; plus a record of the media elements that play.
 */
import type { ContactPadError } from '../src/model/errors.ts';
import type { AudioDevicesView } from '../src/model/audio-devices.ts';
import { AudioDevices, type AudioDevicesListener, type AudioDevicesOptions } from '../src/telephony/audio-devices.ts';

/** The committed ringtone, as the test runner serves the project. */
export const RINGTONE_URL = '/app/assets/ringtone.wav';

/** An AudioDevicesListener that keeps everything it hears. */
export class RecordingAudioListener implements AudioDevicesListener {
  readonly views: AudioDevicesView[] = [];
  readonly notices: ContactPadError[] = [];
  readonly blocked: boolean[] = [];

  audioDevicesChanged(view: AudioDevicesView): void {
    this.views.push(view);
  }
  audioNotice(error: ContactPadError): void {
    this.notices.push(error);
  }
  ringtoneBlocked(blocked: boolean): void {
    this.blocked.push(blocked);
  }

  get view(): AudioDevicesView | undefined {
    return this.views.at(-1);
  }
}

/** A Storage kept in memory (one per test: nothing leaks between tests through localStorage). */
export function memoryStorage(initial: Record<string, string> = {}): Pick<Storage, 'getItem' | 'setItem'> & { readonly items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

/** AudioDevices with the shipped ringtone, a memory storage and a recording listener (options may replace any of them). */
export function audioDevicesForTest(options: Partial<AudioDevicesOptions> = {}) {
  const listener = new RecordingAudioListener();
  const storage = memoryStorage();
  const audio = new AudioDevices({ ringtoneUrl: RINGTONE_URL, storageKey: 'contactpad-audio-test-agent', listener, storage, ...options });
  return { audio, listener, storage };
}

/**
 * Records every media element that starts playing from now on (the real play() still runs):
 * how many distinct elements played is how many ringtones (or call sounds) there were.
 */
export function recordPlayingElements(): { readonly elements: Set<HTMLMediaElement>; restore(): void } {
  const original = HTMLMediaElement.prototype.play;
  const elements = new Set<HTMLMediaElement>();
  HTMLMediaElement.prototype.play = function play(this: HTMLMediaElement) {
    elements.add(this);
    return original.call(this);
  };
  return { elements, restore: () => void (HTMLMediaElement.prototype.play = original) };
}

/**
 * Makes the browser refuse to start media until `allow()` is called, as Chromium's autoplay
 * policy does before the page's first user gesture (play() rejects with NotAllowedError). The
 * test browser runs with --autoplay-policy=no-user-gesture-required (scripts/chromium.mjs), so
 * the refusal is played here.
 */
export function refuseAutoplay(): { allow(): void; restore(): void } {
  const original = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function play() {
    return Promise.reject(new DOMException('play() failed because the user didn\'t interact with the document first.', 'NotAllowedError'));
  };
  const restore = () => void (HTMLMediaElement.prototype.play = original);
  return { allow: restore, restore };
}

/** The browser's audio outputs (the test browser's fake devices: Fake Audio Output 1 and 2 besides the default). */
export async function audioOutputs(): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'audiooutput' && device.deviceId !== 'default' && device.deviceId !== '');
}

/** The browser's microphones (Fake Audio Input 1 and 2 besides the default). */
export async function audioInputs(): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'audioinput' && device.deviceId !== 'default' && device.deviceId !== '');
}
