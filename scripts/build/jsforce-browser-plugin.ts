/**
 * How jsforce is bundled: the crm room imports its core (`import('jsforce/core')`,
 * adapter/src/crm/jsforce-loader.ts: jsforce's documented entry for the Connection alone,
 * core/package.json), and rollup puts it in a chunk of its own, loaded when the crm room is
 * first used or preloaded at idle. What the chunk holds (about 94 KB gzip, against 303 KB for
 * jsforce's prebuilt dist/jsforce-core.min.js, which the static resource shipped before):
 *
 * 1. jsforce's own browser map. Its package.json `browser` field swaps browser/request.js (Node's
 *    fetch, undici) and browser/registry for browser/browser/*.js. @rollup/plugin-node-resolve
 *    does not apply that map to the imports inside jsforce when jsforce is entered through
 *    core/package.json (the nearest package.json of the entry, whose `browser` is a string), and
 *    so bundled undici and node:sqlite; this plugin applies the packages' maps itself (browserMap).
 * 2. No polyfills. jsforce's browser build is Babel output with core-js 3: `core-js/modules/*`
 *    imports only install polyfills (into the globals) where a browser lacks a feature, and the
 *    `@babel/runtime-corejs3` imports are core-js's pure versions of built-ins (Object.keys,
 *    Array.prototype.filter, Promise, URL...). The browsers Salesforce supports for Lightning
 *    Experience (current Chrome, Edge, Firefox, Safari) have every one of them, so the polyfill
 *    modules are left out and the pure versions are the browser's own built-ins; Babel's helpers
 *    come from @babel/runtime (the same helpers without core-js), a dependency of jsforce too.
 * 3. Only what ContactPad's REST calls use is reached: `jsforce/core` (no Bulk, Metadata,
 *    Streaming, Tooling, SOAP APIs), tree-shaken.
 * 4. Node's modules and globals it uses (streams, events, Buffer, process.nextTick), given as
 *    the npm packages browsers use for them or small stand-ins (BUILTIN_SHIMS), as jsforce's own
 *    browser bundle does.
 *
 * Used by rollup.config.mjs and by web-test-runner (the browser tests load the same jsforce).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin } from 'rollup';

const require = createRequire(import.meta.url);
/** jsforce's package folder (node_modules/jsforce). */
const JSFORCE_DIR = dirname(require.resolve('jsforce/package.json'));

/** The folder of the package a file of node_modules belongs to (node_modules/<name> or node_modules/@scope/<name>). */
function packageRoot(file: string): string {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  return parts.slice(0, at + (parts[at + 1]?.startsWith('@') ? 3 : 2)).join(sep);
}

const browserMaps = new Map<string, Record<string, string | false>>();

/**
 * A package's package.json `browser` map, read once: which of its files to load in a browser
 * instead of others (jsforce: "./browser/request.js" -> "./browser/browser/request.js";
 * readable-stream: "./lib/internal/streams/stream.js" -> "./lib/internal/streams/stream-browser.js").
 * @rollup/plugin-node-resolve does not apply these maps to the imports inside a package entered
 * otherwise than through its own package.json (jsforce/core has a package.json of its own; the
 * npm stand-ins for Node's modules are resolved here), so this plugin does.
 */
function browserMap(root: string): Record<string, string | false> {
  let map = browserMaps.get(root);
  if (!map) {
    const browser = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { browser?: unknown }).browser;
    map = typeof browser === 'object' && browser !== null ? (browser as Record<string, string | false>) : {};
    browserMaps.set(root, map);
  }
  return map;
}

const NATIVE = '\0contactpad-native:';
const NO_POLYFILL = '\0contactpad-no-polyfill';
const BUILTIN = '\0contactpad-builtin:';
/** What jsforce's tree gets for Node's `process` global (see {@link withNodeGlobals}). */
const PROCESS_SHIM = 'contactpad:process';

/** The browser's built-in for a `core-js-stable/<path>` (or `core-js/<path>`) module of @babel/runtime-corejs3. */
export function nativeFor(path: string): string | undefined {
  const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const instance = /^instance\/([a-z-]+)$/.exec(path);
  // core-js's instance helpers return the method to call on `it` (its own, or the built-in).
  if (instance?.[1]) return `(it) => it.${camel(instance[1])}`;
  const object = /^object\/([a-z-]+)$/.exec(path);
  if (object?.[1]) return `Object.${camel(object[1])}`;
  const globals: Record<string, string> = {
    'array/from': 'Array.from',
    'array/is-array': 'Array.isArray',
    'date/now': 'Date.now',
    'json/stringify': 'JSON.stringify',
    'parse-int': 'parseInt',
    promise: 'Promise',
    'reflect/construct': 'Reflect.construct',
    set: 'Set',
    'set-interval': '(...args) => setInterval(...args)',
    'set-timeout': '(...args) => setTimeout(...args)',
    symbol: 'Symbol',
    'symbol/to-primitive': 'Symbol.toPrimitive',
    url: 'URL',
    'url-search-params': 'URLSearchParams',
    'get-iterator-method': '(it) => (it == null ? undefined : it[Symbol.iterator])',
    'global-this': 'globalThis',
  };
  return globals[path];
}

