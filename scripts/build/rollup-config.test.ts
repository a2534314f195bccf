/**
 * rollup.config.mjs as the build uses it, run on small entries: what ends up in the
 * contactpad static resource, what is refused, and what the bundle-size benchmark counts
 * on the ring path (needed to ring and answer) versus lazily.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup } from 'rollup';
import type { OutputOptions, Plugin, RollupOptions } from 'rollup';
import { BRIDGE_PROTOCOL_FILE_NAME, PROJECT_ROOT } from './bundle-paths.ts';
import { BRIDGE_CHANNEL, BRIDGE_PROTOCOL_VERSION, bridgeRequest } from '../../adapter/src/host/console-bridge-protocol.ts';
import type { BridgeProtocolGlobal } from './bridge-protocol-global.ts';
import { measureBundleSize, openCtiBuild } from '../bench/bundle-size.ts';

// A path next to the real entry (so bare imports resolve from the project's node_modules); served from memory.
const ENTRY = join(PROJECT_ROOT, 'app', '__rollup-config-test-entry__.ts');

let config: RollupOptions;
let outDir: string;

function entryFrom(code: string): Plugin {
  return {
    name: 'test-entry',
    resolveId: (id) => (id === ENTRY ? ENTRY : null),
    load: (id) => (id === ENTRY ? code : null),
  };
}

/** Builds `code` as main.js with the project's plugins, minus the one that empties the real static resource. */
async function build(code: string, dir?: string): Promise<Map<string, string>> {
  const plugins = (config.plugins as Plugin[]).filter((plugin) => plugin.name !== 'contactpad-clean-output');
  const bundle = await rollup({ ...config, input: { main: ENTRY }, plugins: [entryFrom(code), ...plugins] });
  try {
    const output = { ...(config.output as OutputOptions) };
    const { output: files } = dir === undefined ? await bundle.generate(output) : await bundle.write({ ...output, dir });
    return new Map(files.map((file) => [file.fileName, file.type === 'chunk' ? file.code : String(file.source)]));
  } finally {
    await bundle.close();
  }
}

describe('rollup.config.mjs', () => {
  before(async () => {
    config = await openCtiBuild();
    outDir = await mkdtemp(join(tmpdir(), 'contactpad-rollup-'));
  });
  after(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('refuses jsforce on the ring path: a static import of it fails the build (the crm room imports it with import())', async () => {
    await assert.rejects(build(`import { Connection } from 'jsforce/core';\nexport const c = Connection;`), /jsforce loads when first needed/);
  });

  it('accepts a type-only jsforce import, which costs nothing at run time', async () => {
    const files = await build(`import type { Connection } from 'jsforce';\nexport const c: Connection | null = null;`);
    assert.doesNotMatch(files.get('main.js') ?? '', /jsforce/);
  });

  it('fails on an import it cannot resolve instead of shipping a bare import the browser cannot load', async () => {
    await assert.rejects(build(`import 'contactpad-no-such-package';\nexport const x = 1;`), /contactpad-no-such-package/);
  });

  it('bundles Lit in production mode, minified, without source maps', async () => {
    const files = await build(`import { LitElement, html } from 'lit';\nexport class Pad extends LitElement { override render() { return html\`<p>x</p>\`; } }`);
    const main = files.get('main.js') ?? '';
    assert.match(main, /_\$litElement\$|litElementVersions/, 'Lit is inside main.js');
    assert.doesNotMatch(main, /Lit is in dev mode/);
    assert.doesNotMatch(main, /sourceMappingURL/);
    assert.ok(![...files.keys()].some((name) => name.endsWith('.map')));
    assert.ok(!main.includes('\n  '), 'minified');
  });

  it('puts jsforce (a chunk of its own, without Node or polyfill imports) and dynamic imports in lazy chunks; main.js holds what they share with it', async () => {
    await build(
      `import { html } from 'lit';\nexport const view = () => html\`<p>ring</p>\`;\nexport const later = () => Promise.all([import('libphonenumber-js'), import('lit/directives/class-map.js'), import('jsforce/core')]);`,
      outDir,
    );
    const written = (await readdir(outDir, { recursive: true })).map((name) => name.split('\\').join('/'));
    const jsforce = written.find((name) => /^chunks\/jsforce-[\w-]+\.js$/.test(name));
    assert.ok(jsforce, written.join(', '));
    const code = await readFile(join(outDir, jsforce), 'utf8');
    assert.doesNotMatch(code, /from\s*"(?!\.)[^"]*"|import\s*"(?!\.)[^"]*"/, 'no bare import (a Node module or a package) left for the browser to fail on');
    assert.doesNotMatch(code, /core-js|undici/);

    const size = await measureBundleSize({ dir: outDir });
    assert.deepEqual(size.ringPathFiles, ['main.js'], 'lit-html, shared with the lazy class-map chunk, stays in main.js: one file, one round trip');
    const classMap = await readFile(join(outDir, written.find((name) => /^chunks\/class-map-/.test(name)) ?? ''), 'utf8');
    assert.match(classMap, /from\s*"\.\.\/main\.js"/, 'the lazy chunk imports what it shares from main.js');
    assert.ok(size.ringPathBytesGzip > 0);
    assert.ok(size.lazyBytesGzip > size.ringPathBytesGzip, 'jsforce and libphonenumber-js outweigh the ring path here');
  });

  it('emits bridge-protocol.js beside main.js: a classic script that defines window.ContactPadBridgeProtocol from the TypeScript protocol', async () => {
    const files = await build(`export const x = 1;`);
    const script = files.get(BRIDGE_PROTOCOL_FILE_NAME);
    assert.ok(script, 'bridge-protocol.js is in the static resource');
    assert.doesNotMatch(script, /^\s*(import|export)\s/m, 'a classic script: no module syntax');
    assert.doesNotMatch(script, /["']use strict["']/, 'no strict-mode directive of its own (Lightning Web Security asks scripts not to set one)');
    // Run it as ltng:require does: a script whose `window` is the namespace's window.
    const win: { ContactPadBridgeProtocol?: BridgeProtocolGlobal } = {};
    new Function('window', script)(win);
    const protocol = win.ContactPadBridgeProtocol;
    assert.ok(protocol, 'the script defines ContactPadBridgeProtocol on window');
    assert.equal(protocol.version, 2, 'the version the shipped component speaks: a bump is a conscious change here');
    assert.equal(protocol.channel, BRIDGE_CHANNEL);
    assert.equal(protocol.LIMITS.text, 255);
    assert.deepEqual(protocol.parseBridgeMessage(bridgeRequest('hello', 'r-1', {})), { ok: true, message: { version: BRIDGE_PROTOCOL_VERSION, source: 'contactpad', kind: 'hello', id: 'r-1', body: {} } });
    const event = protocol.bridgeEvent('tabClosed', 'b-1', { tabId: 'ctab0', recordId: '' }, 'r-1');
    assert.deepEqual(event, { version: BRIDGE_PROTOCOL_VERSION, source: 'bridge', kind: 'tabClosed', id: 'b-1', body: { tabId: 'ctab0', recordId: '' }, replyTo: 'r-1' });
    const refused = protocol.parseBridgeMessage({ ...bridgeRequest('hello', 'r-2', {}), version: BRIDGE_PROTOCOL_VERSION + 1 });
    assert.equal(refused.ok, false);
    assert.ok(Object.isFrozen(protocol));
  });
});
