/**
 * The fake org's msw handlers: the Salesforce REST API (`/services/data/...`), the Apex REST
 * classes force-app deploys (`/services/apexrest/...`) and the control API (`/__fake-org/...`),
 * over one {@link FakeOrgStore}. The same handlers serve
 * the browser tests (through the web-test-runner server) and the local console.
 */
import type { HttpHandler } from 'msw';
import { createApexRestHandlers } from './apex-rest.ts';
import { createApiHandlers } from './api-handlers.ts';
import { createControlHandlers } from './control-handlers.ts';
import { FakeOrgStore } from './store.ts';

/**
 * All fake org handlers over `store`: control routes first, then the REST API, then Apex REST. `today`
 * (`YYYY-MM-DD`, for SOQL `TODAY`) defaults to the date of each org's own clock in UTC.
 */
export function createFakeOrgHandlers(store: FakeOrgStore, today?: () => string): HttpHandler[] {
  return [...createControlHandlers(store), ...createApiHandlers(store, today), ...createApexRestHandlers(store)];
}

export { FakeOrgStore };
