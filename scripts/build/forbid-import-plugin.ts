import type { OutputChunk, Plugin } from 'rollup';

/**
 * A rollup plugin that fails the build when any module of `packages` ends up on the ring path:
 * in main.js or a chunk main.js imports statically (what the browser loads before ContactPad
 * can ring). jsforce is the case: the crm room imports it with a dynamic `import()`
 * (crm/jsforce-loader.ts), which puts it in a chunk of its own, loaded when first needed; a
 * static import anywhere on the ring path would pull it into the first download.
 * scripts/build/ring-path.test.ts checks the same on a real build.
 */
export function forbidOnRingPath(packages: readonly string[], reason: string): Plugin {
  const inPackage = (id: string) => packages.some((name) => id.includes(`/node_modules/${name}/`));
  return {
    name: 'contactpad-forbid-on-ring-path',
    generateBundle(_options, bundle) {
      const chunks = new Map(Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? [[file.fileName, file] as const] : [])));
      const queue: OutputChunk[] = [...chunks.values()].filter((chunk) => chunk.isEntry);
      const seen = new Set<string>();
      while (queue.length > 0) {
        const chunk = queue.shift() as OutputChunk;
        if (seen.has(chunk.fileName)) continue;
        seen.add(chunk.fileName);
        const found = Object.keys(chunk.modules).find(inPackage);
        if (found) this.error(`${chunk.fileName} (on the ring path) holds ${found}: ${reason}`);
        for (const imported of chunk.imports) {
          const next = chunks.get(imported);
          if (next) queue.push(next);
        }
      }
    },
  };
}
