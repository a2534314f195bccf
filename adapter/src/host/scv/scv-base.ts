/**
 * Salesforce's Service Cloud Voice connector base (`@salesforce/scv-connector-base`, the npm
 * package Salesforce publishes for partner telephony connectors): the one module in ContactPad
 * that imports it, typed here as its code (src/main/types.js, baseConnector.js) behaves.
 *
 * Why a wrapper of our own types rather than the package's ts-declaration: the shipped types
 * are wrong in places, checked against the package's JavaScript (3.6.2):
 * - publishEvent's `registerLog` is declared required; baseConnector.js defaults it to true.
 * - publishEvent's event types leave out AFTER_CALL_WORK_STARTED, PARTICIPANT_REMOVED and
 *   WRAP_UP_ENDED, which its switch handles (and the demo connector publishes).
 * - CapabilitiesResult's constructor declares hasBlindTransfer twice and not
 *   hasTransferToOmniFlow, which types.js reads and validates.
 * - AgentConfigResult's phones are declared Phone objects; types.js's default, and Salesforce's
 *   demo connector, give phone type names ('SOFT_PHONE').
 *
 * Why one copy only: the base checks every result with `instanceof` (types.js
 * Validator.validateClassObject) against ITS classes, so a result built from a second copy of the
 * package is refused as if it were the wrong type. Everything ContactPad builds goes through the
 * classes below, from this one import (the built scv.js holds the package once: README,
 * "Service Cloud Voice").
 *
 * The package is a webpack UMD build (dist/scv-connector-base.js, its `main`); imported by default,
 * it is its module.exports object (rollup's commonjs plugin; web-test-runner's, for the tests).
 */
import shipped from '@salesforce/scv-connector-base';

/** The string enums ContactPad uses, as types.js exports them in `Constants`. */
export interface ScvConstants {
  readonly EVENT_TYPE: {
    readonly CALL_STARTED: string;
    readonly CALL_CONNECTED: string;
    readonly HANGUP: string;
    readonly PARTICIPANT_CONNECTED: string;
    readonly PARTICIPANT_REMOVED: string;
    readonly AFTER_CALL_WORK_STARTED: string;
  };
  readonly ERROR_TYPE: {
    readonly GENERIC_ERROR: string;
    readonly INVALID_PARTICIPANT: string;
    readonly INVALID_DESTINATION: string;
    readonly INVALID_PARAMS: string;
    readonly INVALID_AGENT_STATUS: string;
  };
  readonly AGENT_STATUS: { readonly ONLINE: string; readonly OFFLINE: string; readonly ACW: string };
  readonly PARTICIPANT_TYPE: { readonly AGENT: string; readonly INITIAL_CALLER: string; readonly THIRD_PARTY: string; readonly SUPERVISOR: string };
  readonly CALL_TYPE: { readonly INBOUND: string; readonly OUTBOUND: string; readonly CALLBACK: string; readonly ADD_PARTICIPANT: string; readonly TRANSFER: string };
  readonly CALL_STATE: { readonly RINGING: string; readonly CONNECTED: string; readonly TRANSFERRING: string; readonly TRANSFERRED: string; readonly ENDED: string };
  readonly CONTACT_TYPE: { readonly PHONEBOOK: string; readonly QUEUE: string; readonly PHONENUMBER: string; readonly AGENT: string };
  readonly PHONE_TYPE: { readonly SOFT_PHONE: string; readonly DESK_PHONE: string };
  readonly HANGUP_REASON: { readonly PHONE_CALL_ERROR: string; readonly PHONE_CALL_ENDED: string };
  readonly CONTACTS_FILTER_TYPES: { readonly AGENT: string; readonly QUEUE: string; readonly CONTACT: string; readonly DIRECTORY: string; readonly FLOW: string; readonly AVAILABLE: string };
}

/** A Contact (a call target, or an entry of the phone contacts); the base's own object. */
export interface ScvContact {
  readonly id?: string;
  readonly type?: string;
  readonly name?: string;
  readonly phoneNumber?: string;
  readonly prefix?: string;
  readonly extension?: string;
  readonly recordId?: string;
  readonly description?: string;
}

