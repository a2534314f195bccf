/**
 * Types for the part of Salesforce's Open CTI for Lightning (`sforce.opencti`, loaded from
 * `/support/api/<version>/lightning/opencti_min.js`) that ContactPad and the local console use.
 * `@salesforce/lightning-types` does not type it.
 *
 * Every method takes one object; its optional `callback` receives an {@link OpenCtiResult}.
 * The real library checks its arguments synchronously and throws an `Error` when they are
 * wrong (for example a missing required `callback`), so callers must be ready for a throw too.
 */

/** One entry of an Open CTI `errors` array: documented as "error messages"; objects also seen. */
export type OpenCtiErrorEntry = string | { readonly description?: unknown; readonly message?: unknown; readonly details?: unknown };

/** What every Open CTI callback receives: `{ success, returnValue, errors }`. */
export interface OpenCtiResult<T = unknown> {
  readonly success: boolean;
  readonly returnValue: T | null;
  readonly errors: readonly OpenCtiErrorEntry[] | null;
}

/** An Open CTI method's `callback` argument. */
export type OpenCtiCallback<T = unknown> = (result: OpenCtiResult<T>) => void;

/** The names of `sforce.opencti.SCREENPOP_TYPE`. */
export type ScreenPopTypeName = 'SOBJECT' | 'URL' | 'OBJECTHOME' | 'LIST' | 'SEARCH' | 'NEW_RECORD_MODAL' | 'FLOW';

/**
 * `sforce.opencti.SCREENPOP_TYPE` as opencti_min.js defines it. Code talking to the host must
 * read the values from the live object (`opencti.SCREENPOP_TYPE.SOBJECT`), never hard-code them.
 */
export const SCREENPOP_TYPE = {
  URL: 'url',
  SOBJECT: 'sobject',
  OBJECTHOME: 'objecthome',
  LIST: 'list',
  SEARCH: 'search',
  NEW_RECORD_MODAL: 'newRecord',
  FLOW: 'flow',
} as const satisfies Record<ScreenPopTypeName, string>;

/** The names of `sforce.opencti.CALL_TYPE` (used by `searchAndScreenPop`). */
export type CallTypeName = 'INBOUND' | 'OUTBOUND' | 'INTERNAL';

/** `sforce.opencti.CALL_TYPE` as opencti_min.js defines it. */
export const CALL_TYPE = {
  INBOUND: 'inbound',
  OUTBOUND: 'outbound',
  INTERNAL: 'internal',
} as const satisfies Record<CallTypeName, string>;

/** A field value for `defaultFieldValues` of a NEW_RECORD_MODAL pop (`{ Phone: '+1...' }`). */
export type DefaultFieldValues = Readonly<Record<string, string | number | boolean>>;

/** `params` of `screenPop`, by type (Open CTI "Type-Specific params Values"). */
export interface ScreenPopParamsByType {
  SOBJECT: { recordId: string };
  URL: { url: string };
  OBJECTHOME: { scope: string };
  LIST: { listViewId: string; scope: string };
  SEARCH: { searchString: string };
  NEW_RECORD_MODAL: { entityName: string };
  FLOW: { flowDevName: string; flowArgs?: readonly { name: string; type: string; value: unknown }[] };
}

/** Argument of `sforce.opencti.screenPop`. `type` is a value of {@link SCREENPOP_TYPE}. */
export interface ScreenPopArgs {
  type: string;
  params: Readonly<Record<string, unknown>>;
  /** Only for NEW_RECORD_MODAL: prefills the new record's fields. */
  defaultFieldValues?: DefaultFieldValues;
  callback?: OpenCtiCallback<unknown>;
}

/** Argument of `sforce.opencti.searchAndScreenPop`. `callType` is a value of {@link CALL_TYPE}. */
export interface SearchAndScreenPopArgs {
  searchParams: string;
  queryParams?: string;
  defaultFieldValues?: DefaultFieldValues;
  callType?: string;
  deferred?: boolean;
  callback?: OpenCtiCallback<Record<string, unknown>>;
}

/** `returnValue` of `isSoftphonePanelVisible`. */
export interface PanelVisibility {
  visible: boolean;
}

/**
 * Payload of an `onNavigationChange` listener, as Open CTI sends it (all fields may be blank;
 * `accountId`/`contactId`/`personAccount` only for person accounts). Untrusted: validate.
 */
