// The disk tally against a fake engine: layers counted once, the catalog's
// not at all, and a build's addition counted incrementally as a recount would.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary, Engine, HistoryEntry, ImageSummary } from '../engine/engine';
import { Labels } from '../labels';
import { Quotas } from './quotas';

const S = 'abcdefabcdef';
const h = (Id: string, Size: number) => ({ Id, Size, Created: 0, CreatedBy: '', Tags: null, Comment: '' }) as HistoryEntry;
const img = (Id: string, labels: Record<string, string>, tags: string[] = []) => ({ Id, Labels: labels, RepoTags: tags }) as unknown as ImageSummary;

function fakeEngine() {
  const images: ImageSummary[] = [img('busybox', { [Labels.catalog]: 'busybox' }, ['busybox:latest']), img('app1', { [Labels.session]: S }, [`layerlab/s-${S}/app:1`])];
  const histories: Record<string, HistoryEntry[]> = {
    busybox: [h('busybox', 0), h('<missing>', 100)],
    app1: [h('app1', 10), h('step1', 20), h('busybox', 0), h('<missing>', 100)],
    app2: [h('app2', 5), h('step1', 20), h('busybox', 0), h('<missing>', 100)],
  };
  const calls = { listImages: 0, imageHistory: 0 };
  const engine = {
    listImages: async () => { calls.listImages++; return images.slice(); },
    listContainers: async () => [{ SizeRw: 7 }] as unknown as ContainerSummary[],
    imageHistory: async (id: string) => { calls.imageHistory++; return histories[id]; },
  } as unknown as Engine;
  return { engine, images, calls };
}

const limits = { containersPerSession: 8, imagesPerSession: 40, diskPerSession: 1000 };

describe('Quotas disk tally', () => {
  it('counts own layers once, catalog layers never, plus writable layers', async () => {
    const { engine } = fakeEngine();
    // app1: 10 + 20 + the base's <missing> 100 (no id to tell it apart); containers 7.
    expect(await new Quotas(engine, limits).diskUsage(S)).toBe(137);
  });

  it('adds a new image as a full recount would', async () => {
    const { engine, images } = fakeEngine();
    const q = new Quotas(engine, limits);
    const state = await q.checkImages(S);
    const incremental = (await q.addImages(state.tally, ['app2'])).bytes + state.containerBytes;
    images.push(img('app2', { [Labels.session]: S }, [`layerlab/s-${S}/app:2`]));
    expect(incremental).toBe(await q.diskUsage(S));
    // An image already counted (a cache hit) adds nothing.
    expect((await q.addImages(state.tally, ['app1'])).bytes + state.containerBytes).toBe(incremental);
  });

  it('keeps a tally while no image changed, and reads each history once', async () => {
    const { engine, calls } = fakeEngine();
    let version = 0;
    const q = new Quotas(engine, limits, () => version);
    await q.diskUsage(S);
    await q.diskUsage(S);
    expect(calls.listImages).toBe(1);
    version++;
    await q.diskUsage(S);
    expect(calls.listImages).toBe(2);
    expect(calls.imageHistory).toBe(2);
  });

  it('refuses past the cap with a message naming it', async () => {
    const { engine } = fakeEngine();
    await expect(new Quotas(engine, { ...limits, diskPerSession: 100 }).checkImages(S)).rejects.toThrow(/disk per session/);
  });
});
