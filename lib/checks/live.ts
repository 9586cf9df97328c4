// What the mounted playground reports to a lesson, folded into the lesson's
// CheckContext. The playground says what happened (a world update, a layer
// history it read, a finished build, an exec answer, an edit); this reducer
// keeps the context the checks read. Pure.
import type { BuildEvent, Layer, WorldUpdate } from '../protocol';
import { applyWorldUpdate, emptyContext, recordBuild, recordExec } from './context';
import type { CheckContext, EngineFacts, ExecRecord } from './types';

export type PlaygroundReport =
  | { kind: 'world'; update: WorldUpdate }
  // World updates carry no layer lists; the playground reads histories itself.
  | { kind: 'layers'; imageId: string; layers: Layer[] }
  | { kind: 'build'; dockerfile: string; events: BuildEvent[]; tag?: string }
  | { kind: 'exec'; record: ExecRecord }
  | { kind: 'dockerfile'; text: string }
  // The session's engine (runtime, host kernel; GET /v1/sessions/:id/engine): lesson 1 compares it.
  | { kind: 'engine'; facts: EngineFacts };

// The context plus the histories read so far, by image id: a history can
// arrive before the world update that brings its image.
export interface LiveChecks { ctx: CheckContext; layers: Readonly<Record<string, Layer[]>> }

export function startLiveChecks(dockerfile?: string): LiveChecks {
  return { ctx: emptyContext('pending', dockerfile), layers: {} };
}

export function applyReport(state: LiveChecks, r: PlaygroundReport): LiveChecks {
  const { ctx, layers } = state;
  switch (r.kind) {
    case 'world':
      return { ctx: withLayers(applyWorldUpdate(ctx, r.update), layers), layers };
    case 'layers': {
      const known = { ...layers, [r.imageId]: r.layers };
      return { ctx: withLayers(ctx, known), layers: known };
    }
    case 'build': {
      // The Dockerfile the checks read stays the editor's, which may have moved on.
      const built = recordBuild(ctx, r.dockerfile, r.events, r.tag);
      return { ctx: { ...built, dockerfile: ctx.dockerfile ?? r.dockerfile }, layers };
    }
    case 'exec':
      return { ctx: recordExec(ctx, r.record), layers };
    case 'engine':
      return { ctx: { ...ctx, engine: r.facts }, layers };
    case 'dockerfile':
      return ctx.dockerfile === r.text ? state : { ctx: { ...ctx, dockerfile: r.text }, layers };
  }
}

function withLayers(ctx: CheckContext, known: Readonly<Record<string, Layer[]>>): CheckContext {
  if (!ctx.world.images.some((i) => !i.layers && known[i.id])) return ctx;
  const images = ctx.world.images.map((i) => (i.layers || !known[i.id] ? i : { ...i, layers: known[i.id] }));
  return { ...ctx, world: { ...ctx.world, images } };
}
