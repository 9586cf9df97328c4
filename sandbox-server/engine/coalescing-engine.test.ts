import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Engine } from './engine';
import { coalescingEngine } from './coalescing-engine';

function fake() {
  const counts = { listImages: 0, listContainers: 0 };
  let stream = new PassThrough();
  const base = {
    listImages: async () => { counts.listImages++; await new Promise((r) => setTimeout(r, 5)); return [{ Id: 'x' }]; },
    listContainers: async () => { counts.listContainers++; return []; },
    createContainer: async () => 'c1',
    tagImage: async () => undefined,
    build: async () => { stream = new PassThrough(); return stream; },
  } as unknown as Engine;
  return { base, counts, stream: () => stream };
}

describe('coalescingEngine', () => {
  it('shares identical concurrent listings, each caller with its own array', async () => {
    const { base, counts } = fake();
    const e = coalescingEngine(base);
    const [a, b] = await Promise.all([e.listImages([]), e.listImages([])]);
    expect(counts.listImages).toBe(1);
    expect(a).not.toBe(b);
    expect(a).toEqual(b);
  });

  it('counts container changes apart from image changes', async () => {
    const { base } = fake();
    const e = coalescingEngine(base);
    await e.createContainer({});
    expect([e.versions.images(), e.versions.containers()]).toEqual([0, 1]);
    await e.tagImage('x', 'r', 't');
    expect([e.versions.images(), e.versions.containers()]).toEqual([1, 1]);
  });

  it('marks a build as an image change again when its stream ends', async () => {
    const { base, stream } = fake();
    const e = coalescingEngine(base);
    const s = await e.build(Buffer.alloc(0), {}, new AbortController().signal);
    const atStart = e.versions.images();
    s.resume();
    stream().end();
    await new Promise((r) => s.once('end', r));
    expect(e.versions.images()).toBeGreaterThan(atStart);
  });
});
