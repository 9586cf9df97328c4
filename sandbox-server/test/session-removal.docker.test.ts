// DELETE /v1/sessions/:id on the real engine and the real lesson registry:
// racing a running build, and with the engine failing on some objects. After
// it, the engine (docker ps -a / docker images, by the session's label and
// names) and the registry's catalog hold nothing of the session; what could
// not be removed is listed, and the reaper removes it later.
import { randomBytes } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { pipeline, Transform, type Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../lib/protocol';
import { loadSettings } from '../../lib/settings';
import { createSandboxServer, type SandboxServer } from '../app';
import { DockerEngine } from '../engine/docker-engine';
import type { Engine } from '../engine/engine';
import { RegistryClient } from '../registry/registry-client';
import { Client, docker, engineObjects, lastEvent } from './harness';

const ENV = { LAYERLAB_SESSIONS_PER_HOST: '10000', LAYERLAB_SESSION_ORIGIN: 'test' };
const settings = loadSettings(ENV);
const registry = RegistryClient.fromSettings(settings);
const servers: SandboxServer[] = [];
const outside: string[] = [];
afterAll(async () => {
  for (const id of outside) spawnSync('docker', ['rm', '-f', id]);
  for (const s of servers) await s.close();
});

async function serve(engine?: Engine): Promise<string> {
  const server = createSandboxServer({ settings, engine, reaperIntervalMs: 3_600_000 });
  servers.push(server);
  const { port } = await server.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

// The registry's catalog entries in the session's namespace.
const catalogOf = async (id: string) => (await registry.repositories()).filter((r) => r.startsWith(`s-${id}/`));

// Step containers of the session's builds (no labels; our cgroup parent names the session).
function buildContainers(id: string): string[] {
  const ids = docker('ps', '-aq', '--no-trunc').split('\n').filter(Boolean);
  if (!ids.length) return [];
  const r = spawnSync('docker', ['inspect', '--format', '{{.Id}} {{.HostConfig.CgroupParent}}', ...ids], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.endsWith(` /layerlab-build/s-${id}`)).map((l) => l.split(' ')[0]);
}

// Images whose making ran a command containing `mark`, named or not: the
// step images of a build, found without trusting the server's records.
function imagesMarked(mark: string): string[] {
  const ids = docker('images', '-aq', '--no-trunc').split('\n').filter(Boolean);
  if (!ids.length) return [];
  const r = spawnSync('docker', ['image', 'inspect', '--format', '{{.Id}} {{json .ContainerConfig.Cmd}}', ...new Set(ids)], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes(mark)).map((l) => l.split(' ')[0]);
}

async function pushSomething(c: Client, mark: string): Promise<void> {
  const built = await c.build({ dockerfile: `FROM busybox\nRUN echo ${mark}-base > /base\n`, tag: 'app:1' });
  expect(lastEvent(built.events).type).toBe('done');
  const pushed = await c.req('POST', `/images/${encodeURIComponent('app:1')}/push`, { ref: 'localhost:5000/lab/app:1' });
  expect(pushed.status).toBe(200);
  expect(await catalogOf(c.id)).toEqual(['s-' + c.id + '/lab/app']);
}

describe('DELETE /v1/sessions/:id', () => {
  it('racing a running build: the build stops with an error and nothing of the session remains', async () => {
    expect(await registry.ping()).toBe(true);
    const base = await serve();
    const c = await Client.create(base);
    const mark = `race-${randomBytes(4).toString('hex')}`;
    await pushSomething(c, mark);
    const kept = await c.req('POST', '/containers', { image: 'app:1', cmd: ['sleep', '600'], name: 'kept' });
    expect(kept.status).toBe(201);
    expect((await c.req('POST', '/containers/kept/start')).status).toBe(200);

    // Two finished steps (committed images) and a third still running.
    const stream = c.build({ dockerfile: `FROM app:1\nRUN echo ${mark}-one > /one\nRUN echo ${mark}-two > /two\nRUN sleep 120 && echo ${mark}-three\n`, tag: 'slow:1', noCache: true });
    await until('the build\'s last step to run', () => imagesMarked(`${mark}-two`).length > 0 && buildContainers(c.id).length > 0);
    const removed = await c.remove();
    const build = await stream;

    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({ ok: true, leftovers: [], removed: { containers: 1 } });
    const end = lastEvent(build.events) as Extract<BuildEvent, { type: 'error' }>;
    expect(end.type).toBe('error');
    expect(end.code).toBe('removed');
    expect(build.events.filter((e) => e.type === 'done')).toEqual([]);

    expect(docker('ps', '-aq', '--filter', `label=org.layerlab.session=${c.id}`)).toBe('');
    expect(engineObjects(c.id)).toEqual({ containers: [], images: [] });
    expect(buildContainers(c.id)).toEqual([]);
    expect(imagesMarked(mark)).toEqual([]);
    expect(docker('images', '-q', '--filter', `reference=localhost:5000/s-${c.id}/*`)).toBe('');
    expect(await catalogOf(c.id)).toEqual([]);
    expect((await c.req('GET', '')).status).toBe(404);
  });

  it('a step the engine committed that the server never heard of goes too', async () => {
    const real = new DockerEngine(settings.dockerSocket);
    // The real build stream with the line that reports step 2's image left
    // out, as when the server stops reading just before it: the engine has
    // the image, the server does not know its id.
    const engine: Engine = Object.assign(Object.create(real) as Engine, {
      async build(context: Buffer, query: Record<string, unknown>, signal: AbortSignal): Promise<Readable> {
        let step = 0;
        let rest = '';
        const hide = new Transform({
          transform(chunk: Buffer, _enc, done) {
            const lines = (rest + chunk.toString('utf8')).split('\n');
            rest = lines.pop()!;
            for (const line of lines) {
              const m = /Step (\d+)\//.exec(line);
              if (m) step = Number(m[1]);
              if (step === 2 && /"stream":" ---(?:>|\\u003e) [0-9a-f]{12}\\n"/.test(line)) continue;
              this.push(line + '\n');
            }
            done();
          },
          flush(done) { if (rest) this.push(rest); done(); },
        });
        // pipeline, not pipe: the engine's stream ending or failing ends this one too.
        return pipeline(await real.build(context, query, signal), hide, () => undefined);
      },
    });
    const base = await serve(engine);
    const c = await Client.create(base);
    const mark = `unheard-${randomBytes(4).toString('hex')}`;
    const stream = c.build({ dockerfile: `FROM busybox\nRUN echo ${mark}-two > /two\nRUN sleep 120\n`, noCache: true });
    await until('step 2\'s image and step 3\'s container', () => imagesMarked(`${mark}-two`).length > 0 && buildContainers(c.id).length > 0);
    const removed = await c.remove();
    expect(removed.status).toBe(200);
    const { events } = await stream;
    expect(lastEvent(events)).toMatchObject({ type: 'error', code: 'removed' });
    // The server heard of step 2's container but never of its image.
    expect(events.filter((e) => e.type === 'container').map((e) => e.index)).toEqual([2, 3]);
    expect(events.filter((e) => e.type === 'layer').map((e) => e.index)).toEqual([1]);
    await until('the step container to go', () => buildContainers(c.id).length === 0);
    expect(imagesMarked(mark)).toEqual([]);
  });

  it('when the engine fails on some objects: the rest goes, failures are retried, what stays is listed and reaped later', async () => {
    const real = new DockerEngine(settings.dockerSocket);
    const faults = { goneBehindBack: '', flaky: '', flakyFailures: 0 };
    // The real engine, with two faults: a container an operator removes just
    // before the server does, and a container whose first removal fails.
    const engine: Engine = Object.assign(Object.create(real) as Engine, {
      async removeContainer(id: string) {
        if (id === faults.goneBehindBack) execFileSync('docker', ['rm', '-f', id]);
        if (id === faults.flaky && faults.flakyFailures++ === 0) throw Object.assign(new Error('(HTTP code 500) server error - driver failed removing the container'), { statusCode: 500 });
        return real.removeContainer(id);
      },
    });
    const base = await serve(engine);
    const c = await Client.create(base);
    const mark = `faults-${randomBytes(4).toString('hex')}`;
    await pushSomething(c, mark);
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const r = await c.req('POST', '/containers', { image: 'app:1', cmd: ['sleep', '600'], name });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    expect((await c.req('POST', '/containers/a/start')).status).toBe(200);
    faults.goneBehindBack = ids[0];
    faults.flaky = ids[1];
    // Someone else's container holds the session's image: the engine refuses to remove it.
    const holder = docker('create', `layerlab/s-${c.id}/app:1`, 'true');
    outside.push(holder);

    const removed = await c.remove();
    expect(removed.status).toBe(207);
    expect(removed.body.ok).toBe(false);
    expect(removed.body.removed.containers).toBe(3);
    expect(removed.body.leftovers).toEqual([
      { kind: 'image', ref: `layerlab/s-${c.id}/app:1`, message: expect.stringContaining(holder.slice(0, 12)) },
    ]);
    expect(faults.flakyFailures).toBe(2);
    // The rest is gone: containers, markers, registry names and repositories.
    expect(docker('ps', '-aq', '--filter', `label=org.layerlab.session=${c.id}`)).toBe('');
    expect(docker('images', '-q', '--filter', `reference=localhost:5000/s-${c.id}/*`)).toBe('');
    expect(await catalogOf(c.id)).toEqual([]);
    expect((await c.req('GET', '')).status).toBe(404);
    expect(engineObjects(c.id).images).toHaveLength(1);

    // Once the outside container is gone, the reaper takes the leftover.
    docker('rm', '-f', holder);
    const reaped = await servers[servers.length - 1].services.reaper.reap();
    expect(reaped.sessions).toContain(c.id);
    expect(engineObjects(c.id)).toEqual({ containers: [], images: [] });
    expect(imagesMarked(mark)).toEqual([]);
  });
});
