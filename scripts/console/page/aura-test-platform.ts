/**
 * For browser tests that run the shipped console bridge (aura-console-bridge.ts) in the
 * web-test-runner page, where the built static resource may not exist:
 * - the shipped bundle's files, byte for byte: web-test-runner passes every .js file it serves
 *   through esbuild (web-test-runner.config.mjs sets an esbuild target), which would reprint the
 *   controller and helper. The files are requested with the extension's dot percent-encoded
 *   (`Helper%2Ejs`): the transform does not recognise that as .js, the file server decodes it and
 *   sends the file as it is. A reprinted file (esbuild adds an inline source map) fails loudly.
 * - an ltng:require loader that defines the protocol global from the TypeScript protocol module
 *   (scripts/build/bridge-protocol-global.ts: the same code the build wraps into
 *   bridge-protocol.js) instead of running the built IIFE. The helper and controller are still
 *   the shipped files; only where the protocol object comes from differs.
 */
import { BRIDGE_PROTOCOL_FILE_NAME, defineBridgeProtocolGlobal } from '../../build/bridge-protocol-global.ts';
import type { AuraBundleSources } from './aura-runtime.ts';
import { CONSOLE_BRIDGE_BUNDLE } from './aura-console-bridge.ts';

/** The shipped bundle's folder as web-test-runner serves the project. */
export const SHIPPED_BRIDGE_BUNDLE_URL = '/force-app/main/default/aura/ContactPadConsoleBridge/';

async function rawFile(file: string): Promise<string> {
  const response = await fetch(`${SHIPPED_BRIDGE_BUNDLE_URL}${file.replace(/\.(js|cmp)$/, '%2E$1')}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`Cannot load the shipped ${file} (HTTP ${response.status}).`);
  const text = await response.text();
  if (text.includes('//# sourceMappingURL=')) throw new Error(`The test server reprinted ${file}: the test would not run the shipped file.`);
  return text;
}

/** The shipped ContactPadConsoleBridge bundle's files, as they are in force-app. */
export async function fetchShippedBridgeBundle(): Promise<AuraBundleSources> {
  const [markup, controller, helper] = await Promise.all([
    rawFile(`${CONSOLE_BRIDGE_BUNDLE}.cmp`),
    rawFile(`${CONSOLE_BRIDGE_BUNDLE}Controller.js`),
    rawFile(`${CONSOLE_BRIDGE_BUNDLE}Helper.js`),
  ]);
  return { name: CONSOLE_BRIDGE_BUNDLE, markup, controller, helper };
}

/** An ltng:require loader for bridge-protocol.js that uses the TypeScript module (see above). */
export async function loadBridgeProtocolFromTypeScript(url: string, namespaceWindow: Record<string, unknown>): Promise<void> {
  if (!url.endsWith(`/${BRIDGE_PROTOCOL_FILE_NAME}`)) throw new Error(`This test page loads only ${BRIDGE_PROTOCOL_FILE_NAME}, not ${url}`);
  defineBridgeProtocolGlobal(namespaceWindow);
}
