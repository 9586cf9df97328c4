// Push to and pull from the real lesson registry (Debian's docker-registry on
// 127.0.0.1:5000, started by scripts/setup/registry.sh), through the API,
// compared with what the engine and the registry's own API hold.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { SocketEvents, WorldUpdate } from '../../lib/protocol';
import { loadSettings } from '../../lib/settings';
import { RegistryClient } from '../registry/registry-client';
import { Client, OPERATOR_TOKEN, call, docker, engineObjects, lastEvent, pushAsServer, startServer, type Started } from './harness';

const registry = RegistryClient.fromSettings(loadSettings({}));
const REF = 'localhost:5000/lab/hello:1';
const enc = encodeURIComponent;
// Other suites share this engine and its live sessions; this one is not about the host's quota.
const ENV = { LAYERLAB_SESSIONS_PER_HOST: '10000' };

let s: Started;
let a: Client;
let b: Client;
let socket: Socket;
const updates: WorldUpdate[] = [];
const started: Started[] = [];

async function buildHello(c: Client, text: string): Promise<string> {
  const r = await c.build({ dockerfile: 'FROM busybox:latest\nCOPY hello.txt /hello.txt\nCMD ["cat", "/hello.txt"]\n', files: { 'hello.txt': text }, tag: 'lab/hello:1' });
  const done = lastEvent(r.events);
  if (done.type !== 'done') throw new Error(`build failed: ${JSON.stringify(done)}`);
  return done.imageId;
}

// Tags a session still has in the registry, as `repo:tag`.
async function registryTags(sessionId: string): Promise<string[]> {
  const repos = (await registry.repositories()).filter((r) => r.startsWith(`s-${sessionId}/`));
  return (await Promise.all(repos.map(async (r) => (await registry.tags(r)).map((t) => `${r}:${t}`)))).flat();
}

// Engine names in the session's registry namespace.
const engineRegistryNames = (sessionId: string) => docker('images', '--format', '{{.Repository}}:{{.Tag}}').split('\n')
  .filter((n) => n.startsWith(`localhost:5000/s-${sessionId}/`));

