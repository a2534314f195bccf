/**
 * The fake org's msw handlers: the Salesforce REST API (`/services/data/...`) and the
 * control API (`/__fake-org/...`), over one {@link FakeOrgStore}. The same handlers serve
 * the browser tests (through the web-test-runner server) and the local console.
 */
import type { HttpHandler } from 'msw';
import { createApiHandlers } from './api-handlers.ts';
import { createControlHandlers } from './control-handlers.ts';
import { FakeOrgStore } from './store.ts';

/** Today's date in UTC (`YYYY-MM-DD`), for SOQL `TODAY`. */
function utcToday(): string {
  return new Date().toISOString().slice(0, 10);
}

/** All fake org handlers over `store`: control routes first, then the REST API. */
export function createFakeOrgHandlers(store: FakeOrgStore, today: () => string = utcToday): HttpHandler[] {
  return [...createControlHandlers(store), ...createApiHandlers(store, today)];
}

export { FakeOrgStore };
