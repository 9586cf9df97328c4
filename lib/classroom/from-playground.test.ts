import { describe, expect, it } from 'vitest';
import type { Container } from '../protocol';
import { emptyFold, foldPlaygroundReport, type ReportFold } from './from-playground';

const at = '2026-11-27T18:00:00.000Z';
const container = (id: string, state: Container['state']): Container => ({ id, image: 'myapp:1', imageId: 'sha256:i1', state, createdAt: at, cmd: ['sh'] });

describe('folding playground reports into a learner state', () => {
  it('follows the Dockerfile and a failed build with its line', () => {
    let f: ReportFold = emptyFold();
    f = foldPlaygroundReport(f, { kind: 'dockerfile', text: 'FROM busybox:1.35\n' }, at);
    expect(f.state.dockerfile).toBe('FROM busybox:1.35\n');
    f = foldPlaygroundReport(f, {
      kind: 'build', dockerfile: 'FROM busybox:1.35\nRUN nope\n', events: [
        { type: 'step', index: 1, total: 2, instruction: 'FROM busybox:1.35', line: 1 },
        { type: 'step', index: 2, total: 2, instruction: 'RUN nope', line: 2 },
        { type: 'error', index: 2, message: 'returned a non-zero code: 127' },
      ],
    }, at);
    expect(f.state.lastBuild).toEqual({ ok: false, line: 2, message: 'returned a non-zero code: 127', at });
    expect(f.state.dockerfile).toBe('FROM busybox:1.35\nRUN nope\n');
  });

  it('takes the layers of the last successful image only, and keeps them across a failure', () => {
    let f = foldPlaygroundReport(emptyFold(), { kind: 'build', dockerfile: 'x', events: [{ type: 'done', imageId: 'sha256:i1', tag: 'myapp:1' }] }, at);
    expect(f.state.lastBuild).toEqual({ ok: true, imageId: 'sha256:i1', at });
    f = foldPlaygroundReport(f, { kind: 'layers', imageId: 'sha256:other', layers: [{ id: 'a', createdBy: 'x', sizeBytes: 1, empty: false }] }, at);
    expect(f.state.layers).toEqual([]);
    f = foldPlaygroundReport(f, { kind: 'layers', imageId: 'sha256:i1', layers: [
      { id: 'a', createdBy: '', sizeBytes: 2_000_000, empty: false },
      { id: 'b', createdBy: 'RUN x', sizeBytes: 12, empty: false, line: 2 },
    ] }, at);
    expect(f.state.layers).toEqual([{ createdBy: '', sizeBytes: 2_000_000, empty: false }, { createdBy: 'RUN x', sizeBytes: 12, empty: false, line: 2 }]);
    f = foldPlaygroundReport(f, { kind: 'build', dockerfile: 'y', events: [{ type: 'error', message: 'bad' }] }, at);
    expect(f.state.layers).toHaveLength(2);
    expect(f.state.lastBuild).toEqual({ ok: false, message: 'bad', at });
  });

  it('counts running containers from world updates', () => {
    let f = foldPlaygroundReport(emptyFold(), { kind: 'world', update: { type: 'snapshot', snapshot: { sessionId: 's', images: [], containers: [container('c1', 'running'), container('c2', 'exited')], at } } }, at);
    expect(f.state.runningContainers).toBe(1);
    f = foldPlaygroundReport(f, { kind: 'world', update: { type: 'container', container: container('c2', 'running') } }, at);
    expect(f.state.runningContainers).toBe(2);
    f = foldPlaygroundReport(f, { kind: 'world', update: { type: 'container-removed', id: 'c1' } }, at);
    expect(f.state.runningContainers).toBe(1);
  });
});
