import { ContactPadError } from '../model/errors.ts';
import { parseClickToDial, type ClickToDialRequest } from './click-to-dial-request.ts';
import { parseNavigationChange, type NavigationContext } from './navigation-context.ts';
import type { DefaultFieldValues, OpenCti, OpenCtiSubscription } from './open-cti.ts';
import type { ScreenPopSender } from './screen-pop-requests.ts';

export type { ClickToDialRequest } from './click-to-dial-request.ts';
export type { NavigationContext } from './navigation-context.ts';

/** What the console tells ContactPad on its own: a clicked phone number, a navigation. */
export interface HostListener {
  /** Open CTI `onClickToDial`, validated (never called without a number). */
  clickToDial(request: ClickToDialRequest): void;
  /** Open CTI `onNavigationChange`, validated. */
  navigation(context: NavigationContext): void;
}

/** Options of {@link OpenCtiHost.connect}. */
export interface OpenCtiHostOptions {
  /** The window opencti_min.js runs in (default: `window`). */
  win?: Window;
  /** How long to wait for `sforce.opencti` to appear (default 5000 ms). */
  waitMs?: number;
  /** How long a request may go unanswered before it fails (default 15000 ms). */
  requestTimeoutMs?: number;
}

/** A Lightning message service subscription (Open CTI `subscribe`). */
export interface HostSubscription {
  /** Open CTI `unsubscribe` with the subscription `subscribe` handed back. */
  unsubscribe(): Promise<void>;
}

/** A callback result as it arrives: untrusted until read through {@link OpenCtiHost}. */
type RawResult = Record<string, unknown>;

const POLL_MS = 25;

/**
 * The promise-typed bridge over Open CTI for Lightning (`sforce.opencti`): the only code in
 * ContactPad that talks to it. Every method turns the documented callback result (see
 * open-cti.ts: `{ success, returnValue, errors }`, subscribe `{ success, subscription, errors }`)
 * into a Promise; `success: false` rejects with `HOST_REQUEST_FAILED` naming each error's code
 * and description.
 */
export class OpenCtiHost {
  readonly #opencti: OpenCti;
  readonly #requestTimeoutMs: number;
  #lastNavigation: NavigationContext | undefined;

  private constructor(opencti: OpenCti, requestTimeoutMs: number) {
    this.#opencti = opencti;
    this.#requestTimeoutMs = requestTimeoutMs;
  }

  /**
   * Waits (bounded) for `window.sforce.opencti`, then registers `onNavigationChange` and
   * `onClickToDial` once. Rejects `HOST_UNAVAILABLE` when Open CTI never appears.
   */
  static async connect(listener: HostListener, options: OpenCtiHostOptions = {}): Promise<OpenCtiHost> {
    const win = options.win ?? globalThis.window;
    const waitMs = options.waitMs ?? 5000;
    const opencti = await waitForOpenCti(win, waitMs);
    const host = new OpenCtiHost(opencti, options.requestTimeoutMs ?? 15000);
    try {
      opencti.onNavigationChange({
        listener: (payload) => {
          const context = parseNavigationChange(payload);
          if (context === undefined) {
            console.warn('ContactPad: ignored a malformed Open CTI navigation change');
            return;
          }
          host.#lastNavigation = context;
          listener.navigation(context);
        },
      });
      opencti.onClickToDial({
        listener: (payload) => {
          const request = parseClickToDial(payload);
          if (request === undefined) {
            console.warn('ContactPad: ignored a click-to-dial without a phone number');
            return;
          }
          listener.clickToDial(request);
        },
      });
    } catch (error) {
      throw new ContactPadError('HOST_UNAVAILABLE', `Open CTI refused to register listeners: ${messageOf(error)}`, { cause: error });
    }
    return host;
  }

  /** The last valid `onNavigationChange` payload, if any arrived. */
  lastNavigation(): NavigationContext | undefined {
    return this.#lastNavigation;
  }

