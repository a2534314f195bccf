import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { BRIDGE_PROTOCOL_FILE_NAME } from './bridge-protocol-global.ts';

/** The project root (where package.json, rollup.config.mjs and force-app/ live). */
export const PROJECT_ROOT: string = fileURLToPath(new URL('../../', import.meta.url));

/** The bundle's entry: the app entry (composition root) the Visualforce host page imports as main.js. */
export const BUNDLE_ENTRY: string = join(PROJECT_ROOT, 'app', 'main.ts');

/** The Service Cloud Voice entry, scv.js: the connector page Salesforce's softphone frame loads imports it instead of main.js. */
export const SCV_ENTRY: string = join(PROJECT_ROOT, 'app', 'scv-main.ts');

/**
 * The `contactpad` static resource in source format: a folder that `sf` zips at deploy
 * (force-app/main/default/staticresources/contactpad/, built, gitignored; its
 * contactpad.resource-meta.xml sits beside it and is committed).
 */
export const STATIC_RESOURCE_DIR: string = join(PROJECT_ROOT, 'force-app', 'main', 'default', 'staticresources', 'contactpad');

/** main.js inside the static resource: `URLFOR($Resource.contactpad, 'main.js')`. */
export const MAIN_JS: string = join(STATIC_RESOURCE_DIR, 'main.js');

/** The ringtone (made by ringtone-wav.ts, committed), copied as it is into the static resource. */
export const RINGTONE_SOURCE: string = join(PROJECT_ROOT, 'app', 'assets', 'ringtone.wav');

/** Its name in the static resource, next to main.js: `URLFOR($Resource.contactpad, 'ringtone.wav')` in the host page. */
export const RINGTONE_FILE_NAME = 'ringtone.wav';

/** The sample voicemail message (made by voicemail-sample-wav.ts, committed), copied as it is into the static resource. */
export const VOICEMAIL_SAMPLE_SOURCE: string = join(PROJECT_ROOT, 'app', 'assets', 'voicemail-sample.wav');

/** Its name in the static resource: force-app's sample ContactPad Voicemail Message names /resource/contactpad/voicemail-sample.wav. */
export const VOICEMAIL_SAMPLE_FILE_NAME = 'voicemail-sample.wav';

/** The entry of bridge-protocol.js (defines window.ContactPadBridgeProtocol; see bridge-protocol-global.ts). */
export const BRIDGE_PROTOCOL_ENTRY: string = join(PROJECT_ROOT, 'scripts', 'build', 'bridge-protocol-iife.ts');

/**
 * The console bridge protocol script inside the static resource, loaded by the Aura bridge:
 * `<ltng:require scripts="{!$Resource.contactpad + '/bridge-protocol.js'}"/>`.
 */
export { BRIDGE_PROTOCOL_FILE_NAME };

/** Its path in the static resource folder. */
export const BRIDGE_PROTOCOL_JS: string = join(STATIC_RESOURCE_DIR, BRIDGE_PROTOCOL_FILE_NAME);