async function until<T>(what: string, find: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await find();
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let idA: string;
let idB: string;

beforeAll(async () => {
  expect(await registry.ping()).toBe(true);
  s = await startServer(ENV);
  a = await Client.create(s.base);
  b = await Client.create(s.base);
  socket = connect(s.base, { auth: { token: a.token }, transports: ['websocket'], reconnection: false });
  socket.on(SocketEvents.world, (u: unknown) => updates.push(WorldUpdate.parse(u)));
  await new Promise<void>((resolve, reject) => { socket.on('connect', () => resolve()); socket.on('connect_error', reject); });
  idA = await buildHello(a, 'hello from a\n');
  idB = await buildHello(b, 'hello from b\n');
});
afterAll(async () => {
  socket?.close();
  for (const c of [a, b]) await c?.remove();
  for (const x of [s, ...started]) await x?.server.close();
});

describe('health', () => {
  it('lists the registry capability and the host kernel of the engine, to the operator and to a session', async () => {
    const r = await call(s.base, 'GET', '/healthz', OPERATOR_TOKEN);
    expect(r.body.capabilities).toEqual(['registry']);
    expect(r.body.engine.kernelVersion).toBe(docker('info', '--format', '{{.KernelVersion}}'));
    const own = await a.req('GET', '/engine');
    expect(own.body).toEqual({ runtime: docker('info', '--format', '{{.DefaultRuntime}}'), kernelVersion: docker('info', '--format', '{{.KernelVersion}}'), capabilities: ['registry'] });
  });
});

// Defence in depth: were a learner ever to reach the registry, it would tell
// them nothing. It asks for the credentials only the sandbox server holds.
describe('the registry answers the sandbox server only', () => {
  it('refuses its catalog, a tag list and a pull without the server\'s credentials', async () => {
    const url = loadSettings({}).registryUrl;
    expect((await fetch(`${url}/v2/_catalog`)).status).toBe(401);
    expect((await fetch(`${url}/v2/s-${a.id}/lab/hello/tags/list`)).status).toBe(401);
    expect(await registry.repositories()).toEqual(expect.any(Array));
    const dir = mkdtempSync(path.join(tmpdir(), 'layerlab-nocreds-'));
    try {
      expect(() => execFileSync('docker', ['--config', dir, 'pull', `localhost:5000/s-${a.id}/lab/hello:1`], { stdio: ['ignore', 'pipe', 'pipe'] })).toThrow(/unauthorized|no basic auth credentials|authentication required/i);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});

describe('push, remove, pull back', () => {
  let digest: string;

  it('pushes the session\'s image under the session\'s namespace and answers the learner\'s name', async () => {
    const r = await a.req('POST', `/images/${enc('lab/hello:1')}/push`, { ref: REF });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ref: REF, digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), imageId: idA });
    digest = r.body.digest;
    expect(await registry.digest(`s-${a.id}/lab/hello`, '1')).toBe(digest);
    expect(await registryTags(a.id)).toEqual([`s-${a.id}/lab/hello:1`]);
    // As `docker tag` + `docker push`: the registry name is a local name too.
    const image = (await a.req('GET', `/images/${enc(REF)}`)).body;
    expect(image.id).toBe(idA);
    expect(image.tags.sort()).toEqual(['lab/hello:1', REF]);
    expect(JSON.stringify(image)).not.toContain(`s-${a.id}`);
    expect(engineRegistryNames(a.id)).toEqual([`localhost:5000/s-${a.id}/lab/hello:1`]);
    const update = await until('a registry push update', () => updates.find((u) => u.type === 'registry' && u.action === 'push'));
    expect(update).toEqual({ type: 'registry', action: 'push', ref: REF, imageId: idA, digest, ok: true });
  });

  it('pulls it back after every local name is gone: the same image id, owned by the session', async () => {
    expect((await a.req('DELETE', `/images/${enc(REF)}`)).status).toBe(200);
    expect((await a.req('DELETE', `/images/${enc('lab/hello:1')}`)).status).toBe(200);
    expect(() => docker('image', 'inspect', idA)).toThrow();
    expect((await a.req('GET', '/images')).body.map((i: { id: string }) => i.id)).not.toContain(idA);

    const r = await a.req('POST', '/pulls', { ref: REF });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ref: REF, imageId: idA });
    expect(JSON.parse(docker('image', 'inspect', '--format', '{{json .RepoTags}}', idA))).toContain(`localhost:5000/s-${a.id}/lab/hello:1`);
    const listed = (await a.req('GET', '/images')).body.find((i: { id: string }) => i.id === idA);
    expect(listed.tags).toEqual([REF]);
    // A container of the pulled image runs what was pushed.
    const c = await a.req('POST', '/containers', { image: REF, cmd: ['sleep', '60'] });
    expect(c.status).toBe(201);
    await a.req('POST', `/containers/${c.body.id}/start`);
    expect((await a.req('POST', `/containers/${c.body.id}/exec`, { cmd: ['cat', '/hello.txt'] })).body.output).toBe('hello from a\n');
    await a.req('DELETE', `/containers/${c.body.id}`);
    const update = await until('a registry pull update', () => updates.find((u) => u.type === 'registry' && u.action === 'pull'));
    expect(update).toEqual({ type: 'registry', action: 'pull', ref: REF, imageId: idA, digest, ok: true });
    // The playground's "pulled" check also needs the image in its world, from the engine's events.
    await until('an image update naming the pulled image', () => updates.find((u) => u.type === 'image' && u.image.id === idA && u.image.tags.includes(REF)));
  });

  it('takes a name without the registry host and answers with it', async () => {
    const r = await a.req('POST', `/images/${enc(REF)}/push`, { ref: 'lab/hello:short' });
    expect(r.status).toBe(200);
    expect(r.body.ref).toBe('localhost:5000/lab/hello:short');
    expect((await a.req('POST', '/pulls', { ref: 'lab/hello:short' })).body).toEqual({ ref: 'localhost:5000/lab/hello:short', imageId: idA });
  });
});

describe('two sessions', () => {
  it('cannot pull what the other pushed, and pushing the same name keeps both apart', async () => {
    const missing = await b.req('POST', '/pulls', { ref: REF });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'not_found', message: `No image "${REF}" in the registry: push one there first.` });
    expect(updates.filter((u) => u.type === 'registry' && u.ok === false)).toEqual([]); // b's failures are not a's news

    const pushed = await b.req('POST', `/images/${enc('lab/hello:1')}/push`, { ref: REF });
    expect(pushed.status).toBe(200);
    expect(pushed.body.imageId).toBe(idB);
    const digestA = await registry.digest(`s-${a.id}/lab/hello`, '1');
    expect(pushed.body.digest).not.toBe(digestA);
    expect((await b.req('POST', '/pulls', { ref: REF })).body.imageId).toBe(idB);
    expect((await a.req('POST', '/pulls', { ref: REF })).body.imageId).toBe(idA);
  });

  it('cannot push the other session\'s image, by name or by id', async () => {
    expect((await b.req('POST', `/images/${idA}/push`, { ref: 'stolen:1' })).status).toBe(404);
    expect((await b.req('POST', `/images/${enc(`localhost:5000/s-${a.id}/lab/hello:1`)}/push`, { ref: 'stolen:1' })).status).toBe(404);
    expect(await registryTags(b.id)).toEqual([`s-${b.id}/lab/hello:1`]);
  });
});

