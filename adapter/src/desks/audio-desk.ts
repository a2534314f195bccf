/**
 * The agent's audio: the devices panel (which microphone, speaker and ringer; how loud it
 * rings), the ringtone waiting for a click, the devices that come and go, and the microphone
 * checked before the agent goes Ready (the agent desk asks here).
 *
 *   devices listed or chosen (telephony/audio-devices.ts) -> the snapshot's `audio`
 *   ringtone refused until a click -> a notice "Click anywhere in ContactPad to let it ring", gone once it rings
 *   Ready chosen -> microphone checked -> Ready, or Not Ready with the reason and a notice saying what is missing
 */
import type { AudioDeviceRole, AudioDevicesView } from '../model/audio-devices.ts';
import { ContactPadError, type ErrorCode } from '../model/errors.ts';
import type { Store } from '../store.ts';
import type { NoticeDesk } from './notice-desk.ts';
import type { Rooms } from './ports.ts';

/** The Not Ready reason an agent is left in when Ready needs a microphone ContactPad cannot use. */
const NOT_READY_REASONS: Partial<Record<ErrorCode, string>> = {
  MICROPHONE_BLOCKED: 'Microphone blocked',
  MICROPHONE_MISSING: 'No microphone',
};
const NO_MICROPHONE_REASON = 'Microphone unavailable';

export class AudioDesk {
  readonly #store: Store;
  readonly #rooms: Rooms;
  readonly #notices: NoticeDesk;

  constructor(store: Store, rooms: Rooms, notices: NoticeDesk) {
    this.#store = store;
    this.#rooms = rooms;
    this.#notices = notices;
  }

  /** The devices or the agent's choices changed (the telephony room says). */
  devicesChanged(view: AudioDevicesView): void {
    this.#store.update((s) => ({ ...s, audio: view }));
  }

  /** The ringtone waits for the agent's click (the browser's autoplay policy), or no longer does. */
  ringtoneBlocked(blocked: boolean): void {
    if (blocked) this.#notices.notify(new ContactPadError('RINGTONE_BLOCKED', 'Click anywhere in ContactPad to let it ring.'));
    else this.#notices.withdraw('RINGTONE_BLOCKED');
  }

  /** The devices panel opened: list the devices with their names (the browser may ask the agent for the microphone first). */
  async listDevices(): Promise<void> {
    await this.#rooms.requireAudio().list(true);
  }

  /** The agent chose a device for `role` ('' = the default). */
  async choose(role: AudioDeviceRole, deviceId: string): Promise<void> {
    if (role !== 'microphone' && role !== 'speaker' && role !== 'ringer') throw new ContactPadError('INVALID_INPUT', 'Choose a microphone, a speaker or a ringer.');
    await this.#rooms.requireAudio().choose(role, typeof deviceId === 'string' ? deviceId : '');
  }

  /** The agent set how loud the phone rings (0 to 100). */
  setRingVolume(volume: number): void {
    this.#rooms.requireAudio().setRingVolume(volume);
  }

  /**
   * Before the agent is Ready: whether ContactPad can use a microphone. Resolves with the Not
   * Ready reason to stay in when it cannot (the agent is told plainly what is missing), or
   * undefined when it can. Undefined at once when there is no audio room to ask.
   */
  notReadyReason(): Promise<string | undefined> | undefined {
    const audio = this.#rooms.audio;
    if (!audio) return undefined;
    return audio.checkMicrophone().then(
      () => undefined,
      (error: unknown) => {
        this.#notices.notify(error);
        return (error instanceof ContactPadError && NOT_READY_REASONS[error.code]) || NO_MICROPHONE_REASON;
      },
    );
  }
}
