/**
 * Bundles, once at start and in memory, the browser code the local console serves itself:
 * the `sforce.opencti` shim (what Salesforce serves at /support/api/68.0/lightning/opencti_min.js,
 * a classic script) and the console page's own scripts (an ES module with sip.js and lit inside).
 */
import { esbuildJsforce } from '../build/jsforce-browser-plugin.ts';
import { build, type OutputFile } from 'esbuild';
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');

/** The Open CTI shim's entry, bundled as a classic script defining `window.sforce.opencti`. */
export const OPENCTI_ENTRY = join(HERE, 'opencti', 'opencti-entry.ts');
/** The console page's entry (tabs, utility bar, customer simulator). */
export const CONSOLE_PAGE_ENTRY = join(HERE, 'page', 'console-main.ts');

/** One bundled file, ready to send. */
export interface BundledFile {
  readonly contentType: string;
  readonly body: Uint8Array;
}

/** The console's bundles: the shim, and the page's files keyed by file name (console-main.js, .map). */
export interface ConsoleBundles {
  readonly openCti: BundledFile;
  readonly page: ReadonlyMap<string, BundledFile>;
}

function asFile(output: OutputFile): BundledFile {
  const type = output.path.endsWith('.map') ? 'application/json; charset=utf-8' : 'text/javascript; charset=utf-8';
  return { contentType: type, body: output.contents };
}

function requireEntry(path: string, what: string): void {
  if (!existsSync(path)) throw new Error(`Cannot start the local console: ${what} is missing (${path}).`);
}

/** Bundles the Open CTI shim and the console page with esbuild; rejects with esbuild's messages. */
export async function bundleConsoleScripts(): Promise<ConsoleBundles> {
  requireEntry(OPENCTI_ENTRY, 'the Open CTI shim');
  requireEntry(CONSOLE_PAGE_ENTRY, 'the console page');
  const common = {
    bundle: true,
    write: false,
    platform: 'browser',
    target: 'es2022',
    tsconfig: join(ROOT, 'tsconfig.json'),
    logLevel: 'silent',
    absWorkingDir: ROOT,
  } as const;
  const [openCti, page] = await Promise.all([
    build({ ...common, entryPoints: [OPENCTI_ENTRY], format: 'iife', outfile: join(HERE, '.bundle', 'opencti_min.js') }),
    // The rule tester runs the crm room's code, which imports jsforce as the static resource builds it.
    build({ ...common, entryPoints: [CONSOLE_PAGE_ENTRY], format: 'esm', sourcemap: 'linked', outdir: join(HERE, '.bundle', 'console'), plugins: [esbuildJsforce()] }),
  ]);
  const shim = openCti.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!shim) throw new Error('esbuild produced no Open CTI shim');
  const pageFiles = new Map<string, BundledFile>();
  for (const output of page.outputFiles) pageFiles.set(basename(output.path), asFile(output));
  return { openCti: asFile(shim), page: pageFiles };
}
