/**
 * Loads jsforce's official browser build (`jsforce-core.min.js`, a UMD script that sets
 * `window.jsforce`) on demand. It is about 1 MB, so it is kept off the ring-and-answer
 * path: nothing loads it until the CRM room is first used (or `CrmConnection.preload()`).
 * We load the UMD build rather than bundling jsforce's CommonJS browser build, which would
 * need Node polyfills (events, stream, buffer) in our bundle.
 */
import type { Connection, ConnectionConfig } from 'jsforce';
import { ContactPadError } from '../model/errors.ts';

/** The part of the `window.jsforce` global ContactPad uses. */
export interface JsforceGlobal {
  readonly Connection: new (config: ConnectionConfig) => Connection;
}

const loads = new Map<string, Promise<JsforceGlobal>>();

/**
 * Resolves with `window.jsforce`, injecting `<script src=url>` once per URL. A failed load
 * is forgotten, so the next call tries again. Rejects with `CRM_UNAVAILABLE`
 * (detail `reason: 'jsforce-load-failed'`).
 */
export function loadJsforce(url: string): Promise<JsforceGlobal> {
  const loaded = readGlobal();
  if (loaded) return Promise.resolve(loaded);
  let load = loads.get(url);
  if (!load) {
    load = injectScript(url);
    loads.set(url, load);
    load.catch(() => loads.delete(url));
  }
  return load;
}

function injectScript(url: string): Promise<JsforceGlobal> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) =>
      reject(
        new ContactPadError('CRM_UNAVAILABLE', `The Salesforce client library could not be loaded (${why}).`, {
          detail: { reason: 'jsforce-load-failed', url },
        }),
      );
    if (typeof document === 'undefined') {
      fail('no document');
      return;
    }
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.addEventListener('load', () => {
      const jsforce = readGlobal();
      if (jsforce) resolve(jsforce);
      else fail('the script did not define window.jsforce');
      script.remove();
    });
    script.addEventListener('error', () => {
      fail('network error');
      script.remove();
    });
    document.head.append(script);
  });
}

function readGlobal(): JsforceGlobal | undefined {
  const candidate = (globalThis as { jsforce?: Partial<JsforceGlobal> }).jsforce;
  return typeof candidate?.Connection === 'function' ? (candidate as JsforceGlobal) : undefined;
}
