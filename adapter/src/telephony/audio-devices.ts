/**
 * The agent's audio devices: the microphone, the speaker (the calls' sound) and the ringer
 * (the ringtone's output) they chose, saved per agent in this browser (localStorage), the
 * ringtone's volume, the devices the browser lists (navigator.mediaDevices.enumerateDevices;
 * names only once the microphone is allowed), and what happens when they change.
 *
 * - A new call opens the chosen microphone (getUserMedia with its deviceId: the sip.js media
 *   stream factory below) and plays on the chosen speaker (setSinkId, media.ts); the ringtone
 *   rings on the chosen ringer (ringer.ts). A choice not listed now means the default.
 * - A choice made during a call applies to the calls that are up at once (calls.ts: the
 *   speaker through setSinkId, the microphone through RTCRtpSender.replaceTrack).
 * - A chosen device that disappears (a headset unplugged) leaves the calls that used it on the
 *   default, and the agent is told. When it comes back it is used again from the next call or
 *   ring, but NOT taken back by a call in progress: the agent may have switched to the laptop
 *   while the headset was gone and is talking now; moving the sound or the microphone under
 *   them without being asked (a USB headset that reconnects on its own, a Bluetooth one that
 *   comes back in range) would cut the conversation a second time.
 *
 * Telephony's room (ARCHITECTURE.md: "media (audio/video elements, devices, ringtone)"): the
 * only other user of these browser APIs is the calls' media beside it. What a call needs (the
 * saved choices, the ringtone, the microphone to open) is here, on the ring-and-answer bundle;
 * listing and following the devices (device-list.ts) and the microphone check before Ready
 * (microphone-check.ts) load with dynamic imports, off it.
 */
import { ContactPadError } from '../model/errors.ts';
import {
  cleanRingVolume,
  deviceInUse,
  readAudioPreferences,
  unlistedAudioDevices,
  type AudioDevice,
  type AudioDeviceRole,
  type AudioDevicesView,
  type AudioPreferences,
} from '../model/audio-devices.ts';
import type { DeviceListHost } from './device-list.ts';
import { errorText } from './error-text.ts';
import { Ringer, type RingtoneStatus } from './ringer.ts';

/** What the devices tell their owner (the controller). */
export interface AudioDevicesListener {
  /** The devices listed or the agent's choices changed. */
  audioDevicesChanged(view: AudioDevicesView): void;
  /** Something the agent should read: a device gone (the default is used), a device refused. */
  audioNotice(error: ContactPadError): void;
  /** The ringtone waits for a click in ContactPad (the browser's autoplay policy): true; no longer: false. */
  ringtoneBlocked(blocked: boolean): void;
}

/** A change the calls that are up make now (calls.ts): their microphone or sound moves to `to`; with `from`, only those on `from`. */
export interface LiveAudioChange {
  readonly role: 'microphone' | 'speaker';
  readonly to: string;
  readonly from?: string;
}

/** What of navigator.mediaDevices the devices use. */
export type MediaDevicesSource = Pick<MediaDevices, 'enumerateDevices' | 'getUserMedia' | 'addEventListener' | 'removeEventListener'>;

export interface AudioDevicesOptions {
  /** The ringtone file (ringtone.wav in the static resource). */
  readonly ringtoneUrl: string;
  /** Where this agent's choices are saved (one key per agent). */
  readonly storageKey: string;
  readonly listener: AudioDevicesListener;
  /** Where the choices are kept (localStorage, from the composition); undefined when the browser refuses storage: they last until a reload. */
  readonly storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  /** Default: navigator.mediaDevices. */
  readonly media?: MediaDevicesSource | undefined;
  /** Default: navigator.permissions. */
  readonly permissions?: Pick<Permissions, 'query'> | undefined;
  /** Where the agent's click is heard when the ringtone waits for one (default: document). */
  readonly gestureTarget?: EventTarget;
}

