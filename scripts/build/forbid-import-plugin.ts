import type { Plugin } from 'rollup';

/**
 * A rollup plugin that fails the build when a module imports one of `packages` at run time
 * (type-only imports are erased before rollup sees them). jsforce is the case: it is 1 MB and
 * the CRM room loads it lazily from the static resource (`crm.jsforceUrl`), off the ring path.
 */
export function forbidImports(packages: readonly string[], reason: string): Plugin {
  return {
    name: 'contactpad-forbid-imports',
    resolveId(source, importer) {
      const bare = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
      if (bare !== undefined && packages.includes(bare)) {
        this.error(`${importer ?? 'the entry'} imports "${source}": ${reason}`);
      }
      return null;
    },
  };
}
