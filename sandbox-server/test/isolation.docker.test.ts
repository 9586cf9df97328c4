// Two sessions on one engine: names never collide, and no call of one
// session reaches the other's objects, whichever token it holds. Quotas.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, call, docker, lastEvent, startServer, type Started } from './harness';

let s: Started;
let a: Client;
let b: Client;
let aImage: string;
let aContainer: string;

beforeAll(async () => {
  s = await startServer({ LAYERLAB_CONTAINERS_PER_SESSION: '2', LAYERLAB_IMAGES_PER_SESSION: '2' });
  [a, b] = await Promise.all([Client.create(s.base), Client.create(s.base)]);
  const [ra, rb] = await Promise.all([
    a.build({ dockerfile: 'FROM busybox\nRUN echo A > /who\n', tag: 'same:1' }),
    b.build({ dockerfile: 'FROM busybox\nRUN echo B > /who\n', tag: 'same:1' }),
  ]);
  expect(lastEvent(ra.events).type).toBe('done');
  expect(lastEvent(rb.events).type).toBe('done');
  aImage = (lastEvent(ra.events) as { imageId: string }).imageId;
  const c = await a.req('POST', '/containers', { image: 'same:1', cmd: ['sleep', '300'] });
  aContainer = c.body.id;
  await a.req('POST', `/containers/${aContainer}/start`);
});
afterAll(async () => {
  await a?.remove();
  await b?.remove();
  await s?.server.close();
});

describe('names', () => {
  it('keeps the same learner tag apart between sessions', async () => {
    const ia = (await a.req('GET', '/images/same:1')).body;
    const ib = (await b.req('GET', '/images/same:1')).body;
    expect(ia.id).not.toBe(ib.id);
    expect(ia.tags).toEqual(['same:1']);
    expect(ib.tags).toEqual(['same:1']);
    const run = async (c: Client) => {
      const ct = await c.req('POST', '/containers', { image: 'same:1', cmd: ['cat', '/who'] });
      expect(ct.status).toBe(201);
      await c.req('POST', `/containers/${ct.body.id}/start`);
      await new Promise((r) => setTimeout(r, 800));
      const out = docker('logs', ct.body.id);
      await c.req('DELETE', `/containers/${ct.body.id}`);
      return out;
    };
    expect(await run(a)).toBe('A');
    expect(await run(b)).toBe('B');
  });
});

