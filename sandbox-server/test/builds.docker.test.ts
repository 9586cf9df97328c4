// Builds that must fail, be refused or be stopped, and builds that use the
// session's own images and several stages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, docker, lastEvent, startServer, type Started } from './harness';

let s: Started;
let a: Client;

beforeAll(async () => {
  s = await startServer();
  a = await Client.create(s.base);
});
afterAll(async () => {
  await a?.remove();
  expect(docker('images', '-q', `layerlab/s-${a.id}-cache/b`)).toBe('');
  await s?.server.close();
});

describe('failures and refusals', () => {
  it('reports a failing step with its index, line and exit code, never done', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nRUN echo ok\n\nRUN echo bad >&2 && \\\n  exit 7\nRUN echo never\n', noCache: true });
    const err = lastEvent(r.events);
    expect(err).toMatchObject({ type: 'error', index: 3, line: 4 });
    expect((err as { message: string }).message).toContain('7');
    expect(r.events.some((e) => e.type === 'done')).toBe(false);
    expect(r.events.some((e) => e.type === 'output' && e.text.includes('bad'))).toBe(true);
    // The steps that succeeded stay as cache under the session's name.
    const cache = docker('images', '--format', '{{.Repository}}:{{.Tag}}', `layerlab/s-${a.id}-cache/b`);
    expect(cache).toMatch(/-cache\/b:[0-9a-f]+/);
    const again = await a.build({ dockerfile: 'FROM busybox\nRUN echo ok\n' });
    expect(again.events.filter((e) => e.type === 'layer').map((e) => e.cached)).toEqual([false, true]);
  });

  it('refuses ADD from a URL before the engine runs anything', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nADD http://10.0.0.1/x.tgz /x\n' });
    expect(r.events).toEqual([expect.objectContaining({ type: 'error', code: 'policy', line: 2 })]);
    expect((r.events[0] as { message: string }).message).toContain('URL');
  });

  it('refuses a remote context', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\n', remote: 'https://example.com/repo.git' });
    expect(r.events).toEqual([expect.objectContaining({ type: 'error', code: 'policy' })]);
  });

  it('refuses a base image outside the catalog, listing the available ones', async () => {
    const r = await a.build({ dockerfile: '# syntax=docker/dockerfile:1\nFROM alpine:3.19\n' });
    const e = r.events[0] as { message: string; line: number };
    expect(r.events).toHaveLength(1);
    expect(e).toMatchObject({ code: 'policy', line: 2 });
    expect(e.message).toContain('busybox:latest');
    expect(e.message).toContain('debian:bookworm-slim');
  });

  it.each([
    ['../escape', 'x'],
    ['/etc/passwd', 'x'],
    ['a\u0000b', 'x'],
    ['dir\\..\\..\\x', 'x'],
  ])('refuses the context path %j with a 400', async (path, content) => {
    const r = await a.build({ dockerfile: 'FROM busybox\nCOPY . /\n', files: { [path]: content } });
    expect(r.status).toBe(400);
    expect((r.events[0] as unknown as { error: { code: string } }).error.code).toBe('bad_request');
  });

  it('refuses a context over the byte cap', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\n', files: { big: 'x'.repeat(8 * 1024 * 1024 + 1) } });
    expect(r.status).toBe(400);
    expect((r.events[0] as unknown as { error: { message: string } }).error.message).toContain('larger than');
    const huge = await a.build({ dockerfile: 'FROM busybox\n', files: { big: 'x'.repeat(14 * 1024 * 1024) } });
    expect(huge.status).toBe(413);
  });
});

