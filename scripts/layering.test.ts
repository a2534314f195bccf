/**
 * The layers point one way (../shared/design/ARCHITECTURE.md, "The house"): read from the
 * import lines of the sources.
 *
 *   app/main.ts  ->  adapter/src/contactpad.ts (the rooms)  and  widget/src/main.ts (the mount)
 *   app/scv-main.ts  ->  adapter/src/scv-contactpad.ts (the rooms under Service Cloud Voice, no widget)
 *   widget/src   ->  adapter/src/store.ts only (types: the snapshot, the intents, the words in them)
 *   store.ts     ->  model (the domain words it re-exports)
 *   rooms (crm, host, telephony)  ->  model, never the store
 *   model        ->  nothing outside the model
 *
 * Tests are read too: a test imports what its module may import (plus test support).
 *
 * Test support: helpers only tests use live in adapter/test-support and widget/test-support
 * (named after what they set up or fake). Nothing under adapter/src, widget/src or app imports
 * scripts/ (the fake org and the console fakes reach tests through test-support harnesses);
 * product code never imports test support, and only tests and test support do.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Import {
  /** The importing file, relative to the project root. */
  readonly from: string;
  /** What it imports: a project path (relative to the root) for a relative import, else the bare specifier. */
  readonly to: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Every static import, re-export and dynamic import of `files`. */
function importsOf(files: readonly string[]): Import[] {
  const found: Import[] = [];
  const specifiers = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const file of files) {
    const text = readFileSync(join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const match of text.matchAll(specifiers)) {
      const specifier = (match[1] ?? match[2])!;
      const to = specifier.startsWith('.') ? relative(ROOT, resolve(dirname(join(ROOT, file)), specifier)).split(sep).join('/') : specifier;
      found.push({ from: file, to });
    }
  }
  return found;
}

const shown = (imports: readonly Import[]) => imports.map(({ from, to }) => `${from} -> ${to}`);

/** Where the project's TypeScript lives. */
const PROJECT_DIRS = ['adapter', 'widget', 'app', 'scripts', 'e2e'];
/** Files nothing imports: the bundle's entries (rollup.config.mjs builds main.js and scv.js from them). */
const ENTRY_POINTS = ['app/main.ts', 'app/scv-main.ts'];

/** A test-support folder: helpers only tests use (adapter/test-support, widget/test-support). */
const isTestSupport = (file: string) => /(^|\/)test-support\//.test(file);
/** A test: a *.test.ts (Node's or the browser's), a *.browser-test.ts (scripts/' browser tests) or a fault of the fault suite (scripts/faults/*.fault.ts). */
const isTest = (file: string) => /\.(test|browser-test|fault)\.ts$/.test(file);
/** The bench (`npm run bench`): it drives the real parts as the tests do, with their peers (a SIP client, SDP bodies). */
const isBench = (file: string) => file.startsWith('scripts/bench/');
/** Code that runs only in tests (or the bench). */
const isTestCode = (file: string) => isTest(file) || isTestSupport(file) || isBench(file);

