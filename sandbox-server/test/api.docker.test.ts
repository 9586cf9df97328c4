// Every endpoint of DESIGN §4 against the real engine, compared with the
// engine's own view of the same objects (docker history, diff, inspect).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildEvent } from '../../lib/protocol';
import { Client, OPERATOR_TOKEN, call, docker, engineObjects, lastEvent, startServer, type Started } from './harness';

let s: Started;
let a: Client;
let imageId: string;
let containerId: string;

const DOCKERFILE = [
  '# a comment',
  'FROM busybox:latest',
  'COPY hello.txt /hello.txt',
  'RUN echo built > /built \\',
  '    && echo step-output',
  'ENV GREETING=hi',
  'CMD ["sleep", "300"]',
  '',
].join('\n');

beforeAll(async () => {
  s = await startServer();
  a = await Client.create(s.base);
});
afterAll(async () => {
  await a?.remove();
  await s?.server.close();
});

describe('health and sessions', () => {
  it('reports the real engine version and default runtime to the operator', async () => {
    const r = await call(s.base, 'GET', '/healthz', OPERATOR_TOKEN);
    expect(r.status).toBe(200);
    const info = JSON.parse(docker('info', '--format', '{{json .}}'));
    expect(r.body).toMatchObject({ ok: true, engine: { version: info.ServerVersion, runtime: info.DefaultRuntime } });
  });

  it('tells a session the runtime and host kernel its containers run on, as docker info does, and only with its token', async () => {
    const info = JSON.parse(docker('info', '--format', '{{json .}}'));
    const r = await a.req('GET', '/engine');
    expect(r.status).toBe(200);
    const { capabilities } = (await call(s.base, 'GET', '/healthz', OPERATOR_TOKEN)).body;
    expect(r.body).toEqual({ runtime: info.DefaultRuntime, kernelVersion: info.KernelVersion, capabilities });
    expect((await call(s.base, 'GET', `/v1/sessions/${a.id}/engine`)).status).toBe(401);
  });

  it('creates a session with a token and an expiry about the TTL away, stored as a marker in the engine', async () => {
    expect(a.id).toMatch(/^[a-z0-9]{12}$/);
    expect(a.token.length).toBeGreaterThanOrEqual(40);
    const r = await a.req('GET', '');
    expect(r.status).toBe(200);
    const ttl = Date.parse(r.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(7100_000);
    expect(ttl).toBeLessThanOrEqual(7200_000);
    const markers = docker('ps', '-a', '--filter', `label=org.layerlab.session=${a.id}`, '--filter', 'label=org.layerlab.kind=marker', '--format', '{{.Labels}}');
    expect(markers).toContain('org.layerlab.token-sha256=');
    expect(markers).not.toContain(a.token);
  });

  it('answers CORS preflights for any origin', async () => {
    const res = await fetch(`${s.base}/v1/sessions`, { method: 'OPTIONS', headers: { origin: 'http://example.test' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('refuses calls without a token or with a wrong one', async () => {
    expect((await call(s.base, 'GET', `/v1/sessions/${a.id}/images`)).status).toBe(401);
    const r = await call(s.base, 'GET', `/v1/sessions/${a.id}/images`, 'not-the-token');
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
  });
});

describe('build', () => {
  let events: BuildEvent[];
  beforeAll(async () => {
    const r = await a.build({ dockerfile: DOCKERFILE, files: { 'hello.txt': 'hello\n' }, tag: 'myapp:1', noCache: true });
    expect(r.status).toBe(200);
    events = r.events;
  });

  it('streams valid build events ending in done with the learner\'s tag', () => {
    for (const e of events) expect(BuildEvent.safeParse(e).success).toBe(true);
    const done = lastEvent(events);
    expect(done).toMatchObject({ type: 'done', tag: 'myapp:1' });
    imageId = (done as { imageId: string }).imageId;
    expect(docker('image', 'inspect', '--format', '{{.Id}}', `layerlab/s-${a.id}/myapp:1`)).toBe(imageId);
  });

  it('maps steps to Dockerfile lines, multi-line RUN included, with container, output and layer events', () => {
    const steps = events.filter((e) => e.type === 'step');
    expect(steps.map((e) => [e.index, e.line])).toEqual([[1, 2], [2, 3], [3, 4], [4, 6], [5, 7]]);
    expect(steps.every((e) => e.total === 5)).toBe(true);
    const run = events.filter((e) => 'index' in e && e.index === 3);
    expect(run.map((e) => e.type)).toEqual(expect.arrayContaining(['step', 'container', 'output', 'layer']));
    expect(run.find((e) => e.type === 'output')).toMatchObject({ text: expect.stringContaining('step-output') });
    const layers = events.filter((e) => e.type === 'layer');
    expect(layers).toHaveLength(5);
    expect(layers.every((e) => e.cached === false)).toBe(true);
  });

  it('marks cached steps on a second build', async () => {
    const r = await a.build({ dockerfile: DOCKERFILE, files: { 'hello.txt': 'hello\n' }, tag: 'myapp:1' });
    const layers = r.events.filter((e) => e.type === 'layer');
    expect(layers.slice(1).every((e) => e.cached)).toBe(true);
    expect(lastEvent(r.events)).toMatchObject({ type: 'done', imageId });
  });
});

describe('images', () => {
  it('lists the session\'s image under its learner name and the catalog beside it', async () => {
    const r = await a.req('GET', '/images');
    expect(r.status).toBe(200);
    const mine = r.body.find((i: { id: string }) => i.id === imageId);
    expect(mine).toMatchObject({ tags: ['myapp:1'], catalog: false });
    expect(mine.sizeBytes).toBe(Number(docker('image', 'inspect', '--format', '{{.Size}}', imageId)));
    expect(r.body.some((i: { tags: string[]; catalog: boolean }) => i.catalog && i.tags.includes('busybox:latest'))).toBe(true);
    expect(JSON.stringify(r.body)).not.toContain('layerlab/s-');
  });

  it('gives the layers of docker history, base first, with Dockerfile lines and empty metadata layers', async () => {
    const r = await a.req('GET', '/images/myapp:1');
    expect(r.status).toBe(200);
    const history = docker('history', '--no-trunc', '--format', '{{.ID}}\t{{.CreatedBy}}', imageId).split('\n').map((l) => l.split('\t'));
    expect(r.body.layers.map((l: { id: string }) => l.id)).toEqual(history.map((h) => h[0]).reverse());
    expect(r.body.layers.map((l: { createdBy: string }) => l.createdBy)).toEqual(history.map((h) => h[1] ?? '').reverse());
    const byInstruction = (i: string) => r.body.layers.find((l: { instruction?: string }) => l.instruction === i);
    expect(byInstruction('COPY')).toMatchObject({ line: 3, empty: false, sizeBytes: 6 });
    expect(byInstruction('RUN')).toMatchObject({ line: 4, empty: false });
    expect(byInstruction('ENV')).toMatchObject({ line: 6, empty: true, sizeBytes: 0 });
    expect(r.body.layers[0].line).toBeUndefined();
  });

  it('lists the files each layer adds, read from the image export', async () => {
    const layers = (await a.req('GET', '/images/myapp:1')).body.layers;
    const copyIndex = layers.findIndex((l: { instruction?: string }) => l.instruction === 'COPY');
    const r = await a.req('GET', `/images/myapp:1/layers/${copyIndex}/files`);
    expect(r.status).toBe(200);
    expect(r.body.files).toEqual([{ path: '/hello.txt', kind: 'A', sizeBytes: 6, type: 'file' }]);
    const envIndex = layers.findIndex((l: { instruction?: string }) => l.instruction === 'ENV');
    expect((await a.req('GET', `/images/myapp:1/layers/${envIndex}/files`)).body).toMatchObject({ empty: true, files: [] });
    expect((await a.req('GET', '/images/myapp:1/layers/999/files')).status).toBe(404);
  });

  it('tags and untags the session\'s image; never a catalog image', async () => {
    expect((await a.req('POST', '/images/myapp:1/tag', { tag: 'other:2' })).status).toBe(201);
    expect(docker('image', 'inspect', '--format', '{{.Id}}', `layerlab/s-${a.id}/other:2`)).toBe(imageId);
    expect((await a.req('DELETE', '/images/other:2')).status).toBe(200);
    expect(() => docker('image', 'inspect', `layerlab/s-${a.id}/other:2`)).toThrow();
    expect(docker('image', 'inspect', '--format', '{{.Id}}', `layerlab/s-${a.id}/myapp:1`)).toBe(imageId);
    const rm = await a.req('DELETE', '/images/busybox:latest');
    expect(rm.status).toBe(403);
    const tag = await a.req('POST', '/images/busybox:latest/tag', { tag: 'mine:1' });
    expect(tag.status).toBe(403);
    expect(docker('image', 'inspect', '--format', '{{.Id}}', 'busybox:latest')).toMatch(/^sha256:/);
  });
});

describe('containers', () => {
  it('refuses fields outside the whitelist', async () => {
    for (const extra of [{ privileged: true }, { HostConfig: { Binds: ['/:/host'] } }, { binds: ['/:/x'] }]) {
      const r = await a.req('POST', '/containers', { image: 'myapp:1', ...extra });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('bad_request');
    }
  });

  it('creates a container in state created with the policy\'s HostConfig', async () => {
    const r = await a.req('POST', '/containers', { image: 'myapp:1', name: 'web', env: ['A=1'] });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ state: 'created', name: 'web', image: 'myapp:1', imageId });
    containerId = r.body.id;
    const hc = JSON.parse(docker('inspect', '--format', '{{json .HostConfig}}', containerId));
    expect(hc.Memory).toBe(256 * 1024 * 1024);
    expect(hc.MemorySwap).toBe(hc.Memory);
    expect(hc.NanoCpus).toBe(500_000_000);
    expect(hc.PidsLimit).toBe(128);
    expect(hc.Privileged).toBe(false);
    expect(hc.Binds ?? []).toEqual([]);
    expect(hc.LogConfig).toEqual({ Type: 'json-file', Config: { 'max-file': '1', 'max-size': '1m' } });
    expect(hc.Ulimits.map((u: { Name: string }) => u.Name).sort()).toEqual(['fsize', 'nofile', 'nproc']);
    // No file may outgrow the session's disk (2g by default).
    expect(hc.Ulimits.find((u: { Name: string }) => u.Name === 'fsize')).toEqual({ Name: 'fsize', Soft: 2 * 1024 ** 3, Hard: 2 * 1024 ** 3 });
    expect(docker('inspect', '--format', '{{.State.Status}}', containerId)).toBe('created');
  });

  it('starts it and reports the state docker inspect reports', async () => {
    const r = await a.req('POST', `/containers/${containerId}/start`);
    expect(r.status).toBe(200);
    expect(r.body.state).toBe(docker('inspect', '--format', '{{.State.Status}}', containerId));
    expect(r.body.state).toBe('running');
    const list = await a.req('GET', '/containers');
    expect(list.body).toEqual([expect.objectContaining({ id: containerId, image: 'myapp:1', state: 'running' })]);
  });

  it('execs, demuxing stdout and stderr, with the exit code', async () => {
    const r = await a.req('POST', '/containers/web/exec', { cmd: ['sh', '-c', 'echo out; echo err >&2; echo new > /new.txt; rm /hello.txt; exit 3'] });
    expect(r.status).toBe(200);
    expect(r.body.exitCode).toBe(3);
    expect(r.body.output).toContain('out\n');
    expect(r.body.output).toContain('err\n');
    expect(r.body.output).not.toMatch(/[\u0000-\u0002]/);
  });

  it('gives the diff docker diff gives', async () => {
    const r = await a.req('GET', `/containers/${containerId}/diff`);
    const cli = docker('diff', containerId).split('\n').filter(Boolean).map((l) => ({ kind: l[0], path: l.slice(2) }));
    expect(r.body.map((d: { kind: string; path: string }) => `${d.kind} ${d.path}`).sort()).toEqual(cli.map((d) => `${d.kind} ${d.path}`).sort());
    expect(r.body).toEqual(expect.arrayContaining([{ path: '/new.txt', kind: 'A' }, { path: '/hello.txt', kind: 'D' }]));
  });

  it('commits exactly one new layer on top of the image, owned by the session', async () => {
    const r = await a.req('POST', `/containers/${containerId}/commit`, { tag: 'snap:1' });
    expect(r.status).toBe(201);
    const before = docker('history', '-q', '--no-trunc', imageId).split('\n');
    const after = docker('history', '-q', '--no-trunc', r.body.imageId).split('\n');
    expect(after.length).toBe(before.length + 1);
    expect(after.slice(1)).toEqual(before);
    expect(docker('image', 'inspect', '--format', '{{index .Config.Labels "org.layerlab.session"}}', r.body.imageId)).toBe(a.id);
    const layers = (await a.req('GET', '/images/snap:1')).body.layers;
    const top = await a.req('GET', `/images/snap:1/layers/${layers.length - 1}/files`);
    expect(top.body.files).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: '/new.txt', kind: 'A' }),
      expect.objectContaining({ path: '/hello.txt', kind: 'D' }),
    ]));
  });

  it('stops, starts, kills and removes, matching docker inspect each time', async () => {
    const stop = await a.req('POST', '/containers/web/stop');
    expect(stop.body.state).toBe('exited');
    expect(docker('inspect', '--format', '{{.State.Status}}', containerId)).toBe('exited');
    expect((await a.req('POST', '/containers/web/exec', { cmd: ['true'] })).status).toBe(409);
    expect((await a.req('POST', '/containers/web/start')).body.state).toBe('running');
    const kill = await a.req('POST', '/containers/web/kill');
    expect(kill.body.state).toBe(docker('inspect', '--format', '{{.State.Status}}', containerId));
    expect(kill.body.state).toBe('exited');
    expect((await a.req('POST', '/containers/web/kill')).status).toBe(409);
    expect((await a.req('DELETE', '/containers/web')).status).toBe(200);
    expect(() => docker('inspect', containerId)).toThrow();
    expect((await a.req('GET', `/containers/${containerId}`)).status).toBe(404);
  });

  it('answers bad input with 4xx and an error body, never 500', async () => {
    const cases: [string, string, unknown][] = [
      ['POST', '/containers', { image: 'nope:1' }],
      ['POST', '/containers', { image: 'myapp:1', name: '../x' }],
      ['POST', '/containers', {}],
      ['POST', '/containers/abc/start', undefined],
      ['GET', '/images/..%2F..%2Fetc', undefined],
      ['POST', '/builds', { dockerfile: 'FROM busybox', tag: 'Bad Tag' }],
      ['POST', '/containers/ffffffffffff/exec', { cmd: [] }],
    ];
    for (const [method, path, body] of cases) {
      const r = await a.req(method, path, body);
      expect(r.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${method} ${path}`).toBeLessThan(500);
      expect(r.body.error.code).toEqual(expect.any(String));
    }
    const res = await fetch(`${s.base}/v1/sessions/${a.id}/containers`, { method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body: '{nope' });
    expect(res.status).toBe(400);
  });
});

describe('session removal', () => {
  it('removes everything the session made', async () => {
    const b = await Client.create(s.base);
    await b.build({ dockerfile: 'FROM busybox\nRUN echo x > /x\n', tag: 'gone:1' });
    const c = await b.req('POST', '/containers', { image: 'gone:1', cmd: ['sleep', '100'] });
    await b.req('POST', `/containers/${c.body.id}/start`);
    expect(engineObjects(b.id).images.length).toBeGreaterThan(0);
    const r = await b.remove();
    expect(r.status).toBe(200);
    expect(engineObjects(b.id)).toEqual({ containers: [], images: [] });
    expect((await b.req('GET', '/images')).status).toBe(404);
  });
});