export interface NavigationChangePayload {
  url?: unknown;
  recordId?: unknown;
  recordName?: unknown;
  objectType?: unknown;
  accountId?: unknown;
  contactId?: unknown;
  personAccount?: unknown;
}

/**
 * Payload of an `onClickToDial` listener (the docs type `number` as a number; it often is a
 * formatted string). Untrusted: validate.
 */
export interface ClickToDialPayload {
  number?: unknown;
  recordId?: unknown;
  recordName?: unknown;
  objectType?: unknown;
  accountId?: unknown;
  contactId?: unknown;
  personAccount?: unknown;
  params?: unknown;
}

/** The subscription object `subscribe` returns (opaque to callers; pass it to `unsubscribe`). */
export interface OpenCtiSubscription {
  readonly channelName: string;
  readonly subscriptionId: string;
}

/** A callback-only argument (`{ callback }`). */
export interface CallbackArgs<T = unknown> {
  callback: OpenCtiCallback<T>;
}

/** An argument whose callback is optional. */
export interface OptionalCallbackArgs<T = unknown> {
  callback?: OpenCtiCallback<T>;
}

/** The `sforce.opencti` object: the Open CTI for Lightning methods ContactPad relies on. */
export interface OpenCti {
  readonly SCREENPOP_TYPE: Readonly<Record<ScreenPopTypeName, string>>;
  readonly CALL_TYPE: Readonly<Record<CallTypeName, string>>;

  screenPop(args: ScreenPopArgs): void;
  searchAndScreenPop(args: SearchAndScreenPopArgs): void;
  setSoftphonePanelVisibility(args: { visible: boolean } & OptionalCallbackArgs<null>): void;
  isSoftphonePanelVisible(args: CallbackArgs<PanelVisibility>): void;
  setSoftphonePanelHeight(args: { heightPX: number } & OptionalCallbackArgs<null>): void;
  setSoftphonePanelWidth(args: { widthPX: number } & OptionalCallbackArgs<null>): void;
  setSoftphonePanelLabel(args: { label: string } & OptionalCallbackArgs<null>): void;
  setSoftphonePanelIcon(args: { key: string } & OptionalCallbackArgs<null>): void;
  setSoftphoneItemLabel(args: { label: string } & OptionalCallbackArgs<null>): void;
  setSoftphoneItemIcon(args: { key: string } & OptionalCallbackArgs<null>): void;
  getAppViewInfo(args: CallbackArgs<NavigationChangePayload>): void;
  /** `returnValue` is flat, keyed by path: `'/reqGeneralInfo/reqAdapterUrl'`, `'/ContactPad/sipServerUrl'`. */
  getCallCenterSettings(args: CallbackArgs<Record<string, unknown>>): void;
  getSoftphoneLayout(args: CallbackArgs<Record<string, unknown>>): void;
  enableClickToDial(args?: OptionalCallbackArgs<null>): void;
  disableClickToDial(args?: OptionalCallbackArgs<null>): void;
  onClickToDial(args: { listener: (payload: ClickToDialPayload) => void }): void;
  onNavigationChange(args: { listener: (payload: NavigationChangePayload) => void }): void;
  refreshView(args?: OptionalCallbackArgs<null>): void;
  /** Creates (`entityApiName`) or updates (`Id`) a record; `returnValue.recordId` on success. */
  saveLog(args: { value: Readonly<Record<string, unknown>> } & OptionalCallbackArgs<{ recordId: string }>): void;
  /** Runs a `webService` Apex method; `methodParams` is a query string. */
  runApex(args: { apexClass: string; methodName: string; methodParams: string } & OptionalCallbackArgs<unknown>): void;
  notifyInitializationComplete(args?: OptionalCallbackArgs<null>): void;
  /** Lightning message service (API 47+). */
  publish(args: { channelName: string; message: unknown } & OptionalCallbackArgs<null>): void;
  subscribe(args: { channelName: string; listener: (message: unknown) => void } & OptionalCallbackArgs<OpenCtiSubscription>): void;
  unsubscribe(args: { subscription: OpenCtiSubscription } & OptionalCallbackArgs<null>): void;
}

declare global {
  interface Window {
    /** Salesforce's global namespace; `opencti` exists once opencti_min.js has run. */
    sforce?: { opencti?: OpenCti };
  }
}
