// The reused images listing against the real engine: the server's own
// changes show at once; changes made by someone else (the docker CLI here)
// to the catalog show as soon as the engine reports them, long before the
// reuse window of coalescing-engine.ts runs out; and a CLI user's own
// builds on the same engine cost the sandbox no new read.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { DockerEngine } from '../engine/docker-engine';
import { coalescingEngine } from '../engine/coalescing-engine';
import { loadSettings } from '../../lib/settings';
import { Client, startServer, type Started } from './harness';

const suffix = randomBytes(4).toString('hex');
const repo = `layerlab-reuse-test-${suffix}`;
// A name in the catalog's own repository (the catalog label names it).
const catalogName = `busybox:reuse-test-${suffix}`;
let reads = 0;
const real = new DockerEngine(loadSettings(process.env).dockerSocket);
const counted = new Proxy(real, {
  get(target, prop, receiver) {
    const v = Reflect.get(target, prop, receiver);
    if (typeof v !== 'function') return v;
    return (...args: unknown[]) => { if (prop === 'listImages') reads++; return v.apply(target, args); };
  },
}) as Engine;
const engine = coalescingEngine(counted, { reuseListingMs: 10_000 });
const tags = async () => (await engine.listImages([])).flatMap((i) => i.RepoTags ?? []);

let started: Started | undefined;

afterAll(async () => {
  await started?.server.close();
  engine.stopWatching();
  for (const t of [`${repo}:cli`, `${repo}:own`, `${repo}:built`, catalogName]) { try { execFileSync('docker', ['rmi', t], { stdio: 'ignore' }); } catch { /* not there */ } }
});

describe('the images listing, reused while nothing changed', () => {
  it('is reused once the engine\'s events are heard', async () => {
    await expect.poll(async () => { await engine.listImages([]); const before = reads; await engine.listImages([]); return reads - before; }, { timeout: 15_000, interval: 100 }).toBe(0);
  });

  it('shows a change to the catalog made with the docker CLI within a second', async () => {
    execFileSync('docker', ['tag', 'busybox:latest', catalogName]);
    const t0 = Date.now();
    await expect.poll(async () => (await tags()).includes(catalogName), { timeout: 1_000, interval: 10 }).toBe(true);
    expect(Date.now() - t0).toBeLessThan(1_000);
    execFileSync('docker', ['rmi', catalogName]);
    await expect.poll(async () => (await tags()).includes(catalogName), { timeout: 1_000, interval: 10 }).toBe(false);
  });

  it("costs no new read when a CLI user builds and names images of their own", async () => {
    await tags();
    const before = reads;
    // FROM busybox: the image inherits the catalog label, and is no catalog image.
    execFileSync('docker', ['build', '-q', '-t', `${repo}:built`, '-'], { input: `FROM busybox:latest\nENV OUTSIDE=${suffix}\n`, env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: ['pipe', 'ignore', 'ignore'] });
    execFileSync('docker', ['tag', `${repo}:built`, `${repo}:cli`]);
    execFileSync('docker', ['rmi', `${repo}:cli`, `${repo}:built`]);
    // The engine reports changes within milliseconds; give it far longer.
    await new Promise((r) => setTimeout(r, 500));
    await tags();
    expect(reads).toBe(before);
    // A change to the catalog right after is still heard.
    execFileSync('docker', ['tag', 'busybox:latest', catalogName]);
    await expect.poll(async () => (await tags()).includes(catalogName), { timeout: 1_000, interval: 10 }).toBe(true);
    expect(reads).toBeGreaterThan(before);
    execFileSync('docker', ['rmi', catalogName]);
  });

  it('shows the server\'s own change at once', async () => {
    await tags();
    await engine.tagImage('busybox:latest', repo, 'own');
    expect(await tags()).toContain(`${repo}:own`);
    await engine.removeImage(`${repo}:own`);
    expect(await tags()).not.toContain(`${repo}:own`);
  });
});

describe('a rebuild that only met the cache', () => {
  it('leaves the listing good for the next request; a build that made an image does not', async () => {
    started = await startServer({ LAYERLAB_SESSION_ORIGIN: 'test' });
    const versions = (started.server.services.engine as unknown as { versions: { images(): number } }).versions;
    const c = await Client.create(started.base);
    try {
      const body = { dockerfile: 'FROM busybox:latest\nRUN echo reuse > /r\nENV R=1\n', files: {}, tag: 'reuse:1' };
      expect((await c.build(body)).events.at(-1)?.type).toBe('done');
      const before = versions.images();
      const again = await c.build(body);
      expect(again.events.at(-1)?.type).toBe('done');
      expect(again.events.filter((e) => e.type === 'layer' && e.index > 1).every((e) => e.type === 'layer' && e.cached)).toBe(true);
      expect(versions.images()).toBe(before);
      await c.build({ ...body, noCache: true });
      expect(versions.images()).toBeGreaterThan(before);
    } finally {
      await c.req('DELETE', '');
    }
  });
});
