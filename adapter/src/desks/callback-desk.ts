/**
 * Call back (issue 11 item 3; seed 003, "Make a Callback from a Transaction"): the agent calls a
 * customer back from a record (the record in focus in the console, or the selected
 * interaction's: a chat, an email, a case, an earlier call), choosing the number (prefilled,
 * editable) and which device rings:
 *
 *   open   -> the record, the numbers known for it, the devices: this browser (while its phone
 *             is registered) and the agent's other registered devices; none: the call is disabled
 *   this browser   -> a call placed from ContactPad with the record (outbound-desk.ts: the
 *                     compliance check, the record popped, the Task linked), as click-to-dial
 *   another device -> the compliance check (outbound-desk.ts clear, with the record's Do Not
 *                     Call), then the device rings (telephony/device-callback.ts): listed as a
 *                     callback with its progress (model/device-callback.ts): ringing your device
 *                     -> calling the customer -> connected on your device (the agent's call
 *                     goes on there: wrap up starts here, the Task is linked to the record) |
 *                     failed, the reason said and logged (nothing is left ringing)
 *
 * A blocked callback is not placed and the rule is named (its own code), as for any outbound call.
 * Loaded with the first Call back (by the outbound desk), off the ring path.
 */
import { ContactPadError } from '../model/errors.ts';
import type { DialledRecord } from '../model/dial-history.ts';
import { moveDeviceCallback, startDeviceCallback, type DeviceCallbackEvent, type RegisteredDevice } from '../model/device-callback.ts';
import { callFacts, withPopSettled, type PoppedRecord } from '../model/interaction-facts.ts';
import { offerInteraction } from '../model/interaction-state.ts';
import type { DeviceCallbackView, InteractionView } from '../store.ts';
import type { DeviceCallbackPort } from './ports.ts';
import type { OutboundDesk, OutboundDeskParts } from './outbound-desk.ts';
import type { NavigationContext } from '../host/navigation-context.ts';
import type { CallbackAsk } from '../intents.ts';
import { NO_CALLER_LOOKUP } from './view-desk.ts';
import { ScheduledCallDesk } from './scheduled-call-desk.ts';


/** How much longer than the ring time ContactPad waits for the device's word on the customer's line (its NOTIFYs). */
const CUSTOMER_LINE_GRACE_SECONDS = 30;

/** What the compliance check cleared (outbound-desk.ts clear). */
type Cleared = Awaited<ReturnType<OutboundDesk['clear']>>;

/** The agent's choice in the Call back dialog. `device` '' is this browser; else a registered Contact. */
export interface CallbackRequest {
  readonly number: string;
  readonly device: string;
  readonly record?: DialledRecord;
}

/** Where a Call back is opened from: a record, and the numbers already known for it. */
export interface CallbackSource {
  readonly record?: DialledRecord;
  readonly numbers: readonly string[];
}

export class CallbackDesk {
  readonly #desks: OutboundDeskParts;
  readonly #outbound: OutboundDesk;
  /** The device callbacks under way, by interaction id: the way to hang up ContactPad's leg, and the timer of the step they are at. */
  readonly #underWay = new Map<string, { readonly cancel: (reason: string) => Promise<void>; stopTimer: () => void }>();

  /** Scheduling the call instead of calling now, and the agent's scheduled calls. */
  readonly scheduled: ScheduledCallDesk;

  constructor(desks: OutboundDeskParts, outbound: OutboundDesk) {
    this.#desks = desks;
    this.#outbound = outbound;
    this.scheduled = new ScheduledCallDesk(desks, outbound);
  }

  /** The Call back intents (controller.ts), with the record in focus in the console. */
  async handle(ask: CallbackAsk, focused: NavigationContext | undefined): Promise<void> {
    if (ask.to === 'open') return this.open(ask.interactionId, focused);
    if (ask.to === 'close') return this.close();
    if (ask.to === 'schedule') return void (await this.scheduled.schedule(ask.number, ask.at, ask.record));
    if (ask.to === 'move') return this.scheduled.move(ask.id, ask.at);
    if (ask.to === 'cancel-scheduled') return this.scheduled.cancel(ask.id);
    if (ask.to === 'show-scheduled') return this.scheduled.show();
    if (ask.to === 'hide-scheduled') return this.scheduled.hide();
    await this.place(ask);
  }

