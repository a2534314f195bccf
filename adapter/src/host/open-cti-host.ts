import { ContactPadError } from '../model/errors.ts';
import { parseClickToDial, type ClickToDialRequest } from './click-to-dial-request.ts';
import { parseNavigationChange, type NavigationContext } from './navigation-context.ts';
import type { DefaultFieldValues, OpenCti, OpenCtiCallback, OpenCtiErrorEntry, OpenCtiResult, OpenCtiSubscription, ScreenPopTypeName } from './open-cti.ts';
import { isSalesforceId } from './salesforce-id.ts';

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
  /** Open CTI `unsubscribe`. */
  unsubscribe(): Promise<void>;
}

const POLL_MS = 25;
/** Object API names, standard or custom (`Lead`, `Call_Log__c`, `ns__Thing__c`). */
const ENTITY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * The promise-typed bridge over Open CTI for Lightning (`sforce.opencti`): the only code in
 * ContactPad that talks to it. Every method turns the `{ success, returnValue, errors }`
 * callback into a Promise that rejects with `HOST_REQUEST_FAILED` carrying the host's errors.
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

  /** Opens a record: `screenPop` with `SCREENPOP_TYPE.SOBJECT`. */
  async screenPopRecord(recordId: string): Promise<void> {
    if (!isSalesforceId(recordId)) throw refused('screenPop', `"${recordId}" is not a Salesforce record id`);
    await this.#screenPop('SOBJECT', { recordId });
  }

  /** Opens a prefilled new-record form: `screenPop` with `SCREENPOP_TYPE.NEW_RECORD_MODAL`. */
  async screenPopNewRecord(entityName: string, defaultFieldValues: DefaultFieldValues = {}): Promise<void> {
    if (!ENTITY_NAME.test(entityName)) throw refused('screenPop', `"${entityName}" is not an object API name`);
    await this.#screenPop('NEW_RECORD_MODAL', { entityName }, { ...defaultFieldValues });
  }

  /** Opens the search page's Top Results: `screenPop` with `SCREENPOP_TYPE.SEARCH` (3+ characters). */
  async screenPopSearch(searchString: string): Promise<void> {
    const trimmed = searchString.trim();
    if (trimmed.length < 3) {
      throw refused('screenPop', `A search screen pop needs at least 3 characters; got "${trimmed}"`);
    }
    await this.#screenPop('SEARCH', { searchString: trimmed });
  }

  /**
   * Runs a screen flow: `screenPop` with `SCREENPOP_TYPE.FLOW` (`flowDevName`, `flowArgs`).
   * The flow's API name is checked before anything is sent.
   */
  async screenPopFlow(flowDevName: string, flowArgs: readonly { name: string; type: string; value: string }[] = []): Promise<void> {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(flowDevName)) {
      throw refused('screenPop', `Not a flow API name: "${flowDevName}"`);
    }
    await this.#screenPop('FLOW', { flowDevName, flowArgs: flowArgs.map((arg) => ({ name: arg.name, type: arg.type, value: arg.value })) });
  }

  /** Opens the softphone panel: `setSoftphonePanelVisibility({ visible: true })`. */
  async showPanel(): Promise<void> {
    await this.#call('setSoftphonePanelVisibility', (callback) => this.#opencti.setSoftphonePanelVisibility({ visible: true, callback }));
  }

  /** `isSoftphonePanelVisible`: whether the softphone panel is open. */
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
   * (`'/reqGeneralInfo/reqAdapterUrl'`, `'/ContactPad/sipServerUrl'`). Non-string values are dropped.
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

  /** Lightning message service `subscribe`; the returned handle unsubscribes. */
  async subscribe(channelName: string, listener: (message: unknown) => void): Promise<HostSubscription> {
    const value = await this.#call('subscribe', (callback) => this.#opencti.subscribe({ channelName, listener, callback }));
    const subscription = value as OpenCtiSubscription;
    return {
      unsubscribe: async () => {
        await this.#call('unsubscribe', (callback) => this.#opencti.unsubscribe({ subscription, callback }));
      },
    };
  }

  async #screenPop(type: ScreenPopTypeName, params: Record<string, unknown>, defaultFieldValues?: DefaultFieldValues): Promise<void> {
    const typeValue = this.#opencti.SCREENPOP_TYPE?.[type];
    if (typeof typeValue !== 'string') throw refused('screenPop', `this console does not offer SCREENPOP_TYPE.${type}`);
    await this.#call('screenPop', (callback) =>
      this.#opencti.screenPop(defaultFieldValues === undefined
        ? { type: typeValue, params, callback }
        : { type: typeValue, params, defaultFieldValues, callback }));
  }

  /** Calls one Open CTI method and settles with its callback's result, bounded in time. */
  #call(method: string, invoke: (callback: OpenCtiCallback) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const timer = globalThis.setTimeout(() => {
        settled = true;
        reject(refused(method, `the console did not answer within ${this.#requestTimeoutMs} ms`));
      }, this.#requestTimeoutMs);
      const callback: OpenCtiCallback = (result) => {
        if (settled) return;
        settled = true;
        globalThis.clearTimeout(timer);
        if (isRecord(result) && result.success === true) {
          resolve(result.returnValue ?? null);
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

function failed(method: string, result: unknown): ContactPadError {
  const errors = isRecord(result) && Array.isArray(result['errors']) ? (result['errors'] as OpenCtiErrorEntry[]) : [];
  const text = errors.map(errorText).filter((entry) => entry !== '').join('; ') || 'no reason given';
  return new ContactPadError('HOST_REQUEST_FAILED', `Open CTI ${method} failed: ${text}`, { detail: { method, errors: text } });
}

function refused(method: string, reason: string, cause?: unknown): ContactPadError {
  return new ContactPadError('HOST_REQUEST_FAILED', `Open CTI ${method} failed: ${reason}`, cause === undefined ? { detail: { method } } : { cause, detail: { method } });
}

function errorText(entry: OpenCtiErrorEntry): string {
  if (typeof entry === 'string') return entry;
  if (isRecord(entry)) {
    if (typeof entry.description === 'string') return entry.description;
    if (typeof entry.message === 'string') return entry.message;
  }
  return '';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> & Partial<OpenCtiResult> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
