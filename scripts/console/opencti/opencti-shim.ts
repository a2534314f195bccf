/**
 * The local console's stand-in for Salesforce's `opencti_min.js`: defines `win.sforce.opencti`
 * with the same surface, argument checks and callback shapes as Open CTI for Lightning, and
 * forwards every call over a port to the console page (see opencti-protocol.ts), which plays the
 * Lightning console. The shapes are the Open CTI Developer Guide's
 * (https://developer.salesforce.com/docs/service/api-cti/guide, one page per method; each answer
 * cites its page in console-side.ts or here): `{ success, returnValue, errors }`, errors as
 * `[{ code, description }]`, and for `subscribe` `{ success, subscription, errors }`.
 */
import {
  CALL_TYPE,
  SCREENPOP_TYPE,
  type CallTypeName,
  type ClickToDialPayload,
  type NavigationChangePayload,
  type OpenCti,
  type OpenCtiCallback,
  type OpenCtiResult,
  type OpenCtiSubscribeResult,
  type OpenCtiSubscription,
  type ScreenPopTypeName,
} from '../../../adapter/src/host/open-cti.ts';
import {
  envelope,
  failedResult,
  parsePushedEvent,
  parseReply,
  type OpenCtiMethod,
  type OpenCtiRequest,
  type OpenCtiRequestArgs,
} from './opencti-protocol.ts';

/** The end of a MessageChannel (or anything shaped like one) the shim talks through. */
export interface OpenCtiPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** MessagePort needs it to start delivering after addEventListener. */
  start?(): void;
}

type Listener<T> = (payload: T) => void;
type Args = Record<string, unknown>;

const ONE_OBJECT = 'Must pass in only one object which holds arguments to this API method call.';

/**
 * Defines `win.sforce.opencti` (keeping any other `win.sforce` members) and returns it.
 * Calls made before the console answers are simply pending: the port queues them.
 */
