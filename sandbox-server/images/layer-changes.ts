// What one layer does to the union file system, from the entries of its
// layer tar and the paths the layers below it left. Pure.
export interface TarEntry { path: string; size: number; type: string }
export interface LayerFileChange { path: string; kind: 'A' | 'C' | 'D'; sizeBytes: number; type: string }

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

export function normalisePath(name: string): string {
  return '/' + name.replace(/^\.?\/+/, '').replace(/\/+$/, '');
}

// `below` is the set of paths visible under this layer; it is updated in
// place to the set visible above it.
export function layerChanges(entries: TarEntry[], below: Set<string>): LayerFileChange[] {
  const out: LayerFileChange[] = [];
  const removeTree = (dir: string) => {
    for (const p of below) if (p.startsWith(dir + '/')) below.delete(p);
  };
  for (const e of entries) {
    const path = normalisePath(e.path);
    if (path === '/') continue;
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash);
    const base = path.slice(slash + 1);
    if (base === OPAQUE) {
      // The directory's content below is hidden; what follows in this layer re-adds.
      for (const p of below) if (p.startsWith(dir + '/')) out.push({ path: p, kind: 'D', sizeBytes: 0, type: 'hidden' });
      removeTree(dir);
      continue;
    }
    if (base.startsWith(WHITEOUT)) {
      const gone = `${dir}/${base.slice(WHITEOUT.length)}`;
      out.push({ path: gone, kind: 'D', sizeBytes: 0, type: 'whiteout' });
      below.delete(gone);
      removeTree(gone);
      continue;
    }
    out.push({ path, kind: below.has(path) ? 'C' : 'A', sizeBytes: e.size, type: e.type });
    below.add(path);
  }
  return out;
}
