import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InputPluginOption, RollupOptions } from 'rollup';
import { PROJECT_ROOT } from './bundle-paths.ts';

/**
 * The plugins of rollup.config.mjs that turn sources into the code the static resource ships
 * (jsforce's browser build, node-resolve, CommonJS, esbuild's minify), without those that write
 * the static resource: for builds that must be made as the app is (the bench's baseline and its
 * sip.js floor, the browser tests' jsforce).
 */
export async function shippingPlugins(): Promise<InputPluginOption[]> {
  const configUrl = pathToFileURL(join(PROJECT_ROOT, 'rollup.config.mjs')).href;
  // rollup.config.mjs builds main.js first (Open CTI), then scv.js, with the same shipping plugins.
  const { default: configs } = (await import(configUrl)) as { default: RollupOptions | RollupOptions[] };
  const config = Array.isArray(configs) ? configs[0] : configs;
  return (Array.isArray(config?.plugins) ? config.plugins : []).filter(
    (plugin) => plugin && typeof plugin === 'object' && 'name' in plugin && ['contactpad-jsforce-browser-build', 'node-resolve', 'commonjs', 'esbuild'].includes(plugin.name),
  );
}