  /** Opens a record: `screenPop` with `SCREENPOP_TYPE.SOBJECT`. The screen pops and their checks are in screen-pop-requests.ts, loaded on the first pop. */
  async screenPopRecord(recordId: string): Promise<void> {
    await (await import('./screen-pop-requests.ts')).popRecord(this.#sendScreenPop, recordId);
  }

  /** Opens a prefilled new-record form: `screenPop` with `SCREENPOP_TYPE.NEW_RECORD_MODAL`. */
  async screenPopNewRecord(entityName: string, defaultFieldValues: DefaultFieldValues = {}): Promise<void> {
    await (await import('./screen-pop-requests.ts')).popNewRecord(this.#sendScreenPop, entityName, defaultFieldValues);
  }

  /** Opens the search page's Top Results: `screenPop` with `SCREENPOP_TYPE.SEARCH` (3+ characters). */
  async screenPopSearch(searchString: string): Promise<void> {
    await (await import('./screen-pop-requests.ts')).popSearch(this.#sendScreenPop, searchString);
  }

  /** Runs a screen flow: `screenPop` with `SCREENPOP_TYPE.FLOW` (`flowDevName`, `flowArgs`). */
  async screenPopFlow(flowDevName: string, flowArgs: readonly { name: string; type: string; value: string }[] = []): Promise<void> {
    await (await import('./screen-pop-requests.ts')).popFlow(this.#sendScreenPop, flowDevName, flowArgs);
  }

  /** Opens the softphone panel: `setSoftphonePanelVisibility({ visible: true })`. */
  async showPanel(): Promise<void> {
    await this.#call('setSoftphonePanelVisibility', (callback) => this.#opencti.setSoftphonePanelVisibility({ visible: true, callback }));
  }

  /** `isSoftphonePanelVisible`: whether the softphone panel is open (returnValue `{ visible }`). */
  async isPanelVisible(): Promise<boolean> {
    const value = await this.#call('isSoftphonePanelVisible', (callback) => this.#opencti.isSoftphonePanelVisible({ callback }));
    const visible = isRecord(value) ? value['visible'] : undefined;
    if (typeof visible !== 'boolean') throw refused('isSoftphonePanelVisible', 'the console answered without a visible flag');
    return visible;
  }

  /** `enableClickToDial`: phone numbers in the console become clickable. */
  async enableClickToDial(): Promise<void> {
    await this.#call('enableClickToDial', (callback) => this.#opencti.enableClickToDial({ callback }));
  }

  /** `disableClickToDial`. */
  async disableClickToDial(): Promise<void> {
    await this.#call('disableClickToDial', (callback) => this.#opencti.disableClickToDial({ callback }));
  }

  /**
   * `getCallCenterSettings`: the call center's items, flat and keyed by path
   * (`'/reqGeneralInfo/reqAdapterUrl'`, `'/ContactPad/sipServerUrl'`; Salesforce also sends the
   * `.../label` and `.../sortOrder` entries). Non-string values are dropped.
   */
  async getCallCenterSettings(): Promise<Record<string, string>> {
    const value = await this.#call('getCallCenterSettings', (callback) => this.#opencti.getCallCenterSettings({ callback }));
    if (!isRecord(value)) throw refused('getCallCenterSettings', 'the console answered without settings');
    const settings: Record<string, string> = {};
    for (const [key, item] of Object.entries(value)) {
      if (typeof item === 'string') settings[key] = item;
    }
    return settings;
  }

  /** Lightning message service `publish` on a message channel. */
  async publish(channelName: string, message: unknown): Promise<void> {
    await this.#call('publish', (callback) => this.#opencti.publish({ channelName, message, callback }));
  }

  /**
   * Lightning message service `subscribe`; the returned handle unsubscribes. The subscription is
   * read from `result.subscription`, where the guide's sample reads it
   * (https://developer.salesforce.com/docs/service/api-cti/guide/sforce-api-cti-sample-lex-message-service.html),
   * and handed back unmodified to `unsubscribe`. `success: false` rejects `HOST_REQUEST_FAILED`.
   * A success without a subscription (not documented) still resolves, since the listener is
   * registered, but its `unsubscribe` rejects saying why.
   */
  async subscribe(channelName: string, listener: (message: unknown) => void): Promise<HostSubscription> {
    const subscription = await this.#call(
      'subscribe',
      (callback) => this.#opencti.subscribe({ channelName, listener, callback }),
      (result) => result['subscription'],
    );
    if (typeof subscription !== 'object' || subscription === null) {
      console.warn(`ContactPad: Open CTI subscribe to ${channelName} succeeded without result.subscription; unsubscribing will not be possible`);
      return {
        unsubscribe: () => Promise.reject(refused('unsubscribe', `subscribe to ${channelName} answered without result.subscription`)),
      };
    }
    const handed = subscription as OpenCtiSubscription;
    return {
      unsubscribe: async () => {
        await this.#call('unsubscribe', (callback) => this.#opencti.unsubscribe({ subscription: handed, callback }));
      },
    };
  }

  readonly #sendScreenPop: ScreenPopSender = async (type, params, defaultFieldValues) => {
    const typeValue = this.#opencti.SCREENPOP_TYPE?.[type];
    if (typeof typeValue !== 'string') throw refused('screenPop', `this console does not offer SCREENPOP_TYPE.${type}`);
    await this.#call('screenPop', (callback) =>
      this.#opencti.screenPop(defaultFieldValues === undefined
        ? { type: typeValue, params, callback }
        : { type: typeValue, params, defaultFieldValues, callback }));
  };

