/**
 * Types for the part of Salesforce's Open CTI for Lightning (`sforce.opencti`, loaded from
 * `/support/api/<version>/lightning/opencti_min.js`) that ContactPad and the local console use.
 * `@salesforce/lightning-types` does not type it.
 *
 * Every shape below is the one the Open CTI Developer Guide documents for the method, cited
 * beside it (GUIDE = https://developer.salesforce.com/docs/service/api-cti/guide). Where the
 * guide says nothing, the comment says so. Every method takes one object; its optional
 * `callback` receives an {@link OpenCtiResult} (subscribe: an {@link OpenCtiSubscribeResult}).
 * The real library checks its arguments synchronously and throws an `Error` when they are
 * wrong (for example a missing required `callback`), so callers must be ready for a throw too.
 */

/**
 * One entry of a failed call's `errors` array.
 * GUIDE/sforce-api-cti-error-messages-lightning.html ("Common Error Messages for Lightning
 * Experience Methods"): "An error object is returned as an array for all Lightning Experience
 * methods", each `{ code, description, details }`; codes shown there: INVALID_PARAM,
 * GENERIC_ERROR, SERVER_ERROR, SOFTPHONE_CONTAINER_ERROR; `details` "typically undefined"
 * (saveLog puts the record errors there).
 */
export interface OpenCtiError {
  readonly code: string;
  readonly description: string;
  readonly details?: unknown;
}

/**
 * What a callback receives (every method page's "Response" table): `success`; `returnValue`
 * (null when the call failed, and "always null" for the methods that return nothing);
 * `errors` (null on success, an array of {@link OpenCtiError} on failure).
 * The tables of getCallCenterSettings and getAppViewInfo name the last field `error`, while
 * the sample code on the same pages reads `response.errors`, as every other page does.
 */
export interface OpenCtiResult<T = unknown> {
  readonly success: boolean;
  readonly returnValue: T | null;
  readonly errors: readonly OpenCtiError[] | null;
}

/** An Open CTI method's `callback` argument. */
export type OpenCtiCallback<T = unknown> = (result: OpenCtiResult<T>) => void;

/**
 * The subscription `subscribe` hands back. Opaque: Salesforce documents no fields, only that it
 * is passed back unmodified to `unsubscribe({ subscription })`
 * (GUIDE/sforce-api-cti-sample-lex-message-service.html).
 */
export type OpenCtiSubscription = Readonly<Record<string, unknown>>;

/**
 * What `subscribe`'s callback receives. GUIDE/sforce-api-cti-sample-lex-message-service.html
 * (the guide's only subscribe code) reads `result.success`, then `result.subscription` ("the
 * function that receives the subscription object") or `result.errors`. The guide documents no
 * `returnValue` for subscribe: code must not look for the subscription there.
 */
export interface OpenCtiSubscribeResult {
  readonly success: boolean;
  readonly subscription?: OpenCtiSubscription;
  readonly returnValue?: unknown;
  readonly errors: readonly OpenCtiError[] | null;
}

/** The names of `sforce.opencti.SCREENPOP_TYPE`. */
export type ScreenPopTypeName = 'SOBJECT' | 'URL' | 'OBJECTHOME' | 'LIST' | 'SEARCH' | 'NEW_RECORD_MODAL' | 'FLOW';

/**
 * `sforce.opencti.SCREENPOP_TYPE` as opencti_min.js defines it. Code talking to the host must
 * read the values from the live object (`opencti.SCREENPOP_TYPE.SOBJECT`), never hard-code them.
 * The values are not documented (the guide names only the constants). 'sobject' and 'search'
 * are what a published vendor adapter (Bright Pattern's Lightning adapter bundle) passes as
 * literals; the others are unverified. ContactPad never depends on them.
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

/**
 * `sforce.opencti.CALL_TYPE` as opencti_min.js defines it. 'inbound' is the literal the guide's
 * searchAndScreenPop example passes (`callType: 'inbound'`) and developerforce/open-cti-demo-adapter
 * open-cti-code-samples.js too; 'outbound' the Bright Pattern adapter; 'internal' unverified.
 */
export const CALL_TYPE = {
  INBOUND: 'inbound',
  OUTBOUND: 'outbound',
  INTERNAL: 'internal',
} as const satisfies Record<CallTypeName, string>;

