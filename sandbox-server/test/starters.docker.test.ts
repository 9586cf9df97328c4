// Class starters: built once by the server, reused as cache only by builds
// that name them, and never a way to another learner's steps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedSteps, call, Client, docker, engineObjects, lastEvent, startServer, type Started } from './harness';
import { starterKey } from '../builds/starters';
import { sessionOfImageName } from '../sessions/names';

let s: Started;
let a: Client;
let b: Client;
const starterSessions: string[] = [];
const tagged = `t${Date.now().toString(36)}`;
// Unique per run, so no earlier run's images can be what the cache finds.
const starter = `FROM busybox\nWORKDIR /${tagged}\nRUN echo starter > s.txt\nCOPY index.html .\nCMD ["cat", "s.txt"]\n`;
const files = { 'index.html': '<h1>hi</h1>\n' };
const changed = starter.replace('echo starter', 'echo mine');

beforeAll(async () => {
  s = await startServer();
  [a, b] = await Promise.all([Client.create(s.base), Client.create(s.base)]);
});
afterAll(async () => {
  await a?.remove();
  await b?.remove();
  await s?.server.close();
  // The starter's own session would live on until it expires.
  for (const id of starterSessions) {
    const objects = engineObjects(id);
    if (objects.containers.length) docker('rm', '-f', ...objects.containers);
    if (objects.images.length) docker('rmi', '-f', ...objects.images);
  }
});

describe('POST /v1/starters', () => {
  let key: string;

  it('builds the starter once and answers its key; asked again, answers the same image without a build', async () => {
    const first = await call(s.base, 'POST', '/v1/starters', undefined, { dockerfile: starter, files });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ key: starterKey({ dockerfile: starter, files }), built: true });
    key = first.body.key;
    const labels = JSON.parse(docker('inspect', '-f', '{{json .Config.Labels}}', first.body.imageId));
    expect(labels['org.layerlab.starter']).toBe(key);
    const names = JSON.parse(docker('inspect', '-f', '{{json .RepoTags}}', first.body.imageId)) as string[];
    const owner = names.map(sessionOfImageName).find(Boolean);
    expect(owner).toMatch(/^[a-z0-9]{12}$/);
    starterSessions.push(owner!);
    const again = await call(s.base, 'POST', '/v1/starters', undefined, { files, dockerfile: starter });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ key, imageId: first.body.imageId, built: false });
    expect(docker('images', '-q', '--filter', `label=org.layerlab.starter=${key}`).split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a build naming the starter reuses its unchanged steps; one that does not, or names another key, runs every step', async () => {
    const withKey = await a.build({ dockerfile: changed, files, starter: key });
    expect(lastEvent(withKey.events).type).toBe('done');
    // WORKDIR from the starter; RUN changed, so it and every step after it run.
    expect(cachedSteps(withKey.events).slice(0, 4)).toEqual([false, true, false, false]);
    const without = await b.build({ dockerfile: changed, files });
    expect(cachedSteps(without.events).slice(0, 3)).toEqual([false, false, false]);
    // A fresh session, so its own cache is empty too.
    const c = await Client.create(s.base);
    const otherKey = await c.build({ dockerfile: starter, files, starter: '0123456789abcdef' });
    await c.remove();
    expect(lastEvent(otherKey.events).type).toBe('done');
    expect(cachedSteps(otherKey.events).slice(0, 3)).toEqual([false, false, false]);
  });

  it('never hands one learner\'s steps to another through the starter', async () => {
    // b built `changed` above; a's identical build was first, so b used no
    // cache. Now a builds a third variant that b built first: still no reuse.
    const third = starter.replace('echo starter', 'echo third');
    await b.build({ dockerfile: third, files, tag: 'third:1' });
    const r = await a.build({ dockerfile: third, files, starter: key, tag: 'third:1' });
    expect(cachedSteps(r.events).slice(0, 3)).toEqual([false, true, false]);
  });

  it('two learners who build the starter unchanged hold one image; each sees it, and one removing it leaves the other\'s', async () => {
    const [c, d] = await Promise.all([Client.create(s.base), Client.create(s.base)]);
    try {
      const rc = lastEvent((await c.build({ dockerfile: starter, files, starter: key, tag: 'same:1' })).events) as { type: string; imageId: string };
      const rd = lastEvent((await d.build({ dockerfile: starter, files, starter: key, tag: 'mine:2' })).events) as { type: string; imageId: string };
      expect(rc.type).toBe('done');
      expect(rd.imageId).toBe(rc.imageId);
      const tagsIn = async (x: Client) => ((await x.req('GET', '/images')).body as { id: string; tags: string[] }[]).find((i) => i.id === rc.imageId)?.tags;
      expect(await tagsIn(c)).toEqual(['same:1']);
      expect(await tagsIn(d)).toEqual(['mine:2']);
      expect((await c.req('GET', `/images/${rc.imageId}`)).status).toBe(200);
      // By id, as `docker rmi <id>`: gone for c, still d's.
      expect((await c.req('DELETE', `/images/${rc.imageId}`)).status).toBe(200);
      expect(await tagsIn(c)).toBeUndefined();
      expect(await tagsIn(d)).toEqual(['mine:2']);
      // c builds it again, then its session ends: d's image stays whole.
      await c.build({ dockerfile: starter, files, starter: key, tag: 'same:1' });
      expect((await c.remove()).status).toBe(200);
      expect(await tagsIn(d)).toEqual(['mine:2']);
      expect((await d.req('GET', '/images/mine:2')).body.layers.length).toBeGreaterThan(1);
    } finally {
      await d.remove();
    }
  });

  it('refuses a starter that does not build, with the line, and keeps nothing of it', async () => {
    const bad = await call(s.base, 'POST', '/v1/starters', undefined, { dockerfile: `FROM busybox\nRUN exit 3 # ${tagged}\n` });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/does not build \(line 2\)/);
    const refused = await call(s.base, 'POST', '/v1/starters', undefined, { dockerfile: 'FROM alpine:3.19\n' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/does not build \(line 1\): Base image "alpine:3.19" is not available/);
    const key = starterKey({ dockerfile: `FROM busybox\nRUN exit 3 # ${tagged}\n` });
    expect(docker('images', '-q', '--filter', `label=org.layerlab.starter=${key}`)).toBe('');
  });

  it('refuses a build whose starter key is not a key', async () => {
    const r = await call(s.base, 'POST', `/v1/sessions/${a.id}/builds`, a.token, { dockerfile: starter, starter: '../x' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('starter');
  });
});