/** Whether this browser can play on a chosen output (Chromium; Firefox from 116; not Safari). */
const OUTPUT_CHOICE = typeof HTMLMediaElement !== 'undefined' && typeof HTMLMediaElement.prototype.setSinkId === 'function';

/** A device the browser refused (setSinkId, getUserMedia) in the agent's words. */
export function deviceError(error: unknown): ContactPadError {
  return new ContactPadError('AUDIO_DEVICE_FAILED', `ContactPad could not use that audio device: ${errorText(error)}`, { cause: error });
}

export class AudioDevices {
  readonly ringer: Ringer;
  readonly #options: AudioDevicesOptions;
  readonly #listener: AudioDevicesListener;
  readonly #storage: Pick<Storage, 'getItem' | 'setItem'> | undefined;
  readonly #media: MediaDevicesSource | undefined;
  readonly #liveListeners = new Set<(change: LiveAudioChange) => void>();
  readonly #host: DeviceListHost;
  #preferences: AudioPreferences;
  /** undefined until the browser has listed them. */
  #listed: { readonly microphones: readonly AudioDevice[]; readonly outputs: readonly AudioDevice[]; readonly named: boolean } | undefined;
  #list: Promise<typeof import('./device-list.ts')> | undefined;
  #unwatch: (() => void) | undefined;
  #started = false;