/** A field value for `defaultFieldValues` of a NEW_RECORD_MODAL pop (`{ Phone: '+1...' }`). */
export type DefaultFieldValues = Readonly<Record<string, string | number | boolean>>;

/**
 * `params` of `screenPop`, by type: GUIDE/sforce-api-cti-screenpop-lex.html, "params" (API
 * 67.0): SOBJECT `{ recordId }`; URL `{ url }` (relative); OBJECTHOME `{ scope }`; LIST
 * `{ listViewId, scope }`; SEARCH `{ searchString }` ("at least 3 characters"); NEW_RECORD_MODAL
 * `{ entityName, defaultFieldValues }`; FLOW `{ flowDevName, flowArgs: [{ name, type, value }] }`.
 */
export interface ScreenPopParamsByType {
  SOBJECT: { recordId: string };
  URL: { url: string };
  OBJECTHOME: { scope: string };
  LIST: { listViewId: string; scope: string };
  SEARCH: { searchString: string };
  NEW_RECORD_MODAL: { entityName: string; defaultFieldValues?: DefaultFieldValues };
  FLOW: { flowDevName: string; flowArgs?: readonly { name: string; type: string; value: unknown }[] };
}

/**
 * Argument of `sforce.opencti.screenPop`. `type` is a value of {@link SCREENPOP_TYPE}. The guide
 * documents `defaultFieldValues` twice: inside `params` for NEW_RECORD_MODAL (params table), and
 * as a top-level argument that "only applies when type is NEW_RECORD_MODAL" (arguments table).
 */
export interface ScreenPopArgs {
  type: string;
  params: Readonly<Record<string, unknown>>;
  defaultFieldValues?: DefaultFieldValues;
  /** returnValue: "This API method doesn't return this object. The returnValue is always null." */
  callback?: OpenCtiCallback<null>;
}

/**
 * One match in `searchAndScreenPop`'s returnValue (GUIDE/sforce-api-cti-searchandscreenpop-lex.html):
 * keyed by record id; "the object ID, object type, last modified date, field names, and field
 * values" (`Id`, `RecordType`, `LastModifiedDate`, `Name`...; `IsPersonAccount`/`PersonContactId`
 * for person accounts).
 */
export type SearchMatch = Readonly<Record<string, unknown>>;

/** returnValue of `searchAndScreenPop`: matches by id, plus `SCREEN_POP_DATA` when `deferred`. */
export type SearchAndScreenPopResult = Readonly<Record<string, SearchMatch>> & { readonly SCREEN_POP_DATA?: Readonly<Record<string, unknown>> };

/** Argument of `sforce.opencti.searchAndScreenPop`. `callType` is a value of {@link CALL_TYPE}. */
export interface SearchAndScreenPopArgs {
  searchParams: string;
  queryParams?: string;
  defaultFieldValues?: DefaultFieldValues;
  callType?: string;
  deferred?: boolean;
  callback?: OpenCtiCallback<SearchAndScreenPopResult>;
}

/**
 * returnValue of `isSoftphonePanelVisible` (GUIDE/sforce-api-cti-issoftphonepanelvisible-lex.html):
 * "Contains the boolean property visible".
 */
export interface PanelVisibility {
  visible: boolean;
}

/**
 * returnValue of `getAppViewInfo` (GUIDE/sforce-api-cti-getappviewinfo-lex.html): `url`,
 * `recordId`, `recordName`, `objectType`; on a person account also `accountId` or `contactId`
 * and `personAccount`.
 */
export interface AppViewInfo {
  url: string;
  recordId?: string;
  recordName?: string;
  objectType?: string;
  accountId?: string;
  contactId?: string;
  personAccount?: boolean;
}

