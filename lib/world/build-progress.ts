// A build in progress as the teaching picture draws it: each step runs a
// container on the previous image, the container modifies its writable layer,
// the layer is committed. A pure reducer over build events; every change
// returns new objects (unchanged steps keep their identity) so React and D3
// can tell what moved.
import type { BuildEvent } from '../protocol';
import { isMetadataInstruction, runsContainer } from './instructions';

export type BuildPhase = 'pending' | 'run' | 'modify' | 'commit' | 'done' | 'failed';

export interface BuildStepState {
  index: number; instruction: string; line: number; endLine: number; stage: number;
  phase: BuildPhase; cached: boolean; containerId?: string; imageId?: string; output: string;
}
export interface BuildProgress {
  buildId: string; total: number; steps: BuildStepState[];
  status: 'running' | 'done' | 'failed' | 'cancelled';
  imageId?: string; tag?: string | null;
  error?: { message: string; index?: number; line?: number; code?: string };
  /** What the builder printed before its first step (e.g. its warnings). */
  preamble?: string;
}

export function startBuildProgress(buildId: string): BuildProgress {
  return { buildId, total: 0, steps: [], status: 'running' };
}

function keywordOf(instruction: string): string {
  return (instruction.trim().split(/\s+/)[0] ?? '').toUpperCase();
}

// Where a step starts: RUN starts a process; COPY/ADD write files straight
// into the writable layer; FROM and metadata steps only commit a new config.
function firstPhase(keyword: string): BuildPhase {
  if (runsContainer(keyword)) return 'run';
  if (keyword === 'COPY' || keyword === 'ADD') return 'modify';
  return 'commit';
}

function settle(step: BuildStepState): BuildStepState {
  return step.phase === 'done' || step.phase === 'failed' ? step : { ...step, phase: 'done' };
}

function updateStep(progress: BuildProgress, index: number, change: (s: BuildStepState) => BuildStepState): BuildProgress {
  const at = progress.steps.findIndex((s) => s.index === index);
  if (at < 0) return progress;
  const next = change(progress.steps[at]);
  if (next === progress.steps[at]) return progress;
  const steps = progress.steps.slice();
  steps[at] = next;
  return { ...progress, steps };
}

export function applyBuildEvent(progress: BuildProgress, event: BuildEvent): BuildProgress {
  if (progress.status !== 'running') return progress;
  switch (event.type) {
    case 'step': {
      if (progress.steps.some((s) => s.index === event.index)) return progress;
      const keyword = keywordOf(event.instruction);
      const step: BuildStepState = {
        index: event.index, instruction: event.instruction, line: event.line, endLine: event.endLine ?? event.line,
        stage: event.stage ?? 0, phase: firstPhase(keyword), cached: false, output: '',
      };
      // The engine moved on, so whatever the previous step was doing is over
      // (ARGs before FROM never commit a layer).
      return { ...progress, total: event.total, steps: [...progress.steps.map(settle), step] };
    }
    case 'container':
      return updateStep(progress, event.index, (s) => ({
        ...s, containerId: event.containerId,
        // Metadata steps commit a container that never starts.
        phase: isMetadataInstruction(keywordOf(s.instruction)) ? s.phase : 'run',
      }));
    case 'output':
      if (event.index === 0 || !progress.steps.some((s) => s.index === event.index)) {
        return { ...progress, preamble: (progress.preamble ?? '') + event.text };
      }
      return updateStep(progress, event.index, (s) => ({
        ...s, output: s.output + event.text, phase: s.phase === 'run' ? 'modify' : s.phase,
      }));
    case 'layer':
      return updateStep(progress, event.index, (s) => ({ ...s, imageId: event.imageId, cached: event.cached, phase: 'commit' }));
    case 'done':
      return { ...progress, status: 'done', imageId: event.imageId, tag: event.tag, steps: progress.steps.map(settle) };
    case 'error': {
      const error = {
        message: event.message,
        ...(event.index !== undefined ? { index: event.index } : {}),
        ...(event.line !== undefined ? { line: event.line } : {}),
        ...(event.code !== undefined ? { code: event.code } : {}),
      };
      // Without an index (a timeout, a cancel, a cut stream) the step the
      // engine was working on is the one that stopped.
      const failing = event.index ?? [...progress.steps].reverse().find((s) => s.phase !== 'done')?.index;
      const failed = failing === undefined ? progress : updateStep(progress, failing, (s) => ({ ...s, phase: 'failed' }));
      return { ...failed, status: event.code === 'cancelled' ? 'cancelled' : 'failed', error };
    }
  }
}
