// Build timeline: one row per Dockerfile step, each step's run → modify →
// commit phases coloured by the build events the engine actually sent.
import { runsContainer, type BuildProgress, type BuildStepState } from '../world/reducer';
import { fitText, shortId } from './text';
import { t, type Locale } from '../i18n';

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

export function buildTimelineAttrs(progress: BuildProgress | null, opts: { width: number; rowHeight?: number; fontPx?: number; locale?: Locale }): TimelineAttrs {
  const { width, rowHeight = 34, fontPx = 14, locale = 'en' } = opts;
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
      label: states[name] === 'na' ? '–' : t(locale, name === 'commit' && step.cached && step.phase === 'done' ? 'dia.phase.cache' : `dia.phase.${name}`),
    }));
    const text = `${step.index}. ${step.instruction}`;
    const committed = step.imageId ? t(locale, 'dia.build.layerAria', { id: shortId(step.imageId) }) : '';
    return {
      key: `${progress?.buildId}:${step.index}`,
      index: step.index,
      y: i * rowHeight, height: rowHeight - 6,
      label: fitText(text, labelWidth - 8, fontPx),
      line: step.line,
      cached: step.cached,
      phase: step.phase,
      phases,
      ariaLabel: t(locale, 'dia.build.stepAria', {
        n: step.index, total: progress?.total ?? steps.length, instruction: step.instruction,
        phases: PHASES.map((p) => `${t(locale, `dia.phase.${p}`)} ${t(locale, `dia.phaseState.${states[p]}`)}`).join(locale === 'zh' ? '，' : ', '),
      }) + committed,
    };
  });
  return { rows, height: rows.length * rowHeight, width, labelWidth };
}

// The picture of the current step, as the seed draws `docker build`: the
// image so far, with the step's intermediate container on top while it runs
// and modifies, and the frozen layer once the engine has committed it.
export interface BuildScene {
  committed: { key: string; label: string; cached: boolean }[];
  // text: the label with the phase, as drawn on the container.
  container: null | { key: string; label: string; state: 'run' | 'modify' | 'commit' | 'failed'; text: string };
  caption: string;
}

export function buildSceneAttrs(progress: BuildProgress | null, locale: Locale = 'en'): BuildScene {
  if (!progress || progress.steps.length === 0) return { committed: [], container: null, caption: t(locale, 'dia.build.none') };
  const committed = progress.steps
    .filter((s) => s.phase === 'done' && s.imageId)
    .map((s) => ({ key: `${progress.buildId}:${s.index}`, label: `${s.instruction.split(/\s+/)[0]} ${shortId(s.imageId!).slice(0, 8)}`, cached: s.cached }));
  const active = progress.steps.find((s) => s.phase === 'run' || s.phase === 'modify' || s.phase === 'commit' || s.phase === 'failed');
  if (!active) {
    const caption = progress.status === 'done'
      ? t(locale, 'dia.build.built', { name: progress.tag ?? shortId(progress.imageId ?? ''), count: committed.length })
      : t(locale, progress.status === 'cancelled' ? 'dia.build.cancelled' : 'dia.build.waiting');
    return { committed, container: null, caption };
  }
  const word = active.instruction.split(/\s+/)[0];
  const cid = active.containerId ? shortId(active.containerId) : '';
  const cidShort = cid.slice(0, 8);
  const state = active.phase === 'failed' ? 'failed' : (active.phase as 'run' | 'modify' | 'commit');
  const n = active.index;
  const caption = {
    run: t(locale, 'dia.build.run', { n, id: cid ? ` ${cid}` : '', word }),
    modify: t(locale, 'dia.build.modify', { n, word, id: cid }),
    commit: t(locale, 'dia.build.commit', { n }),
    failed: t(locale, 'dia.build.failed', { n, message: progress.error?.message ?? t(locale, 'dia.build.engineError') }),
  }[state];
  const label = cidShort ? t(locale, 'dia.build.containerId', { id: cidShort }) : t(locale, 'dia.build.container');
  const text = `${label} · ${t(locale, state === 'failed' ? 'dia.phase.failed' : `dia.phase.${state}`)}`;
  return { committed, container: { key: `${progress.buildId}:${active.index}`, label, state, text }, caption };
}
