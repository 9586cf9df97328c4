// Lets a page's HTML start the download of the editor's lazily loaded chunks
// (Monaco, about 800 KB gzipped) next to the page's own scripts, instead of
// after they have run. Those chunks are not among the page's script tags, so
// the initial JavaScript stays as small; the browser fetches them in
// parallel and they are ready when React renders the editor.
//
// The chunk names are content hashes, known only to the build: Next.js's
// react-loadable-manifest of the route lists the files of each next/dynamic
// import, and the editor's is the one whose JavaScript carries
// EDITOR_CHUNK_MARK. Without a production build (next dev) nothing is found
// and nothing is preloaded.
import fs from 'node:fs';
import path from 'node:path';
import { preload } from 'react-dom';
import { EDITOR_CHUNK_MARK } from '@/components/editor/chunk-mark';

const found = new Map<string, string[]>();

function readJson(file: string): unknown {
  try { return JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return null; }
}

/** The editor's chunk files (relative to /_next/) for a route folder such as `play` or `classroom/[id]/learn`. */
export function editorChunkFiles(route: string, distDir = path.join(/* turbopackIgnore: true */ process.cwd(), process.env.NEXT_DIST_DIR || '.next')): string[] {
  const key = `${distDir}\n${route}`;
  const known = found.get(key);
  if (known) return known;
  const manifest = readJson(path.join(distDir, 'server', 'app', route, 'page', 'react-loadable-manifest.json'));
  const files: string[] = [];
  if (manifest && typeof manifest === 'object') {
    for (const entry of Object.values(manifest as Record<string, { files?: unknown }>)) {
      const list = Array.isArray(entry?.files) ? entry.files.filter((f): f is string => typeof f === 'string' && /^static\/[\w/.-]+$/.test(f) && !f.includes('..')) : [];
      const marked = list.some((f) => f.endsWith('.js') && readText(path.join(distDir, f)).includes(EDITOR_CHUNK_MARK));
      if (marked) files.push(...list);
    }
  }
  found.set(key, files);
  return files;
}

function readText(file: string): string {
  try { return fs.readFileSync(file, 'utf8'); } catch { return ''; }
}

/** Call from a page's server component that renders the Dockerfile editor. */
export function preloadEditor(route: string): void {
  for (const f of editorChunkFiles(route)) {
    preload(`/_next/${f}`, { as: f.endsWith('.css') ? 'style' : 'script' });
  }
}
