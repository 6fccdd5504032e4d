import type { NextFunction, Request, Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

/** A build's content-hashed file (`main-ABCD1234.js`, `media/x-ABCD1234.woff2`): never changes under its name. */
export const HASHED_ASSET = /-[A-Z0-9]{8}\.(?:js|css|woff2|svg|png|webp)$/;

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
};
/** Text compresses; fonts and images are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.json', '.webmanifest', '.svg', '.txt', '.xml']);

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts: brotli, then gzip (a `q=0` refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

export function compress(body: Buffer, encoding: Encoding, quality: 'static' | 'dynamic'): Buffer {
  if (encoding === 'br') {
    // static files are compressed once and kept: the best ratio is worth its CPU; pages are made per request
    const level = quality === 'static' ? 11 : 5;
    return zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: level, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  }
  if (encoding === 'gzip') return zlib.gzipSync(body, { level: quality === 'static' ? 9 : 6 });
  return body;
}

/** Sends a text answer compressed as the client accepts (HTML pages, robots.txt, sitemaps). */
export function sendCompressed(req: Request, res: Response, body: string | Buffer, type: string): void {
  const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const encoding = raw.length > 512 ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
  res.setHeader('Content-Type', type);
  res.setHeader('Vary', 'Accept-Encoding');
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.end(req.method === 'HEAD' ? undefined : compress(raw, encoding, 'dynamic'));
}

interface Cached {
  mtimeMs: number;
  size: number;
  bodies: Partial<Record<Encoding, Buffer>>;
}

/**
 * Serves a built app's files: text compressed with brotli or gzip (once per file and encoding,
 * kept in memory: a build is a few MB), hashed files cached for a year as immutable, the rest
 * revalidated (ETag). Calls `next()` for what is not a file, so the caller can answer with the
 * app's page.
 */
export function staticFiles(dir: string) {
  const root = path.resolve(dir);
  const cache = new Map<string, Cached>();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    let rel: string;
    try {
      rel = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(root, path.normalize(rel));
    const ext = path.extname(file).toLowerCase();
    if (!file.startsWith(root + path.sep) || !TYPES[ext] || path.basename(file) === 'index.html') return next();
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return next();
    }
    if (!stat.isFile()) return next();

    let entry = cache.get(file);
    if (!entry || entry.mtimeMs !== stat.mtimeMs || entry.size !== stat.size) {
      entry = { mtimeMs: stat.mtimeMs, size: stat.size, bodies: { identity: fs.readFileSync(file) } };
      cache.set(file, entry);
    }
    const encoding = COMPRESSIBLE.has(ext) ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
    const body = (entry.bodies[encoding] ??= compress(entry.bodies.identity!, encoding, 'static'));

    const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
    res.setHeader('Content-Type', TYPES[ext]);
    if (COMPRESSIBLE.has(ext)) res.setHeader('Vary', 'Accept-Encoding');
    if (HASHED_ASSET.test(file)) {
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    } else {
      // a service worker must be fetched fresh to update; the rest may be reused for an hour
      res.setHeader('Cache-Control', path.basename(file) === 'sw.js' ? 'no-cache' : 'public, max-age=3600');
      res.setHeader('ETag', etag);
      if (req.headers['if-none-match'] === etag) {
        res.status(304).end();
        return;
      }
    }
    if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
    res.setHeader('Content-Length', String(body.length));
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
