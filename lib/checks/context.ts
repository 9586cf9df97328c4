// Keeps a CheckContext up to date from what the playground sees: world
// updates from the socket, exec answers, finished build streams. Pure: each
// function returns a new context.
import type { BuildEvent, WorldUpdate } from '../protocol';
import { summarizeBuild } from './build-record';
import type { CheckContext, ExecRecord } from './types';

export function emptyContext(sessionId: string, dockerfile?: string): CheckContext {
  return { world: { sessionId, images: [], containers: [], at: new Date(0).toISOString() }, dockerfile, execs: [], builds: [], removed: [], registry: [] };
}

export function applyWorldUpdate(ctx: CheckContext, u: WorldUpdate): CheckContext {
  const w = ctx.world;
  switch (u.type) {
    case 'snapshot': {
      // Containers that vanished between snapshots were removed.
      const ids = new Set(u.snapshot.containers.map((c) => c.id));
      const gone = w.containers.filter((c) => !ids.has(c.id)).map((c) => ({ containerId: c.id, imageId: c.imageId }));
      // A snapshot may omit layers and diffs; keep the ones already known.
      const images = u.snapshot.images.map((i) => ({ ...i, layers: i.layers ?? w.images.find((o) => o.id === i.id)?.layers }));
      const containers = u.snapshot.containers.map((c) => ({ ...c, diff: c.diff ?? w.containers.find((o) => o.id === c.id)?.diff }));
      return { ...ctx, world: { ...u.snapshot, images, containers }, removed: [...(ctx.removed ?? []), ...gone] };
    }
    case 'container': {
      const old = w.containers.find((c) => c.id === u.container.id);
      const next = { ...u.container, diff: u.container.diff ?? old?.diff };
      return { ...ctx, world: { ...w, containers: old ? w.containers.map((c) => (c.id === next.id ? next : c)) : [...w.containers, next] } };
    }
    case 'container-removed': {
      const old = w.containers.find((c) => c.id === u.id);
      return {
        ...ctx,
        world: { ...w, containers: w.containers.filter((c) => c.id !== u.id) },
        removed: old ? [...(ctx.removed ?? []), { containerId: old.id, imageId: old.imageId }] : ctx.removed,
      };
    }
    case 'diff':
      return { ...ctx, world: { ...w, containers: w.containers.map((c) => (c.id === u.containerId ? { ...c, diff: u.diff } : c)) } };
    case 'image': {
      const old = w.images.find((i) => i.id === u.image.id);
      const next = { ...u.image, layers: u.image.layers ?? old?.layers };
      return { ...ctx, world: { ...w, images: old ? w.images.map((i) => (i.id === next.id ? next : i)) : [...w.images, next] } };
    }
    case 'image-removed':
      return { ...ctx, world: { ...w, images: w.images.filter((i) => i.id !== u.id) } };
    case 'registry':
      return { ...ctx, registry: [...(ctx.registry ?? []), { action: u.action, ref: u.ref, imageId: u.imageId, digest: u.digest, ok: u.ok }] };
  }
}

export function recordExec(ctx: CheckContext, e: ExecRecord): CheckContext {
  return { ...ctx, execs: [...(ctx.execs ?? []), e] };
}

export function recordBuild(ctx: CheckContext, dockerfile: string, events: BuildEvent[], tag?: string): CheckContext {
  return { ...ctx, dockerfile, builds: [...(ctx.builds ?? []), summarizeBuild(events, tag)] };
}
