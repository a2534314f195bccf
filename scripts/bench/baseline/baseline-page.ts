/**
 * The baseline page of `npm run bench`: baseline-phone.ts bundled with the app's own rollup
 * plugins and settings (node-resolve, CommonJS, esbuild's minify, from rollup.config.mjs: the
 * same as ContactPad's main.js), and a page that loads it, served over HTTP by this process
 * with the local console's static file server (static-files.ts: gzip to browsers that accept it,
 * as ContactPad's static resource is served). The page carries its SIP credential inline: it
 * fetches nothing before it registers but its own script.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { PROJECT_ROOT } from '../../build/bundle-paths.ts';
import { shippingPlugins } from '../../build/shipping-plugins.ts';
import { sendText, serveStaticFile } from '../../console/static-files.ts';
import { freeTcpPort } from '../../sip-server/free-port.ts';
import { signSipCredential } from '../../sip-server/sip-credential.ts';

/** The SIP user the baseline registers as (not agent1: both phones stay registered side by side). */
export const BASELINE_SIP_USER = 'bench-baseline';

const ENTRY = join(PROJECT_ROOT, 'scripts', 'bench', 'baseline', 'baseline-phone.ts');
const SCRIPT = 'baseline.js';

/** A running baseline page. */
export interface BaselinePage {
  /** http://127.0.0.1:<port>/ */
  readonly url: string;
  /** The script's size: minified bytes as built. */
  readonly scriptBytes: number;
  stop(): Promise<void>;
}

async function buildBaseline(dir: string): Promise<number> {
  const bundle = await rollup({ input: ENTRY, plugins: await shippingPlugins(), onwarn: () => {} });
  try {
    const { output } = await bundle.write({ dir, format: 'es', entryFileNames: SCRIPT, inlineDynamicImports: true, sourcemap: false });
    return output.reduce((bytes, file) => bytes + (file.type === 'chunk' ? Buffer.byteLength(file.code) : 0), 0);
  } finally {
    await bundle.close();
  }
}

function pageHtml(config: Record<string, string>): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Baseline phone</title>
<script type="application/json" id="baseline-config">${json}</script>
<script type="module" src="/${SCRIPT}"></script>
</head><body><main id="callers"></main></body></html>
`;
}

/** Builds the baseline and serves it on a free port of 127.0.0.1; it registers as {@link BASELINE_SIP_USER} on `wsUrl`. */
export async function startBaselinePage(options: { wsUrl: string; domain: string; sipSecret: string }): Promise<BaselinePage> {
  const dir = await mkdtemp(join(tmpdir(), 'contactpad-baseline-'));
  const scriptBytes = await buildBaseline(dir);
  const credential = signSipCredential(options.sipSecret, BASELINE_SIP_USER, Date.now() + 24 * 3600_000);
  await writeFile(
    join(dir, 'index.html'),
    pageHtml({ wsUrl: options.wsUrl, user: BASELINE_SIP_USER, domain: options.domain, username: credential.username, password: credential.password }),
  );
  const port = await freeTcpPort();
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    serveStaticFile(req, res, dir, path === '/' ? 'index.html' : decodeURIComponent(path.slice(1)));
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', () => done()));
  return {
    url: `http://127.0.0.1:${port}/`,
    scriptBytes,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
