import { describe, expect, it } from 'vitest';
import type { Container, Image, WorldSnapshot } from '../protocol';
import { WorldSnapshot as WorldSnapshotSchema } from '../protocol';
import { applyWorldUpdate, sameId } from './world-update';

const full = (c: string) => c.repeat(64);
const image = (id: string, extra: Partial<Image> = {}): Image => ({ id: `sha256:${full(id)}`, tags: [], createdAt: '2026-11-27T17:00:00Z', sizeBytes: 10, catalog: false, ...extra });
const container = (id: string, extra: Partial<Container> = {}): Container => ({
  id: full(id), image: 'busybox', imageId: `sha256:${full('b')}`, state: 'created', createdAt: '2026-11-27T17:00:00Z', cmd: ['sh'], ...extra,
});
const world: WorldSnapshot = { sessionId: 's1', images: [image('a')], containers: [container('c')], at: '2026-11-27T17:00:00Z' };

describe('applyWorldUpdate', () => {
  it('takes a snapshot whole and ignores other updates until there is one', () => {
    expect(applyWorldUpdate(null, { type: 'snapshot', snapshot: world })).toBe(world);
    expect(applyWorldUpdate(null, { type: 'image-removed', id: 'x' })).toBeNull();
  });

  it('adds and replaces containers, keeping the last diff across state changes', () => {
    const withDiff = applyWorldUpdate(world, { type: 'diff', containerId: full('c'), diff: [{ path: '/tmp/x', kind: 'A' }] })!;
    const started = applyWorldUpdate(withDiff, { type: 'container', container: container('c', { state: 'running' }) })!;
    expect(started.containers).toEqual([container('c', { state: 'running', diff: [{ path: '/tmp/x', kind: 'A' }] })]);
    const two = applyWorldUpdate(started, { type: 'container', container: container('d') })!;
    expect(two.containers.map((c) => c.id)).toEqual([full('c'), full('d')]);
    expect(WorldSnapshotSchema.parse(two)).toEqual(two);
    expect(world.containers[0].diff).toBeUndefined();
  });

  it('removes containers and images by full or short id, and returns the same world when nothing matches', () => {
    const noC = applyWorldUpdate(world, { type: 'container-removed', id: full('c').slice(0, 12) })!;
    expect(noC.containers).toEqual([]);
    const noI = applyWorldUpdate(world, { type: 'image-removed', id: full('a') })!;
    expect(noI.images).toEqual([]);
    expect(applyWorldUpdate(world, { type: 'image-removed', id: 'sha256:' + full('f') })).toBe(world);
    expect(applyWorldUpdate(world, { type: 'diff', containerId: full('f'), diff: [] })).toBe(world);
  });

  it('adds images and keeps known layers when an update comes without them', () => {
    const layers = [{ id: 'sha256:' + full('a'), createdBy: '', sizeBytes: 10, empty: false }];
    const w = applyWorldUpdate(world, { type: 'image', image: image('a', { layers }) })!;
    const retagged = applyWorldUpdate(w, { type: 'image', image: image('a', { tags: ['app:1'] }) })!;
    expect(retagged.images).toEqual([image('a', { tags: ['app:1'], layers })]);
    expect(applyWorldUpdate(retagged, { type: 'image', image: image('e') })!.images.length).toBe(2);
  });
});

describe('sameId', () => {
  it.each([
    ['sha256:' + full('a'), full('a'), true],
    [full('a'), full('a').slice(0, 12), true],
    [full('a').slice(0, 12), 'sha256:' + full('a'), true],
    [full('a'), full('b'), false],
    ['abc', 'abcdef', false],
  ])('%s ~ %s: %s', (a, b, same) => expect(sameId(a, b)).toBe(same));
});