/**
 * Payload of an `onNavigationChange` listener, the payload object itself
 * (GUIDE/sforce-api-cti-onnavigationchange-lex.html, "Payload"): `url`; `recordId`,
 * `recordName`, `objectType` ("Otherwise, the field is empty"); `accountId` or `contactId` and
 * `personAccount` only for person accounts. Going from a record to a list view sends only the
 * url (standard apps) or nothing at all (console apps). Untrusted: validate.
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
 * Payload of an `onClickToDial` listener, the payload object itself
 * (GUIDE/sforce-api-cti-onclicktodial-lex.html, "Payload"): `number` (typed "number" there; the
 * click-to-dial components take it as a text `value`, so both are accepted), `recordId`,
 * `recordName`, `objectType`, `accountId` or `contactId` and `personAccount` (person accounts),
 * `params` ("Comma-separated list of parameters"). Untrusted: validate.
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

/**
 * returnValue of `getCallCenterSettings` (GUIDE/sforce-api-cti-getcallcentersettings-lex.html,
 * example returnValue): one flat object of strings keyed by path: `/<section>/<item>` for each
 * item's value, plus `/<section>/<item>/label`, `/<section>/<item>/sortOrder`,
 * `/<section>/label`, `/<section>/sortOrder`, `/label`, `/displayNameLabel`, `/internalNameLabel`.
 */
export type CallCenterSettings = Readonly<Record<string, string>>;

/**
 * returnValue of `saveLog` (GUIDE/sforce-api-cti-savelog-lex.html): "ID of object if creating or
 * updating the object was successful", typed "object". The `recordId` key is not in the guide:
 * it is what published adapters read (`response.returnValue.recordId`); unverified.
 */
export interface SaveLogResult {
  recordId: string;
}

/**
 * returnValue of `runApex` (GUIDE/sforce-api-cti-runapex-lex.html): the Apex method's return
 * under `runApex` (`{ "runApex": "<the method's String>" }`); developerforce/open-cti-demo-adapter
 * phonePanelHelper.js reads `JSON.parse(result.returnValue.runApex)`.
 */
export interface RunApexResult {
  runApex: unknown;
}

/** A callback-only argument (`{ callback }`). */
export interface CallbackArgs<T = unknown> {
  callback: OpenCtiCallback<T>;
}

/** An argument whose callback is optional. */
export interface OptionalCallbackArgs<T = unknown> {
  callback?: OpenCtiCallback<T>;
}

/**
 * The `sforce.opencti` object: the Open CTI for Lightning methods ContactPad or the local
 * console relies on. `null` returnValues are the guide's "The returnValue is always null"
 * (screenPop, setSoftphonePanelVisibility, enableClickToDial, disableClickToDial, refreshView,
 * notifyInitializationComplete; the panel label/icon/size setters likewise). publish and
 * unsubscribe: the guide documents no returnValue (its sample only logs it).
 */
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
  getAppViewInfo(args: CallbackArgs<AppViewInfo>): void;
  getCallCenterSettings(args: CallbackArgs<CallCenterSettings>): void;
  /** returnValue: the softphone layout by call type (GUIDE/sforce-api-cti-getsoftphonelayout-lex.html). */
  getSoftphoneLayout(args: CallbackArgs<Record<string, unknown>>): void;
  enableClickToDial(args?: OptionalCallbackArgs<null>): void;
  disableClickToDial(args?: OptionalCallbackArgs<null>): void;
  onClickToDial(args: { listener: (payload: ClickToDialPayload) => void }): void;
  onNavigationChange(args: { listener: (payload: NavigationChangePayload) => void }): void;
  refreshView(args?: OptionalCallbackArgs<null>): void;
  /** Creates (`entityApiName`) or updates (`Id`) a record. */
  saveLog(args: { value: Readonly<Record<string, unknown>> } & OptionalCallbackArgs<SaveLogResult>): void;
  /** Runs a `webService` Apex method; `methodParams` is a query string. */
  runApex(args: { apexClass: string; methodName: string; methodParams: string } & OptionalCallbackArgs<RunApexResult>): void;
  notifyInitializationComplete(args?: OptionalCallbackArgs<null>): void;
  /** Lightning message service (API 47+): GUIDE/sforce-api-cti-methods-lms.html. */
  publish(args: { channelName: string; message: unknown } & OptionalCallbackArgs<null>): void;
  subscribe(args: { channelName: string; listener: (message: unknown) => void; callback?: (result: OpenCtiSubscribeResult) => void }): void;
  unsubscribe(args: { subscription: OpenCtiSubscription } & OptionalCallbackArgs<null>): void;
}

declare global {
  interface Window {
    /** Salesforce's global namespace; `opencti` exists once opencti_min.js has run. */
    sforce?: { opencti?: OpenCti };
  }
}