/**
 * Node's modules that jsforce (and the packages it uses) import, for the browser: `events`,
 * `stream`, `buffer` and `string_decoder` are the npm packages browsers use for them ({@link npmFor}),
 * the rest small modules here: `timers` the browser's timers, `crypto` and `querystring` what
 * jsforce's OAuth2 imports for flows ContactPad never runs (it is handed the session), which say
 * so if ever called.
 */
const BUILTIN_SHIMS: Record<string, string> = {
  // Node's process as the browser has it: no environment, nextTick as a microtask (readable-stream's use).
  process:
    'export const env = {}; export const browser = true; export const version = ""; export const versions = {}; export const platform = "browser";' +
    ' export const nextTick = (fn, ...args) => queueMicrotask(() => fn(...args)); export const emitWarning = (...args) => console.warn(...args);' +
    ' export const cwd = () => "/"; export const stdout = undefined; export const stderr = undefined;',
  // readable-stream reads util.debuglog and util.inspect.custom when there is a util: without one it does without.
  util: 'export {};',
  timers:
    'export const setTimeout = (...a) => globalThis.setTimeout(...a); export const clearTimeout = (h) => globalThis.clearTimeout(h);' +
    ' export const setImmediate = (fn, ...a) => globalThis.setTimeout(fn, 0, ...a); export const clearImmediate = (h) => globalThis.clearTimeout(h);' +
    ' export default { setTimeout, clearTimeout, setImmediate, clearImmediate };',
  crypto:
    "const none = (name) => () => { throw new Error(`crypto.${name} is not available to ContactPad's jsforce (OAuth2 flows are not used)`); };" +
    " export const createHash = none('createHash'); export const randomBytes = none('randomBytes'); export default { createHash, randomBytes };",
  querystring:
    'export const stringify = (params) => new URLSearchParams(params).toString();' +
    ' export const parse = (text) => Object.fromEntries(new URLSearchParams(text));' +
    ' export default { stringify, parse };',
};

/** Resolves `request` as Node would from inside the `from` folder (a file path), or undefined. */
function resolveFrom(from: string, request: string): string | undefined {
  try {
    return createRequire(join(from, 'noop.js')).resolve(request);
  } catch {
    return undefined;
  }
}

/**
 * The npm packages browsers use for Node's modules, found from jsforce's folder (its dependency
 * tree: readable-stream through multistream, buffer through bl) or the project's: readable-stream's
 * browser entry for `stream`, and the packages named after `events`, `buffer` and
 * `string_decoder`. Undefined for a name with a shim of its own ({@link BUILTIN_SHIMS}).
 */
function npmFor(name: string): string | undefined {
  if (name === 'stream') {
    const manifest = resolveFrom(JSFORCE_DIR, 'readable-stream/package.json');
    return manifest && join(dirname(manifest), 'readable-browser.js');
  }
  const readableStream = resolveFrom(JSFORCE_DIR, 'readable-stream/package.json');
  for (const from of [JSFORCE_DIR, readableStream ? dirname(readableStream) : JSFORCE_DIR, process.cwd()]) {
    const found = resolveFrom(from, `${name}/`);
    if (found) return found;
  }
  return undefined;
}

