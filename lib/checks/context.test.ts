import { describe, expect, it } from 'vitest';
import { runCheck } from './catalog';
import { applyWorldUpdate, emptyContext, recordBuild, recordExec } from './context';
import { world } from './fixtures';

describe('check context from the playground\'s updates', () => {
  it('a removed container is remembered, so "removed, image kept" can pass', () => {
    let ctx = applyWorldUpdate(emptyContext('s'), { type: 'snapshot', snapshot: world });
    const spec = { type: 'container-removed-image-kept', params: { image: 'lab/layers:1' } };
    expect(runCheck(spec, ctx).passed).toBe(false);
    ctx = applyWorldUpdate(ctx, { type: 'container-removed', id: 'decafbad0000111122223333444455556666777788889999aaaabbbbccccdddd' });
    expect(ctx.world.containers.some((c) => c.id.startsWith('decafbad'))).toBe(false);
    expect(runCheck(spec, ctx).passed).toBe(true);
  });

  it('a snapshot without a container that was there counts as a removal, and keeps known layers and diffs', () => {
    let ctx = applyWorldUpdate(emptyContext('s'), { type: 'snapshot', snapshot: world });
    const slim = { ...world, images: world.images.map((i) => ({ ...i, layers: undefined })), containers: world.containers.filter((c) => !c.id.startsWith('decafbad')).map((c) => ({ ...c, diff: undefined })) };
    ctx = applyWorldUpdate(ctx, { type: 'snapshot', snapshot: slim });
    expect(ctx.removed?.map((r) => r.containerId.slice(0, 8))).toEqual(['decafbad']);
    expect(runCheck({ type: 'image-layers', params: { tag: 'lab/layers:1', count: 3 } }, ctx).passed).toBe(true);
    expect(runCheck({ type: 'container-diff', params: { path: '/data/note.txt', kind: 'A' } }, ctx).passed).toBe(true);
  });

  it('registry updates from the sandbox feed the push and pull checks', () => {
    const ref = 'localhost:5000/lab/hello:1';
    let ctx = applyWorldUpdate(emptyContext('s'), { type: 'snapshot', snapshot: world });
    const pushed = { type: 'registry-pushed', params: { ref } };
    const pulled = { type: 'registry-pulled', params: { ref } };
    ctx = applyWorldUpdate(ctx, { type: 'registry', action: 'push', ref, ok: false });
    expect(runCheck(pushed, ctx).passed).toBe(false);
    ctx = applyWorldUpdate(ctx, { type: 'registry', action: 'push', ref, imageId: 'sha256:9', digest: 'sha256:d', ok: true });
    expect(runCheck(pushed, ctx).passed).toBe(true);
    ctx = applyWorldUpdate(ctx, { type: 'registry', action: 'pull', ref, imageId: 'sha256:9', digest: 'sha256:d', ok: true });
    expect(runCheck(pulled, ctx).passed).toBe(false); // no image named so in the world yet
    ctx = applyWorldUpdate(ctx, { type: 'image', image: { id: 'sha256:9', tags: [ref], createdAt: '', sizeBytes: 1, catalog: false } });
    expect(runCheck(pulled, ctx).passed).toBe(true);
    expect(ctx.registry?.map((r) => [r.action, r.ok])).toEqual([['push', false], ['push', true], ['pull', true]]);
  });

  it('diff updates, execs and builds feed the checks', () => {
    let ctx = applyWorldUpdate(emptyContext('s'), { type: 'snapshot', snapshot: world });
    const id = 'decafbad0000111122223333444455556666777788889999aaaabbbbccccdddd';
    const spec = { type: 'container-diff', params: { image: 'lab/layers:1', path: '/test/hello', kind: 'A' } };
    expect(runCheck(spec, ctx).passed).toBe(false);
    ctx = applyWorldUpdate(ctx, { type: 'diff', containerId: id, diff: [{ path: '/test', kind: 'A' }, { path: '/test/hello', kind: 'A' }] });
    expect(runCheck(spec, ctx).passed).toBe(true);

    ctx = recordExec(ctx, { containerId: id, cmd: ['pwd'], exitCode: 0, output: '/app\n' });
    expect(runCheck({ type: 'exec-output', params: { cmd: ['pwd'], image: 'lab/layers:1', pattern: '^/app$' } }, ctx).passed).toBe(true);

    ctx = recordBuild(ctx, 'FROM busybox\nCMD ["sh"]\n', [
      { type: 'step', index: 1, total: 2, instruction: 'FROM busybox', line: 1 },
      { type: 'step', index: 2, total: 2, instruction: 'CMD ["sh"]', line: 2 },
      { type: 'layer', index: 2, imageId: 'sha256:x', cached: true },
      { type: 'done', imageId: 'sha256:x', tag: 'lab/c:1' },
    ]);
    expect(ctx.dockerfile).toContain('CMD');
    expect(runCheck({ type: 'build-used-cache', params: { tag: 'lab/c:1', minCached: 1, minBuilt: 1 } }, ctx).passed).toBe(true);
  });
});
