/**
 * The message protocol between the local console's fake Open CTI (the `sforce.opencti` shim in
 * the softphone iframe) and the console page that plays the Lightning console.
 *
 * Handshake (window.postMessage, origin-checked on both sides):
 *   iframe -> parent   { protocol, version, kind: 'hello', instance }    (repeated until connected)
 *   parent -> iframe   { protocol, version, kind: 'connect', instance } + ports[0] (a MessagePort)
 * Then over the MessagePort:
 *   shim -> console    { protocol, version, kind: 'request', id, method, args }
 *   console -> shim    { protocol, version, kind: 'reply', id, response: { success, returnValue, errors } }
 *                      (errors: null, or `[{ code, description, details? }]` as Open CTI documents them)
 *   console -> shim    { protocol, version, kind: 'event', event: 'navigationChange' | 'clickToDial', payload }
 *   console -> shim    { protocol, version, kind: 'event', event: 'message', channelName, message }
 *
 * Screen pop and call types travel by NAME (`'SOBJECT'`, `'INBOUND'`), not by the library's
 * internal values, so the console never depends on them.
 */
import type {
  CallTypeName,
  ClickToDialPayload,
  DefaultFieldValues,
  NavigationChangePayload,
  OpenCtiError,
  OpenCtiResult,
  ScreenPopTypeName,
} from '../../../adapter/src/host/open-cti.ts';

/** Marks every message of this protocol. */
export const OPENCTI_PROTOCOL = 'contactpad/opencti';
/** Bumped on any incompatible change; both sides refuse other versions (2: errors are objects). */
export const OPENCTI_PROTOCOL_VERSION = 2;

/** Fields every message carries. */
export interface OpenCtiEnvelope {
  readonly protocol: typeof OPENCTI_PROTOCOL;
  readonly version: number;
}

/** The arguments of each forwarded Open CTI method (callbacks and listeners stay in the iframe). */
export interface OpenCtiRequestArgs {
  /** `params` as the page passed them (NEW_RECORD_MODAL may carry `defaultFieldValues` there or top-level). */
  screenPop: { type: ScreenPopTypeName; params: Record<string, unknown>; defaultFieldValues?: DefaultFieldValues };
  searchAndScreenPop: { searchParams: string; queryParams?: string; defaultFieldValues?: DefaultFieldValues; callType?: CallTypeName; deferred?: boolean };
  setSoftphonePanelVisibility: { visible: boolean };
  isSoftphonePanelVisible: Record<string, never>;
  setSoftphonePanelHeight: { heightPX: number };
  setSoftphonePanelWidth: { widthPX: number };
  setSoftphonePanelLabel: { label: string };
  setSoftphonePanelIcon: { key: string };
  setSoftphoneItemLabel: { label: string };
  setSoftphoneItemIcon: { key: string };
  getAppViewInfo: Record<string, never>;
  getCallCenterSettings: Record<string, never>;
  getSoftphoneLayout: Record<string, never>;
  enableClickToDial: Record<string, never>;
  disableClickToDial: Record<string, never>;
  refreshView: Record<string, never>;
  saveLog: { value: Record<string, unknown> };
  runApex: { apexClass: string; methodName: string; methodParams: string };
  notifyInitializationComplete: Record<string, never>;
  publish: { channelName: string; message: unknown };
  /** `subscriptionId` is the shim's own key for the subscription it will hand back. */
  subscribe: { channelName: string; subscriptionId: string };
  unsubscribe: { channelName: string; subscriptionId: string };
}

/** A forwarded Open CTI method name. */
export type OpenCtiMethod = keyof OpenCtiRequestArgs;

/** Every method the protocol carries, for validation. */
export const OPENCTI_METHODS: readonly OpenCtiMethod[] = [
  'screenPop', 'searchAndScreenPop', 'setSoftphonePanelVisibility', 'isSoftphonePanelVisible',
  'setSoftphonePanelHeight', 'setSoftphonePanelWidth', 'setSoftphonePanelLabel', 'setSoftphonePanelIcon',
  'setSoftphoneItemLabel', 'setSoftphoneItemIcon', 'getAppViewInfo', 'getCallCenterSettings',
  'getSoftphoneLayout', 'enableClickToDial', 'disableClickToDial', 'refreshView', 'saveLog', 'runApex',
  'notifyInitializationComplete', 'publish', 'subscribe', 'unsubscribe',
];

/** shim -> console: one Open CTI call. `id` pairs it with its reply. */
export type OpenCtiRequest = {
  [M in OpenCtiMethod]: OpenCtiEnvelope & { readonly kind: 'request'; readonly id: number; readonly method: M; readonly args: OpenCtiRequestArgs[M] };
}[OpenCtiMethod];

/** console -> shim: the callback result for request `id`. */
export interface OpenCtiReply extends OpenCtiEnvelope {
  readonly kind: 'reply';
  readonly id: number;
  readonly response: OpenCtiResult<unknown>;
}

