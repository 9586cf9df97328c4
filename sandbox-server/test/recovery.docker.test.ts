// The server keeps nothing the engine cannot give back: a second server on
// the same engine finds sessions again, and expired sessions' leftovers are
// reaped from labels (and build cgroup parents) at start-up.
import { afterAll, describe, expect, it } from 'vitest';
import { Client, call, docker, engineObjects, lastEvent, startServer, type Started } from './harness';

const started: Started[] = [];
afterAll(async () => { for (const s of started) await s.server.close().catch(() => undefined); });

describe('restart recovery', () => {
  it('a new server instance finds the session, its token, images and containers', async () => {
    const first = await startServer();
    started.push(first);
    const a = await Client.create(first.base);
    const built = await a.build({ dockerfile: 'FROM busybox\nCOPY f /f\nRUN cat /f\n', files: { f: 'x' }, tag: 'kept:1' });
    expect(lastEvent(built.events).type).toBe('done');
    const c = await a.req('POST', '/containers', { image: 'kept:1', cmd: ['sleep', '300'], name: 'keep' });
    await a.req('POST', '/containers/keep/start');
    const expiresAt = (await a.req('GET', '')).body.expiresAt;
    // The first server stops serving without any goodbye to the engine.
    first.server.http.closeAllConnections();
    first.server.http.close();

    const second = await startServer();
    started.push(second);
    const again = new Client(second.base, a.id, a.token);
    const session = await again.req('GET', '');
    expect(session.status).toBe(200);
    expect(Math.abs(Date.parse(session.body.expiresAt) - Date.parse(expiresAt))).toBeLessThan(70_000);
    expect((await call(second.base, 'GET', `/v1/sessions/${a.id}/images`, 'wrong')).status).toBe(403);
    const images = await again.req('GET', '/images');
    expect(images.body.find((i: { tags: string[] }) => i.tags.includes('kept:1'))).toBeTruthy();
    const containers = await again.req('GET', '/containers');
    expect(containers.body).toEqual([expect.objectContaining({ id: c.body.id, name: 'keep', state: 'running', image: 'kept:1' })]);
    const layers = (await again.req('GET', '/images/kept:1')).body.layers;
    expect(layers.find((l: { instruction?: string }) => l.instruction === 'RUN')).toMatchObject({ line: 3 });
    expect((await again.remove()).status).toBe(200);
    expect(engineObjects(a.id)).toEqual({ containers: [], images: [] });
  });
});

describe('reaper', () => {
  it('removes an expired session\'s containers, images, markers and build leftovers at start-up', async () => {
    const dead = 'dead00000001';
    const live = 'live00000001';
    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const label = (id: string, kind: string, expires: string) => ['--label', `org.layerlab.session=${id}`, '--label', `org.layerlab.kind=${kind}`, '--label', `org.layerlab.expires=${expires}`];
    docker('create', ...label(dead, 'marker', past), '--label', 'org.layerlab.token-sha256=00', 'busybox:latest', 'true');
    docker('create', ...label(live, 'marker', future), '--label', 'org.layerlab.token-sha256=00', 'busybox:latest', 'true');
    const deadContainer = docker('create', ...label(dead, 'container', past), 'busybox:latest', 'true');
    const liveContainer = docker('create', ...label(live, 'container', future), 'busybox:latest', 'true');
    const deadImage = docker('commit', '--change', `LABEL org.layerlab.session=${dead}`, deadContainer, `layerlab/s-${dead}/old:1`);
    const leftover = docker('create', '--cgroup-parent', `/layerlab-build/s-${dead}`, 'busybox:latest', 'true');
    try {
      const s = await startServer();
      started.push(s);
      expect(() => docker('inspect', deadContainer)).toThrow();
      expect(() => docker('inspect', leftover)).toThrow();
      expect(() => docker('image', 'inspect', deadImage)).toThrow();
      expect(engineObjects(dead)).toEqual({ containers: [], images: [] });
      expect(docker('inspect', '--format', '{{.Id}}', liveContainer)).toBe(liveContainer);
      expect((await call(s.base, 'GET', `/v1/sessions/${dead}`, 'x')).status).toBe(404);
    } finally {
      for (const id of engineObjects(live).containers) docker('rm', '-f', id);
      for (const id of [deadContainer, leftover]) { try { docker('rm', '-f', id); } catch { /* reaped */ } }
    }
  });
});
