/**
 * The entry of bridge-protocol.js (contactpad static resource): defines
 * `window.ContactPadBridgeProtocol` when the script runs (see bridge-protocol-global.ts).
 * Bundled by emit-iife-plugin.ts as a classic script with no "use strict" directive of its own:
 * Lightning Web Security asks third-party scripts not to set strict mode explicitly, since it
 * "interferes with LWS" when the script writes to the global object
 * (developer.salesforce.com/docs/platform/lightning-components-security/guide/lws-js.html).
 */
import { defineBridgeProtocolGlobal } from './bridge-protocol-global.ts';

defineBridgeProtocolGlobal(window);
