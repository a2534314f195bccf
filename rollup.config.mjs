// Builds the ContactPad bundle into the contactpad static resource (a folder static resource,
// zipped by `sf` at deploy): main.js (app/main.ts, the app entry that wires the adapter's rooms to
// the widget's mount; it holds the whole ring path, and what the lazy chunks share with it) plus
// its chunks as ES modules, jsforce among them (chunks/jsforce-*.js, loaded by the crm room when
// first needed: scripts/build/jsforce-browser-plugin.ts says how it is built), scv.js
// (app/scv-main.ts, ContactPad as a Service Cloud Voice connector: no widget; its own entry so
// that main.js's ring path carries none of it; its own jsforce chunk, chunks/scv-jsforce-*.js),
// and bridge-protocol.js: the console bridge protocol (adapter/src/host/console-bridge-protocol.ts)
// as a classic script defining window.ContactPadBridgeProtocol, which the Aura console bridge
// loads with ltng:require (scripts/build/bridge-protocol-global.ts), and ringtone.wav, the ringtone
// (scripts/build/ringtone-wav.ts made the committed app/assets/ringtone.wav; the adapter's ringer plays it),
// and voicemail-sample.wav, the sample voicemail message force-app's ContactPad Voicemail Message names
// (scripts/build/voicemail-sample-wav.ts made app/assets/voicemail-sample.wav).
// No source maps: the bundle ships to every agent's browser; nothing in it may be secret.
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';
import {
  BRIDGE_PROTOCOL_ENTRY,
  BRIDGE_PROTOCOL_FILE_NAME,
  BUNDLE_ENTRY,
  SCV_ENTRY,
  RINGTONE_FILE_NAME,
  RINGTONE_SOURCE,
  STATIC_RESOURCE_DIR,
  VOICEMAIL_SAMPLE_FILE_NAME,
  VOICEMAIL_SAMPLE_SOURCE,
} from './scripts/build/bundle-paths.ts';
import { cleanOutputDir } from './scripts/build/clean-output-plugin.ts';
import { copyFile } from './scripts/build/copy-file-plugin.ts';
import { emitIife } from './scripts/build/emit-iife-plugin.ts';
import { forbidOnRingPath } from './scripts/build/forbid-import-plugin.ts';
import { jsforceBrowserBuild, jsforceChunk } from './scripts/build/jsforce-browser-plugin.ts';

/** What turns the sources into the shipped code, fresh for each build (scripts/build/shipping-plugins.ts takes them too). */
const transform = () => [
  forbidOnRingPath(['jsforce'], 'jsforce loads when first needed: import it only with import() (adapter/src/crm/jsforce-loader.ts), or use `import type`.'),
  jsforceBrowserBuild(),
  nodeResolve({ browser: true, exportConditions: ['browser', 'production'], extensions: ['.mjs', '.js', '.ts'] }),
  commonjs(),
  esbuild({
    target: 'es2022',
    minify: true,
    sourceMap: false,
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  }),
];

/** The Open CTI app: main.js, its chunks, and the files beside them. */
/** @type {import('rollup').RollupOptions} */
const openCti = {
  input: { main: BUNDLE_ENTRY },
  output: {
    dir: STATIC_RESOURCE_DIR,
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    // jsforce and what only it uses, in one chunk named for it.
    manualChunks: jsforceChunk,
    assetFileNames: '[name][extname]',
    sourcemap: false,
  },
  preserveEntrySignatures: 'allow-extension',
  plugins: [
    cleanOutputDir(STATIC_RESOURCE_DIR),
    ...transform(),
    copyFile(RINGTONE_SOURCE, RINGTONE_FILE_NAME),
    copyFile(VOICEMAIL_SAMPLE_SOURCE, VOICEMAIL_SAMPLE_FILE_NAME),
    emitIife({ entry: BRIDGE_PROTOCOL_ENTRY, fileName: BRIDGE_PROTOCOL_FILE_NAME, target: 'es2019' }),
  ],
  onwarn(warning, warn) {
    // A bare import left unresolved would ship as `import "x"` and fail in the agent's browser.
    if (warning.code === 'UNRESOLVED_IMPORT') throw new Error(warning.message);
    // Lit and sip.js are ES modules; a circular-dependency note inside node_modules is not ours to fix.
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('/node_modules/'))) return;
    warn(warning);
  },
};

/**
 * The Service Cloud Voice connector, scv.js, built after main.js into the same folder (rollup runs
 * the builds in order; the first empties it): a build of its own, so main.js and its chunks are
 * exactly what they are without it (the ring path does not grow); its chunks are named scv-*.
 */
/** @type {import('rollup').RollupOptions} */
export const scvBuild = {
  ...openCti,
  input: { scv: SCV_ENTRY },
  output: { ...openCti.output, chunkFileNames: 'chunks/scv-[name]-[hash].js' },
  plugins: transform(),
};

export default [openCti, scvBuild];
