/**
 * Bundle-size benchmark: the gzipped size of the JavaScript an agent's browser must load before
 * ContactPad can ring and answer (main.js of the contactpad static resource and every chunk it
 * reaches through STATIC imports), against what loads later (dynamic-import chunks, jsforce's
 * among them, which the crm room loads when first needed).
 *
 * Run: `node scripts/bench/bundle-size.ts` (builds into a temporary folder, prints the figures),
 * or `node scripts/bench/bundle-size.ts --dir <static resource folder>` to measure an existing build.
 * The build (buildApp) and the ring path (staticallyReachable) also serve
 * scripts/build/ring-path.test.ts, which checks what the ring path holds.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync, constants as zlib } from 'node:zlib';
import { rollup } from 'rollup';
import type { OutputOptions, Plugin, RollupOptions, RollupOutput } from 'rollup';
import { parseAst } from 'rollup/parseAst';
import { PROJECT_ROOT } from '../build/bundle-paths.ts';
import { shippingPlugins } from '../build/shipping-plugins.ts';

/** The figures `npm run bench` reports for the bundle. */
export interface BundleSize {
  /** gzip -9 bytes of main.js plus every chunk reachable from it by static imports. */
  readonly ringPathBytesGzip: number;
  /** Those files, relative to the static resource folder, main.js first. */
  readonly ringPathFiles: string[];
  /** gzip -9 bytes of every other .js file in the static resource (dynamic chunks, jsforce). */
  readonly lazyBytesGzip: number;
}

/** Options: measure an existing static resource folder instead of building a fresh one. */
export interface MeasureBundleSizeOptions {
  readonly dir?: string;
}

/**
 * Measures the bundle. Without `dir` it builds with rollup.config.mjs into a temporary folder
 * (the committed-to-gitignore static resource folder is left untouched) and measures that.
 */
