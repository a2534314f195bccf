/**
 * The agent's audio devices in the domain's words: which microphone, speaker and ringer they
 * chose (saved per agent in the browser), how loud the phone rings, the devices the browser
 * lists, and which device is used when a chosen one is not there. Pure: the telephony room
 * (telephony/audio-devices.ts) asks the browser and keeps the choices; this says what they mean.
 */

/** What a device is chosen for: the microphone, the call's sound (speaker) and the ringtone (ringer). */
export type AudioDeviceRole = 'microphone' | 'speaker' | 'ringer';

/** Every role, in the order the devices panel shows them. */
export const AUDIO_DEVICE_ROLES: readonly AudioDeviceRole[] = Object.freeze(['microphone', 'speaker', 'ringer'] as const);

/** One input or output the browser lists (MediaDeviceInfo): its id and the name the agent reads. */
export interface AudioDevice {
  /** The browser's deviceId for this site; never '' (the default is not listed as a device). */
  readonly id: string;
  /** Its name ('' until the agent allowed the microphone: browsers hide names until then). */
  readonly label: string;
}

/** What the agent chose, saved per agent; '' = the browser's default device. */
export interface AudioPreferences {
  readonly microphone: string;
  readonly speaker: string;
  readonly ringer: string;
  /** The ringtone's volume, 0 (silent) to 100. */
  readonly ringVolume: number;
}

export const DEFAULT_RING_VOLUME = 80;

export const DEFAULT_AUDIO_PREFERENCES: AudioPreferences = Object.freeze({ microphone: '', speaker: '', ringer: '', ringVolume: DEFAULT_RING_VOLUME });

/** The longest device id kept (Chromium's are 64 hex characters; anything far longer is not one). */
const MAX_DEVICE_ID = 256;

/** A device id as saved or chosen: a string of sane length, else '' (the default). */
export function cleanDeviceId(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_DEVICE_ID) return '';
  // The browser's own names for its default devices mean "the default" here too.
  return value === 'default' || value === 'communications' ? '' : value;
}

/** A ring volume as the agent set it: a whole number from 0 to 100; undefined when it is not a number. */
export function cleanRingVolume(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.round(Math.min(100, Math.max(0, value)));
}

/**
 * The saved preferences (JSON from the browser's storage, or anything else): each field that
 * is missing or malformed takes its default, the others are kept.
 */
export function readAudioPreferences(raw: string | null | undefined): AudioPreferences {
  let value: unknown;
  try {
    value = raw ? JSON.parse(raw) : undefined;
  } catch {
    value = undefined; // damaged: the defaults
  }
  if (typeof value !== 'object' || value === null) return DEFAULT_AUDIO_PREFERENCES;
  const saved = value as Record<string, unknown>;
  return Object.freeze({
    microphone: cleanDeviceId(saved['microphone']),
    speaker: cleanDeviceId(saved['speaker']),
    ringer: cleanDeviceId(saved['ringer']),
    ringVolume: cleanRingVolume(saved['ringVolume']) ?? DEFAULT_RING_VOLUME,
  });
}

/**
 * The device to use for a choice: the chosen one while the browser lists it (or before the
 * list is known), else '' (the default). `devices` undefined: not listed yet.
 */
export function deviceInUse(chosen: string, devices: readonly AudioDevice[] | undefined): string {
  if (chosen === '' || devices === undefined) return chosen;
  return devices.some((device) => device.id === chosen) ? chosen : '';
}

/** The agent's devices as the widget shows them (the devices panel). */
export interface AudioDevicesView {
  /** Inputs and outputs the browser lists (the default not among them); empty until listed. */
  readonly microphones: readonly AudioDevice[];
  readonly outputs: readonly AudioDevice[];
  /** Whether the browser has listed the devices with their names (after the microphone was allowed). */
  readonly named: boolean;
  readonly chosen: AudioPreferences;
  /** Whether this browser can play a sound on a chosen output (HTMLMediaElement.setSinkId). */
  readonly outputChoice: boolean;
}

/** The view before the browser has listed anything. */
export function unlistedAudioDevices(chosen: AudioPreferences = DEFAULT_AUDIO_PREFERENCES, outputChoice = false): AudioDevicesView {
  return Object.freeze({ microphones: [], outputs: [], named: false, chosen, outputChoice });
}