describe('the session\'s own images and stages', () => {
  it('builds FROM the session\'s own image by its learner name', async () => {
    const base = await a.build({ dockerfile: 'FROM busybox\nRUN echo base > /base\n', tag: 'base:1' });
    expect(lastEvent(base.events).type).toBe('done');
    const r = await a.build({ dockerfile: 'FROM base:1\nRUN cat /base > /copy\n', tag: 'child:1' });
    const done = lastEvent(r.events) as { type: string; imageId: string };
    expect(done.type).toBe('done');
    expect(r.events.find((e) => e.type === 'step')).toMatchObject({ line: 1 });
    const baseId = docker('image', 'inspect', '--format', '{{.Id}}', `layerlab/s-${a.id}/base:1`);
    expect(docker('history', '-q', '--no-trunc', done.imageId)).toContain(baseId);
    const layers = (await a.req('GET', '/images/child:1')).body.layers;
    expect(layers.find((l: { createdBy: string }) => l.createdBy.includes('cat /base'))).toMatchObject({ line: 2 });
  });

  it('builds several stages, numbering them', async () => {
    const r = await a.build({ dockerfile: 'ARG V=latest\nFROM busybox:${V} AS build\nRUN echo x > /x\nFROM busybox\nCOPY --from=build /x /x\n', tag: 'multi:1' });
    expect(lastEvent(r.events).type).toBe('done');
    const steps = r.events.filter((e) => e.type === 'step');
    // The ARG before the first FROM is a step of its own, in no stage.
    expect(steps.map((e) => e.stage)).toEqual([undefined, 0, 0, 1, 1]);
    expect(steps.map((e) => e.line)).toEqual([1, 2, 3, 4, 5]);
    // The first stage's result is kept under the session's cache name, not left dangling.
    const stageImage = r.events.filter((e) => e.type === 'layer' && e.index === 3)[0] as { imageId: string };
    expect(docker('image', 'inspect', '--format', '{{join .RepoTags ","}}', stageImage.imageId)).toContain(`layerlab/s-${a.id}-cache/b:`);
  });
});

describe('wall-clock limit', () => {
  it('stops a build that runs too long and leaves no intermediate container', async () => {
    const slow = await startServer({ LAYERLAB_BUILD_TIMEOUT: '5', LAYERLAB_EXEC_TIMEOUT: '1', LAYERLAB_OUTPUT_CAP: '1k' });
    const c = await Client.create(slow.base);
    try {
      const t0 = Date.now();
      const r = await c.build({ dockerfile: 'FROM busybox\nRUN sleep 60\n', noCache: true });
      const elapsed = Date.now() - t0;
      expect(lastEvent(r.events)).toMatchObject({ type: 'error', code: 'timeout' });
      expect(elapsed).toBeLessThan(15_000);
      expect(elapsed).toBeGreaterThanOrEqual(5_000);
      let left = '';
      for (let i = 0; i < 30; i++) {
        left = docker('ps', '-aq').split('\n').filter(Boolean)
          .filter((id) => docker('inspect', '--format', '{{.HostConfig.CgroupParent}}', id) === `/layerlab-build/s-${c.id}`).join(',');
        if (!left) break;
        await new Promise((r2) => setTimeout(r2, 500));
      }
      expect(left).toBe('');

      // The same limits hold for exec: a wall-clock limit and an output cap.
      const ct = await c.req('POST', '/containers', { image: 'busybox', cmd: ['sleep', '60'] });
      await c.req('POST', `/containers/${ct.body.id}/start`);
      const long = await c.req('POST', `/containers/${ct.body.id}/exec`, { cmd: ['sleep', '10'] });
      expect(long.status).toBe(504);
      expect(long.body.error.code).toBe('timeout');
      const loud = await c.req('POST', `/containers/${ct.body.id}/exec`, { cmd: ['sh', '-c', 'yes | head -c 100000'] });
      expect(loud.status).toBe(200);
      expect(loud.body).toMatchObject({ exitCode: 0, truncated: true });
      expect(loud.body.output.length).toBe(1024);
    } finally {
      await c.remove();
      await slow.server.close();
    }
  });
});

