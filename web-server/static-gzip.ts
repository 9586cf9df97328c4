// Serves the build's hashed static JavaScript and CSS (/_next/static/…)
// gzipped once and kept in memory. Next.js's own handler compresses every
// response again on each request; for Monaco's 3 MB chunk that is about
// 100 ms of the web's CPU per first visit, spent while the browser waits.
// Those files never change under their name (content hashes), so one
// compressed copy per process is enough. Anything else, or a client that
// does not take gzip, goes on to Next.js.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

const TYPES: Record<string, string> = { '.js': 'application/javascript; charset=UTF-8', '.css': 'text/css; charset=UTF-8' };
const PREFIX = '/_next/static/';
// Hashed file names only: letters, digits, _ - . and folders, no "..".
const SAFE = /^[\w-]+(?:\/[\w-]+)*\.(?:js|css)$/;

export interface StaticGzip {
  /** True when the response was sent. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean;
}

export function staticGzip(distDir: string, maxEntries = 400): StaticGzip {
  const root = path.join(distDir, 'static');
  const cache = new Map<string, Buffer | null>(); // null: not a file here
  const load = (rel: string): Buffer | null => {
    if (cache.has(rel)) return cache.get(rel)!;
    let body: Buffer | null = null;
    try { body = gzipSync(fs.readFileSync(path.join(root, rel)), { level: 6 }); } catch { body = null; }
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(rel, body);
    return body;
  };
  return {
    serve(req, res, pathname) {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !pathname.startsWith(PREFIX)) return false;
      if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return false;
      const rel = pathname.slice(PREFIX.length);
      if (!SAFE.test(rel) || rel.includes('..')) return false;
      const body = load(rel);
      if (!body) return false;
      res.writeHead(200, {
        'content-type': TYPES[path.extname(rel)],
        'content-encoding': 'gzip',
        'content-length': body.length,
        'cache-control': 'public, max-age=31536000, immutable',
        vary: 'Accept-Encoding',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
      return true;
    },
  };
}