export function installOpenCtiShim(win: Window, port: OpenCtiPort): OpenCti {
  const pending = new Map<number, OpenCtiCallback>();
  const navigationListeners: Listener<NavigationChangePayload>[] = [];
  const clickToDialListeners: Listener<ClickToDialPayload>[] = [];
  const subscriptions = new Map<string, { channelName: string; listener: Listener<unknown> }>();
  let nextId = 1;
  let nextSubscription = 1;

  port.addEventListener('message', (event: MessageEvent) => {
    const reply = parseReply(event.data);
    if (reply !== undefined) {
      const callback = pending.get(reply.id);
      pending.delete(reply.id);
      if (callback !== undefined) invokeSafely(callback, reply.response);
      return;
    }
    const pushed = parsePushedEvent(event.data);
    if (pushed === undefined) return;
    if (pushed.event === 'navigationChange') {
      for (const listener of [...navigationListeners]) invokeSafely(listener, pushed.payload);
    } else if (pushed.event === 'clickToDial') {
      for (const listener of [...clickToDialListeners]) invokeSafely(listener, pushed.payload);
    } else {
      for (const subscription of [...subscriptions.values()]) {
        if (subscription.channelName === pushed.channelName) invokeSafely(subscription.listener, pushed.message);
      }
    }
  });
  port.start?.();

  /**
   * Forwards one call; the console's answer goes to the page's callback, or, when `answer` is
   * given, what `answer` makes of it (subscribe answers in its own shape).
   */
  function send<M extends OpenCtiMethod>(method: M, args: OpenCtiRequestArgs[M], callback: unknown, answer?: (result: OpenCtiResult) => unknown): void {
    const id = nextId++;
    const userCallback = typeof callback === 'function' ? (callback as (result: unknown) => void) : undefined;
    pending.set(id, (result) => {
      const final = answer !== undefined ? answer(result) : result;
      if (userCallback !== undefined) userCallback(final);
    });
    const request = { ...envelope(), kind: 'request', id, method, args } as OpenCtiRequest;
    try {
      port.postMessage(request);
    } catch (error) {
      // DataCloneError: the page passed something that cannot cross to the console (a function...).
      pending.delete(id);
      const failure = failedResult('INVALID_PARAM', `Invalid arguments for ${method}: ${error instanceof Error ? error.message : String(error)}`);
      answerLocally(callback, answer !== undefined ? answer(failure) : failure);
    }
  }

  /** Answers locally (asynchronously, like the real library) without asking the console. */
  function answerLocally(callback: unknown, result: unknown): void {
    if (typeof callback === 'function') queueMicrotask(() => invokeSafely(callback as (result: unknown) => void, result));
  }

  const opencti: OpenCti = {
    SCREENPOP_TYPE: Object.freeze({ ...SCREENPOP_TYPE }),
    CALL_TYPE: Object.freeze({ ...CALL_TYPE }),

    screenPop(...all: unknown[]) {
      const args = single(all);
      const type = nameOf(SCREENPOP_TYPE, args['type']);
      if (type === undefined) {
        answerLocally(args['callback'], failedResult('INVALID_PARAM', `Invalid screen pop type: ${String(args['type'])}`));
        return;
      }
      // params as given: NEW_RECORD_MODAL's defaultFieldValues may sit inside them (the guide's
      // params table) or top-level (its arguments table); console-side.ts reads both.
      const request: OpenCtiRequestArgs['screenPop'] = { type, params: objectOr(args['params']) };
      if (args['defaultFieldValues'] !== undefined) request.defaultFieldValues = objectOr(args['defaultFieldValues']) as OpenCtiRequestArgs['screenPop']['defaultFieldValues'];
      send('screenPop', request, args['callback']);
    },
    searchAndScreenPop(...all: unknown[]) {
      const args = single(all);
      const request: OpenCtiRequestArgs['searchAndScreenPop'] = { searchParams: String(args['searchParams'] ?? '') };
      if (typeof args['queryParams'] === 'string') request.queryParams = args['queryParams'];
      if (args['defaultFieldValues'] !== undefined) request.defaultFieldValues = objectOr(args['defaultFieldValues']) as OpenCtiRequestArgs['searchAndScreenPop']['defaultFieldValues'];
      const callType = nameOf(CALL_TYPE, args['callType']);
      if (callType !== undefined) request.callType = callType;
      if (typeof args['deferred'] === 'boolean') request.deferred = args['deferred'];
      send('searchAndScreenPop', request, args['callback']);
    },
    setSoftphonePanelVisibility(...all: unknown[]) {
      const args = single(all);
      send('setSoftphonePanelVisibility', { visible: args['visible'] === true }, args['callback']);
    },
    isSoftphonePanelVisible(...all: unknown[]) {
      const args = withCallback(single(all));
      send('isSoftphonePanelVisible', {}, args['callback']);
    },
    setSoftphonePanelHeight(...all: unknown[]) {
      const args = single(all);
      send('setSoftphonePanelHeight', { heightPX: Number(args['heightPX']) }, args['callback']);
    },
    setSoftphonePanelWidth(...all: unknown[]) {
      const args = single(all);
      send('setSoftphonePanelWidth', { widthPX: Number(args['widthPX']) }, args['callback']);
    },
    setSoftphonePanelLabel(...all: unknown[]) {
      const args = single(all);
      send('setSoftphonePanelLabel', { label: String(args['label'] ?? '') }, args['callback']);
    },
    setSoftphonePanelIcon(...all: unknown[]) {
      const args = single(all);
      send('setSoftphonePanelIcon', { key: String(args['key'] ?? '') }, args['callback']);
    },
    setSoftphoneItemLabel(...all: unknown[]) {
      const args = single(all);
      send('setSoftphoneItemLabel', { label: String(args['label'] ?? '') }, args['callback']);
    },
    setSoftphoneItemIcon(...all: unknown[]) {
      const args = single(all);
      send('setSoftphoneItemIcon', { key: String(args['key'] ?? '') }, args['callback']);
    },
    getAppViewInfo(...all: unknown[]) {
      const args = withCallback(single(all));
      send('getAppViewInfo', {}, args['callback']);
    },
    getCallCenterSettings(...all: unknown[]) {
      const args = withCallback(single(all));
      send('getCallCenterSettings', {}, args['callback']);
    },
    getSoftphoneLayout(...all: unknown[]) {
      const args = withCallback(single(all));
      send('getSoftphoneLayout', {}, args['callback']);
    },
    enableClickToDial(...all: unknown[]) {
      const args = single(all, true);
      send('enableClickToDial', {}, args['callback']);
    },
    disableClickToDial(...all: unknown[]) {
      const args = single(all, true);
      send('disableClickToDial', {}, args['callback']);
    },
    onClickToDial(...all: unknown[]) {
      clickToDialListeners.push(withListener(single(all))['listener'] as Listener<ClickToDialPayload>);
    },
    onNavigationChange(...all: unknown[]) {
      navigationListeners.push(withListener(single(all))['listener'] as Listener<NavigationChangePayload>);
    },
    refreshView(...all: unknown[]) {
      const args = single(all, true);
      send('refreshView', {}, args['callback']);
    },
    saveLog(...all: unknown[]) {
      const args = single(all);
      if (typeof args['value'] !== 'object' || args['value'] === null) throw new Error('Missing the required argument `value object`!');
      send('saveLog', { value: args['value'] as Args }, args['callback']);
    },
    runApex(...all: unknown[]) {
      const args = single(all);
      send('runApex', {
        apexClass: String(args['apexClass'] ?? ''),
        methodName: String(args['methodName'] ?? ''),
        methodParams: String(args['methodParams'] ?? ''),
      }, args['callback']);
    },
    notifyInitializationComplete(...all: unknown[]) {
      const args = all.length === 0 ? {} : single(all);
      send('notifyInitializationComplete', {}, args['callback']);
    },
    publish(...all: unknown[]) {
      const args = single(all);
      send('publish', { channelName: String(args['channelName'] ?? ''), message: args['message'] }, args['callback']);
    },
    subscribe(...all: unknown[]) {
      const args = withListener(single(all));
      const channelName = String(args['channelName'] ?? '');
      const subscriptionId = `opencti-subscription-${nextSubscription++}`;
      const listener = args['listener'] as Listener<unknown>;
      // The callback gets `{ success, subscription, errors }`: the subscription in
      // `result.subscription`, where the guide's only subscribe code reads it
      // (https://developer.salesforce.com/docs/service/api-cti/guide/sforce-api-cti-sample-lex-message-service.html:
      // `SAMPLEMC_SUBSCRIPTION = result.subscription`). No `returnValue`: the guide documents none
      // for subscribe. The subscription object's fields are not documented either; this one holds
      // only an opaque id, and unsubscribe matches it by that id (a copy works, as after postMessage).
      send('subscribe', { channelName, subscriptionId }, args['callback'], (result): OpenCtiSubscribeResult => {
        if (!result.success) return { success: false, errors: result.errors };
        subscriptions.set(subscriptionId, { channelName, listener });
        const subscription: OpenCtiSubscription = Object.freeze({ subscriptionId });
        return { success: true, subscription, errors: null };
      });
    },
    unsubscribe(...all: unknown[]) {
      const args = single(all);
      const subscription = args['subscription'];
      const subscriptionId = typeof subscription === 'object' && subscription !== null && typeof (subscription as Record<string, unknown>)['subscriptionId'] === 'string'
        ? (subscription as Record<string, unknown>)['subscriptionId'] as string
        : '';
      const known = subscriptions.get(subscriptionId);
      if (known === undefined) {
        // What Salesforce answers for a subscription it does not know is not documented; an
        // INVALID_PARAM error (the guide's code for an invalid argument) makes a lost one visible.
        answerLocally(args['callback'], failedResult('INVALID_PARAM', 'An invalid value was passed to the parameter subscription: not a subscription this page holds.'));
        return;
      }
      // Delivery stops at once; the console is told so it stops sending on the channel.
      subscriptions.delete(subscriptionId);
      send('unsubscribe', { channelName: known.channelName, subscriptionId }, args['callback']);
    },
  };

  const host = win as Window;
  host.sforce = host.sforce ?? {};
  host.sforce.opencti = opencti;
  return opencti;
}

