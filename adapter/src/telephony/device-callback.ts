/**
 * A callback through another of the agent's devices (issue 11 item 3; seed 003: "the system
 * triggers a call to the agent's selected device. The agent has to pick up and connect with
 * the customer"), in standard SIP through the SIP edge:
 *
 *   1. INVITE to the agent's own address of record, naming the chosen device's registered
 *      Contact in {@link RING_DEVICE_HEADER}: the SIP edge rings that Contact alone
 *      (scripts/sip-server/kamailio.cfg route[RING_DEVICE]; the header contract in
 *      sip-header-contract.ts). The From display name says "Callback to <number>", which is
 *      what the device shows while it rings.
 *   2. The agent picks up there (200 OK): ContactPad sends no sound of its own on that leg and
 *      REFERs the device to the customer's number (sip.js Session.refer, RFC 3515).
 *   3. The device calls the customer and reports it in NOTIFYs (sipfrag, RFC 3515 2.4.5): a
 *      2xx means the customer answered on the device; ContactPad then hangs up its own leg
 *      (BYE). A final failure, a refused REFER or the device hanging up: ContactPad hangs up
 *      its leg and says why. Nothing is left ringing.
 *
 * The steps move through model/device-callback.ts's table. Part of the call control
 * (call-control.ts), off the ring-and-answer bundle.
 *
 * GRUU (RFC 5627) would name one device without a header of our own, but sip.js 0.21 only
 * uses a GRUU the registrar hands it and never asks for one (no +sip.instance in its REGISTER:
 * SIP.js 0.21.2 src/api/user-agent.ts contact, pubGruu/tempGruu stay undefined), and the
 * devices would all have to ask for one: a Contact any registrar lists works with every phone.
 */
import { Inviter, SessionState, UserAgent, Web, type Notification } from 'sip.js';
import { ContactPadError } from '../model/errors.ts';
import {
  canMoveDeviceCallback,
  moveDeviceCallback,
  registeredDevice,
  startDeviceCallback,
  type DeviceCallbackEvent,
  type DeviceCallbackProgress,
  type RegisteredDevice,
} from '../model/device-callback.ts';
import { sipfragStatus } from './attended-transfer.ts';
import { callFailure } from './call-failure.ts';
import { errorText } from './error-text.ts';
import { shownTarget, sipTarget } from './sip-address.ts';
import type { Clock } from '../model/clock.ts';

/** The header naming the one registered Contact the SIP edge is to ring (sip-header-contract.ts, agent -> SIP edge). */
export const RING_DEVICE_HEADER = 'X-ContactPad-Ring-Device';

/** What the agent asked for: the device to ring, the customer's number (to dial), and how it is shown. */
export interface DeviceCallbackRequest {
  readonly device: string;
  readonly customer: string;
  readonly shown: string;
}

/** A device callback under way. */
export interface PlacedDeviceCallback {
  /** The SIP Call-ID of the leg to the device: the interaction's id. */
  readonly id: string;
  /** Hangs up ContactPad's leg (CANCEL while it rings, BYE after); the callback fails with `reason`. */
  cancel(reason: string): Promise<void>;
}

/** The Contact URI of a Contact header value ('<sip:a@b;transport=udp>;expires=300'), as sip.js reads it; undefined when it is none. */
function contactUri(value: string): ReturnType<typeof UserAgent.makeURI> {
  const inside = /<([^>]*)>/.exec(value)?.[1] ?? value.split(';')[0] ?? '';
  return UserAgent.makeURI(inside.trim());
}

/** The agent's devices and callbacks through them. `contacts`: the Contacts the last REGISTER's 200 OK listed. */
export class DeviceCallbacks {
  readonly #ua: UserAgent;
  readonly #domain: string;
  /** The agent's other registered devices, this browser left out, each once. */
  readonly devices: readonly RegisteredDevice[];

  constructor(ua: UserAgent, contacts: readonly string[], domain: string) {
    this.#ua = ua;
    this.#domain = domain;
    const own = ua.contact.uri;
    const devices = new Map<string, RegisteredDevice>();
    for (const value of contacts) {
      const uri = contactUri(value);
      if (!uri || (uri.user === own.user && uri.host === own.host)) continue;
      const device = registeredDevice({ uri: uri.toString(), host: uri.host, port: uri.port, transport: uri.getParam('transport') ?? 'udp' });
      if (device) devices.set(device.contact, device);
    }
    this.devices = [...devices.values()];
  }

