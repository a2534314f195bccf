/**
 * The console page's side of the fake Open CTI: answers the softphone's `sforce.opencti` calls
 * the way the Lightning console would, by asking a {@link ConsoleApi} the page implements, and
 * pushes console events (navigation, click-to-dial, message channel messages) to the
 * softphone's listeners. Every answer is the shape the Open CTI Developer Guide documents for
 * the method, cited beside it (GUIDE = https://developer.salesforce.com/docs/service/api-cti/guide);
 * where the guide is silent the comment says so.
 */
import type {
  CallTypeName,
  ClickToDialPayload,
  DefaultFieldValues,
  NavigationChangePayload,
  OpenCtiResult,
  ScreenPopTypeName,
} from '../../../adapter/src/host/open-cti.ts';
import {
  envelope,
  failedResult,
  isOfProtocol,
  isProtocolMessage,
  parseRequest,
  succeeded,
  type OpenCtiConnect,
  type OpenCtiPushedEvent,
  type OpenCtiReply,
  type OpenCtiRequest,
} from './opencti-protocol.ts';
import type { OpenCtiPort } from './opencti-shim.ts';

/**
 * What the console page does when the softphone asks. Required members are what ContactPad
 * uses; optional ones, when missing, make the call fail as "not supported by the local console".
 * A member that throws (or rejects) makes the call fail with the error's message.
 */
export interface ConsoleApi {
  /** Open CTI `screenPop`: open a record tab, a new-record form, the search page... */
  screenPop(type: ScreenPopTypeName, params: Record<string, unknown>, defaultFieldValues?: DefaultFieldValues): Promise<void> | void;
  /** `setSoftphonePanelVisibility`. */
  setPanelVisible(visible: boolean): void;
  /** `isSoftphonePanelVisible`. */
  isPanelVisible(): boolean;
  /**
   * `getCallCenterSettings`: flat strings keyed by path (`'/reqGeneralInfo/reqAdapterUrl'`; a real
   * org also sends `.../label` and `.../sortOrder` entries, GUIDE/sforce-api-cti-getcallcentersettings-lex.html).
   */
  callCenterSettings(): Record<string, string>;
  /** `enableClickToDial` / `disableClickToDial`: phone numbers become (un)clickable. */
  clickToDialEnabled(enabled: boolean): void;
  /** `getAppViewInfo`: the page the agent is on. */
  appViewInfo?(): NavigationChangePayload;
  /** `getSoftphoneLayout`. */
  softphoneLayout?(): Record<string, unknown>;
  /**
   * `searchAndScreenPop`: the matches keyed by record id (and the pop unless deferred; when
   * deferred, `SCREEN_POP_DATA` holds the screenPop arguments, GUIDE/sforce-api-cti-searchandscreenpop-lex.html).
   */
  searchAndScreenPop?(request: { searchParams: string; queryParams?: string; defaultFieldValues?: DefaultFieldValues; callType?: CallTypeName; deferred?: boolean }): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** `saveLog`: create (`entityApiName`) or update (`Id`) a record; throws to refuse. */
  saveLog?(value: Record<string, unknown>): Promise<{ recordId: string }> | { recordId: string };
  /** `runApex`: what the Apex method returned (the console wraps it as `{ runApex }`). */
  runApex?(request: { apexClass: string; methodName: string; methodParams: string }): Promise<unknown> | unknown;
  /** `refreshView`. */
  refreshView?(): void;
  /** `setSoftphonePanelHeight` / `setSoftphonePanelWidth` (already range-checked). */
  setPanelSize?(size: { heightPX?: number; widthPX?: number }): void;
  /** `setSoftphonePanelLabel/Icon`, `setSoftphoneItemLabel/Icon`. */
  setAppearance?(change: { panelLabel?: string; panelIcon?: string; itemLabel?: string; itemIcon?: string }): void;
  /** `notifyInitializationComplete`. */
  initializationComplete?(): void;
  /** Lightning message service `publish` from the softphone. */
  publish?(channelName: string, message: unknown): Promise<void> | void;
  /**
   * Lightning message service `subscribe` from the softphone: throw (or reject) to refuse it,
   * as a console would for a channel it does not know. Without this member every subscribe succeeds.
   */
  subscribe?(channelName: string): Promise<void> | void;
}

