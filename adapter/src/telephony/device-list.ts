/**
 * The devices the browser lists, and what follows when they change (audio-devices.ts says
 * why): listing them (enumerateDevices; with names once the microphone is allowed), the agent's
 * choice of a device, and a chosen device that disappears (the calls and the ringtone that used
 * it go to the default, and the agent is told). Not needed to ring and answer a call, so
 * audio-devices.ts loads it with a dynamic import once ContactPad has started, and again for a
 * choice or a listing made before that.
 */
import { ContactPadError } from '../model/errors.ts';
import { cleanDeviceId, type AudioDevice, type AudioDeviceRole, type AudioPreferences } from '../model/audio-devices.ts';
import { deviceError, type LiveAudioChange, type MediaDevicesSource } from './audio-devices.ts';
import type { Ringer } from './ringer.ts';

/** What the list works on: the devices' state, kept by AudioDevices. */
export interface DeviceListHost {
  readonly media: MediaDevicesSource | undefined;
  readonly ringer: Ringer;
  preferences(): AudioPreferences;
  /** The listed devices (undefined before the first listing). */
  listed(): { readonly microphones: readonly AudioDevice[]; readonly outputs: readonly AudioDevice[] } | undefined;
  /** A new listing: kept, and the view goes to the listener. */
  setListed(microphones: readonly AudioDevice[], outputs: readonly AudioDevice[], named: boolean): void;
  /** Saves the agent's choices (and the view goes to the listener). */
  save(preferences: AudioPreferences): void;
  /** The calls that are up move (calls.ts). */
  live(change: LiveAudioChange): void;
  /** Tells the agent. */
  report(error: ContactPadError): void;
}

/** The words for a role in a notice. */
const ROLE_WORDS: Readonly<Record<AudioDeviceRole, string>> = { microphone: 'microphone', speaker: 'speaker', ringer: 'ringer' };

/** The listed devices of one kind, without the browser's stand-ins for the default (and without the nameless ones it lists before permission). */
function devicesOf(infos: readonly MediaDeviceInfo[], kind: MediaDeviceKind): AudioDevice[] {
  return infos.filter((info) => info.kind === kind && cleanDeviceId(info.deviceId) !== '').map((info) => ({ id: info.deviceId, label: info.label }));
}

/** See AudioDevices.list. */
export async function listDevices(host: DeviceListHost, askForNames: boolean): Promise<void> {
  const media = host.media;
  if (!media) return;
  let infos = await media.enumerateDevices();
  if (askForNames && !infos.some((info) => info.kind === 'audioinput' && info.label !== '')) {
    try {
      const stream = await media.getUserMedia({ audio: true, video: false });
      for (const track of stream.getTracks()) track.stop();
      infos = await media.enumerateDevices();
    } catch {
      // Not allowed: the panel lists what it can, without names, and says why.
    }
  }
  take(host, infos);
}

/** Lists the devices now and whenever the browser says they changed (devicechange); returns the stop. */
export function watchDevices(host: DeviceListHost): () => void {
  const onChange = () => void listDevices(host, false).catch((error: unknown) => host.report(deviceError(error)));
  host.media?.addEventListener('devicechange', onChange);
  onChange();
  return () => host.media?.removeEventListener('devicechange', onChange);
}

/** See AudioDevices.choose. */
export async function chooseDevice(host: DeviceListHost, role: AudioDeviceRole, deviceId: string): Promise<void> {
  const id = cleanDeviceId(deviceId);
  const listed = role === 'microphone' ? host.listed()?.microphones : host.listed()?.outputs;
  if (id !== '' && listed !== undefined && !listed.some((device) => device.id === id)) {
    throw new ContactPadError('AUDIO_DEVICE_FAILED', `That ${ROLE_WORDS[role]} is not connected any more: choose another one.`);
  }
  host.save({ ...host.preferences(), [role]: id });
  if (role === 'ringer') await host.ringer.setSink(id).catch((error: unknown) => host.report(deviceError(error)));
  else host.live({ role, to: id });
}

/** Takes a new list from the browser: a chosen device gone from it leaves the calls (and the ringtone) on the default, and the agent is told. */
function take(host: DeviceListHost, infos: readonly MediaDeviceInfo[]): void {
  const before = host.listed();
  const microphones = Object.freeze(devicesOf(infos, 'audioinput'));
  const outputs = Object.freeze(devicesOf(infos, 'audiooutput'));
  host.setListed(microphones, outputs, infos.some((info) => info.kind === 'audioinput' && info.label !== ''));
  if (!before) return;
  for (const role of ['microphone', 'speaker', 'ringer'] as const) {
    const chosen = host.preferences()[role];
    const was = (role === 'microphone' ? before.microphones : before.outputs).find((device) => device.id === chosen);
    const now = role === 'microphone' ? microphones : outputs;
    if (chosen === '' || !was || now.some((device) => device.id === chosen)) continue;
    lost(host, role, was);
  }
}

function lost(host: DeviceListHost, role: AudioDeviceRole, device: AudioDevice): void {
  const name = device.label === '' ? `The chosen ${ROLE_WORDS[role]}` : `The ${ROLE_WORDS[role]} “${device.label}”`;
  host.report(
    new ContactPadError('AUDIO_DEVICE_LOST', `${name} was disconnected: ContactPad uses the default ${ROLE_WORDS[role]} now. It uses “${device.label || 'it'}” again from the next call once it is back.`, {
      detail: { role },
    }),
  );
  if (role === 'ringer') {
    if (host.ringer.ringing) host.ringer.setSink('').catch(() => undefined);
  } else {
    host.live({ role, to: '', from: device.id });
  }
}
