/**
 * A callback through another of the agent's devices (seed 003, "Make a Callback from a
 * Transaction"): the platform rings the agent's chosen device first, and once the agent
 * picks up there, connects the customer. The steps, as the agent sees them on the
 * interaction, move only through {@link DEVICE_CALLBACK_TRANSITIONS}:
 *
 * ```
 *   ringing-device --device answered--> calling-customer --customer answered--> connected
 *        |                                    |
 *        +--- no answer, rejected, gone ------+--- REFER refused, customer failed, gone ---> failed
 * ```
 *
 * `connected` (the customer is on the agent's device; ContactPad left the call) and `failed`
 * are ends. Pure: no SIP here (telephony/device-callback.ts sends and reads it).
 */
import { ContactPadError } from './errors.ts';

/** Where a device callback stands. */
export type DeviceCallbackStep = 'ringing-device' | 'calling-customer' | 'connected' | 'failed';

/** What happens to it. */
export type DeviceCallbackEvent =
  | { readonly type: 'device-answered' }
  | { readonly type: 'customer-answered' }
  | { readonly type: 'failed'; readonly reason: string };

/** The table of allowed moves, by event: from which steps, to which step. */
export const DEVICE_CALLBACK_TRANSITIONS: Readonly<Record<DeviceCallbackEvent['type'], { readonly from: readonly DeviceCallbackStep[]; readonly to: DeviceCallbackStep }>> = Object.freeze({
  'device-answered': { from: ['ringing-device'], to: 'calling-customer' },
  'customer-answered': { from: ['calling-customer'], to: 'connected' },
  failed: { from: ['ringing-device', 'calling-customer'], to: 'failed' },
});

/** A device callback: its step, and why it failed (the words the agent reads), once it did. */
export interface DeviceCallbackProgress {
  readonly step: DeviceCallbackStep;
  readonly reason?: string;
}

/** A new device callback: the chosen device is ringing. */
export function startDeviceCallback(): DeviceCallbackProgress {
  return Object.freeze({ step: 'ringing-device' });
}

/** Whether the table allows `event` now. */
export function canMoveDeviceCallback(progress: DeviceCallbackProgress, event: DeviceCallbackEvent['type']): boolean {
  return DEVICE_CALLBACK_TRANSITIONS[event].from.includes(progress.step);
}

/** The next step; INVALID_TRANSITION for a move the table does not allow (the progress is then unchanged). */
export function moveDeviceCallback(progress: DeviceCallbackProgress, event: DeviceCallbackEvent): DeviceCallbackProgress {
  if (!canMoveDeviceCallback(progress, event.type)) {
    throw new ContactPadError('INVALID_TRANSITION', `Invalid device callback move ${event.type} from ${progress.step}`, { detail: { from: progress.step, event: event.type } });
  }
  const to = DEVICE_CALLBACK_TRANSITIONS[event.type].to;
  return Object.freeze(event.type === 'failed' ? { step: to, reason: event.reason } : { step: to });
}

/** Whether the callback is over (connected on the device, or failed). */
export function deviceCallbackOver(progress: DeviceCallbackProgress): boolean {
  return progress.step === 'connected' || progress.step === 'failed';
}

/** One of the agent's registered devices, as the agent chooses it. */
export interface RegisteredDevice {
  /** The device's registered Contact URI (what the SIP edge rings). */
  readonly contact: string;
  /** What kind of device it is: another browser (SIP over WebSocket) or a SIP phone (UDP, TCP, TLS). */
  readonly kind: 'browser' | 'phone';
  /** Where it is: host and port of its Contact ('' for a browser, whose Contact host is made up). */
  readonly where: string;
}

/** The devices a callback can ring: this browser (when its phone is registered) and the agent's other devices. */
export interface CallbackDevices {
  readonly thisBrowser: boolean;
  readonly others: readonly RegisteredDevice[];
}

/** A Contact URI's parts, as the telephony room read them (sip.js URI). */
export interface ContactParts {
  readonly uri: string;
  readonly host: string;
  readonly port: number | undefined;
  readonly transport: string;
}

/**
 * A registered Contact as a device the agent can tell from another. A Contact whose URI is
 * longer than a SIP URI has reason to be, or whose host is blank, is none (undefined).
 */
export function registeredDevice(parts: ContactParts): RegisteredDevice | undefined {
  if (parts.uri === '' || parts.uri.length > 512 || parts.host === '') return undefined;
  const transport = parts.transport.toLowerCase();
  if (transport === 'ws' || transport === 'wss') return Object.freeze({ contact: parts.uri, kind: 'browser', where: '' });
  return Object.freeze({ contact: parts.uri, kind: 'phone', where: parts.port ? `${parts.host}:${parts.port}` : parts.host });
}
