/**
 * Loads jsforce on demand: its core (`jsforce/core`, the Connection every REST call of the crm
 * room goes through), which the build puts in a chunk of its own (rollup.config.mjs with
 * scripts/build/jsforce-browser-plugin.ts: jsforce's browser build without the polyfills modern
 * browsers do not need, about 72 KB gzip). It is kept off the ring-and-answer path: nothing
 * loads it until the crm room is first used, or preloaded once the phone has settled and the
 * browser is idle (adapter/src/contactpad.ts).
 */
import type { Connection, ConnectionConfig } from 'jsforce';
import { ContactPadError } from '../model/errors.ts';

/** The part of jsforce ContactPad uses. */
export interface Jsforce {
  readonly Connection: new (config: ConnectionConfig) => Connection;
}

let loading: Promise<Jsforce> | undefined;

/**
 * Resolves with jsforce, loading its chunk once. A failed load (the static resource unreachable)
 * is forgotten, so the next call tries again. Rejects with `CRM_UNAVAILABLE` (detail
 * `reason: 'jsforce-load-failed'`).
 */
export function loadJsforce(load: () => Promise<{ readonly Connection: unknown }> = () => import('jsforce/core')): Promise<Jsforce> {
  loading ??= load().then((module) => {
    if (typeof module.Connection !== 'function') throw new Error('it has no Connection');
    return { Connection: module.Connection as Jsforce['Connection'] };
  });
  return loading.catch((error: unknown) => {
    loading = undefined;
    throw new ContactPadError('CRM_UNAVAILABLE', `The Salesforce client library could not be loaded (${error instanceof Error ? error.message : String(error)}).`, {
      detail: { reason: 'jsforce-load-failed' },
      cause: error,
    });
  });
}