describe('swapped tokens and foreign ids', () => {
  it('refuses a session\'s path with another session\'s token', async () => {
    for (const [method, path] of [['GET', '/images'], ['GET', '/containers'], ['DELETE', ''], ['POST', `/containers/${aContainer}/stop`]]) {
      const r = await call(s.base, method, `/v1/sessions/${a.id}${path}`, b.token);
      expect(r.status, `${method} ${path}`).toBe(403);
    }
    expect(docker('inspect', '--format', '{{.State.Status}}', aContainer)).toBe('running');
  });

  it('does not let a session see or touch the other\'s objects by id', async () => {
    const list = await b.req('GET', '/containers');
    expect(list.body).toEqual([]);
    const images = await b.req('GET', '/images');
    expect(images.body.map((i: { id: string }) => i.id)).not.toContain(aImage);
    const attempts: [string, string, unknown?][] = [
      ['GET', `/images/${aImage}`],
      ['GET', `/images/${aImage.slice(7, 19)}`],
      ['DELETE', `/images/${aImage}`],
      ['POST', `/images/${aImage}/tag`, { tag: 'stolen:1' }],
      ['GET', `/images/${aImage}/layers/0/files`],
      ['POST', '/containers', { image: aImage }],
      ['GET', `/containers/${aContainer}`],
      ['POST', `/containers/${aContainer}/stop`],
      ['POST', `/containers/${aContainer}/kill`],
      ['POST', `/containers/${aContainer}/exec`, { cmd: ['true'] }],
      ['POST', `/containers/${aContainer}/commit`, {}],
      ['GET', `/containers/${aContainer}/diff`],
      ['DELETE', `/containers/${aContainer}`],
    ];
    for (const [method, path, body] of attempts) {
      const r = await b.req(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    expect(docker('inspect', '--format', '{{.State.Status}}', aContainer)).toBe('running');
    expect(docker('image', 'inspect', '--format', '{{.Id}}', aImage)).toBe(aImage);
  });

  it('refuses a build FROM the other session\'s image', async () => {
    const r = await b.build({ dockerfile: `FROM ${aImage}\n` });
    expect(lastEvent(r.events)).toMatchObject({ type: 'error', code: 'policy', line: 1 });
    const byName = await b.build({ dockerfile: `FROM layerlab/s-${a.id}/same:1\n` });
    expect(lastEvent(byName.events)).toMatchObject({ type: 'error', code: 'policy' });
  });
});

describe('images made outside the sandbox', () => {
  // On the same engine, FROM busybox: the image inherits the catalog label.
  const outside = `layerlab-outside-test-${process.pid}`;
  afterAll(() => { try { docker('rmi', `${outside}:built`, `${outside}:alias`); } catch { /* gone */ } });

  it('are no base images: neither one built from the catalog nor a second name for a catalog image', async () => {
    execFileSync('docker', ['build', '-q', '-t', `${outside}:built`, '-'], { input: 'FROM busybox:latest\nENV OUTSIDE=1\n', env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: ['pipe', 'ignore', 'ignore'] });
    docker('tag', 'busybox:latest', `${outside}:alias`);
    expect(docker('image', 'inspect', '--format', '{{index .Config.Labels "org.layerlab.catalog"}}', `${outside}:built`)).toBe('busybox');
    // A change of the session's own makes the server read every image again.
    expect((await b.req('POST', '/images/same:1/tag', { tag: 'again:1' })).status).toBe(201);
    for (const ref of [`${outside}:built`, `${outside}:alias`]) {
      const r = await b.build({ dockerfile: `FROM ${ref}\n` });
      expect(lastEvent(r.events)).toMatchObject({ type: 'error', code: 'policy', line: 1 });
      expect((lastEvent(r.events) as { message: string }).message).toContain('busybox:latest');
      expect((await b.req('POST', '/containers', { image: ref, cmd: ['true'] })).status).toBe(404);
    }
    const listed = (await b.req('GET', '/images')).body as { tags: string[]; catalog: boolean }[];
    const catalogTags = listed.filter((i) => i.catalog).flatMap((i) => i.tags);
    expect(catalogTags).toContain('busybox:latest');
    expect(catalogTags.filter((t) => t.startsWith(outside))).toEqual([]);
  });
});

describe('quotas', () => {
  it('caps containers per session with a 429 naming the quota', async () => {
    const second = await a.req('POST', '/containers', { image: 'same:1' });
    expect(second.status).toBe(201);
    const third = await a.req('POST', '/containers', { image: 'same:1' });
    expect(third.status).toBe(429);
    expect(third.body.error).toMatchObject({ code: 'quota', message: expect.stringContaining('containers per session') });
    await a.req('DELETE', `/containers/${second.body.id}`);
  });

  it('caps images per session', async () => {
    const commit = await a.req('POST', `/containers/${aContainer}/commit`, { tag: 'second:1' });
    expect(commit.status).toBe(201);
    const more = await a.req('POST', `/containers/${aContainer}/commit`, { tag: 'third:1' });
    expect(more.status).toBe(429);
    expect(more.body.error.message).toContain('images per session');
    const build = await a.build({ dockerfile: 'FROM busybox\n', tag: 'x:1' });
    expect(build.status).toBe(429);
  });

  it('runs one build at a time per session', async () => {
    const slow = b.build({ dockerfile: 'FROM busybox\nRUN sleep 3\n', noCache: true });
    await new Promise((r) => setTimeout(r, 700));
    const second = await b.build({ dockerfile: 'FROM busybox\n' });
    expect(second.status).toBe(429);
    expect((second.events[0] as unknown as { error: { message: string } }).error.message).toContain('one build at a time');
    expect(lastEvent((await slow).events).type).toBe('done');
  });

  it('caps sessions per host', async () => {
    const live = docker('ps', '-a', '--filter', 'label=org.layerlab.kind=marker', '--format', '{{.Label "org.layerlab.session"}}').split('\n').filter(Boolean);
    const small = await startServer({ LAYERLAB_SESSIONS_PER_HOST: String(new Set(live).size + 1) });
    try {
      const first = await call(small.base, 'POST', '/v1/sessions');
      expect(first.status).toBe(201);
      const second = await call(small.base, 'POST', '/v1/sessions');
      expect(second.status).toBe(429);
      expect(second.body.error.message).toContain('sessions per host');
      await call(small.base, 'DELETE', `/v1/sessions/${first.body.id}`, first.body.token);
    } finally {
      await small.server.close();
    }
  });
});

describe('disk quota', () => {
  it('counts the session\'s own layers and writable layers, not the catalog, and refuses past the cap', async () => {
    const small = await startServer({ LAYERLAB_DISK_PER_SESSION: '3m' });
    const c = await Client.create(small.base);
    try {
      const first = await c.build({ dockerfile: 'FROM debian:bookworm-slim\nRUN head -c 2000000 /dev/zero > /two-mb\n', tag: 'big:1' });
      expect(lastEvent(first.events).type).toBe('done');
      // The build that crosses the cap is measured when it ends: refused, and its image removed.
      const second = await c.build({ dockerfile: 'FROM busybox\nRUN head -c 1500000 /dev/zero > /more\n', tag: 'more:1' });
      expect(lastEvent(second.events)).toMatchObject({ type: 'error', code: 'disk' });
      expect((lastEvent(second.events) as { message: string }).message).toContain('disk per session');
      const tags = ((await c.req('GET', '/images')).body as { tags: string[] }[]).flatMap((i) => i.tags);
      expect(tags).toContain('big:1');
      expect(tags).not.toContain('more:1');
      // A container whose writable layer fills past the cap: the next action is refused.
      const fill = await c.req('POST', '/containers', { image: 'big:1', cmd: ['sh', '-c', 'head -c 1500000 /dev/zero > /fill; sleep 300'] });
      expect(fill.status).toBe(201);
      await c.req('POST', `/containers/${fill.body.id}/start`);
      let refused = 0;
      for (let i = 0; i < 40 && refused !== 429; i++) {
        await new Promise((r) => setTimeout(r, 250));
        refused = (await c.req('POST', '/containers', { image: 'busybox' })).status;
      }
      expect(refused).toBe(429);
    } finally {
      await c.remove();
      await small.server.close();
    }
  });
});
