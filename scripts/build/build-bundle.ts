import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BRIDGE_PROTOCOL_JS, JSFORCE_FILE_NAME, MAIN_JS, PROJECT_ROOT, STATIC_RESOURCE_DIR } from './bundle-paths.ts';

const run = promisify(execFile);

/** Builds the contactpad static resource, as `npm run build` does (`rollup -c rollup.config.mjs`). */
export async function buildBundle(): Promise<void> {
  const rollupBin = join(PROJECT_ROOT, 'node_modules', 'rollup', 'dist', 'bin', 'rollup');
  await run(process.execPath, [rollupBin, '-c', 'rollup.config.mjs', '--silent'], { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 });
}

/** Builds the contactpad static resource unless main.js, jsforce and bridge-protocol.js are already in it. */
export async function ensureBundle(): Promise<void> {
  if (existsSync(MAIN_JS) && existsSync(join(STATIC_RESOURCE_DIR, JSFORCE_FILE_NAME)) && existsSync(BRIDGE_PROTOCOL_JS)) return;
  await buildBundle();
}
