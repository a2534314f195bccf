import { mkdir, rm } from 'node:fs/promises';
import type { Plugin } from 'rollup';

/**
 * A rollup plugin that empties the static resource folder before each build, so chunks from
 * an earlier build (old hashes) never ship in the contactpad static resource.
 */
export function cleanOutputDir(dir: string): Plugin {
  return {
    name: 'contactpad-clean-output',
    async buildStart() {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
    },
  };
}
