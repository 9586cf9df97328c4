// kill -9 of the sandbox server mid-build and mid-run, twenty times over one
// session: after each restart the session, its images and its containers are
// back, and in the end the engine holds nothing the test did not mean to keep.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { killHard, sparePort, startChildServer, type ChildServer } from './support/child-server';
import { buildLeftovers, Client, docker, engineObjects, inspectExisting, lastEvent, sleep } from './support/sandbox';

const CYCLES = 20;
const RUN = randomBytes(6).toString('hex');
let port: number;
let child: ChildServer | undefined;
let session: Client;
let keeper: string;
// A short build timeout makes the reaper's notion of "stale" short too.
const env = { LAYERLAB_BUILD_TIMEOUT: '10', LAYERLAB_REAPER_INTERVAL: '5', LAYERLAB_SESSIONS_PER_HOST: '10000' };

// Step images and containers of this test's builds, found by the marker
// every build's first step writes, whether labelled or not.
function orphans(): { images: string[]; containers: string[] } {
  const imageIds = docker('images', '-a', '-q', '--no-trunc', '--filter', 'dangling=true').split('\n').filter(Boolean);
  const images = inspectExisting<{ Id: string; ContainerConfig: { Cmd?: string[] } }>(imageIds, 'image')
    .filter((i) => (i.ContainerConfig.Cmd ?? []).join(' ').includes(RUN)).map((i) => i.Id);
  return { images, containers: buildLeftovers(session.id) };
}

beforeAll(async () => {
  port = await sparePort();
  child = await startChildServer(port, env);
  session = await Client.create(child.base);
  const built = await session.build({ dockerfile: `FROM busybox\nRUN echo ${RUN} > /run-id\n`, tag: 'kept:1' });
  expect(lastEvent(built.events).type).toBe('done');
  const c = await session.req('POST', '/containers', { image: 'kept:1', cmd: ['sleep', '3600'], name: 'keeper' });
  keeper = c.body.id;
  await session.req('POST', `/containers/${keeper}/start`);
});
afterAll(async () => {
  if (child) {
    await session?.remove();
    await killHard(child);
  }
});

async function untilTrue(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) { if (await check()) return true; await sleep(200); }
  return check();
}

it(`survives ${CYCLES} kill -9 cycles mid-build and mid-run with nothing orphaned`, async () => {
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    const midBuild = cycle % 2 === 1;
    const client = new Client(child!.base, session.id, session.token);
    if (midBuild) {
      // Fire and forget: the response dies with the server.
      const abort = new AbortController();
      void fetch(`${child!.base}/v1/sessions/${session.id}/builds`, {
        method: 'POST', signal: abort.signal,
        headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ dockerfile: `FROM busybox\nRUN echo ${RUN}-${cycle} > /c\nRUN sleep 30\n`, noCache: true }),
      }).then((r) => r.text()).catch(() => undefined);
      expect(await untilTrue(() => buildLeftovers(session.id).length > 0 && orphans().images.length > 0, 20_000), `cycle ${cycle}: build under way`).toBe(true);
    } else {
      const exec = client.req('POST', `/containers/${keeper}/exec`, { cmd: ['sh', '-c', `echo ${cycle} >> /log; sleep 20`] }).catch(() => undefined);
      await sleep(800);
      void exec;
    }
    await killHard(child!);
    child = await startChildServer(port, env);
    const again = new Client(child.base, session.id, session.token);

    // The session, its image and its running container are all back.
    expect((await again.req('GET', '')).status, `cycle ${cycle}`).toBe(200);
    const images = (await again.req('GET', '/images')).body as { tags: string[] }[];
    expect(images.some((i) => i.tags.includes('kept:1')), `cycle ${cycle}`).toBe(true);
    const containers = (await again.req('GET', '/containers')).body as { id: string; state: string }[];
    expect(containers.map((c) => [c.id, c.state]), `cycle ${cycle}`).toEqual([[keeper, 'running']]);
    // The cancelled build's step container goes; it may still be stopping.
    expect(await untilTrue(() => buildLeftovers(session.id).length === 0, 15_000), `cycle ${cycle}: step container left`).toBe(true);
  }

  // The reaper clears what the crashed builds left (step images) once stale.
  // Stale = build timeout + 60 s after the last crashed step; then one reaper round.
  const cleared = await untilTrue(() => { const o = orphans(); return o.images.length === 0 && o.containers.length === 0; }, 100_000);
  expect(orphans()).toEqual({ images: [], containers: [] });
  expect(cleared).toBe(true);
  const log = (await new Client(child!.base, session.id, session.token).req('POST', `/containers/${keeper}/exec`, { cmd: ['cat', '/log'] })).body.output;
  expect(log.trim().split('\n').length).toBe(CYCLES / 2);

  expect((await new Client(child!.base, session.id, session.token).remove()).status).toBe(200);
  expect(engineObjects(session.id)).toEqual({ containers: [], images: [] });
  expect(docker('ps', '-aq', '--filter', `label=org.layerlab.session=${session.id}`)).toBe('');
  expect(execFileSync('docker', ['images', '-q', '--filter', `reference=layerlab/s-${session.id}*`], { encoding: 'utf8' }).trim()).toBe('');
}, 420_000);
