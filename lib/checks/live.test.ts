import { describe, expect, it } from 'vitest';
import type { BuildEvent } from '../protocol';
import { runCheck } from './catalog';
import { applyReport, startLiveChecks, type LiveChecks, type PlaygroundReport } from './live';
import { world } from './fixtures';

const fold = (reports: PlaygroundReport[], start: LiveChecks = startLiveChecks('FROM busybox:latest\n')) => reports.reduce(applyReport, start);
const layered = world.images.find((i) => i.tags.includes('lab/layers:1'))!;
const busybox = world.images.find((i) => i.tags.includes('busybox:latest'))!;
const threeLayers = { type: 'image-layers', params: { tag: 'lab/layers:1', count: 3 } };

describe('a lesson\'s checks fed by the playground', () => {
  it('an image whose history the playground read passes a layer check, whichever arrived first', () => {
    const bare = { ...world, images: world.images.map((i) => ({ ...i, layers: undefined })) };
    const snapshot: PlaygroundReport = { kind: 'world', update: { type: 'snapshot', snapshot: bare } };
    // Without line numbers the base's history tells the Dockerfile's layers apart.
    const history: PlaygroundReport[] = [layered, busybox].map((i) => ({ kind: 'layers', imageId: i.id, layers: i.layers! }));
    expect(runCheck(threeLayers, fold([snapshot]).ctx)).toMatchObject({ passed: false, missing: { en: expect.stringContaining('not known yet') } });
    expect(runCheck(threeLayers, fold([snapshot, ...history]).ctx).passed).toBe(true);
    expect(runCheck(threeLayers, fold([...history, snapshot]).ctx).passed).toBe(true);
    // A later snapshot (a reconnect) keeps what was read.
    expect(runCheck(threeLayers, fold([...history, snapshot, snapshot]).ctx).passed).toBe(true);
  });

  it('the editor\'s text is what Dockerfile checks read, also after a build of an older text', () => {
    const events: BuildEvent[] = [
      { type: 'step', index: 1, total: 2, instruction: 'FROM busybox:latest', line: 1 },
      { type: 'layer', index: 1, imageId: 'aaaa', cached: true },
      { type: 'step', index: 2, total: 2, instruction: 'RUN true', line: 2 },
      { type: 'layer', index: 2, imageId: 'bbbb', cached: false },
      { type: 'done', imageId: 'sha256:bbbb', tag: 'lab/x:1' },
    ];
    const s = fold([
      { kind: 'dockerfile', text: 'FROM busybox:latest\nRUN true\nRUN false\n' },
      { kind: 'build', dockerfile: 'FROM busybox:latest\nRUN true\n', events, tag: 'lab/x:1' },
    ]);
    expect(s.ctx.dockerfile).toBe('FROM busybox:latest\nRUN true\nRUN false\n');
    expect(s.ctx.builds).toEqual([{ tag: 'lab/x:1', imageId: 'sha256:bbbb', ok: true, steps: 2, cachedSteps: 1 }]);
    expect(runCheck({ type: 'dockerfile-instructions', params: { instruction: 'RUN', min: 2 } }, s.ctx).passed).toBe(true);
  });

  it('exec answers and removals reach the checks', () => {
    const id = 'decafbad0000111122223333444455556666777788889999aaaabbbbccccdddd';
    const s = fold([
      { kind: 'world', update: { type: 'snapshot', snapshot: world } },
      { kind: 'exec', record: { containerId: id, cmd: ['uname', '-r'], exitCode: 0, output: '4.4.0\n' } },
    ]);
    expect(runCheck({ type: 'exec-output', params: { cmd: ['uname', '-r'], pattern: '^\\d+\\.\\d+', exitCode: 0 } }, s.ctx).passed).toBe(true);
    const spec = { type: 'container-removed-image-kept', params: { image: 'lab/layers:1' } };
    expect(runCheck(spec, s.ctx).passed).toBe(false);
    expect(runCheck(spec, applyReport(s, { kind: 'world', update: { type: 'container-removed', id } }).ctx).passed).toBe(true);
  });

  it('an unchanged Dockerfile keeps the same state object, so nothing re-renders', () => {
    const s = startLiveChecks('FROM a\n');
    expect(applyReport(s, { kind: 'dockerfile', text: 'FROM a\n' })).toBe(s);
  });
});

describe('engine facts from the sandbox', () => {
  it('lesson 1\'s kernel comparison passes once the host kernel and a differing uname -r under gVisor are known', () => {
    const check = { type: 'kernel-compared-with-host', params: {} };
    const exec: PlaygroundReport = { kind: 'exec', record: { containerId: 'c1', cmd: ['uname', '-r'], exitCode: 0, output: '4.4.0\n' } };
    expect(runCheck(check, fold([exec]).ctx)).toMatchObject({ passed: false, missing: { en: expect.stringContaining('not known yet') } });
    const engine: PlaygroundReport = { kind: 'engine', facts: { runtime: 'runsc', kernelVersion: '6.1.0-host' } };
    expect(runCheck(check, fold([exec, engine]).ctx).passed).toBe(true);
    // Under runc the container would print the host's own kernel.
    const runc: PlaygroundReport = { kind: 'engine', facts: { runtime: 'runc', kernelVersion: '6.1.0-host' } };
    expect(runCheck(check, fold([exec, runc]).ctx).passed).toBe(false);
  });
});
