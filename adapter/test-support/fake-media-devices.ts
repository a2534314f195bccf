/**
 * The browser's media devices with a headset that can be unplugged: the test browser's fake
 * devices (Chromium's --use-fake-device-for-media-stream) cannot be taken away, so this stands
 * between ContactPad and navigator.mediaDevices and plays the unplugging. An unplugged device
 * is left out of enumerateDevices, getUserMedia refuses it as Chromium refuses a deviceId it
 * does not have (OverconstrainedError), and a devicechange event is fired, as the browser fires
 * one. Everything else is the real navigator.mediaDevices (real devices, real tracks).
 */
import type { MediaDevicesSource } from '../src/telephony/audio-devices.ts';

export class UnpluggableDevices extends EventTarget implements MediaDevicesSource {
  readonly #gone = new Set<string>();
  readonly #media = navigator.mediaDevices;
  /** How many getUserMedia calls asked for each deviceId ('' = the default). */
  readonly opened: string[] = [];

  /** Takes device `id` away (a headset unplugged) and fires devicechange. */
  unplug(id: string): void {
    this.#gone.add(id);
    this.dispatchEvent(new Event('devicechange'));
  }

  /** Brings it back and fires devicechange. */
  plugIn(id: string): void {
    this.#gone.delete(id);
    this.dispatchEvent(new Event('devicechange'));
  }

  async enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return (await this.#media.enumerateDevices()).filter((device) => !this.#gone.has(device.deviceId));
  }

  getUserMedia(constraints?: MediaStreamConstraints): Promise<MediaStream> {
    const audio = constraints?.audio;
    const exact = typeof audio === 'object' && audio.deviceId && typeof audio.deviceId === 'object' && !Array.isArray(audio.deviceId) ? audio.deviceId.exact : undefined;
    const wanted = typeof exact === 'string' ? exact : '';
    this.opened.push(wanted);
    if (this.#gone.has(wanted)) return Promise.reject(new OverconstrainedError('deviceId', 'Requested device not found'));
    return this.#media.getUserMedia(constraints);
  }
}