  /**
   * Opens the Call back dialog for the interaction's record and number (a chat, an email, a case,
   * an earlier call), or else for the record in focus in the console: the numbers (deduplicated,
   * the first prefilled) and the devices that can ring now.
   */
  async open(interactionId: string | undefined, focused: NavigationContext | undefined): Promise<void> {
    const { store, view } = this.#desks;
    const shown = followedUp(view.view(interactionId ?? store.snapshot.selectedId ?? ''), interactionId !== undefined);
    const source: CallbackSource = shown
      ? { ...recordOf(shown, view.facts(shown.interaction.id)?.popped), numbers: [shown.interaction.callerNumber] }
      : { ...(focused?.recordId && focused.objectType ? { record: { recordId: focused.recordId, objectType: focused.objectType, name: focused.recordName } } : {}), numbers: [] };
    // The other devices cannot be listed (the call control did not load): this browser is still offered.
    const listed = this.#callbacks().catch((error: unknown) => void this.#desks.notices.notify(error));
    const [callbacks, onRecord] = await Promise.all([listed, this.#recordPhones(source.record)]);
    const numbers = [...new Set([...source.numbers, ...onRecord].map((number) => number.trim()).filter((number) => number !== ''))];
    store.update((s) => ({
      ...s,
      callback: { ...(source.record ? { record: source.record } : {}), numbers, thisBrowser: s.phone.state === 'registered', devices: callbacks?.devices ?? [] },
    }));
    await this.scheduled.refresh();
  }

  /** The dialog closed without a call. */
  close(): void {
    this.#desks.store.update((s) => (s.callback ? { ...s, callback: undefined } : s));
  }

  /**
   * Calls back as the agent chose. Rejects CALLBACK_NO_DEVICE when no device can ring,
   * INVALID_INPUT for a number that cannot be dialled, the blocking rule's code for a blocked
   * call (nothing is placed), and what the phone says when the INVITE cannot be sent.
   */
  async place(request: CallbackRequest): Promise<string> {
    try {
      return await this.#place(request);
    } finally {
      this.close();
    }
  }

  async #place(request: CallbackRequest): Promise<string> {
    if (request.device === '') {
      if (this.#desks.store.snapshot.phone.state !== 'registered') throw noDevice();
      return this.#outbound.place({ typed: request.number, ...(request.record ? { record: request.record } : {}) });
    }
    const callbacks = await this.#callbacks();
    const device = callbacks?.devices.find((candidate) => candidate.contact === request.device);
    if (!callbacks || !device) throw noDevice();
    const cleared = await this.#outbound.clear(request.number, request.record);
    return this.#placeThrough(callbacks, device, cleared);
  }

  async #placeThrough(callbacks: DeviceCallbackPort, device: RegisteredDevice, cleared: Cleared): Promise<string> {
    const { view, clock, rooms, notices, settings } = this.#desks;
    let id = '';
    /** Steps heard before the interaction was listed (a device that refuses at once). */
    const early: DeviceCallbackEvent[] = [];
    const placed = await callbacks.place({ device: device.contact, customer: cleared.address, shown: cleared.name }, (event) => (id ? this.#step(id, event) : early.push(event)));
    id = placed.id;
    const record = cleared.record;
    const interaction = offerInteraction({ id, channel: 'callback', direction: 'outbound', callerName: record?.name ?? '', callerNumber: cleared.address }, clock.now());
    view.add(interaction, withPopSettled(callFacts(), record ? { recordId: record.recordId, objectType: record.objectType, ...(record.accountId ? { accountId: record.accountId } : {}) } : undefined));
    view.setCaller(id, NO_CALLER_LOOKUP);
    view.change(id, (current) => current, {
      viaDevice: { device, step: startDeviceCallback().step },
      ...(record ? { record: { id: record.recordId, objectType: record.objectType, title: record.name } } : {}),
    });
    view.select(id);
    if (record) rooms.host?.screenPopRecord(record.recordId).catch((error: unknown) => notices.notify(error));
    this.#underWay.set(id, { cancel: placed.cancel, stopTimer: () => undefined });
    this.#giveUpAfter(id, settings.noAnswerSeconds, `Your device did not pick up within ${settings.noAnswerSeconds} s.`);
    for (const event of early) this.#step(id, event);
    return id;
  }

  /** A step of a device callback: shown on its interaction; its end wraps it up (connected) or logs why it failed. */
  #step(id: string, event: DeviceCallbackEvent): void {
    const { view, wrapUp, notices, agent, settings } = this.#desks;
    const shown = view.view(id)?.viaDevice;
    if (!shown) return;
    const next = moveDeviceCallback({ step: shown.step, ...(shown.reason ? { reason: shown.reason } : {}) }, event);
    const progress: DeviceCallbackView = { device: shown.device, step: next.step, ...(next.reason ? { reason: next.reason } : {}) };
    this.#underWay.get(id)?.stopTimer();
    if (next.step === 'calling-customer') {
      // The device tells how the customer's line goes (NOTIFY); should it never say, ContactPad does not wait forever.
      const seconds = settings.noAnswerSeconds + CUSTOMER_LINE_GRACE_SECONDS;
      this.#giveUpAfter(id, seconds, `Your device said nothing of the customer's line within ${seconds} s.`);
    } else if (next.step !== 'ringing-device') this.#underWay.delete(id);
    if (next.step === 'connected') {
      // The customer is on the agent's device: ContactPad has left the call. Wrap up starts here, with the Task linked to the record.
      view.move(id, 'connected', { detail: `on your device${shown.device.where ? ` (${shown.device.where})` : ''}` });
      view.change(id, (current) => current, { viaDevice: progress });
      agent.workStarted(id);
      wrapUp.enter(id, 'released', 'connected on your device; the call goes on there');
      return;
    }
    view.change(id, (current) => current, { viaDevice: progress });
    if (next.step === 'failed') {
      view.move(id, 'failed', { detail: next.reason ?? '' });
      const said = `Call back to ${view.interaction(id)?.callerNumber ?? ''}: ${next.reason ?? ''}`;
      notices.notify(
        shown.step === 'ringing-device'
          ? new ContactPadError('CALLBACK_DEVICE_FAILED', `${said} The customer was not called.`)
          : new ContactPadError('CALLBACK_CUSTOMER_FAILED', `${said} ContactPad has left the call.`),
      );
      wrapUp.logActivity(id);
    }
  }

  /** Hangs up ContactPad's leg of the device callback `id` with `reason`, unless its step changes within `seconds`. */
  #giveUpAfter(id: string, seconds: number, reason: string): void {
    const underWay = this.#underWay.get(id);
    if (!underWay) return;
    underWay.stopTimer = this.#desks.clock.schedule(() => void underWay.cancel(reason).catch((error: unknown) => this.#desks.notices.notify(error)), seconds * 1000);
  }

  /** The numbers on the record (its phone fields), or none when Salesforce cannot say: the agent is told, and types one. */
  async #recordPhones(record: DialledRecord | undefined): Promise<readonly string[]> {
    const crm = this.#desks.rooms.crm;
    if (!record || !crm) return [];
    return crm.recordPhones(record).catch((error: unknown) => {
      this.#desks.notices.notify(error);
      return [];
    });
  }

