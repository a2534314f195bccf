/**
 * Makes sure the ContactPad bundle (the `contactpad` static resource that `npm run build`
 * writes with rollup) exists and is newer than its sources, so the local console serves what
 * the developer just edited. Builds only when needed, so a second start is fast.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where rollup writes the static resource (served at /resource/contactpad/). */
export const CONTACTPAD_RESOURCE_DIR = join(ROOT, 'force-app', 'main', 'default', 'staticresources', 'contactpad');

const ROLLUP_CONFIG = join(ROOT, 'rollup.config.mjs');
const SOURCE_DIRS = [join(ROOT, 'app'), join(ROOT, 'adapter', 'src'), join(ROOT, 'widget', 'src'), join(ROOT, 'scripts', 'build')];
const LOCK_DIR = join(ROOT, '.run', 'contactpad-build.lock');
const LOCK_STALE_MS = 5 * 60_000;

function newestSourceTime(dir: string): number {
  let newest = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else if (!entry.name.endsWith('.test.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Whether main.js, bridge-protocol.js (the console bridge protocol the Aura bridge loads) or
 * scv.js (the Service Cloud Voice connector) is missing, or main.js is older than a source file
 * (tests excluded), the build scripts or rollup.config.mjs. One rollup run writes them all.
 */
export function contactPadBuildIsStale(): boolean {
  const main = join(CONTACTPAD_RESOURCE_DIR, 'main.js');
  if (!existsSync(main) || !['bridge-protocol.js', 'scv.js'].every((file) => existsSync(join(CONTACTPAD_RESOURCE_DIR, file)))) return true;
  const built = statSync(main).mtimeMs;
  const sources = Math.max(
    ...SOURCE_DIRS.map(newestSourceTime),
    existsSync(ROLLUP_CONFIG) ? statSync(ROLLUP_CONFIG).mtimeMs : 0,
  );
  return sources > built;
}

function runRollup(): Promise<void> {
  const rollupBin = join(ROOT, 'node_modules', 'rollup', 'dist', 'bin', 'rollup');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [rollupBin, '-c', ROLLUP_CONFIG], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => {
      if (code === 0) done();
      else fail(new Error(`Building ContactPad (npm run build) failed with exit code ${code}:\n${output.trim().split('\n').slice(-30).join('\n')}`));
    });
  });
}

/** Takes a cross-process lock (an atomic mkdir) so two starts never run rollup into one folder at once. */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(LOCK_DIR), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - statSync(LOCK_DIR).mtimeMs > LOCK_STALE_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
      } catch {
        // released meanwhile
      }
      await new Promise((wait) => setTimeout(wait, 200));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

/**
 * Runs `rollup -c rollup.config.mjs` when the built main.js is missing or stale; does nothing
 * otherwise. Rejects with rollup's output when the build fails, or when there is no rollup
 * config to build with.
 */
export async function ensureContactPadBuilt(log: (line: string) => void = () => {}): Promise<void> {
  if (!contactPadBuildIsStale()) return;
  if (!existsSync(ROLLUP_CONFIG)) {
    throw new Error(`Cannot build ContactPad: ${ROLLUP_CONFIG} is missing, and so is an up-to-date ${join(CONTACTPAD_RESOURCE_DIR, 'main.js')}.`);
  }
  await withBuildLock(async () => {
    if (!contactPadBuildIsStale()) return; // another start built it while we waited
    log('Building ContactPad (npm run build)...');
    await runRollup();
  });
}
