/**
 * The Service Cloud Voice entry (scv.js in the contactpad static resource): the connector page
 * Salesforce's Omni-Channel softphone loads in its frame calls {@link startContactPadConnector}
 * with the session, as the Open CTI page calls app/main.ts's startContactPadApp. It mounts no
 * widget: under Service Cloud Voice, Salesforce shows the calls and their controls
 * (adapter/src/scv-contactpad.ts says what else differs). A second entry rather than a switch
 * in main.js, so the Open CTI ring path carries none of it.
 */
import { startContactPadUnderScv, type ScvStartOptions } from '../adapter/src/scv-contactpad.ts';

/** Installs ContactPad's connector at once: Salesforce's SETUP_CONNECTOR may follow as soon as the page loads. */
export function startContactPadConnector(options: ScvStartOptions): void {
  startContactPadUnderScv(options);
}
