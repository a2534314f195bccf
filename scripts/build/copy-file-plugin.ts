import { readFile } from 'node:fs/promises';
import type { Plugin } from 'rollup';

/**
 * A rollup plugin that emits a prebuilt file as-is into the output folder (the ringtone and the
 * sample voicemail message into the static resource, next to main.js): shipped beside the
 * bundle, never inside it.
 */
export function copyFile(source: string, fileName: string): Plugin {
  return {
    name: 'contactpad-copy-file',
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: await readFile(source) });
    },
  };
}