/** The console's handle on one connected softphone. */
export interface OpenCtiConsole {
  /** Fires the softphone's `onNavigationChange` listeners. False when no softphone is connected. */
  pushNavigation(context: NavigationChangePayload): boolean;
  /**
   * Fires the softphone's `onClickToDial` listeners, as clicking a phone number does. False (and
   * nothing sent) while click-to-dial is disabled or no softphone is connected.
   */
  pushClickToDial(payload: ClickToDialPayload): boolean;
  /** Delivers a message channel message to the softphone's subscribers. False when none. */
  pushMessage(channelName: string, message: unknown): boolean;
  /** Whether the softphone has enabled click-to-dial. */
  isClickToDialEnabled(): boolean;
  /** The channels the softphone is subscribed to, one entry per subscription (sorted). */
  subscribedChannels(): string[];
  /** Stops answering and pushing. */
  close(): void;
}

const NOT_SUPPORTED = 'is not supported by the local console';

/** Serves Open CTI requests arriving on `port` with `api`; returns the handle to push events. */
export function serveOpenCti(port: OpenCtiPort & { close?(): void }, api: ConsoleApi): OpenCtiConsole {
  let closed = false;
  let clickToDial = false;
  const subscriptions = new Map<string, string>(); // subscriptionId -> channelName

  const post = (message: OpenCtiReply | OpenCtiPushedEvent): void => {
    if (!closed) port.postMessage(message);
  };

  port.addEventListener('message', (event: MessageEvent) => {
    if (closed) return;
    const request = parseRequest(event.data);
    if (request === undefined) {
      const data: unknown = event.data;
      if (isOfProtocol(data) && typeof data['id'] === 'number') {
        // Another protocol version, or an unknown method: answer so the caller does not hang.
        post({ ...envelope(), kind: 'reply', id: data['id'], response: failedResult('GENERIC_ERROR', `Unsupported request (protocol ${String(data['version'])}, method ${String(data['method'])})`) });
      }
      return;
    }
    void answer(request).then((response) => post({ ...envelope(), kind: 'reply', id: request.id, response }));
  });
  port.start?.();

  /**
   * A console refusal (the page's member threw) is a GENERIC_ERROR with the reason as its
   * description; saveLog puts the reason in `details`, as the guide's error page shows for it
   * (GUIDE/sforce-api-cti-error-messages-lightning.html: "For the saveLog method, the details
   * field provides information based on the type of error").
   */
  async function answer(request: OpenCtiRequest): Promise<OpenCtiResult<unknown>> {
    try {
      return await handle(request);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (request.method === 'saveLog') {
        return failedResult('GENERIC_ERROR', 'An error occurred while calling the saveLog() API method. Review the Details field in the error section.', [{ message: reason }]);
      }
      return failedResult('GENERIC_ERROR', reason);
    }
  }

  async function handle(request: OpenCtiRequest): Promise<OpenCtiResult<unknown>> {
    switch (request.method) {
      case 'screenPop': {
        // GUIDE/sforce-api-cti-screenpop-lex.html: returnValue "is always null". NEW_RECORD_MODAL's
        // defaultFieldValues are read from params (its params table; what published adapters
        // send) or else top-level (its arguments table); other types ignore them ("Only applies
        // when type is NEW_RECORD_MODAL").
        const { type, params, defaultFieldValues: topLevel } = request.args;
        if (type !== 'NEW_RECORD_MODAL') {
          const invalid = checkScreenPop(type, params);
          if (invalid !== undefined) return failedResult('INVALID_PARAM', invalid);
          await api.screenPop(type, params);
          return succeeded();
        }
        const { defaultFieldValues: inParams, ...rest } = params;
        const invalid = checkScreenPop(type, rest);
        if (invalid !== undefined) return failedResult('INVALID_PARAM', invalid);
        const fields = fieldValues(inParams) ?? fieldValues(topLevel);
        if (fields !== undefined) await api.screenPop(type, rest, fields);
        else await api.screenPop(type, rest);
        return succeeded();
      }
      case 'searchAndScreenPop': {
        // GUIDE/sforce-api-cti-searchandscreenpop-lex.html: returnValue = the matches keyed by id
        // (+ SCREEN_POP_DATA when deferred). The 3-character minimum is screenPop SEARCH's rule,
        // not documented for this method: kept so a search for almost nothing fails visibly.
        if (api.searchAndScreenPop === undefined) return failedResult('GENERIC_ERROR', `searchAndScreenPop ${NOT_SUPPORTED}`);
        if (request.args.searchParams.trim().length < 3) return failedResult('INVALID_PARAM', 'searchParams must be at least 3 characters long');
        return succeeded(await api.searchAndScreenPop(request.args));
      }
      case 'setSoftphonePanelVisibility':
        // GUIDE/sforce-api-cti-setsoftphonepanelvisibility-lex.html: returnValue "is always null".
        api.setPanelVisible(request.args.visible);
        return succeeded();
      case 'isSoftphonePanelVisible':
        // GUIDE/sforce-api-cti-issoftphonepanelvisible-lex.html: returnValue "Contains the boolean property visible".
        return succeeded({ visible: api.isPanelVisible() });
      case 'setSoftphonePanelHeight': {
        const { heightPX } = request.args;
        if (!Number.isInteger(heightPX) || heightPX < 240 || heightPX > 2560) return failedResult('INVALID_PARAM', 'heightPX must be an integer from 240 to 2560');
        if (api.setPanelSize === undefined) return failedResult('GENERIC_ERROR', `setSoftphonePanelHeight ${NOT_SUPPORTED}`);
        api.setPanelSize({ heightPX });
        return succeeded();
      }
      case 'setSoftphonePanelWidth': {
        const { widthPX } = request.args;
        if (!Number.isInteger(widthPX) || widthPX < 200 || widthPX > 1920) return failedResult('INVALID_PARAM', 'widthPX must be an integer from 200 to 1920');
        if (api.setPanelSize === undefined) return failedResult('GENERIC_ERROR', `setSoftphonePanelWidth ${NOT_SUPPORTED}`);
        api.setPanelSize({ widthPX });
        return succeeded();
      }
      case 'setSoftphonePanelLabel':
        return appearance({ panelLabel: request.args.label }, request.method);
      case 'setSoftphonePanelIcon':
        return appearance({ panelIcon: request.args.key }, request.method);
      case 'setSoftphoneItemLabel':
        return appearance({ itemLabel: request.args.label }, request.method);
      case 'setSoftphoneItemIcon':
        return appearance({ itemIcon: request.args.key }, request.method);
      case 'getAppViewInfo':
        // GUIDE/sforce-api-cti-getappviewinfo-lex.html: returnValue { url, recordId, recordName, objectType, ... }.
        if (api.appViewInfo === undefined) return failedResult('GENERIC_ERROR', `getAppViewInfo ${NOT_SUPPORTED}`);
        return succeeded(api.appViewInfo());
      case 'getCallCenterSettings':
        // GUIDE/sforce-api-cti-getcallcentersettings-lex.html: returnValue is one flat object of
        // strings keyed by path ("/reqGeneralInfo/reqAdapterUrl": "/apex/ContactCenter", ...);
        // developerforce/open-cti-demo-adapter demoAdapterHelper.js + callInitiatedPanelHelper.js
        // read response.returnValue['/reqPhoneDemoSettings/reqProvider'] the same way.
        return succeeded(stringsOnly(api.callCenterSettings()));
      case 'getSoftphoneLayout':
        // GUIDE/sforce-api-cti-getsoftphonelayout-lex.html: returnValue { Inbound, Outbound, Internal }.
        if (api.softphoneLayout === undefined) return failedResult('GENERIC_ERROR', `getSoftphoneLayout ${NOT_SUPPORTED}`);
        return succeeded(api.softphoneLayout());
      case 'enableClickToDial':
      case 'disableClickToDial':
        // GUIDE/sforce-api-cti-enableclicktodial-lex.html and ...-disableclicktodial-lex.html:
        // returnValue "is always null".
        clickToDial = request.method === 'enableClickToDial';
        api.clickToDialEnabled(clickToDial);
        return succeeded();
      case 'refreshView':
        // GUIDE/sforce-api-cti-refreshview-lex.html: returnValue "is always null".
        if (api.refreshView === undefined) return failedResult('GENERIC_ERROR', `refreshView ${NOT_SUPPORTED}`);
        api.refreshView();
        return succeeded();
      case 'saveLog': {
        // GUIDE/sforce-api-cti-savelog-lex.html: returnValue is the "ID of object" (typed object);
        // `{ recordId }` is what published adapters read (response.returnValue.recordId): unverified.
        if (api.saveLog === undefined) return failedResult('GENERIC_ERROR', `saveLog ${NOT_SUPPORTED}`);
        const { recordId } = await api.saveLog(request.args.value);
        return succeeded({ recordId });
      }
      case 'runApex':
        // GUIDE/sforce-api-cti-runapex-lex.html: returnValue { runApex: <what the method returned> };
        // developerforce/open-cti-demo-adapter phonePanelHelper.js: JSON.parse(result.returnValue.runApex).
        if (api.runApex === undefined) return failedResult('GENERIC_ERROR', `runApex ${NOT_SUPPORTED}`);
        return succeeded({ runApex: await api.runApex(request.args) });
      case 'notifyInitializationComplete':
        // GUIDE/sforce-api-cti-notifyinitializationcomplete-lex.html: returnValue "is always null".
        api.initializationComplete?.();
        return succeeded();
      case 'publish':
        // GUIDE/sforce-api-cti-methods-lms.html and ...-sample-lex-message-service.html: the sample
        // only logs result.returnValue; no value is documented, so null.
        if (request.args.channelName === '') return failedResult('INVALID_PARAM', 'An invalid value was passed to the parameter channelName.');
        if (api.publish === undefined) return failedResult('GENERIC_ERROR', `publish ${NOT_SUPPORTED}`);
        await api.publish(request.args.channelName, request.args.message);
        return succeeded();
      case 'subscribe':
        // The shim turns this answer into subscribe's own `{ success, subscription, errors }`
        // (opencti-shim.ts); here the console only accepts or refuses the channel.
        if (request.args.channelName === '') return failedResult('INVALID_PARAM', 'An invalid value was passed to the parameter channelName.');
        await api.subscribe?.(request.args.channelName);
        subscriptions.set(request.args.subscriptionId, request.args.channelName);
        return succeeded();
      case 'unsubscribe':
        // Same pages: no returnValue documented; null.
        subscriptions.delete(request.args.subscriptionId);
        return succeeded();
    }
  }

  function appearance(change: Parameters<NonNullable<ConsoleApi['setAppearance']>>[0], method: string): OpenCtiResult<unknown> {
    if (api.setAppearance === undefined) return failedResult('GENERIC_ERROR', `${method} ${NOT_SUPPORTED}`);
    api.setAppearance(change);
    return succeeded();
  }

  return {
    pushNavigation(context) {
      if (closed) return false;
      post({ ...envelope(), kind: 'event', event: 'navigationChange', payload: context });
      return true;
    },
    pushClickToDial(payload) {
      if (closed || !clickToDial) return false;
      post({ ...envelope(), kind: 'event', event: 'clickToDial', payload });
      return true;
    },
    pushMessage(channelName, message) {
      if (closed || ![...subscriptions.values()].includes(channelName)) return false;
      post({ ...envelope(), kind: 'event', event: 'message', channelName, message });
      return true;
    },
    isClickToDialEnabled: () => clickToDial && !closed,
    subscribedChannels: () => (closed ? [] : [...subscriptions.values()].sort()),
    close() {
      closed = true;
      port.close?.();
    },
  };
}