  /** The device callbacks of the phone, while it is registered; undefined otherwise (no device can ring). */
  async #callbacks(): Promise<DeviceCallbackPort | undefined> {
    const phone = this.#desks.rooms.phone;
    if (!phone?.deviceCallbacks || this.#desks.store.snapshot.phone.state !== 'registered') return undefined;
    return phone.deviceCallbacks();
  }
}

/**
 * The interaction a Call back follows up: the one asked for, or the selected one when it is a
 * transaction to follow up (a chat, an email, a case, or a call that is over); a call ringing or
 * under way is not (the record in focus is called back instead).
 */
function followedUp(shown: InteractionView | undefined, asked: boolean): InteractionView | undefined {
  if (!shown || asked) return shown;
  const { channel, state } = shown.interaction;
  return ['chat', 'email', 'case'].includes(channel) || !['alerting', 'connected', 'held'].includes(state) ? shown : undefined;
}

/** The record of an interaction: its own (a work item's, a placed call's), else the one popped for the caller. */
function recordOf(shown: InteractionView, popped: PoppedRecord | undefined): { record?: DialledRecord } {
  if (shown.record) return { record: { recordId: shown.record.id, objectType: shown.record.objectType, name: shown.record.title } };
  return popped ? { record: { recordId: popped.recordId, objectType: popped.objectType, name: shown.interaction.callerName } } : {};
}

function noDevice(): ContactPadError {
  return new ContactPadError('CALLBACK_NO_DEVICE', 'No device can ring for this callback: activate a device first (wait for "Phone ready", or register your desk phone), then call back.');
}
