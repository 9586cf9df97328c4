// Disk fill past the per-session cap. overlay2 on ext4 has no per-container
// size quota here (storage-opt size needs xfs with pquota), so the server
// measures the session's own layers and writable layers and enforces the cap:
// a build or commit that ends past it is removed with an error, a container
// that writes past it is killed, and the next action is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dockerJson, engineObjects, lastEvent, runScript, sleep, startSandbox, waitExit, type Started } from './support/sandbox';

const CAP = 128 * 1024 * 1024;
let s: Started;
let a: Client;

beforeAll(async () => {
  s = await startSandbox({ LAYERLAB_DISK_PER_SESSION: '128m', LAYERLAB_DISK_CHECK: '1', LAYERLAB_EXEC_TIMEOUT: '20', LAYERLAB_BUILD_TIMEOUT: '60' });
  a = await Client.create(s.base);
});
afterAll(async () => {
  await a?.remove();
  await s?.server.close();
  if (a) expect(engineObjects(a.id)).toEqual({ containers: [], images: [] });
});

// The session's own images; the listing also shows the shared catalog.
const ownImages = async () => ((await a.req('GET', '/images')).body as { id: string; catalog: boolean }[]).filter((i) => !i.catalog);

async function clean() {
  for (const c of (await a.req('GET', '/containers')).body) await a.req('DELETE', `/containers/${c.id}`);
  for (const i of await ownImages()) await a.req('DELETE', `/images/${i.id}`);
}

describe('disk fill', () => {
  it('a RUN step that writes past the cap fails the build and keeps no image', async () => {
    try {
      const r = await a.build({ dockerfile: 'FROM busybox\nRUN dd if=/dev/zero of=/fill bs=1M count=200\n', tag: 'fill:1', noCache: true });
      const last = lastEvent(r.events) as { type: string; message: string };
      expect(last.type).toBe('error');
      expect(last.message).toMatch(/disk/i);
      expect(engineObjects(a.id).images).toEqual([]);
      expect(await ownImages()).toEqual([]);
    } finally { await clean(); }
  });

  it('a container that writes past the cap is killed, told why, and the next action is refused', async () => {
    try {
      const cid = await runScript(a, 'i=0; while :; do dd if=/dev/zero of=/fill$i bs=1M count=16 2>/dev/null; i=$((i+1)); sleep 0.2; done');
      const done = await waitExit(cid, 60_000);
      expect(done.status).toBe('exited');
      const [d] = dockerJson('inspect', '--size', cid);
      // Killed close to the cap, not after filling the host.
      expect(d.SizeRw).toBeLessThan(CAP * 2);
      const seen = (await a.req('GET', `/containers/${cid}`)).body;
      expect(JSON.stringify(seen)).toMatch(/disk/i);
      const next = await a.req('POST', `/containers/${cid}/commit`, { tag: 'big:1' });
      expect(next.status).toBe(429);
      expect(next.body.error.message).toMatch(/disk/i);
    } finally { await clean(); }
  });

  it('an exec that writes past the cap ends in an error and the container is stopped', async () => {
    try {
      const cid = await runScript(a, 'sleep 600');
      const r = await a.req('POST', `/containers/${cid}/exec`, { cmd: ['dd', 'if=/dev/zero', 'of=/fill', 'bs=1M', 'count=200'] });
      expect(r.status).toBe(429);
      expect(r.body.error.message).toMatch(/disk/i);
      await sleep(500);
      expect(dockerJson('inspect', cid)[0].State.Running).toBe(false);
    } finally { await clean(); }
  });

  it('after cleaning up, the session works again', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nRUN echo small > /s\n', tag: 'small:1' });
    expect(lastEvent(r.events).type).toBe('done');
  });
});