/** The fields of a CallInfo (types.js: every one optional but isOnHold; ContactPad sets a few). */
export interface ScvCallInfoFields {
  readonly isOnHold: boolean;
  readonly isMuted?: boolean;
  readonly callStateTimestamp?: Date | null;
  readonly queueName?: string | null;
  readonly isSoftphoneCall?: boolean;
  readonly isExternalTransfer?: boolean;
  readonly recordEnabled?: boolean;
  readonly showRecordButton?: boolean;
  readonly swapEnabled?: boolean;
  readonly showSwapButton?: boolean;
  readonly conferenceEnabled?: boolean;
  readonly showMergeButton?: boolean;
}

/** The fields of a PhoneCall; `callAttributes` a PhoneCallAttributes. */
export interface ScvPhoneCallFields {
  readonly callId: string;
  readonly callType: string;
  readonly state: string;
  readonly contact?: ScvContact;
  readonly phoneNumber?: string;
  readonly callInfo?: object;
  readonly callAttributes?: object;
  readonly reason?: string;
}

/** A PhoneCall as Salesforce sends it in a command: any of it may be missing (partial objects). */
export interface ScvCallRef {
  readonly callId?: unknown;
  readonly callType?: unknown;
  readonly callAttributes?: { readonly participantType?: unknown; readonly voiceCallId?: unknown } | null;
}

/** What the connector's own error-free results are made of: the base's classes. */
type Made = object;

/** The package, as ContactPad uses it (types.js and baseConnector.js, 3.6.2). */
export interface ScvBase {
  readonly Constants: ScvConstants;
  initializeConnector(connector: object): void;
  publishEvent(event: { eventType: string; payload: unknown; registerLog?: boolean }): Promise<void>;
  publishLog(entry: { eventType: string; payload: unknown; isError: boolean }): void;
  /** The class a connector extends: every method it leaves out throws 'Not implemented' (the base reports that as an error event). */
  readonly VendorConnector: new () => object;
  readonly InitResult: new (fields: { showLogin?: boolean; loginFrameHeight?: number }) => Made;
  readonly GenericResult: new (fields: { success: boolean }) => Made;
  readonly LogoutResult: new (fields: { success: boolean; loginFrameHeight?: number }) => Made;
  readonly CallResult: new (fields: { call?: Made }) => Made;
  readonly HangupResult: new (fields: { calls: Made[] }) => Made;
  readonly HoldToggleResult: new (fields: { isThirdPartyOnHold: boolean; isCustomerOnHold: boolean; calls?: Made[] }) => Made;
  readonly MuteToggleResult: new (fields: { isMuted: boolean }) => Made;
  readonly ParticipantResult: new (fields: { initialCallHasEnded: boolean; callInfo: Made; phoneNumber: string; callId: string }) => Made;
  readonly PhoneContactsResult: new (fields: { contacts: Made[]; contactTypes: string[] }) => Made;
  readonly ActiveCallsResult: new (fields: { activeCalls: Made[] }) => Made;
  readonly AgentConfigResult: new (fields: { phones: string[]; selectedPhone: Made }) => Made;
  readonly CapabilitiesResult: new (fields: ScvCapabilities) => Made;
  readonly Phone: new (fields: { type: string; number?: string }) => Made;
  readonly CallInfo: new (fields: ScvCallInfoFields) => Made;
  readonly PhoneCall: new (fields: ScvPhoneCallFields) => Made;
  readonly PhoneCallAttributes: new (fields: { voiceCallId?: string; participantType?: string; parentId?: string; isOnHold?: boolean }) => Made;
  readonly Contact: new (fields: ScvContact) => Made & ScvContact;
}

/** Every capability the base reads from getCapabilities (baseConnector.js setConnectorReady). */
export interface ScvCapabilities {
  readonly hasMute: boolean;
  readonly hasRecord: boolean;
  readonly hasMerge: boolean;
  readonly hasSwap: boolean;
  readonly hasSignedRecordingUrl: boolean;
  readonly debugEnabled: boolean;
  readonly hasContactSearch: boolean;
  readonly hasAgentAvailability: boolean;
  readonly hasQueueWaitTime: boolean;
  readonly supportsMos: boolean;
  readonly hasSupervisorListenIn: boolean;
  readonly hasSupervisorBargeIn: boolean;
  readonly hasBlindTransfer: boolean;
  readonly hasTransferToOmniFlow: boolean;
  readonly hasPendingStatusChange: boolean;
  readonly hasPhoneBook: boolean;
}

/** The connector base. */
export const scv: ScvBase = shipped as unknown as ScvBase;