describe('a built image is the learner\'s own, step for step', () => {
  const ourSteps = (image: string) => docker('history', '--no-trunc', '--format', '{{.CreatedBy}}', image)
    .split('\n').filter((l) => /org\.layerlab\./.test(l));
  const ids = async () => (await a.req('GET', '/images')).body.map((i: { id: string }) => i.id);

  it('has no step and no label of the sandbox, is the session\'s by its name, and its layers know their lines', async () => {
    const dockerfile = 'FROM busybox:latest\nENV STAMP=1\n';
    const done = lastEvent((await a.build({ dockerfile, tag: 'stamp:1' })).events) as { type: string; imageId: string };
    expect(done.type).toBe('done');
    const image = `layerlab/s-${a.id}/stamp:1`;
    expect(ourSteps(image)).toEqual([]);
    const labels = JSON.parse(docker('inspect', '--format', '{{json .Config.Labels}}', image)) ?? {};
    expect(labels['org.layerlab.session']).toBeUndefined();
    expect(await ids()).toContain(done.imageId);
    const layers = (await a.req('GET', '/images/stamp:1')).body.layers as { instruction?: string; line?: number }[];
    expect(layers[layers.length - 1]).toMatchObject({ instruction: 'ENV', line: 2 });
    // Another session neither sees it nor reaches it by id.
    const other = await Client.create(s.base);
    try {
      expect((await other.req('GET', `/images/${done.imageId}`)).status).toBe(404);
      expect((await other.req('GET', '/images')).body.map((i: { id: string }) => i.id)).not.toContain(done.imageId);
    } finally { await other.remove(); }
  });

  it('keeps an image without a name, and the image a rebuild took the name from, as the session\'s untagged images', async () => {
    const untagged = lastEvent((await a.build({ dockerfile: 'FROM busybox:latest\nENV NONAME=1\n' })).events) as { imageId: string };
    expect(untagged.imageId).toBeTruthy();
    const first = lastEvent((await a.build({ dockerfile: 'FROM busybox:latest\nENV MOVE=1\n', tag: 'move:1' })).events) as { imageId: string };
    const second = lastEvent((await a.build({ dockerfile: 'FROM busybox:latest\nENV MOVE=2\n', tag: 'move:1' })).events) as { imageId: string };
    expect(second.imageId).not.toBe(first.imageId);
    const listed = (await a.req('GET', '/images')).body as { id: string; tags: string[] }[];
    expect(listed.find((i) => i.id === untagged.imageId)?.tags).toEqual([]);
    expect(listed.find((i) => i.id === first.imageId)?.tags).toEqual([]);
    expect(listed.find((i) => i.id === second.imageId)?.tags).toEqual(['move:1']);
    // Named again, it is removed by that name like any image.
    expect((await a.req('POST', `/images/${first.imageId}/tag`, { tag: 'back:1' })).status).toBe(201);
    expect((await a.req('DELETE', '/images/back:1')).status).toBe(200);
    expect(await ids()).not.toContain(first.imageId);
  });

  it('builds a Dockerfile that ends in a line continuation unchanged', async () => {
    const dockerfile = 'FROM busybox:latest\nENV STAMP=2 \\\n';
    expect(lastEvent((await a.build({ dockerfile, tag: 'stamp:2' })).events).type).toBe('done');
    const image = `layerlab/s-${a.id}/stamp:2`;
    expect(docker('inspect', '--format', '{{.Config.Env}}', image)).toContain('STAMP=2');
    expect(ourSteps(image)).toEqual([]);
  });
});

describe("a built image's Dockerfile record", () => {
  const recordsOf = (imageId: string) => docker('ps', '-aq', '--filter', 'label=org.layerlab.kind=record', '--filter', `label=org.layerlab.image=${imageId}`).split('\n').filter(Boolean);

  it('waits while other builds run, so a class build meets no extra container creates, then is written', async () => {
    const b = await Client.create(s.base);
    try {
      const slow = b.build({ dockerfile: 'FROM busybox\nRUN sleep 4\n', noCache: true });
      await new Promise((r) => setTimeout(r, 700));
      const quick = await a.build({ dockerfile: `FROM busybox\nENV RECORD=${Date.now()}\n`, tag: 'record:1', noCache: true });
      const done = lastEvent(quick.events) as { type: string; imageId: string };
      expect(done.type).toBe('done');
      const imageId = done.imageId.startsWith('sha256:') ? done.imageId : `sha256:${done.imageId}`;
      await new Promise((r) => setTimeout(r, 500));
      expect(recordsOf(imageId)).toEqual([]);
      // The layers know their lines at once, from memory.
      const layers = (await a.req('GET', '/images/record:1')).body.layers as { instruction?: string; line?: number }[];
      expect(layers.find((l) => l.instruction === 'ENV')).toMatchObject({ line: 2 });
      expect(lastEvent((await slow).events).type).toBe('done');
      await expect.poll(() => recordsOf(imageId).length, { timeout: 5_000, interval: 100 }).toBe(1);
    } finally {
      await b.remove();
    }
  });
});