export async function measureBundleSize(options: MeasureBundleSizeOptions = {}): Promise<BundleSize> {
  if (options.dir !== undefined) return measureDir(options.dir);
  const dir = await mkdtemp(join(tmpdir(), 'contactpad-bundle-'));
  try {
    await buildApp({ dir });
    return await measureDir(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * rollup.config.mjs's first build, the Open CTI app (main.js); the second, scv.js, is Service
 * Cloud Voice's connector, which no agent under Open CTI loads.
 */
export async function openCtiBuild(): Promise<RollupOptions> {
  const configUrl = pathToFileURL(join(PROJECT_ROOT, 'rollup.config.mjs')).href;
  const { default: config } = (await import(configUrl)) as { default: RollupOptions | RollupOptions[] };
  const first = Array.isArray(config) ? config[0] : config;
  if (!first) throw new Error('rollup.config.mjs exports no build');
  return first;
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Write the files there; without it the build stays in memory. */
  readonly dir?: string;
  /** Plugins to run after the config's own (to watch the build, say). */
  readonly plugins?: readonly Plugin[];
}

/**
 * Builds the app (app/main.ts) with rollup.config.mjs as `npm run build` does, except that the
 * real static resource folder is left alone: into `dir`, or in memory. Returns rollup's output
 * (each chunk with its file name, code and the source modules in it).
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<RollupOutput['output']> {
  const config = await openCtiBuild();
  // The config empties the real static resource folder at build start: not here.
  const plugins = (Array.isArray(config.plugins) ? config.plugins : []).filter(
    (plugin) => !(plugin && typeof plugin === 'object' && 'name' in plugin && plugin.name === 'contactpad-clean-output'),
  );
  const bundle = await rollup({ ...config, plugins: [...plugins, ...(options.plugins ?? [])], onwarn: () => {} });
  try {
    const output = config.output as OutputOptions;
    const { output: files } = options.dir === undefined ? await bundle.generate(output) : await bundle.write({ ...output, dir: options.dir });
    return files;
  } finally {
    await bundle.close();
  }
}

/**
 * The ring path of a build: `entry` (main.js) and every file it reaches through static imports
 * (`import ... from`, `import '...'`, `export ... from`; not `import()`), `entry` first, each
 * once. Paths are relative to the static resource folder; `codeOf` gives a file's code.
 */
export async function staticallyReachable(entry: string, codeOf: (file: string) => string | Promise<string>): Promise<string[]> {
  const ring: string[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (ring.includes(file)) continue;
    ring.push(file);
    const code = await codeOf(file);
    for (const specifier of staticImports(code)) {
      if (!specifier.startsWith('.')) continue; // a bare import would be loaded by the host, not by us
      queue.push(posix.normalize(posix.join(posix.dirname(file), specifier)));
    }
  }
  return ring;
}

async function measureDir(dir: string): Promise<BundleSize> {
  const files = (await listFiles(dir)).filter((file) => file.endsWith('.js'));
  if (!files.includes('main.js')) throw new Error(`no main.js in ${dir}: run npm run build first`);
  const ring = await staticallyReachable('main.js', (file) => readFile(join(dir, file), 'utf8'));
  let ringPathBytesGzip = 0;
  let lazyBytesGzip = 0;
  for (const file of files) {
    const size = gzipSync(await readFile(join(dir, file)), { level: zlib.Z_BEST_COMPRESSION }).byteLength;
    if (ring.includes(file)) ringPathBytesGzip += size;
    else lazyBytesGzip += size;
  }
  return { ringPathBytesGzip, ringPathFiles: ring, lazyBytesGzip };
}

/** The module specifiers of `import ... from`, `import '...'` and `export ... from` (not `import()`). */
function staticImports(code: string): string[] {
  const program = parseAst(code);
  const specifiers: string[] = [];
  for (const node of program.body) {
    if (
      (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || node.type === 'ExportNamedDeclaration') &&
      node.source &&
      typeof node.source.value === 'string'
    ) {
      specifiers.push(node.source.value);
    }
  }
  return specifiers;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

const SIP_FLOOR_ENTRY = '\0contactpad-sip-js-floor';
const TELEPHONY_DIR = join(PROJECT_ROOT, 'adapter', 'src', 'telephony');

/**
 * The floor under the ring path: sip.js alone, bundled and minified as the app is, with every
 * value ContactPad's telephony room imports from it (all of its files, lazy ones too: an upper
 * bound of what the ring path holds of sip.js). gzip -9 bytes. What the ring path weighs above
 * this is ContactPad's own code and Lit.
 */
export async function measureSipJsFloor(): Promise<number> {
  const names = new Set<string>();
  for (const file of readdirSync(TELEPHONY_DIR).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))) {
    for (const match of readFileSync(join(TELEPHONY_DIR, file), 'utf8').matchAll(/^import \{([^}]*)\} from 'sip\.js';/gm)) {
      for (const part of (match[1] ?? '').split(',')) {
        const name = part.trim();
        if (name !== '' && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  const entry = `import { ${[...names].join(', ')} } from 'sip.js';\nglobalThis.__contactPadSipJs = [${[...names].join(', ')}];\n`;
  const transform = await shippingPlugins();
  const virtualEntry: Plugin = {
    name: 'contactpad-sip-js-floor',
    resolveId: (id) => (id === SIP_FLOOR_ENTRY ? id : null),
    load: (id) => (id === SIP_FLOOR_ENTRY ? entry : null),
  };
  const bundle = await rollup({ input: SIP_FLOOR_ENTRY, plugins: [virtualEntry, ...transform], onwarn: () => {} });
  try {
    const { output } = await bundle.generate({ format: 'es' });
    const code = output.map((file) => (file.type === 'chunk' ? file.code : '')).join('');
    return gzipSync(code, { level: zlib.Z_BEST_COMPRESSION }).byteLength;
  } finally {
    await bundle.close();
  }
}

if (import.meta.main) {
  const at = process.argv.indexOf('--dir');
  const dir = at >= 0 ? process.argv[at + 1] : undefined;
  const size = await measureBundleSize(dir === undefined ? {} : { dir });
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(`ring path (main.js + static imports), gzip -9: ${size.ringPathBytesGzip} B (${kib(size.ringPathBytesGzip)})`);
  for (const file of size.ringPathFiles) console.log(`  ${file}`);
  console.log(`lazy (dynamic chunks, jsforce), gzip -9: ${size.lazyBytesGzip} B (${kib(size.lazyBytesGzip)})`);
  const floor = await measureSipJsFloor();
  console.log(`of the ring path, sip.js alone (every value the telephony room imports from it), gzip -9: ${floor} B (${kib(floor)})`);
}
