import { describe, expect, it } from 'vitest';
import type { BuildEvent } from '../protocol';
import { applyBuildEvent, startBuildProgress } from '../world/reducer';
import { buildSceneAttrs, buildTimelineAttrs, phaseStates } from './build-timeline';

// The event sequence of a real classic-builder run of the starter Dockerfile
// (its log is in fixtures/starter-layers.json's source build).
const events: BuildEvent[] = [
  { type: 'step', index: 1, total: 6, instruction: 'FROM busybox:1.35', line: 2 },
  { type: 'layer', index: 1, imageId: 'sha256:ab0dd57574b6', cached: false },
  { type: 'step', index: 2, total: 6, instruction: 'WORKDIR /site', line: 3 },
  { type: 'container', index: 2, containerId: '36807804d047' },
  { type: 'layer', index: 2, imageId: 'sha256:7bc72cdb995a', cached: false },
  { type: 'step', index: 3, total: 6, instruction: 'RUN mkdir -p logs && echo "built by Layerlab" > build-info.txt', line: 4 },
  { type: 'container', index: 3, containerId: '7681fc8dfd1d' },
];

function fold(list: BuildEvent[]) {
  return list.reduce(applyBuildEvent, startBuildProgress('b1'));
}

describe('phaseStates', () => {
  it('follows run → modify → commit from the engine\'s events', () => {
    let p = fold(events);
    const run = () => phaseStates(p.steps[2]);
    expect(run()).toEqual({ run: 'active', modify: 'todo', commit: 'todo' });
    p = applyBuildEvent(p, { type: 'output', index: 3, text: 'hi\n' });
    expect(run()).toEqual({ run: 'done', modify: 'active', commit: 'todo' });
    p = applyBuildEvent(p, { type: 'layer', index: 3, imageId: 'sha256:813ee410a9a1', cached: false });
    expect(run()).toEqual({ run: 'done', modify: 'done', commit: 'active' });
    p = applyBuildEvent(p, { type: 'step', index: 4, total: 6, instruction: 'COPY index.html .', line: 5 });
    expect(run()).toEqual({ run: 'done', modify: 'done', commit: 'done' });
  });

  it('shows phases a step does not have as not needed', () => {
    const p = fold(events);
    expect(phaseStates(p.steps[0])).toEqual({ run: 'na', modify: 'na', commit: 'na' });
    expect(phaseStates(p.steps[1])).toEqual({ run: 'na', modify: 'na', commit: 'done' });
  });

  it('marks cached steps as skipped up to the commit', () => {
    const p = fold([events[0], events[1], events[2], { type: 'layer', index: 2, imageId: 'sha256:7bc72cdb995a', cached: true }, events[5]]);
    expect(phaseStates(p.steps[1])).toEqual({ run: 'na', modify: 'na', commit: 'done' });
    const q = fold([...events, { type: 'layer', index: 3, imageId: 'x', cached: true }, { type: 'done', imageId: 'x', tag: null }]);
    expect(phaseStates(q.steps[2])).toEqual({ run: 'skipped', modify: 'skipped', commit: 'done' });
  });

  it('stops on the failing phase of the failing step', () => {
    const p = fold([...events, { type: 'output', index: 3, text: 'sh: nope: not found\n' },
      { type: 'error', index: 3, line: 4, message: "The command '/bin/sh -c nope' returned a non-zero code: 127" }]);
    expect(phaseStates(p.steps[2])).toEqual({ run: 'done', modify: 'failed', commit: 'todo' });
    const copy = fold([...events.slice(0, 5), { type: 'step', index: 3, total: 6, instruction: 'COPY missing.txt .', line: 4 },
      { type: 'error', index: 3, line: 4, message: 'COPY failed: file not found in build context' }]);
    expect(phaseStates(copy.steps[2])).toEqual({ run: 'na', modify: 'failed', commit: 'todo' });
  });
});

describe('buildTimelineAttrs', () => {
  it('lays out one row per step with phase pills inside the width', () => {
    const a = buildTimelineAttrs(fold(events), { width: 500 });
    expect(a.rows.map((r) => r.index)).toEqual([1, 2, 3]);
    for (const r of a.rows) {
      for (const ph of r.phases) expect(ph.x + ph.width).toBeLessThanOrEqual(500);
      expect(r.phases[0].x).toBeGreaterThanOrEqual(a.labelWidth);
    }
    expect(a.rows[2].ariaLabel).toMatch(/^Step 3 of 6: RUN mkdir/);
    expect(a.rows[2].ariaLabel).toContain('run in progress');
    expect(a.height).toBe(3 * 34);
  });
  it('is empty without a build', () => {
    expect(buildTimelineAttrs(null, { width: 300 }).rows).toEqual([]);
  });
});

describe('buildSceneAttrs', () => {
  it('puts the running step\'s container on the committed layers', () => {
    const s = buildSceneAttrs(fold(events));
    expect(s.committed.map((c) => c.key)).toEqual(['b1:1', 'b1:2']);
    expect(s.container).toMatchObject({ label: 'container 7681fc8d', state: 'run' });
    expect(s.caption).toContain('Step 3');
  });
  it('drops the container once the build is done', () => {
    const s = buildSceneAttrs(fold([...events, { type: 'layer', index: 3, imageId: 'sha256:813ee410a9a1', cached: false }, { type: 'done', imageId: 'sha256:813ee410a9a1', tag: 'myapp:1' }]));
    expect(s.container).toBeNull();
    expect(s.committed).toHaveLength(3);
    expect(s.caption).toContain('myapp:1');
  });
  it('keeps the failed step in view with the engine\'s message', () => {
    const s = buildSceneAttrs(fold([...events, { type: 'error', index: 3, message: 'exit code 127' }]));
    expect(s.container?.state).toBe('failed');
    expect(s.caption).toContain('exit code 127');
  });
});
