// The world (a session's images and containers) as a reducer over the
// updates the server derives from the engine's events. Returns the same
// object when an update changes nothing, new objects otherwise.
import type { Container, Image, WorldSnapshot, WorldUpdate } from '../protocol';

// The engine's events name containers and images by full id, but lesson
// checks and learners use the 12-character form.
export function sameId(a: string, b: string): boolean {
  const x = a.replace(/^sha256:/, '');
  const y = b.replace(/^sha256:/, '');
  if (x === y) return true;
  return Math.min(x.length, y.length) >= 12 && (x.startsWith(y) || y.startsWith(x));
}

function upsert<T extends { id: string }>(items: T[], item: T, merge: (old: T, next: T) => T): T[] {
  const at = items.findIndex((i) => sameId(i.id, item.id));
  if (at < 0) return [...items, item];
  const next = items.slice();
  next[at] = merge(items[at], item);
  return next;
}

export function applyWorldUpdate(world: WorldSnapshot | null, update: WorldUpdate): WorldSnapshot | null {
  if (update.type === 'snapshot') return update.snapshot;
  // Nothing to change before the first snapshot; the client asks for one.
  if (world === null) return null;
  switch (update.type) {
    case 'container':
      // A state change carries no diff; keep the last one we saw.
      return { ...world, containers: upsert<Container>(world.containers, update.container, (old, next) => (next.diff === undefined && old.diff !== undefined ? { ...next, diff: old.diff } : next)) };
    case 'container-removed': {
      const containers = world.containers.filter((c) => !sameId(c.id, update.id));
      return containers.length === world.containers.length ? world : { ...world, containers };
    }
    case 'diff': {
      const at = world.containers.findIndex((c) => sameId(c.id, update.containerId));
      if (at < 0) return world;
      const containers = world.containers.slice();
      containers[at] = { ...containers[at], diff: update.diff };
      return { ...world, containers };
    }
    case 'image':
      return { ...world, images: upsert<Image>(world.images, update.image, (old, next) => (next.layers === undefined && old.layers !== undefined ? { ...next, layers: old.layers } : next)) };
    case 'image-removed': {
      const images = world.images.filter((i) => !sameId(i.id, update.id));
      return images.length === world.images.length ? world : { ...world, images };
    }
    // Registry traffic changes no image by itself (the engine's events do).
    case 'registry':
      return world;
  }
}