  /**
   * Calls one Open CTI method and settles with its callback's result, bounded in time: on
   * `success: true` with what `read` takes from the result (default: `returnValue`, null when
   * absent), otherwise rejecting with the result's errors.
   */
  #call(method: string, invoke: (callback: (result: unknown) => void) => void, read: (result: RawResult) => unknown = (result) => result['returnValue'] ?? null): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = globalThis.setTimeout(() => {
        settled = true;
        reject(refused(method, `the console did not answer within ${this.#requestTimeoutMs} ms`));
      }, this.#requestTimeoutMs);
      const callback = (result: unknown): void => {
        if (settled) return;
        settled = true;
        globalThis.clearTimeout(timer);
        if (isRecord(result) && result['success'] === true) {
          resolve(read(result));
        } else {
          reject(failed(method, result));
        }
      };
      try {
        invoke(callback);
      } catch (error) {
        settled = true;
        globalThis.clearTimeout(timer);
        reject(refused(method, messageOf(error), error));
      }
    });
  }
}

async function waitForOpenCti(win: Window | undefined, waitMs: number): Promise<OpenCti> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const opencti = win?.sforce?.opencti;
    if (typeof opencti === 'object' && opencti !== null) return opencti;
    if (Date.now() >= deadline) {
      throw new ContactPadError('HOST_UNAVAILABLE', `Open CTI (sforce.opencti) did not load within ${waitMs} ms`, { detail: { waitMs } });
    }
    await new Promise((resolve) => globalThis.setTimeout(resolve, Math.min(POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}

/**
 * The rejection for a callback that did not say `success: true`. Errors are documented as
 * `[{ code, description, details }]` (Open CTI guide, "Common Error Messages for Lightning
 * Experience Methods"); two method pages name the field `error` instead of `errors`, so both are read.
 */
function failed(method: string, result: unknown): ContactPadError {
  const raw = isRecord(result) ? (Array.isArray(result['errors']) ? result['errors'] : Array.isArray(result['error']) ? result['error'] : []) : [];
  const text = (raw as unknown[]).map(errorText).filter((entry) => entry !== '').join('; ') || 'no reason given';
  return new ContactPadError('HOST_REQUEST_FAILED', `Open CTI ${method} failed: ${text}`, { detail: { method, errors: text } });
}

/** The rejection for a request refused before or while it was sent (screen-pop-requests.ts too). */
export function refused(method: string, reason: string, cause?: unknown): ContactPadError {
  return new ContactPadError('HOST_REQUEST_FAILED', `Open CTI ${method} failed: ${reason}`, cause === undefined ? { detail: { method } } : { cause, detail: { method } });
}

/**
 * `CODE: description` for a documented error object. A bare string or a `message` field is not
 * documented; their text is shown as it is, so the agent still sees a reason.
 */
function errorText(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  if (!isRecord(entry)) return '';
  const code = typeof entry['code'] === 'string' ? entry['code'] : '';
  const description = typeof entry['description'] === 'string' ? entry['description'] : typeof entry['message'] === 'string' ? entry['message'] : '';
  return code !== '' && description !== '' ? `${code}: ${description}` : code || description;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
