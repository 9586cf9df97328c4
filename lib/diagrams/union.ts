// Union view: the merged file tree a container sees, each path tagged with
// the layer that provides it, as overlayfs merges them (upper hides lower; a
// whiteout in an upper layer hides the path and everything below it).
import type { DiffEntry } from '../protocol';

export interface LayerFile { path: string; kind: 'A' | 'C' | 'D'; sizeBytes?: number }
export type Source = number | 'rw';
export interface UnionEntry {
  path: string;
  name: string;
  depth: number;
  parent: string;
  source: Source | null;   // null: a directory no layer listed itself
  whiteout: boolean;
  sizeBytes?: number;
  hasChildren: boolean;
}

function norm(p: string): string {
  const s = `/${p}`.replace(/\/+/g, '/').replace(/\/$/, '');
  return s === '' ? '/' : s;
}
function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

export function unionEntries(layers: readonly (readonly LayerFile[])[], diff?: readonly DiffEntry[]): UnionEntry[] {
  const map = new Map<string, { source: Source | null; whiteout: boolean; sizeBytes?: number }>();
  const apply = (files: readonly { path: string; kind: 'A' | 'C' | 'D'; sizeBytes?: number }[], source: Source) => {
    for (const f of files) {
      const path = norm(f.path);
      if (path === '/') continue;
      if (f.kind === 'D') {
        const prefix = `${path}/`;
        for (const k of [...map.keys()]) if (k.startsWith(prefix)) map.delete(k);
        map.set(path, { source, whiteout: true });
      } else {
        map.set(path, { source, whiteout: false, sizeBytes: f.sizeBytes });
      }
    }
  };
  layers.forEach((files, i) => apply(files, i));
  if (diff) apply(diff, 'rw');
  // Every path needs its directories, even where no layer listed them.
  for (const path of [...map.keys()]) {
    for (let p = parentOf(path); p !== '/'; p = parentOf(p)) {
      if (map.has(p)) break;
      map.set(p, { source: null, whiteout: false });
    }
  }
  // Compare by segments so /bin/sh sorts right after /bin, not after /bin-x.
  const key = (p: string) => p.replace(/\//g, '\u0000');
  const paths = [...map.keys()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const withChildren = new Set(paths.map(parentOf));
  return paths.map((path) => {
    const v = map.get(path)!;
    return {
      path,
      name: path.slice(path.lastIndexOf('/') + 1),
      depth: path.split('/').length - 2,
      parent: parentOf(path),
      source: v.source,
      whiteout: v.whiteout,
      sizeBytes: v.sizeBytes,
      hasChildren: withChildren.has(path),
    };
  });
}

// Only the rows a learner has opened: a Debian base has thousands of paths.
export function visibleEntries(entries: readonly UnionEntry[], expanded: ReadonlySet<string>): UnionEntry[] {
  const shown = new Set<string>(['/']);
  const out: UnionEntry[] = [];
  for (const e of entries) {
    if (!shown.has(e.parent)) continue;
    out.push(e);
    if (e.hasChildren && expanded.has(e.path)) shown.add(e.path);
  }
  return out;
}

// Directories that lead to something the container itself wrote, so the
// learner's own changes are open on first sight.
export function pathsToChanges(entries: readonly UnionEntry[]): Set<string> {
  const open = new Set<string>();
  for (const e of entries) {
    if (e.source !== 'rw') continue;
    for (let p = e.parent; p !== '/'; p = p.slice(0, p.lastIndexOf('/')) || '/') open.add(p);
  }
  return open;
}
