/**
 * The versions a problem report names (model/problem-report.ts), written here because the bundle
 * cannot read package.json: scripts/build/versions.test.ts holds them equal to package.json's and
 * to the installed sip.js's.
 */

/** ContactPad's version (package.json "version"). */
export const CONTACTPAD_VERSION = '0.1.0';

/**
 * The sip.js the bundle is built with (node_modules/sip.js/package.json "version"). Not sip.js's
 * own `version` export: 0.21.2 still says "0.21.1" there (lib/version.js LIBRARY_VERSION was not
 * bumped for the release).
 */
export const SIP_JS_VERSION = '0.21.2';