  /**
   * Rings `request.device` and, once answered there, connects the customer (see the file
   * comment); `onStep` hears each move of the table. Resolves once the INVITE is sent.
   * CALLBACK_NO_DEVICE when the device is not one of {@link devices}; INVALID_INPUT for a
   * customer number that cannot be dialled; MEDIA_UNAVAILABLE (the microphone) or
   * SIP_CALL_FAILED when the INVITE cannot be sent.
   */
  async place(request: DeviceCallbackRequest, onStep: (event: DeviceCallbackEvent) => void): Promise<PlacedDeviceCallback> {
    if (!this.devices.some((device) => device.contact === request.device)) {
      throw new ContactPadError('CALLBACK_NO_DEVICE', 'That device is no longer registered: activate it first, or choose another device.');
    }
    const customer = sipTarget(request.customer, this.#domain);
    if (!customer) throw new ContactPadError('INVALID_INPUT', `Cannot call back ${shownTarget(request.customer)}: enter a phone number.`);
    const shown = request.shown.replace(/[\0-\x1f"\\]/g, '').slice(0, 64);
    const inviter = new Inviter(this.#ua, this.#ua.configuration.uri, {
      extraHeaders: [`${RING_DEVICE_HEADER}: <${request.device}>`],
      params: { fromDisplayName: `Callback to ${shown}` },
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    let progress: DeviceCallbackProgress = startDeviceCallback();
    /** Why our leg ended, when we know better than sip.js (the device's answer, our own cancel). */
    let endReason: string | undefined;
    const move = (event: DeviceCallbackEvent): void => {
      if (!canMoveDeviceCallback(progress, event.type)) return;
      progress = moveDeviceCallback(progress, event);
      onStep(event);
    };
    const hangUp = async (): Promise<void> => {
      const state = inviter.state;
      if (state === SessionState.Established) await inviter.bye();
      else if (state === SessionState.Initial || state === SessionState.Establishing) await inviter.cancel();
    };
    const fail = (reason: string): void => {
      move({ type: 'failed', reason });
      hangUp().catch(() => undefined);
    };
    const onNotify = (notification: Notification): void => {
      notification.accept().catch(() => undefined);
      const status = sipfragStatus(notification.request.body ?? '');
      if (!status || status.code < 200) return;
      if (status.code < 300) {
        move({ type: 'customer-answered' });
        hangUp().catch(() => undefined);
      } else {
        fail(`The customer was not connected: ${status.text}.`);
      }
    };
    const connectCustomer = (): void => {
      silence(inviter);
      inviter
        .refer(customer, {
          onNotify,
          requestDelegate: {
            onReject: (response) => fail(`Your device refused to call the customer (${`${response.message.statusCode ?? ''} ${response.message.reasonPhrase ?? ''}`.trim()}).`),
          },
        })
        .catch((error: unknown) => fail(`Could not ask your device to call the customer: ${errorText(error)}`));
    };
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        move({ type: 'device-answered' });
        connectCustomer();
      } else if (state === SessionState.Terminated) {
        // sip.js ends the session before it hands over the final response (calls.ts does the same): read that first.
        queueMicrotask(() => move({ type: 'failed', reason: endReason ?? (progress.step === 'ringing-device' ? 'Your device did not pick up.' : 'Your device hung up before the customer answered.') }));
      }
    });
    try {
      await inviter.invite({
        requestDelegate: {
          onReject: (response) => {
            const { statusCode, reasonPhrase } = response.message;
            // After our own CANCEL (487) the reason we gave stands.
            endReason ??= statusCode === 404 ? 'Your device is no longer registered (404).' : `Your device did not take the call (${`${statusCode ?? ''} ${reasonPhrase ?? ''}`.trim()}).`;
          },
        },
      });
    } catch (error) {
      // The microphone (MEDIA_UNAVAILABLE) or the INVITE itself.
      const failure = callFailure(error, 'ring your device');
      move({ type: 'failed', reason: failure.message });
      throw new ContactPadError(failure.code, failure.message, { cause: error });
    }
    return {
      id: inviter.request.callId,
      cancel: async (reason) => {
        endReason ??= reason;
        await hangUp();
      },
    };
  }
}

/**
 * The agent's device callbacks, while this phone is registered (`ua` connected, and the Contacts
 * its REGISTER's 200 OK listed: `registration.contacts`); undefined otherwise. Phone.deviceCallbacks.
 */
export async function deviceCallbacks(ua: UserAgent | undefined, registration: { readonly contacts: readonly string[] } | undefined, domain: string, clock: Clock): Promise<DeviceCallbacks | undefined> {
  if (!ua?.isConnected() || !registration || registration.contacts.length === 0) return undefined;
  const contacts = (await fetchBindings(ua, clock)) ?? registration.contacts;
  return new DeviceCallbacks(ua, contacts, domain);
}

/** How long the registrar has to list the agent's devices before the list of the last REGISTER is used. */
const FETCH_BINDINGS_MS = 3000;

/**
 * The Contacts registered for the agent's address now, so a device switched on since this
 * phone's last REGISTER (they are minutes apart) is offered too: a REGISTER without a Contact
 * header, which changes nothing and is answered with every binding ("fetching bindings", RFC
 * 3261 10.2.3). Sent through sip.js's public Core API (UserAgent.userAgentCore, as
 * Registerer builds its own REGISTER: SIP.js 0.21.2 src/api/registerer.ts constructor), since
 * Registerer always sends a Contact; digest challenges are answered there as for any request.
 * Undefined without a 2xx within {@link FETCH_BINDINGS_MS}.
 */
function fetchBindings(ua: UserAgent, clock: Clock): Promise<readonly string[] | undefined> {
  const core = ua.userAgentCore;
  const registrar = ua.configuration.uri.clone();
  registrar.user = undefined;
  const request = core.makeOutgoingRequestMessage('REGISTER', registrar, core.configuration.aor, ua.configuration.uri, {}, [], undefined);
  return new Promise((resolve) => {
    const cancel = clock.schedule(() => resolve(undefined), FETCH_BINDINGS_MS);
    const settle = (contacts: readonly string[] | undefined) => {
      cancel();
      resolve(contacts);
    };
    try {
      core.register(request, {
        onAccept: (response) => settle(response.message.getHeaders('contact')),
        onReject: () => settle(undefined),
      });
    } catch {
      settle(undefined);
    }
  });
}

/** ContactPad has nothing to say on the leg to the agent's own device: its microphone is not sent there. */
function silence(inviter: Inviter): void {
  const handler = inviter.sessionDescriptionHandler;
  if (handler instanceof Web.SessionDescriptionHandler) for (const track of handler.localMediaStream.getTracks()) track.enabled = false;
}