/** The packages of jsforce's browser build (jsforce, what it depends on, and the npm stand-ins for Node's modules): the globals below are given to these only. */
const JSFORCE_TREE = ['jsforce', ...Object.keys((JSON.parse(readFileSync(join(JSFORCE_DIR, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {}), 'readable-stream', 'string_decoder', 'xmlbuilder', 'sax', 'events', 'buffer', 'inherits', 'util-deprecate'];
const inJsforceTree = (id: string) => JSFORCE_TREE.some((name) => id.includes(`${sep}node_modules${sep}${name}${sep}`));

/**
 * Node's globals the jsforce tree uses without importing them (readable-stream's
 * `process.nextTick`, jsforce's `Buffer.from`...): an import of their stand-in is put at the top
 * of each module of the tree that uses one and does not declare it itself.
 */
function withNodeGlobals(code: string): string | null {
  const esm = /^\s*(?:import|export)\s/m.test(code);
  const declares = (name: string) => new RegExp(`\\b(?:var|let|const|function|class)\\s+${name}\\b|\\bimport\\s+(?:\\*\\s+as\\s+)?${name}\\b|\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from`).test(code);
  const lines: string[] = [];
  // A free use of the name: not a property (x.process), not a key ({ process: }), not part of a longer name; a use in a comment or a string only adds an unused import.
  const uses = (name: string) => new RegExp(`(?<![\\w$.'"])${name}(?![\\w$'":])`).test(code);
  if (uses('process') && !declares('process')) lines.push(esm ? `import * as process from '${PROCESS_SHIM}';` : `var process = require('${PROCESS_SHIM}');`);
  if (uses('Buffer') && !declares('Buffer')) lines.push(esm ? "import { Buffer } from 'buffer';" : "var Buffer = require('buffer').Buffer;");
  if (uses('global') && !declares('global')) lines.push('var global = globalThis;');
  return lines.length === 0 ? null : `${lines.join('\n')}\n${code}`;
}

/** The rollup plugin (see the file comment); put it before node-resolve. */
export function jsforceBrowserBuild(): Plugin {
  return {
    name: 'contactpad-jsforce-browser-build',
    async resolveId(source, importer) {
      if (/^core-js\/modules\//.test(source)) return NO_POLYFILL;
      if (source === PROCESS_SHIM) return `${BUILTIN}process`;
      const builtin = /^(?:node:)?(events|stream|timers|crypto|querystring|buffer|string_decoder|util)$/.exec(source)?.[1];
      if (builtin && importer?.includes(`${sep}node_modules${sep}`)) {
        if (builtin in BUILTIN_SHIMS || builtin === 'events') return `${BUILTIN}${builtin}`;
        const found = npmFor(builtin);
        if (!found) this.error(`${importer} imports Node's ${builtin}: the browser build needs its npm package (jsforce's dependency tree holds it)`);
        return found;
      }
      const runtime = /^@babel\/runtime-corejs3\/(?:(core-js-stable|core-js)\/(.+)|helpers\/([^/]+)|(regenerator))$/.exec(source);
      if (runtime) {
        if (runtime[2] !== undefined) {
          if (nativeFor(runtime[2]) === undefined) this.error(`${importer ?? 'the entry'} imports ${source}: no built-in named for it (scripts/build/jsforce-browser-plugin.ts)`);
          return `${NATIVE}${runtime[2]}`;
        }
        const plain = runtime[3] !== undefined ? `@babel/runtime/helpers/esm/${runtime[3]}` : '@babel/runtime/regenerator';
        return this.resolve(plain, importer, { skipSelf: true });
      }
      // The package's own browser map, for the relative imports inside it.
      if (!importer || !source.startsWith('.') || !inJsforceTree(importer)) return null;
      const root = packageRoot(importer);
      const target = resolve(dirname(importer), source);
      const key = `./${relative(root, target).split(sep).join('/')}`;
      const map = browserMap(root);
      const mapped = map[key] ?? map[`${key}.js`] ?? map[`${key}/index.js`];
      return typeof mapped === 'string' ? resolve(root, mapped) : null;
    },
    transform(code, id) {
      return inJsforceTree(id) ? withNodeGlobals(code) : null;
    },
    load(id) {
      if (id === NO_POLYFILL) return 'export {};';
      if (id === `${BUILTIN}events`) {
        // The events package is CommonJS (module.exports = EventEmitter, with EventEmitter.EventEmitter beside it): named for ES importers.
        const events = npmFor('events');
        if (!events) this.error("jsforce imports Node's events: the browser build needs the npm package events");
        return `import EventEmitter from ${JSON.stringify(events)}; export { EventEmitter }; export const once = EventEmitter.once; export default EventEmitter;`;
      }
      if (id.startsWith(BUILTIN)) return BUILTIN_SHIMS[id.slice(BUILTIN.length)] ?? null;
      if (!id.startsWith(NATIVE)) return null;
      return `export default ${nativeFor(id.slice(NATIVE.length))};`;
    },
  };
}

let bundled: Promise<string> | undefined;

/**
 * rollup's `manualChunks`: jsforce and what only it uses (its npm stand-ins for Node's modules,
 * the built-ins in place of core-js) in one chunk named `jsforce`; what jsforce shares with the
 * rest (rollup's CommonJS helpers, which Service Cloud Voice's connector library uses too) in a
 * small chunk of its own, `beside-jsforce`. rollup puts a manual chunk's dependencies into it:
 * with `{ jsforce: ['jsforce/core'] }` the helpers went into the jsforce chunk, and scv.js then
 * imported that chunk statically, jsforce on its ring path.
 */
export function jsforceChunk(id: string, meta: ChunkMeta): string | undefined {
  let outside = reachedOutside.get(meta.getModuleInfo);
  if (!outside) {
    outside = reachedWithoutJsforce(meta);
    reachedOutside.set(meta.getModuleInfo, outside);
  }
  const inJsforce = (module: string) => module.includes(`${sep}node_modules${sep}jsforce${sep}`) || !outside.has(module);
  if (inJsforce(id)) return 'jsforce';
  return meta.getModuleInfo(id)?.importers.some(inJsforce) ? 'beside-jsforce' : undefined;
}

/** What rollup's `manualChunks` is given beside a module's id. */
interface ChunkMeta {
  getModuleIds(): IterableIterator<string>;
  getModuleInfo(id: string): { isEntry: boolean; importers: readonly string[]; dynamicImporters: readonly string[]; importedIds: readonly string[] } | null;
}

const reachedOutside = new WeakMap<ChunkMeta['getModuleInfo'], Set<string>>();

/** The modules the build's entries and dynamic imports reach through static imports without going through jsforce's own files. */
function reachedWithoutJsforce({ getModuleIds, getModuleInfo }: ChunkMeta): Set<string> {
  const ofJsforce = (module: string) => module.includes(`${sep}node_modules${sep}jsforce${sep}`);
  const queue = [...getModuleIds()].filter((module) => {
    const info = getModuleInfo(module);
    return !ofJsforce(module) && info !== null && (info.isEntry || info.dynamicImporters.some((importer) => !ofJsforce(importer)));
  });
  const reached = new Set<string>(queue);
  while (queue.length > 0) {
    for (const next of getModuleInfo(queue.pop() as string)?.importedIds ?? []) {
      if (ofJsforce(next) || reached.has(next)) continue;
      reached.add(next);
      queue.push(next);
    }
  }
  return reached;
}

/**
 * jsforce's browser build as one ES module (jsforce/core, built with rollup.config.mjs's own
 * plugins, as the static resource's chunk), made once per process: for the tools that bundle
 * code of the crm room otherwise than with rollup (web-test-runner, the local console's esbuild
 * bundle for its rule tester).
 */
export function jsforceModuleCode(): Promise<string> {
  bundled ??= (async () => {
    const [{ rollup }, { shippingPlugins }] = await Promise.all([import('rollup'), import('./shipping-plugins.ts')]);
    const bundle = await rollup({ input: 'jsforce/core', plugins: await shippingPlugins(), onwarn: () => {} });
    try {
      return (await bundle.generate({ format: 'es', inlineDynamicImports: true })).output[0].code;
    } finally {
      await bundle.close();
    }
  })();
  return bundled;
}

/** Where web-test-runner serves jsforce's browser build to the tests (webTestRunnerJsforce). */
const TEST_JSFORCE_PATH = '/__contactpad__/jsforce-core.js';

/** A web-test-runner plugin: the browser tests import `jsforce/core` as the crm room does and get the static resource's build ({@link jsforceModuleCode}). */
export function webTestRunnerJsforce(): { name: string; serverStart(): Promise<void>; resolveImport(args: { source: string }): string | undefined; serve(context: { path: string }): { body: string; type: string } | undefined } {
  let code = '';
  return {
    name: 'contactpad-jsforce',
    async serverStart() {
      code = await jsforceModuleCode();
    },
    resolveImport: ({ source }) => (source === 'jsforce/core' ? TEST_JSFORCE_PATH : undefined),
    serve: (context) => (context.path === TEST_JSFORCE_PATH ? { body: code, type: 'js' } : undefined),
  };
}

/** An esbuild plugin: `jsforce/core` is the static resource's build ({@link jsforceModuleCode}). */
export function esbuildJsforce(): EsbuildPlugin {
  return {
    name: 'contactpad-jsforce',
    setup(build) {
      build.onResolve({ filter: /^jsforce\/core$/ }, () => ({ path: 'jsforce/core', namespace: 'contactpad-jsforce' }));
      build.onLoad({ filter: /.*/, namespace: 'contactpad-jsforce' }, async () => ({ contents: await jsforceModuleCode(), loader: 'js' }));
    },
  };
}