/** Open CTI's own check: exactly one non-empty object (or nothing, where arguments are optional). */
function single(all: unknown[], optional = false): Args {
  if (optional && all.length === 0) return {};
  const [first] = all;
  if (all.length !== 1 || typeof first !== 'object' || first === null || Object.keys(first).length === 0) {
    throw new Error(ONE_OBJECT);
  }
  return first as Args;
}

function withCallback(args: Args): Args {
  if (typeof args['callback'] !== 'function') throw new Error('Missing the required argument `callback`!');
  return args;
}

function withListener(args: Args): Args {
  if (typeof args['listener'] !== 'function') throw new Error('Missing the required argument `listener`!');
  return args;
}

/** The constant's name for one of its values (`'sobject'` -> `'SOBJECT'`). */
function nameOf<N extends ScreenPopTypeName | CallTypeName>(constants: Readonly<Record<N, string>>, value: unknown): N | undefined {
  return (Object.keys(constants) as N[]).find((name) => constants[name] === value);
}

function objectOr(value: unknown): Args {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...(value as Args) } : {};
}

/** A throwing page callback must not stop the shim from delivering the next message. */
function invokeSafely<T>(fn: (value: T) => void, value: T): void {
  try {
    fn(value);
  } catch (error) {
    console.error('sforce.opencti: a callback or listener threw', error);
  }
}
