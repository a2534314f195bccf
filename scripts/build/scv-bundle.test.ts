/**
 * The Service Cloud Voice connector's build (rollup.config.mjs scvBuild, scv.js) and the Open CTI
 * app beside it, each built once in memory:
 * - scv.js holds Salesforce's connector base exactly once: the base checks each result with
 *   `instanceof` against its own classes, so a second copy would refuse ContactPad's results;
 * - main.js (Open CTI) holds none of it, nor any of the Service Cloud Voice host.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rollup, type OutputChunk, type RollupOptions } from 'rollup';
import { PROJECT_ROOT } from './bundle-paths.ts';
import { buildApp } from '../bench/bundle-size.ts';

const BASE_PACKAGE = 'node_modules/@salesforce/scv-connector-base/';
/** A line of the base's own code (baseConnector.js dispatchError), as it reads in its build. */
const BASE_SENTINEL = 'SCV dispatched error';

/** A module's path from the project (node_modules' from its own folder: a worktree's node_modules may be a link to another checkout's). */
const fromRoot = (id: string): string => {
  if (id.startsWith('\0')) return id; // rollup's virtual modules (CommonJS wrappers)
  const path = relative(PROJECT_ROOT, id).split(sep).join('/');
  const inModules = path.indexOf('node_modules/');
  return inModules > 0 ? path.slice(inModules) : path;
};

async function buildScv(): Promise<OutputChunk[]> {
  const { scvBuild } = (await import(pathToFileURL(join(PROJECT_ROOT, 'rollup.config.mjs')).href)) as { scvBuild: RollupOptions };
  const bundle = await rollup({ ...scvBuild, onwarn: () => {} });
  try {
    const { output } = await bundle.generate(scvBuild.output as Parameters<typeof bundle.generate>[0]);
    return output.filter((file): file is OutputChunk => file.type === 'chunk');
  } finally {
    await bundle.close();
  }
}

describe('the Service Cloud Voice build (scv.js)', () => {
  let scv: OutputChunk[] = [];
  let openCti: OutputChunk[] = [];

  before(async () => {
    scv = await buildScv();
    openCti = (await buildApp()).filter((file): file is OutputChunk => file.type === 'chunk');
  });

  it('holds scv-connector-base once: its one module, in one chunk, its code once', () => {
    const modules = scv.flatMap((chunk) => chunk.moduleIds.map(fromRoot).filter((id) => id.startsWith(BASE_PACKAGE)).map((id) => `${chunk.fileName}: ${id}`));
    assert.deepEqual(modules.map((entry) => entry.split(': ')[1]), [`${BASE_PACKAGE}dist/scv-connector-base.js`], modules.join('\n'));
    const copies = scv.reduce((count, chunk) => count + chunk.code.split(BASE_SENTINEL).length - 1, 0);
    assert.equal(copies, 1);
  });

  it('is its own entry, scv.js, with the connector in it', () => {
    const entry = scv.find((chunk) => chunk.isEntry);
    assert.equal(entry?.fileName, 'scv.js');
    assert.ok(scv.some((chunk) => chunk.moduleIds.map(fromRoot).includes('adapter/src/host/scv/scv-connector.ts')));
  });

  it('leaves the Open CTI app (main.js and its chunks) without the connector base or the Service Cloud Voice host', () => {
    const found = openCti.flatMap((chunk) => chunk.moduleIds.map(fromRoot).filter((id) => id.startsWith(BASE_PACKAGE) || id.startsWith('adapter/src/host/scv/') || id === 'app/scv-main.ts'));
    assert.deepEqual(found, []);
    assert.ok(!openCti.some((chunk) => chunk.code.includes(BASE_SENTINEL)));
  });
});
