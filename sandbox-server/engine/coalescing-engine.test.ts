import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Engine } from './engine';
import { coalescingEngine } from './coalescing-engine';

function fake() {
  const counts = { listImages: 0, listContainers: 0 };
  let stream = new PassThrough();
  const base = {
    listImages: async () => {
      counts.listImages++;
      await new Promise((r) => setTimeout(r, 5));
      return [{ Id: 'sha256:base', RepoTags: ['busybox:latest'], Labels: { 'org.layerlab.catalog': 'busybox' } }, { Id: 'sha256:own', RepoTags: ['myapp:1'], Labels: { 'org.layerlab.catalog': 'busybox' } }];
    },
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

describe('coalescingEngine reusing the images listing', () => {
  function withEvents() {
    const f = fake();
    const events = new PassThrough();
    let opened!: () => void;
    const open = new Promise<void>((r) => { opened = r; });
    (f.base as unknown as { events: () => Promise<PassThrough> }).events = async () => { opened(); return events; };
    return { ...f, events, open };
  }
  const tick = () => new Promise((r) => setTimeout(r, 20));
  const line = (o: unknown) => `${JSON.stringify(o)}\n`;
  type Watching = ReturnType<typeof withEvents> & { e: ReturnType<typeof coalescingEngine> };
  // An engine that reuses its listing, once it hears the events; stopped when the test ends.
  const watching = (test: (w: Watching) => Promise<void>) => async () => {
    const f = withEvents();
    const e = coalescingEngine(f.base, { reuseListingMs: 10_000 });
    try {
      await f.open; await tick();
      await test({ ...f, e });
    } finally { e.stopWatching(); }
  };

  it('reuses the listing while nothing changed, and hears changes made by others', watching(async ({ e, counts, events }) => {
    await e.listImages([]);
    await e.listImages([]);
    expect(counts.listImages).toBe(1);
    // A session's image changes only through a sandbox server: no new read.
    events.write(line({ Type: 'image', Action: 'tag', Actor: { ID: 'sha256:a', Attributes: { name: 'layerlab/s-abcdefabcdef/app:1' } } }));
    await tick();
    await e.listImages([]);
    expect(counts.listImages).toBe(1);
    // Someone else built and tagged an image of their own (FROM busybox, so
    // it carries the catalog label): nothing the listing's readers ask about.
    events.write(line({ Type: 'image', Action: 'tag', Actor: { ID: 'sha256:c', Attributes: { name: 'myapp:2', 'org.layerlab.catalog': 'busybox' } } }));
    events.write(line({ Type: 'image', Action: 'untag', Actor: { ID: 'sha256:own', Attributes: { name: 'sha256:own' } } }));
    events.write(line({ Type: 'image', Action: 'delete', Actor: { ID: 'sha256:own', Attributes: { name: 'sha256:own' } } }));
    await tick();
    await e.listImages([]);
    expect(counts.listImages).toBe(1);
    // Someone else moved a catalog name: it is read again (in the background,
    // as the listing is in use), and that read serves the next callers.
    events.write(line({ Type: 'image', Action: 'tag', Actor: { ID: 'sha256:b', Attributes: { name: 'busybox:latest' } } }));
    await tick();
    expect(counts.listImages).toBe(2);
    await e.listImages([]);
    await e.listImages([]);
    expect(counts.listImages).toBe(2);
  }));

  it('reads the listing again in the background after its own change, so the next caller does not wait', watching(async ({ e, counts }) => {
    await e.listImages([]);
    await e.tagImage('x', 'r', 't');
    await tick();
    expect(counts.listImages).toBe(2); // the background read
    await e.listImages([]);
    expect(counts.listImages).toBe(2);
  }));

  it("reads again when someone else takes a name off a catalog image, or makes a catalog name", watching(async ({ e, counts, events }) => {
    await e.listImages([]);
    events.write(line({ Type: 'image', Action: 'untag', Actor: { ID: 'sha256:base', Attributes: { name: 'sha256:base' } } }));
    await tick();
    expect(counts.listImages).toBe(2);
    events.write(line({ Type: 'image', Action: 'tag', Actor: { ID: 'sha256:d', Attributes: { name: 'busybox:1.36', 'org.layerlab.catalog': 'busybox' } } }));
    await tick();
    expect(counts.listImages).toBe(3);
    await e.listImages([]);
    expect(counts.listImages).toBe(3);
  }));

  it('counts any change heard while a listing is being read', watching(async ({ e, counts, events }) => {
    const reading = e.listImages([]);
    events.write(line({ Type: 'image', Action: 'tag', Actor: { ID: 'sha256:c', Attributes: { name: 'myapp:2' } } }));
    await reading;
    await tick();
    await e.listImages([]);
    expect(counts.listImages).toBe(2);
  }));

  it('reuses nothing while the event stream is down', watching(async ({ e, counts, events }) => {
    events.end();
    await tick();
    await e.listImages([]);
    await e.listImages([]);
    expect(counts.listImages).toBe(2);
  }));
});

describe('coalescingEngine and builds that changed nothing', () => {
  it('keeps the image version when the caller marked the stream unchanged before it ended', async () => {
    const { base, stream } = fake();
    const e = coalescingEngine(base);
    const s = await e.build(Buffer.alloc(0), {}, new AbortController().signal);
    const atStart = e.versions.images();
    e.markUnchanged!(s);
    s.resume();
    stream().end();
    await new Promise((r) => s.once('end', r));
    await new Promise((r) => setTimeout(r, 5));
    expect(e.versions.images()).toBe(atStart);
  });
});
