/**
 * The console page's side of the fake Open CTI: answers the softphone's `sforce.opencti` calls
 * the way the Lightning console would (same checks, same `{ success, returnValue, errors }`),
 * by asking a {@link ConsoleApi} the page implements, and pushes console events
 * (navigation, click-to-dial, message channel messages) to the softphone's listeners.
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
  /** `getCallCenterSettings`: flat, keyed by path (`'/reqGeneralInfo/reqAdapterUrl'`). */
  callCenterSettings(): Record<string, string>;
  /** `enableClickToDial` / `disableClickToDial`: phone numbers become (un)clickable. */
  clickToDialEnabled(enabled: boolean): void;
  /** `getAppViewInfo`: the page the agent is on. */
  appViewInfo?(): NavigationChangePayload;
  /** `getSoftphoneLayout`. */
  softphoneLayout?(): Record<string, unknown>;
  /** `searchAndScreenPop`: the search results (and the pop unless deferred). */
  searchAndScreenPop?(request: { searchParams: string; queryParams?: string; defaultFieldValues?: DefaultFieldValues; callType?: CallTypeName; deferred?: boolean }): Promise<Record<string, unknown>> | Record<string, unknown>;
  /** `saveLog`: create (`entityApiName`) or update (`Id`) a record. */
  saveLog?(value: Record<string, unknown>): Promise<{ recordId: string }> | { recordId: string };
  /** `runApex`. */
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
        post({ ...envelope(), kind: 'reply', id: data['id'], response: failedResult(`Unsupported request (protocol ${String(data['version'])}, method ${String(data['method'])})`) });
      }
      return;
    }
    void answer(request).then((response) => post({ ...envelope(), kind: 'reply', id: request.id, response }));
  });
  port.start?.();

  async function answer(request: OpenCtiRequest): Promise<OpenCtiResult<unknown>> {
    try {
      return await handle(request);
    } catch (error) {
      return failedResult(error instanceof Error ? error.message : String(error));
    }
  }

  async function handle(request: OpenCtiRequest): Promise<OpenCtiResult<unknown>> {
    switch (request.method) {
      case 'screenPop': {
        const { type, params, defaultFieldValues } = request.args;
        const invalid = checkScreenPop(type, params);
        if (invalid !== undefined) return failedResult(invalid);
        if (defaultFieldValues !== undefined && type === 'NEW_RECORD_MODAL') await api.screenPop(type, params, defaultFieldValues);
        else await api.screenPop(type, params);
        return succeeded();
      }
      case 'searchAndScreenPop': {
        if (api.searchAndScreenPop === undefined) return failedResult(`searchAndScreenPop ${NOT_SUPPORTED}`);
        if (request.args.searchParams.trim().length < 3) return failedResult('searchParams must be at least 3 characters long');
        return succeeded(await api.searchAndScreenPop(request.args));
      }
      case 'setSoftphonePanelVisibility':
        api.setPanelVisible(request.args.visible);
        return succeeded();
      case 'isSoftphonePanelVisible':
        return succeeded({ visible: api.isPanelVisible() });
      case 'setSoftphonePanelHeight': {
        const { heightPX } = request.args;
        if (!Number.isInteger(heightPX) || heightPX < 240 || heightPX > 2560) return failedResult('heightPX must be an integer from 240 to 2560');
        if (api.setPanelSize === undefined) return failedResult(`setSoftphonePanelHeight ${NOT_SUPPORTED}`);
        api.setPanelSize({ heightPX });
        return succeeded();
      }
      case 'setSoftphonePanelWidth': {
        const { widthPX } = request.args;
        if (!Number.isInteger(widthPX) || widthPX < 200 || widthPX > 1920) return failedResult('widthPX must be an integer from 200 to 1920');
        if (api.setPanelSize === undefined) return failedResult(`setSoftphonePanelWidth ${NOT_SUPPORTED}`);
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
        if (api.appViewInfo === undefined) return failedResult(`getAppViewInfo ${NOT_SUPPORTED}`);
        return succeeded(api.appViewInfo());
      case 'getCallCenterSettings':
        return succeeded({ ...api.callCenterSettings() });
      case 'getSoftphoneLayout':
        if (api.softphoneLayout === undefined) return failedResult(`getSoftphoneLayout ${NOT_SUPPORTED}`);
        return succeeded(api.softphoneLayout());
      case 'enableClickToDial':
      case 'disableClickToDial':
        clickToDial = request.method === 'enableClickToDial';
        api.clickToDialEnabled(clickToDial);
        return succeeded();
      case 'refreshView':
        if (api.refreshView === undefined) return failedResult(`refreshView ${NOT_SUPPORTED}`);
        api.refreshView();
        return succeeded();
      case 'saveLog':
        if (api.saveLog === undefined) return failedResult(`saveLog ${NOT_SUPPORTED}`);
        return succeeded(await api.saveLog(request.args.value));
      case 'runApex':
        if (api.runApex === undefined) return failedResult(`runApex ${NOT_SUPPORTED}`);
        return succeeded(await api.runApex(request.args));
      case 'notifyInitializationComplete':
        api.initializationComplete?.();
        return succeeded();
      case 'publish':
        if (request.args.channelName === '') return failedResult('channelName is required');
        if (api.publish === undefined) return failedResult(`publish ${NOT_SUPPORTED}`);
        await api.publish(request.args.channelName, request.args.message);
        return succeeded();
      case 'subscribe':
        if (request.args.channelName === '') return failedResult('channelName is required');
        subscriptions.set(request.args.subscriptionId, request.args.channelName);
        return succeeded();
      case 'unsubscribe':
        subscriptions.delete(request.args.subscriptionId);
        return succeeded();
    }
  }

  function appearance(change: Parameters<NonNullable<ConsoleApi['setAppearance']>>[0], method: string): OpenCtiResult<unknown> {
    if (api.setAppearance === undefined) return failedResult(`${method} ${NOT_SUPPORTED}`);
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
    close() {
      closed = true;
      port.close?.();
    },
  };
}

/** Salesforce's checks on `screenPop` params; a message when they fail. */
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
    close() {
      closed = true;
      win.removeEventListener('message', onMessage);
      current?.console.close();
      current = undefined;
    },
  };
}
