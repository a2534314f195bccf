/**
 * Serves files from one folder (the built `contactpad` static resource, as Salesforce serves
 * `/resource/<name>/...`; force-app's Aura bundles): GET and HEAD only, a content type by extension, 404 for anything
 * missing or outside the folder (no `..`, no encoded traversal, no NUL bytes). Text files
 * (scripts, styles, markup, JSON) go gzip-compressed to a browser that accepts it
 * (`Accept-Encoding: gzip`), as Salesforce serves static resources, so that the transfer sizes a
 * browser reports (Resource Timing's encodedBodySize, what `npm run bench` counts) are those of
 * compressed files: zlib's default level (6), compressed once per file version and kept.
 */
import { createReadStream, readFileSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  // Aura markup (force-app's bundles, served to the console's Aura runtime).
  '.cmp': 'application/xml; charset=utf-8',
  '.design': 'application/xml; charset=utf-8',
};

/** The Content-Type for a file name, by extension (application/octet-stream when unknown). */
export function contentTypeFor(fileName: string): string {
  return CONTENT_TYPES[extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

/** Sends a short plain-text answer (404, 405...). */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(`${text}\n`);
}

/**
 * Resolves `relativePath` (URL-decoded, `/`-separated) inside `rootDir`, or undefined when it
 * would leave the folder (`..`, absolute paths, symlinks pointing out) or names no regular file.
 */
export function resolveInside(rootDir: string, relativePath: string): string | undefined {
  if (relativePath.includes('\0') || relativePath.includes('\\')) return undefined;
  const root = resolve(rootDir);
  const candidate = resolve(root, `.${sep}${relativePath}`);
  if (!candidate.startsWith(root + sep)) return undefined;
  try {
    const real = realpathSync(candidate);
    const realRoot = realpathSync(root);
    if (!real.startsWith(realRoot + sep)) return undefined;
    return statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Answers a GET/HEAD for `relativePath` (already URL-decoded) from `rootDir`: 200 with the
 * file, or 404.
 */
export function serveStaticFile(req: IncomingMessage, res: ServerResponse, rootDir: string, relativePath: string): void {
  const file = resolveInside(rootDir, relativePath);
  if (!file) {
    sendText(res, 404, 'Not found');
    return;
  }
  const stat = statSync(file);
  const compressed = acceptsGzip(req) && COMPRESSIBLE.has(extname(file).toLowerCase()) ? gzipped(file, stat.mtimeMs, stat.size) : undefined;
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(compressed?.byteLength ?? stat.size),
    ...(compressed ? { 'Content-Encoding': 'gzip' } : {}),
    Vary: 'Accept-Encoding',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (compressed) {
    res.end(compressed);
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Extensions served compressed to a browser that accepts gzip (text; audio and images are compressed already or gain little). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.cmp', '.design']);

/** Whether the request's Accept-Encoding takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value.split(',').some((part) => {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    if (coding.trim() !== 'gzip') return false;
    const q = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((found) => found !== undefined);
    return q === undefined || Number(q) > 0;
  });
}

const gzipCache = new Map<string, { mtimeMs: number; size: number; body: Buffer }>();

/** The file gzip-compressed, compressed again only when the file changed (a rebuild). */
function gzipped(file: string, mtimeMs: number, size: number): Buffer {
  const cached = gzipCache.get(file);
  if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.body;
  const body = gzipSync(readFileSync(file));
  gzipCache.set(file, { mtimeMs, size, body });
  return body;
}