describe('the layers point one way', () => {
  it('reads the imports it means to (a re-export, a dynamic import, a type import)', () => {
    const store = importsOf(['adapter/src/store.ts']).map((i) => i.to);
    assert.ok(store.includes('adapter/src/model/interaction-action.ts'), store.join(', '));
    assert.ok(store.includes('adapter/src/intents.ts'), 'the re-export of the intents');
    assert.ok(importsOf(['adapter/src/contactpad.ts']).some((i) => i.to === 'adapter/src/host/console-bridge.ts'), 'the dynamic import of the console bridge');
  });

  it('the model, the rooms (crm, host, telephony) never import the store: domain words live in the model', () => {
    const files = ['model', 'crm', 'host', 'telephony'].flatMap((room) => tsFiles(`adapter/src/${room}`));
    assert.deepEqual(shown(importsOf(files).filter((i) => i.to === 'adapter/src/store.ts')), []);
  });

  it('the model imports nothing outside the model (no room, no switchboard, no library)', () => {
    const outside = importsOf(tsFiles('adapter/src/model').filter((file) => !file.endsWith('.test.ts'))).filter((i) => !i.to.startsWith('adapter/src/model/'));
    assert.deepEqual(shown(outside), []);
  });

  it('the widget sees the adapter only through the store (its tests and test support also through the adapter\'s test support)', () => {
    const files = [...tsFiles('widget/src'), ...tsFiles('widget/test-support')];
    const adapter = importsOf(files).filter((i) => i.to.startsWith('adapter/'));
    assert.ok(adapter.length > 0);
    const allowed = (i: Import) => i.to === 'adapter/src/store.ts' || (isTestCode(i.from) && i.to.startsWith('adapter/test-support/'));
    assert.deepEqual(shown(adapter.filter((i) => !allowed(i))), []);
  });

  it('the adapter never imports the widget or the app entry (rendering lives in widget/, the wiring in app/)', () => {
    const up = importsOf(tsFiles('adapter/src')).filter((i) => i.to.startsWith('widget/') || i.to.startsWith('app/'));
    assert.deepEqual(shown(up), []);
  });

  it('nothing under adapter/src, widget/src or app imports scripts/ (tests reach the fakes through the test-support folders)', () => {
    const files = [...tsFiles('adapter/src'), ...tsFiles('widget/src'), ...tsFiles('app')];
    assert.deepEqual(shown(importsOf(files).filter((i) => i.to.startsWith('scripts/'))), []);
  });

  it('product code (adapter/src, widget/src, app, not *.test.ts) never imports a test-support folder', () => {
    const product = [...tsFiles('adapter/src'), ...tsFiles('widget/src'), ...tsFiles('app')].filter((file) => !isTest(file));
    assert.deepEqual(shown(importsOf(product).filter((i) => isTestSupport(i.to))), []);
  });

  it('only tests and test support import test support', () => {
    const imports = importsOf(PROJECT_DIRS.flatMap(tsFiles)).filter((i) => isTestSupport(i.to));
    assert.ok(imports.length > 0);
    assert.deepEqual(shown(imports.filter((i) => !isTestCode(i.from))), []);
  });

  it('a helper only tests use lives in a test-support folder, not among the product files', () => {
    const importers = new Map<string, string[]>();
    for (const { from, to } of importsOf(PROJECT_DIRS.flatMap(tsFiles))) importers.set(to, [...(importers.get(to) ?? []), from]);
    const product = [...tsFiles('adapter/src'), ...tsFiles('widget/src'), ...tsFiles('app')].filter((file) => !isTest(file) && !ENTRY_POINTS.includes(file));
    const testOnly = product.filter((file) => (importers.get(file) ?? []).every(isTestCode));
    assert.deepEqual(testOnly.map((file) => `${file} <- ${(importers.get(file) ?? ['nothing']).join(', ')}`), []);
  });

  it('the app entry wires the rooms to the widget\'s mount, and nothing else', () => {
    const app = importsOf(['app/main.ts']).map((i) => i.to);
    assert.deepEqual(app.sort(), ['adapter/src/contactpad.ts', 'widget/src/main.ts']);
  });

  it('the Service Cloud Voice entry starts the rooms under Salesforce\'s softphone (with what its connector page hands over) and mounts no widget', () => {
    assert.deepEqual(importsOf(['app/scv-main.ts']).map((i) => i.to).sort(), ['adapter/src/scv-contactpad.ts', 'app/scv-page-options.ts']);
  });

  it('in the product, only host/scv/scv-base.ts imports Salesforce\'s connector base (one typed wrapper, one copy; the tests\' and the console\'s stand-ins for Salesforce read its constants)', () => {
    const product = [...tsFiles('adapter/src'), ...tsFiles('widget/src'), ...tsFiles('app')].filter((file) => !isTest(file));
    const importers = importsOf(product).filter((i) => i.to.startsWith('@salesforce/scv-connector-base'));
    assert.deepEqual(shown(importers), ['adapter/src/host/scv/scv-base.ts -> @salesforce/scv-connector-base']);
  });
});
