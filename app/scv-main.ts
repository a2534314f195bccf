/**
 * The Service Cloud Voice entry (scv.js in the contactpad static resource): the connector page
 * Salesforce's Omni-Channel softphone loads in its frame calls {@link startContactPadConnector}
 * with the session, as the Open CTI page calls app/main.ts's startContactPadApp. It mounts no
 * widget: under Service Cloud Voice, Salesforce shows the calls and their controls
 * (adapter/src/scv-contactpad.ts says what else differs). A second entry rather than a switch
 * in main.js, so the Open CTI ring path carries none of it.
 */
import { startContactPadUnderScv, type ScvStartOptions } from '../adapter/src/scv-contactpad.ts';
import { CONNECTOR_PAGE_ELEMENT_ID, connectorOptionsFromPage } from './scv-page-options.ts';

/** Installs ContactPad's connector at once: Salesforce's SETUP_CONNECTOR may follow as soon as the page loads. */
export function startContactPadConnector(options: ScvStartOptions): void {
  startContactPadUnderScv(options);
}

// On the connector page of a real deployment (force-app-voice ContactPadConnector.page), scv.js
// starts itself from the page's data attributes: the page runs no inline script (its CSP allows
// none). A page that calls startContactPadConnector itself (the local console's) has no such element.
const page = typeof document === 'undefined' ? null : document.getElementById(CONNECTOR_PAGE_ELEMENT_ID);
if (page) startContactPadConnector(connectorOptionsFromPage(page.dataset, import.meta.url, window.location.origin));
