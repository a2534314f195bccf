import { build } from 'esbuild';
import type { Plugin } from 'rollup';

/**
 * A rollup plugin that bundles `entry` on its own (esbuild, one classic IIFE script, no imports
 * left) and emits it as `fileName` beside the bundle: bridge-protocol.js, the console bridge
 * protocol that the Aura bridge loads with ltng:require (a static resource script, not an ES
 * module). Its imports are watched, so a change to the protocol rebuilds it.
 */
export function emitIife(options: { entry: string; fileName: string; target: string }): Plugin {
  return {
    name: 'contactpad-emit-iife',
    async generateBundle() {
      const result = await build({
        entryPoints: [options.entry],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: options.target,
        minify: false,
        legalComments: 'none',
        charset: 'utf8',
        metafile: true,
        logLevel: 'silent',
        // The project's tsconfig is strict, which would make esbuild print "use strict" first:
        // Lightning Web Security asks third-party scripts not to (see bridge-protocol-iife.ts).
        tsconfigRaw: { compilerOptions: { alwaysStrict: false, strict: false } },
      });
      const output = result.outputFiles[0];
      if (!output) this.error(`esbuild produced nothing for ${options.entry}`);
      for (const input of Object.keys(result.metafile.inputs)) this.addWatchFile(input);
      this.emitFile({ type: 'asset', fileName: options.fileName, source: output.text });
    },
  };
}