  constructor(options: AudioDevicesOptions) {
    this.#options = options;
    this.#listener = options.listener;
    this.#storage = options.storage;
    this.#media = 'media' in options ? options.media : globalThis.navigator?.mediaDevices;
    this.#preferences = readAudioPreferences(this.#read());
    this.ringer = new Ringer(
      options.ringtoneUrl,
      { blocked: (blocked) => this.#listener.ringtoneBlocked(blocked), failed: (error) => this.#listener.audioNotice(error) },
      { sinkForRing: () => deviceInUse(this.#preferences.ringer, this.#listed?.outputs), ...(options.gestureTarget ? { gestureTarget: options.gestureTarget } : {}) },
    );
    this.ringer.setVolume(this.#preferences.ringVolume);
    this.#host = {
      media: this.#media,
      ringer: this.ringer,
      preferences: () => this.#preferences,
      listed: () => this.#listed,
      setListed: (microphones, outputs, named) => {
        this.#listed = { microphones, outputs, named };
        this.#listener.audioDevicesChanged(this.view());
      },
      save: (preferences) => this.#save(preferences),
      live: (change) => this.#live(change),
      report: (error) => this.report(error),
    };
  }

  /** Starts following the devices (plugged in, unplugged) and lists them once (device-list.ts, loaded now); the view goes to the listener. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#listener.audioDevicesChanged(this.view());
    this.#deviceList()
      .then((list) => {
        if (this.#started) this.#unwatch ??= list.watchDevices(this.#host);
      })
      .catch((error: unknown) => this.report(deviceError(error)));
  }

  /** Stops following the devices. */
  stop(): void {
    this.#started = false;
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  get preferences(): AudioPreferences {
    return this.#preferences;
  }

  view(): AudioDevicesView {
    const listed = this.#listed;
    if (!listed) return unlistedAudioDevices(this.#preferences, OUTPUT_CHOICE);
    return Object.freeze({ microphones: listed.microphones, outputs: listed.outputs, named: listed.named, chosen: this.#preferences, outputChoice: OUTPUT_CHOICE });
  }

  /**
   * Lists the devices again. With `askForNames`, when the browser hides their names (the
   * microphone not allowed yet), it opens the microphone once so the browser asks the agent,
   * and lists again.
   */
  async list(askForNames: boolean): Promise<void> {
    await (await this.#deviceList()).listDevices(this.#host, askForNames);
  }

  /** The agent chose a device for `role` ('' = the default): saved, and applied now (to the calls that are up too). */
  async choose(role: AudioDeviceRole, deviceId: string): Promise<void> {
    await (await this.#deviceList()).chooseDevice(this.#host, role, deviceId);
  }

  /** How loud the phone rings, 0 to 100 (saved). */
  setRingVolume(volume: number): void {
    const clean = cleanRingVolume(volume);
    if (clean === undefined) throw new ContactPadError('INVALID_INPUT', 'The ring volume is a number from 0 to 100.');
    this.#save({ ...this.#preferences, ringVolume: clean });
    this.ringer.setVolume(clean);
  }

  /** Before the agent goes Ready (microphone-check.ts, loaded then). */
  async checkMicrophone(): Promise<void> {
    const { checkMicrophone } = await import('./microphone-check.ts');
    await checkMicrophone({ media: this.#media, permissions: 'permissions' in this.#options ? this.#options.permissions : globalThis.navigator?.permissions });
  }

  /** The microphone a new call opens ('' = the default). */
  microphoneForNewCall(): string {
    return deviceInUse(this.#preferences.microphone, this.#listed?.microphones);
  }

  /** The output a new call's sound plays on ('' = the default). */
  speakerForNewCall(): string {
    return deviceInUse(this.#preferences.speaker, this.#listed?.outputs);
  }

  /**
   * Opens microphone `deviceId` ('' = the default), with the rest of `constraints` (video).
   * A device that went away since it was listed (NotFoundError, OverconstrainedError) gives
   * the default instead: the call goes ahead.
   */
  async openMicrophone(deviceId: string, constraints: MediaStreamConstraints = { audio: true, video: false }): Promise<MediaStream> {
    const media = this.#media;
    if (!media) throw new DOMException('This browser gives no media devices here.', 'NotFoundError');
    if (deviceId === '') return media.getUserMedia({ ...constraints, audio: true });
    try {
      return await media.getUserMedia({ ...constraints, audio: { deviceId: { exact: deviceId } } });
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      if (name !== 'NotFoundError' && name !== 'OverconstrainedError') throw error;
      return media.getUserMedia({ ...constraints, audio: true });
    }
  }

  /**
   * sip.js's media stream factory (Web.defaultSessionDescriptionHandlerFactory): a call that
   * asks for the microphone (`audio: true`) gets the one chosen for new calls.
   */
  readonly mediaStreamFactory = (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    if (constraints.audio === true) return this.openMicrophone(this.microphoneForNewCall(), constraints);
    if (!this.#media) return Promise.reject(new DOMException('This browser gives no media devices here.', 'NotFoundError'));
    return this.#media.getUserMedia(constraints);
  };

  /** Hears the changes the calls that are up must make; returns the unsubscribe. */
  onLiveChange(listener: (change: LiveAudioChange) => void): () => void {
    this.#liveListeners.add(listener);
    return () => this.#liveListeners.delete(listener);
  }

  /** Tells the agent about a device (the calls report a device that refused here). */
  report(error: ContactPadError): void {
    this.#listener.audioNotice(error);
  }

  /** The ringtone as it plays now (support, the end-to-end suite). */
  ringtoneStatus(): RingtoneStatus {
    return this.ringer.status();
  }

  /** The device list's module, loaded once (a failed load is tried again next time). */
  #deviceList(): Promise<typeof import('./device-list.ts')> {
    this.#list ??= import('./device-list.ts').catch((error: unknown) => {
      this.#list = undefined;
      throw error;
    });
    return this.#list;
  }

  #live(change: LiveAudioChange): void {
    for (const listener of [...this.#liveListeners]) listener(change);
  }

  #save(preferences: AudioPreferences): void {
    this.#preferences = Object.freeze(preferences);
    try {
      this.#storage?.setItem(this.#options.storageKey, JSON.stringify(preferences));
    } catch {
      // storage full or blocked: the choice holds until a reload
    }
    this.#listener.audioDevicesChanged(this.view());
  }

  #read(): string | null {
    try {
      return this.#storage?.getItem(this.#options.storageKey) ?? null;
    } catch {
      return null;
    }
  }
}
