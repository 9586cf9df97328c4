// Folds the playground's own reports (lib/checks/live.ts, the ones lesson
// checks hear) into what a class wants to know about a learner, so mounting
// <Playground onReport> in a class page is one line: fold, then hand the
// state to useClassroomReporter. Pure.
import type { BuildEvent, WorldSnapshot } from '../protocol';
import type { PlaygroundReport } from '../checks/live';
import { applyWorldUpdate } from '../world/world-update';
import { compactLayer, type CompactLayer, type LastBuild, type Progress } from './messages';

export interface LearnerState {
  dockerfile: string;
  lastBuild: LastBuild;
  layers: CompactLayer[];
  runningContainers: number;
  progress?: Progress;
}

export interface ReportFold {
  state: LearnerState;
  world: WorldSnapshot | null;
  // The image of the last successful build: only its history counts.
  imageId: string | null;
}

export function emptyFold(dockerfile = ''): ReportFold {
  return { state: { dockerfile, lastBuild: null, layers: [], runningContainers: 0 }, world: null, imageId: null };
}

function lastBuildOf(events: BuildEvent[], at: string): { build: LastBuild; imageId: string | null } | null {
  const end = [...events].reverse().find((e) => e.type === 'done' || e.type === 'error');
  if (!end) return null;
  if (end.type === 'done') return { build: { ok: true, imageId: end.imageId, at }, imageId: end.imageId };
  if (end.type !== 'error') return null;
  const stepLine = events.find((e): e is Extract<BuildEvent, { type: 'step' }> => e.type === 'step' && e.index === end.index)?.line;
  const line = end.line ?? stepLine;
  return { build: { ok: false, ...(line ? { line } : {}), message: end.message.slice(0, 2000), at }, imageId: null };
}

export function foldPlaygroundReport(f: ReportFold, r: PlaygroundReport, at: string): ReportFold {
  switch (r.kind) {
    case 'dockerfile':
      return { ...f, state: { ...f.state, dockerfile: r.text } };
    case 'build': {
      const end = lastBuildOf(r.events, at);
      if (!end) return { ...f, state: { ...f.state, dockerfile: r.dockerfile } };
      // A failed build leaves the last image (and its layers) as they were.
      return {
        ...f,
        imageId: end.imageId ?? f.imageId,
        state: { ...f.state, dockerfile: r.dockerfile, lastBuild: end.build, ...(end.imageId && end.imageId !== f.imageId ? { layers: [] } : {}) },
      };
    }
    case 'layers':
      if (r.imageId !== f.imageId) return f;
      return { ...f, state: { ...f.state, layers: r.layers.map(compactLayer) } };
    case 'world': {
      const world = applyWorldUpdate(f.world, r.update);
      return { ...f, world, state: { ...f.state, runningContainers: world?.containers.filter((c) => c.state === 'running').length ?? 0 } };
    }
    default:
      return f;
  }
}
