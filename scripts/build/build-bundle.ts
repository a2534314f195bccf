import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BRIDGE_PROTOCOL_JS, MAIN_JS, PROJECT_ROOT } from './bundle-paths.ts';

const run = promisify(execFile);

/** Builds the contactpad static resource, as `npm run build` does (`rollup -c rollup.config.mjs`). */
export async function buildBundle(): Promise<void> {
  const rollupBin = join(PROJECT_ROOT, 'node_modules', 'rollup', 'dist', 'bin', 'rollup');
  await run(process.execPath, [rollupBin, '-c', 'rollup.config.mjs', '--silent'], { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 });
}

/** Builds the contactpad static resource unless main.js and bridge-protocol.js are already in it. */
export async function ensureBundle(): Promise<void> {
  if (existsSync(MAIN_JS) && existsSync(BRIDGE_PROTOCOL_JS)) return;
  await buildBundle();
}
