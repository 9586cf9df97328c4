// A session deleted while it is busy: a build waiting for a slot, a build
// started over the socket, two deletes and a build sent at once, a push
// under way. Each delete answers without a 500, a build of the session never
// ends in `done` after it, and afterwards the engine (containers by label,
// build step containers by cgroup parent, images by name, label and the
// build's own commands) and the registry's catalog hold nothing of it.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { BuildEvent } from '../lib/protocol';
import { SocketEvents } from '../lib/protocol';
import { loadSettings } from '../lib/settings';
import { RegistryClient } from '../sandbox-server/registry/registry-client';
import { buildLeftovers, Client, docker, engineObjects, inspectExisting, lastEvent, sleep, startSandbox, type Started } from './support/sandbox';

const registry = RegistryClient.fromSettings(loadSettings({}));
let s: Started;
const clients: Client[] = [];
beforeAll(async () => {
  expect(await registry.ping()).toBe(true);
  // One build slot, so a second build waits in the queue.
  s = await startSandbox({ LAYERLAB_BUILDS_PER_HOST: '1', LAYERLAB_SESSION_ORIGIN: 'test' });
});
afterAll(async () => {
  for (const c of clients) await c.remove().catch(() => undefined);
  await s?.server.close();
});

async function session(): Promise<Client> {
  const c = await Client.create(s.base);
  clients.push(c);
  return c;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// Images made by a command containing `mark`, named or dangling.
function imagesMarked(mark: string): string[] {
  const ids = [...new Set(docker('images', '-aq', '--no-trunc').split('\n').filter(Boolean))];
  return inspectExisting<{ Id: string; ContainerConfig: { Cmd?: string[] } }>(ids, 'image')
    .filter((i) => (i.ContainerConfig.Cmd ?? []).join(' ').includes(mark)).map((i) => i.Id);
}

async function expectNothingLeft(c: Client, mark: string): Promise<void> {
  expect(docker('ps', '-aq', '--filter', `label=org.layerlab.session=${c.id}`)).toBe('');
  expect(engineObjects(c.id)).toEqual({ containers: [], images: [] });
  await until('the build step containers to go', () => buildLeftovers(c.id).length === 0, 15_000);
  expect(imagesMarked(mark)).toEqual([]);
  expect(docker('images', '-q', '--filter', `reference=localhost:5000/s-${c.id}/*`)).toBe('');
  expect((await registry.repositories()).filter((r) => r.startsWith(`s-${c.id}/`))).toEqual([]);
  expect((await c.req('GET', '')).status).toBe(404);
}

const slow = (mark: string) => ({ dockerfile: `FROM busybox\nRUN echo ${mark}-a > /a\nRUN sleep 120 && echo ${mark}-b\n`, noCache: true });

// A build's events as they arrive, for asserting on the stream's first and last.
function streamBuild(c: Client, body: Record<string, unknown>): { events: BuildEvent[]; ended: Promise<number> } {
  const events: BuildEvent[] = [];
  const ended = fetch(`${c.base}/v1/sessions/${c.id}/builds`, {
    method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  }).then(async (res) => {
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += Buffer.from(chunk).toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const l of lines.filter(Boolean)) events.push(JSON.parse(l));
    }
    return res.status;
  });
  return { events, ended };
}

describe('deleting a busy session', () => {
  it('a build waiting in the queue and the build holding the slot: each stream ends with an error, the other session is untouched until deleted', async () => {
    const [holder, waiter] = [await session(), await session()];
    const mark = `q-${randomBytes(4).toString('hex')}`;
    const running = streamBuild(holder, slow(`${mark}-h`));
    await until('the holder\'s build to run', () => buildLeftovers(holder.id).length > 0).catch((e: Error) => { throw new Error(`${e.message}: ${JSON.stringify(running.events)}`); });
    const queued = streamBuild(waiter, slow(`${mark}-w`));
    await until('the waiter to be queued', () => queued.events.some((e) => e.type === 'output' && e.status === 'queued'));

    const del = await waiter.remove();
    expect(del.status).toBe(200);
    expect(await queued.ended).toBe(200);
    expect(lastEvent(queued.events)).toMatchObject({ type: 'error', code: 'removed' });
    await expectNothingLeft(waiter, `${mark}-w`);
    // The other session's build runs on.
    expect(buildLeftovers(holder.id).length).toBeGreaterThan(0);
    expect(running.events.some((e) => e.type === 'error' || e.type === 'done')).toBe(false);

    expect((await holder.remove()).status).toBe(200);
    await running.ended;
    expect(lastEvent(running.events)).toMatchObject({ type: 'error', code: 'removed' });
    await expectNothingLeft(holder, mark);
  });

  it('a build started over the socket: the delete ends it and the socket', async () => {
    const c = await session();
    const mark = `sock-${randomBytes(4).toString('hex')}`;
    const socket = connect(s.base, { auth: { token: c.token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => { socket.on('connect', () => resolve()); socket.on('connect_error', reject); });
    const disconnected = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    const ack = await socket.timeout(10_000).emitWithAck(SocketEvents.buildStart, slow(mark)) as { buildId?: string };
    expect(ack.buildId).toMatch(/^[0-9a-f]+$/);
    await until('the socket build to run', () => buildLeftovers(c.id).length > 0);
    expect((await c.remove()).status).toBe(200);
    await disconnected;
    socket.close();
    await expectNothingLeft(c, mark);
  });

  it('two deletes and a build sent at once: no 500, no finished build, nothing left', async () => {
    const c = await session();
    const mark = `burst-${randomBytes(4).toString('hex')}`;
    const built = await c.build({ dockerfile: `FROM busybox\nRUN echo ${mark}-x > /x\n`, tag: 'x:1' });
    expect(lastEvent(built.events).type).toBe('done');
    expect((await c.req('POST', '/containers', { image: 'x:1', cmd: ['sleep', '300'], name: 'x' })).status).toBe(201);
    const [d1, d2, b] = await Promise.all([c.remove(), c.remove(), c.build(slow(mark))]);
    expect([d1.status, d2.status].sort()).toEqual([200, 404]);
    // Refused at the door, or a stream that ends without a result.
    if (b.status === 200) expect(lastEvent(b.events)).toMatchObject({ type: 'error' });
    else expect(b.status).toBe(404);
    await expectNothingLeft(c, mark);
  });

  it('pushes under way: the delete answers 200 and the registry keeps nothing of the session', async () => {
    const c = await session();
    const mark = `push-${randomBytes(4).toString('hex')}`;
    // A few MB of layer, so a push takes long enough to be caught.
    const built = await c.build({ dockerfile: `FROM busybox\nRUN echo ${mark} > /m && head -c 8000000 /dev/urandom > /blob\n`, tag: 'big:1' });
    expect(lastEvent(built.events).type).toBe('done');
    expect((await c.req('POST', `/images/${encodeURIComponent('big:1')}/push`, { ref: 'lab/big:1' })).status).toBe(200);
    const pushes = ['lab/big:2', 'lab/other:1', 'lab/third:1'].map((ref) => c.req('POST', `/images/${encodeURIComponent('big:1')}/push`, { ref }));
    const del = await c.remove();
    expect(del.status).toBe(200);
    for (const p of await Promise.all(pushes)) expect(p.status).not.toBe(500);
    await expectNothingLeft(c, mark);
  });
});