describe('refusals', () => {
  it.each([
    ['another registry', { ref: 'docker.io/library/busybox:latest' }],
    ['another port', { ref: 'localhost:5001/lab/hello:1' }],
    ['a digest', { ref: `lab/hello@sha256:${'0'.repeat(64)}` }],
    ['upper case', { ref: 'Lab/Hello:1' }],
    ['a path out', { ref: 'localhost:5000/../x:1' }],
    ['an empty name', { ref: '' }],
    ['no name', {}],
    ['an unknown field', { ref: 'lab/hello:1', insecure: true }],
  ])('refuses %s with 400 in the catalog format', async (_what, body) => {
    for (const r of [await a.req('POST', `/images/${enc('lab/hello:1')}/push`, body), await a.req('POST', '/pulls', body)]) {
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('bad_request');
      expect(typeof r.body.error.message).toBe('string');
    }
  });

  it('refuses to push a catalog image (403) or an unknown one (404)', async () => {
    const catalog = await a.req('POST', `/images/${enc('busybox:latest')}/push`, { ref: 'mybox:1' });
    expect(catalog.status).toBe(403);
    expect(catalog.body.error.code).toBe('forbidden');
    expect((await a.req('POST', `/images/${enc('nothing:1')}/push`, { ref: 'nothing:1' })).status).toBe(404);
    expect(engineRegistryNames(a.id).some((n) => n.includes('mybox') || n.includes('nothing'))).toBe(false);
  });

  it('answers 404 for a tag that was never pushed, and 401 without the token', async () => {
    const r = await a.req('POST', '/pulls', { ref: 'lab/hello:never' });
    expect(r.status).toBe(404);
    expect(r.body.error.message).toContain('localhost:5000/lab/hello:never');
    expect((await call(s.base, 'POST', `/v1/sessions/${a.id}/pulls`, undefined, { ref: REF })).status).toBe(401);
  });
});

describe('cleanup', () => {
  it('removing a session removes its images and its registry tags, and leaves the other\'s', async () => {
    const digestA = (await registry.digest(`s-${a.id}/lab/hello`, '1'))!;
    expect((await a.remove()).status).toBe(200);
    expect(engineObjects(a.id)).toEqual({ containers: [], images: [] });
    expect(engineRegistryNames(a.id)).toEqual([]);
    expect(await registryTags(a.id)).toEqual([]);
    expect(await registry.digest(`s-${a.id}/lab/hello`, digestA)).toBeUndefined();
    expect(await registryTags(b.id)).toEqual([`s-${b.id}/lab/hello:1`]);
    expect((await b.remove()).status).toBe(200);
    expect(engineObjects(b.id)).toEqual({ containers: [], images: [] });
    expect(await registryTags(b.id)).toEqual([]);
  });

  it('at start-up, reaps an expired session\'s pushed images and sweeps registry tags of sessions that are gone', async () => {
    const dead = 'dead0000reg1';
    const gone = 'gone0000reg1';
    const past = new Date(Date.now() - 60_000).toISOString();
    const label = (id: string, kind: string) => ['--label', `org.layerlab.session=${id}`, '--label', `org.layerlab.kind=${kind}`, '--label', `org.layerlab.expires=${past}`];
    docker('create', ...label(dead, 'marker'), '--label', 'org.layerlab.token-sha256=00', 'busybox:latest', 'true');
    const box = docker('create', 'busybox:latest', 'true');
    try {
      // A pushed image of the expired session: named in two repositories.
      docker('commit', '--change', `LABEL org.layerlab.session=${dead}`, box, `layerlab/s-${dead}/old:1`);
      docker('tag', `layerlab/s-${dead}/old:1`, `localhost:5000/s-${dead}/old:1`);
      pushAsServer(`localhost:5000/s-${dead}/old:1`);
      // Only in the registry: its session and images are long gone.
      docker('commit', '--change', `LABEL org.layerlab.session=${gone}`, box, `localhost:5000/s-${gone}/old:1`);
      pushAsServer(`localhost:5000/s-${gone}/old:1`);
      docker('rmi', `localhost:5000/s-${gone}/old:1`);
    } finally {
      docker('rm', '-f', box);
    }
    expect(await registryTags(dead)).toEqual([`s-${dead}/old:1`]);
    expect(await registryTags(gone)).toEqual([`s-${gone}/old:1`]);

    started.push(await startServer(ENV));
    expect(engineObjects(dead)).toEqual({ containers: [], images: [] });
    expect(engineRegistryNames(dead)).toEqual([]);
    expect(await registryTags(dead)).toEqual([]);
    await until('the sweep of a gone session', async () => ((await registryTags(gone)).length === 0 ? true : undefined));
  });
});