/** A `defaultFieldValues` object, or undefined. */
function fieldValues(value: unknown): DefaultFieldValues | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as DefaultFieldValues) } : undefined;
}

/** The settings map with its string values only (the guide's example has nothing else). */
function stringsOnly(settings: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) if (typeof value === 'string') out[key] = value;
  return out;
}

/**
 * The checks on `screenPop` params that the guide states (SOBJECT recordId, URL "must be a
 * relative path", SEARCH "at least 3 characters", NEW_RECORD_MODAL entityName "Required", FLOW
 * flowDevName); which of them the real library enforces, and with which message, is not
 * documented. A message when they fail.
 */
function checkScreenPop(type: ScreenPopTypeName, params: Record<string, unknown>): string | undefined {
  const text = (name: string): boolean => typeof params[name] === 'string' && (params[name] as string).trim() !== '';
  switch (type) {
    case 'SOBJECT':
      return text('recordId') ? undefined : 'params.recordId is required for SOBJECT';
    case 'URL':
      return text('url') && (params['url'] as string).startsWith('/') && !(params['url'] as string).startsWith('//') ? undefined : 'params.url must be a relative URL for URL';
    case 'OBJECTHOME':
      return text('scope') ? undefined : 'params.scope is required for OBJECTHOME';
    case 'LIST':
      return text('listViewId') && text('scope') ? undefined : 'params.listViewId and params.scope are required for LIST';
    case 'SEARCH':
      return typeof params['searchString'] === 'string' && params['searchString'].trim().length >= 3 ? undefined : 'params.searchString must be at least 3 characters long';
    case 'NEW_RECORD_MODAL':
      return text('entityName') ? undefined : 'params.entityName is required for NEW_RECORD_MODAL';
    case 'FLOW':
      return text('flowDevName') ? undefined : 'params.flowDevName is required for FLOW';
  }
}

