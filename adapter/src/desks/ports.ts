/**
 * The rooms as the desks see them: what each desk needs of telephony, crm, the host and the
 * console bridge (ports, implemented by the rooms), and the one holder of the rooms that are
 * attached so far. The host and crm may be missing (ContactPad still rings); the console bridge
 * comes later, or never.
 */
import type { BridgeCapability, BridgePresence, BridgeTab, BridgeWork } from '../host/console-bridge-protocol.ts';
import type { CrmService } from '../crm/crm-service.ts';
import { ContactPadError } from '../model/errors.ts';
import type { AudioDeviceRole } from '../model/audio-devices.ts';
import type { RecordingCommand } from '../model/recording.ts';
import type { VoicemailDropped } from '../telephony/phone.ts';
import type { DtmfMethod } from '../model/dtmf.ts';
import type { DeviceCallbackEvent, RegisteredDevice } from '../model/device-callback.ts';
import type { CallVideo, DtmfSent, MediaStats } from '../telephony/phone.ts';

/** What the desks need of the telephony room (implemented by telephony/phone.ts). */
export interface PhonePort {
  /** The agent is about to go Ready (the microphone is being checked): the phone may get ready to register (its credential fetched meanwhile). */
  prepare?(): void;
  start(): void;
  stop(): Promise<void>;
  /** The page is going (pagehide): every call hung up (BYE, CANCEL, or refused while it rings) and the phone unregistered, all sent at once. */
  leave(): void;
  accept(callId: string): Promise<void>;
  reject(callId: string): Promise<void>;
  release(callId: string): Promise<void>;
  /** A number, a SIP address or a colleague's SIP user part: telephony builds the address. `about`: the call a consult call is about (its VoiceCall goes along). */
  dial(target: string, about?: string): Promise<string>;
  hold(callId: string): Promise<void>;
  retrieve(callId: string): Promise<void>;
  /** Blind transfer (REFER) to a number, a SIP address or a colleague's SIP user part. */
  transfer(callId: string, target: string): Promise<void>;
  /** A recording command to the platform (SIP INFO); resolves once the platform agreed. */
  recording(callId: string, command: RecordingCommand): Promise<void>;
  /** Plays a pre-recorded message into the connected call instead of the agent, hanging up when it ends; resolves once it plays. */
  dropVoicemail(callId: string, audioUrl: string): Promise<VoicemailDropped>;
  /** Attended transfer: the far end of `callId` is put through to the far end of `consultId` (REFER with Replaces). */
  completeTransfer(callId: string, consultId: string): Promise<void>;
  /** Joins two answered calls into a three-way call mixed in the browser. */
  conference(callId: string, otherId: string): Promise<void>;
  /** The agent's microphone on one call (kept across hold). */
  mute(callId: string): Promise<void>;
  unmute(callId: string): Promise<void>;
  /** Keypad tones, in the call's audio or as SIP INFO (telephony/dtmf-sender.ts); says how they went. */
  sendDtmf(callId: string, tones: string, method: DtmfMethod): Promise<DtmfSent>;
  /** A call's media figures (getStats), read for the call-quality indicator. */
  mediaStats(callId: string): Promise<MediaStats>;
  /** The agent's other registered devices and callbacks through them; undefined while this phone is not registered. */
  deviceCallbacks?(): Promise<DeviceCallbackPort | undefined>;
  /** An accepted video call's camera (and its switch: setCamera), the caller's picture and both streams. */
  video(callId: string): Promise<CallVideo>;
}

/** Callbacks through another of the agent's devices (telephony/device-callback.ts). */
export interface DeviceCallbackPort {
  readonly devices: readonly RegisteredDevice[];
  place(request: { readonly device: string; readonly customer: string; readonly shown: string }, onStep: (event: DeviceCallbackEvent) => void): Promise<{ readonly id: string; cancel(reason: string): Promise<void> }>;
}

/** What the console bridge has seen: its tabs, its works, the agent's presence (the hello snapshot). */
export interface BridgeSnapshot {
  readonly tabs: readonly BridgeTab[];
  readonly works: readonly BridgeWork[];
  readonly presence: BridgePresence | null;
}

/**
 * What the desks need of the console bridge (host/console-bridge.ts): console tabs (workspace
 * API) and Omni-Channel work and presence. Each request settles on the bridge's reply; the same
 * events also arrive through the switchboard's bridgeEvent.
 */