/** console -> shim: something happened in the console (the shim calls the registered listeners). */
export type OpenCtiPushedEvent = OpenCtiEnvelope & { readonly kind: 'event' } & (
  | { readonly event: 'navigationChange'; readonly payload: NavigationChangePayload }
  | { readonly event: 'clickToDial'; readonly payload: ClickToDialPayload }
  | { readonly event: 'message'; readonly channelName: string; readonly message: unknown }
);

/** iframe -> parent window: "I am a softphone with the Open CTI shim; give me a port". */
export interface OpenCtiHello extends OpenCtiEnvelope {
  readonly kind: 'hello';
  /** Random per softphone page load: a repeated hello is not a new softphone, a reload is. */
  readonly instance: string;
}

/** parent window -> iframe: carries the MessagePort (in `event.ports[0]`). */
export interface OpenCtiConnect extends OpenCtiEnvelope {
  readonly kind: 'connect';
  /** The hello's instance this port is for. */
  readonly instance: string;
}

/** Anything sent over the port. */
export type OpenCtiPortMessage = OpenCtiRequest | OpenCtiReply | OpenCtiPushedEvent;

/** The envelope fields, to spread into a new message. */
export function envelope(): OpenCtiEnvelope {
  return { protocol: OPENCTI_PROTOCOL, version: OPENCTI_PROTOCOL_VERSION };
}

/** True for a message of this protocol and version with the given kind. */
export function isProtocolMessage<K extends string>(data: unknown, kind: K): data is OpenCtiEnvelope & { kind: K } & Record<string, unknown> {
  if (typeof data !== 'object' || data === null) return false;
  const record = data as Record<string, unknown>;
  return record['protocol'] === OPENCTI_PROTOCOL && record['version'] === OPENCTI_PROTOCOL_VERSION && record['kind'] === kind;
}

/** True for a message of this protocol, whatever its version (to answer a version mismatch). */
export function isOfProtocol(data: unknown): data is Record<string, unknown> & { protocol: typeof OPENCTI_PROTOCOL } {
  return typeof data === 'object' && data !== null && (data as Record<string, unknown>)['protocol'] === OPENCTI_PROTOCOL;
}

/** Validates a request's outer shape (method known, integer id, args an object). */
export function parseRequest(data: unknown): OpenCtiRequest | undefined {
  if (!isProtocolMessage(data, 'request')) return undefined;
  const { id, method, args } = data;
  if (typeof id !== 'number' || !Number.isInteger(id)) return undefined;
  if (typeof method !== 'string' || !(OPENCTI_METHODS as readonly string[]).includes(method)) return undefined;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return undefined;
  return data as unknown as OpenCtiRequest;
}

/** Validates a reply's outer shape. */
export function parseReply(data: unknown): OpenCtiReply | undefined {
  if (!isProtocolMessage(data, 'reply')) return undefined;
  const { id, response } = data;
  if (typeof id !== 'number' || typeof response !== 'object' || response === null) return undefined;
  const { success, errors } = response as Record<string, unknown>;
  if (typeof success !== 'boolean' || !(errors === null || Array.isArray(errors))) return undefined;
  return data as unknown as OpenCtiReply;
}

/** Validates a pushed event's outer shape (payloads are validated by the listeners). */
export function parsePushedEvent(data: unknown): OpenCtiPushedEvent | undefined {
  if (!isProtocolMessage(data, 'event')) return undefined;
  const { event } = data;
  if (event === 'navigationChange' || event === 'clickToDial') return data as unknown as OpenCtiPushedEvent;
  if (event === 'message' && typeof data['channelName'] === 'string') return data as unknown as OpenCtiPushedEvent;
  return undefined;
}

/**
 * A successful callback result. Open CTI guide, every Lightning method's "Response" table:
 * `{ success: true, returnValue, errors: null }`, returnValue "always null" for the methods that
 * return nothing (https://developer.salesforce.com/docs/service/api-cti/guide/sforce-api-cti-screenpop-lex.html
 * and the other method pages).
 */
export function succeeded<T>(returnValue: T | null = null): OpenCtiResult<T> {
  return { success: true, returnValue, errors: null };
}

/**
 * The error codes the Open CTI guide shows
 * (https://developer.salesforce.com/docs/service/api-cti/guide/sforce-api-cti-error-messages-lightning.html).
 * Which code Salesforce uses for which failure is not documented beyond the samples: the local
 * console uses INVALID_PARAM for a bad argument ("An invalid value was passed to the parameter
 * ...") and GENERIC_ERROR for anything the console refuses.
 */
export type OpenCtiErrorCode = 'INVALID_PARAM' | 'GENERIC_ERROR' | 'SERVER_ERROR' | 'SOFTPHONE_CONTAINER_ERROR';

/**
 * A failed callback result: `{ success: false, returnValue: null, errors: [{ code, description }] }`
 * (same guide page: "An error object is returned as an array for all Lightning Experience
 * methods"; `details` only where given, as saveLog does).
 */
export function failedResult(code: OpenCtiErrorCode, description: string, details?: unknown): OpenCtiResult<never> {
  const error: OpenCtiError = details === undefined ? { code, description } : { code, description, details };
  return { success: false, returnValue: null, errors: [error] };
}