/** Options of {@link acceptOpenCtiSoftphone}. */
export interface AcceptSoftphoneOptions {
  /** The console page's window (where the softphone's hello arrives). */
  win: Window;
  /** The softphone's iframe: only its window may connect. */
  frame: HTMLIFrameElement;
  /** The origin the softphone page must come from (the local console's own origin). */
  origin: string;
  api: ConsoleApi;
}

/**
 * Waits for the softphone iframe's handshake and serves it; a reloaded softphone (a new
 * instance) replaces the previous connection. The returned handle always targets the current
 * softphone; `close()` also stops listening for handshakes.
 */
export function acceptOpenCtiSoftphone(options: AcceptSoftphoneOptions): OpenCtiConsole {
  const { win, frame, origin, api } = options;
  let current: { instance: string; console: OpenCtiConsole } | undefined;
  let closed = false;

  const onMessage = (event: MessageEvent): void => {
    if (closed || event.origin !== origin || event.source === null || event.source !== frame.contentWindow) return;
    if (!isProtocolMessage(event.data, 'hello') || typeof event.data['instance'] !== 'string') return;
    const instance = event.data['instance'];
    if (current?.instance === instance) return; // a repeated hello from the softphone already served
    current?.console.close();
    const channel = new MessageChannel();
    current = { instance, console: serveOpenCti(channel.port1, api) };
    const connect: OpenCtiConnect = { ...envelope(), kind: 'connect', instance };
    (event.source as Window).postMessage(connect, origin, [channel.port2]);
  };
  win.addEventListener('message', onMessage);

  return {
    pushNavigation: (context) => current?.console.pushNavigation(context) ?? false,
    pushClickToDial: (payload) => current?.console.pushClickToDial(payload) ?? false,
    pushMessage: (channelName, message) => current?.console.pushMessage(channelName, message) ?? false,
    isClickToDialEnabled: () => current?.console.isClickToDialEnabled() ?? false,
    subscribedChannels: () => current?.console.subscribedChannels() ?? [],
    close() {
      closed = true;
      win.removeEventListener('message', onMessage);
      current?.console.close();
      current = undefined;
    },
  };
}
