/**
 * Serves files from one folder (the built `contactpad` static resource, as Salesforce serves
 * `/resource/<name>/...`; force-app's Aura bundles): GET and HEAD only, a content type by extension, 404 for anything
 * missing or outside the folder (no `..`, no encoded traversal, no NUL bytes).
 */
import { createReadStream, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

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
  const size = statSync(file).size;
  res.writeHead(200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': String(size),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}