export interface BridgePort {
  readonly state: 'connected' | 'missing';
  readonly capabilities: readonly BridgeCapability[];
  readonly snapshot: BridgeSnapshot;
  openRecordTab(recordId: string, focus?: boolean): Promise<{ readonly body: { readonly tab: BridgeTab } }>;
  focusTab(tabId: string): Promise<unknown>;
  closeTab(tabId: string): Promise<unknown>;
  acceptWork(workId: string): Promise<unknown>;
  declineWork(workId: string, reason: string): Promise<unknown>;
  closeWork(workId: string): Promise<unknown>;
  setPresence(statusId: string | null): Promise<unknown>;
}

/** What the desks need of the crm room (crm/crm-service.ts). */
export type CrmPort = Omit<CrmService, 'preload' | 'salesforceAnsweredElsewhere'>;

/** What the desks need of the host room (implemented by host/open-cti-host.ts). */
export interface HostPort {
  screenPopRecord(recordId: string): Promise<void>;
  screenPopNewRecord(entityName: string, defaultFieldValues: Record<string, string>): Promise<void>;
  screenPopSearch(searchString: string): Promise<void>;
  screenPopFlow(flowDevName: string, flowArgs: readonly { name: string; type: string; value: string }[]): Promise<void>;
  showPanel(): Promise<void>;
  isPanelVisible(): Promise<boolean>;
  enableClickToDial(): Promise<void>;
}

/** What the desks need of the agent's audio devices (implemented by telephony/audio-devices.ts). */
export interface AudioPort {
  /** Lists the devices again; with `askForNames`, asks for the microphone first when the browser hides their names. */
  list(askForNames: boolean): Promise<void>;
  choose(role: AudioDeviceRole, deviceId: string): Promise<void>;
  setRingVolume(volume: number): void;
  /** Resolves when a microphone can be used; rejects with MICROPHONE_BLOCKED, MICROPHONE_MISSING or MEDIA_UNAVAILABLE. */
  checkMicrophone(): Promise<void>;
}

/**
 * What the desks need of the election of the one tab or window with the agent's phone
 * (implemented by host/phone-tab-lock.ts); its news comes through the switchboard's phoneTab.
 */
export interface PhoneTabPort {
  /** Asks for the phone: granted, or held elsewhere. */
  start(): void;
  /** The agent wants the phone here: the page with it is asked to step down. */
  takeOver(): void;
  /** Another page asked for the phone, and this one says no (a call is live here). */
  refuse(): void;
  /** Another page asked, and this page's phone has stopped: the asker takes it. */
  handOver(): void;
}

/** The rooms attached so far; `require*` says which is missing, with the code the agent sees. */
export class Rooms {
  phone: PhonePort | undefined;
  crm: CrmPort | undefined;
  host: HostPort | undefined;
  bridge: BridgePort | undefined;
  audio: AudioPort | undefined;
  phoneTab: PhoneTabPort | undefined;
  /**
   * Runs work once the page has painted what the store shows now (telephony/after-paint.ts in the
   * browser): a ringing call's caller lookup starts after its pop is painted. At once by default (tests).
   */
  afterPaint: (work: () => void) => void = (work) => work();

  requireAudio(): AudioPort {
    if (!this.audio) throw new ContactPadError('MEDIA_UNAVAILABLE', 'ContactPad has no audio devices here (the phone is not started).');
    return this.audio;
  }

  requirePhone(): PhonePort {
    if (!this.phone) throw new ContactPadError('SIP_SERVER_UNREACHABLE', 'The phone is not started.');
    return this.phone;
  }

  requireCrm(): CrmPort {
    if (!this.crm) throw new ContactPadError('CRM_UNAVAILABLE', 'Salesforce is not connected.');
    return this.crm;
  }

  requireHost(): HostPort {
    if (!this.host) throw new ContactPadError('HOST_UNAVAILABLE', 'The Salesforce console is not connected.');
    return this.host;
  }

  requireBridge(): BridgePort {
    if (!this.bridge || this.bridge.state !== 'connected') {
      throw new ContactPadError('CONSOLE_BRIDGE_MISSING', 'Tab sync and Omni-Channel are off: the ContactPad Console Bridge is not in this console.');
    }
    return this.bridge;
  }
}
