// Build timeline: one row per Dockerfile step, each step's run → modify →
// commit phases coloured by the build events the engine actually sent.
import { runsContainer, type BuildProgress, type BuildStepState } from '../world/reducer';
import { fitText, shortId } from './text';

export type PhaseName = 'run' | 'modify' | 'commit';
export type PhaseState = 'todo' | 'active' | 'done' | 'skipped' | 'failed' | 'na';
export const PHASES: readonly PhaseName[] = ['run', 'modify', 'commit'];

export interface TimelinePhase { name: PhaseName; state: PhaseState; x: number; width: number; label: string }
export interface TimelineRow {
  key: string;
  index: number;
  y: number; height: number;
  label: string;
  line: number;
  cached: boolean;
  phase: BuildStepState['phase'];
  phases: TimelinePhase[];
  ariaLabel: string;
}
export interface TimelineAttrs { rows: TimelineRow[]; height: number; width: number; labelWidth: number }

// Which phases a step has at all: only RUN starts a process; RUN, COPY and
// ADD write files; every step but FROM commits (FROM just picks the image).
export function phasesThatApply(instruction: string): Record<PhaseName, boolean> {
  const k = (instruction.trim().split(/\s+/)[0] ?? '').toUpperCase();
  return { run: runsContainer(k), modify: runsContainer(k) || k === 'COPY' || k === 'ADD', commit: k !== 'FROM' };
}

function rawStates(step: BuildStepState): Record<PhaseName, PhaseState> {
  switch (step.phase) {
    case 'pending': return { run: 'todo', modify: 'todo', commit: 'todo' };
    case 'run': return { run: 'active', modify: 'todo', commit: 'todo' };
    case 'modify': return { run: 'done', modify: 'active', commit: 'todo' };
    case 'commit': return { run: 'done', modify: 'done', commit: 'active' };
    case 'done': return step.cached
      ? { run: 'skipped', modify: 'skipped', commit: 'done' }
      : { run: 'done', modify: 'done', commit: 'done' };
    case 'failed': return { run: 'todo', modify: 'todo', commit: 'todo' }; // placed by phaseStates
  }
}

export function phaseStates(step: BuildStepState): Record<PhaseName, PhaseState> {
  const raw = rawStates(step);
  const applies = phasesThatApply(step.instruction);
  const out = { ...raw };
  for (const p of PHASES) if (!applies[p]) out[p] = 'na';
  if (step.phase === 'failed') {
    // A step that got a container or printed output got past "run".
    const started = Boolean(step.containerId || step.output);
    const order = PHASES.filter((p) => applies[p] && !(p === 'run' && started));
    const at = order[0] ?? 'commit';
    for (const p of PHASES) if (applies[p] && PHASES.indexOf(p) < PHASES.indexOf(at)) out[p] = 'done';
    out[at] = 'failed';
  }
  return out;
}

const PHASE_WORD: Record<PhaseState, string> = {
  todo: 'waiting', active: 'in progress', done: 'done', skipped: 'skipped (cache)', failed: 'failed', na: 'not needed',
};

export function buildTimelineAttrs(progress: BuildProgress | null, opts: { width: number; rowHeight?: number; fontPx?: number }): TimelineAttrs {
  const { width, rowHeight = 34, fontPx = 14 } = opts;
  const steps = progress?.steps ?? [];
  const phaseArea = Math.min(300, Math.max(150, width * 0.42));
  const labelWidth = Math.max(60, width - phaseArea - 8);
  const phaseWidth = phaseArea / 3;
  const rows = steps.map((step, i): TimelineRow => {
    const states = phaseStates(step);
    const phases = PHASES.map((name, k): TimelinePhase => ({
      name,
      state: states[name],
      x: labelWidth + 8 + k * phaseWidth,
      width: phaseWidth - 4,
      label: states[name] === 'na' ? '–' : name === 'commit' && step.cached && step.phase === 'done' ? 'cache' : name,
    }));
    const text = `${step.index}. ${step.instruction}`;
    const committed = step.imageId ? `, layer ${shortId(step.imageId)}` : '';
    return {
      key: `${progress?.buildId}:${step.index}`,
      index: step.index,
      y: i * rowHeight, height: rowHeight - 6,
      label: fitText(text, labelWidth - 8, fontPx),
      line: step.line,
      cached: step.cached,
      phase: step.phase,
      phases,
      ariaLabel: `Step ${step.index} of ${progress?.total ?? steps.length}: ${step.instruction}. `
        + PHASES.map((p) => `${p} ${PHASE_WORD[states[p]]}`).join(', ') + committed,
    };
  });
  return { rows, height: rows.length * rowHeight, width, labelWidth };
}

// The picture of the current step, as the seed draws `docker build`: the
// image so far, with the step's intermediate container on top while it runs
// and modifies, and the frozen layer once the engine has committed it.
export interface BuildScene {
  committed: { key: string; label: string; cached: boolean }[];
  container: null | { key: string; label: string; state: 'run' | 'modify' | 'commit' | 'failed' };
  caption: string;
}

export function buildSceneAttrs(progress: BuildProgress | null): BuildScene {
  if (!progress || progress.steps.length === 0) return { committed: [], container: null, caption: 'No build yet.' };
  const committed = progress.steps
    .filter((s) => s.phase === 'done' && s.imageId)
    .map((s) => ({ key: `${progress.buildId}:${s.index}`, label: `${s.instruction.split(/\s+/)[0]} ${shortId(s.imageId!).slice(0, 8)}`, cached: s.cached }));
  const active = progress.steps.find((s) => s.phase === 'run' || s.phase === 'modify' || s.phase === 'commit' || s.phase === 'failed');
  if (!active) {
    const caption = progress.status === 'done'
      ? `Built ${progress.tag ?? shortId(progress.imageId ?? '')}: ${committed.length} steps committed.`
      : progress.status === 'cancelled' ? 'Build cancelled.' : 'Waiting for the engine…';
    return { committed, container: null, caption };
  }
  const word = active.instruction.split(/\s+/)[0];
  const cid = active.containerId ? shortId(active.containerId) : '';
  const cidShort = cid.slice(0, 8);
  const state = active.phase === 'failed' ? 'failed' : (active.phase as 'run' | 'modify' | 'commit');
  const caption = {
    run: `Step ${active.index}: starting a container${cid ? ` ${cid}` : ''} on the image so far to run ${word}.`,
    modify: `Step ${active.index}: ${word} is writing into container ${cid}'s writable layer.`,
    commit: `Step ${active.index}: committing the writable layer as a new read-only layer.`,
    failed: `Step ${active.index} failed: ${progress.error?.message ?? 'the engine reported an error'}.`,
  }[state];
  return { committed, container: { key: `${progress.buildId}:${active.index}`, label: cidShort ? `container ${cidShort}` : 'container', state }, caption };
}
