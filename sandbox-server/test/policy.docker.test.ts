// The build policy against the real engine: references resolved by the
// server reach the engine as full ids and build what the docker CLI builds
// from the same base; ownership records (names, markers) survive a restart
// of the server; a starter is the one its session's record names.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Labels } from '../labels';
import { call, Client, docker, engineObjects, lastEvent, startServer, type Started } from './harness';

let s: Started;
let a: Client;
const madeHere: string[] = [];

beforeAll(async () => {
  s = await startServer();
  a = await Client.create(s.base);
});
afterAll(async () => {
  // Those still there (they are in the session's namespace, so its removal takes them too).
  for (const ref of madeHere) spawnSync('docker', ['rmi', ref], { stdio: 'ignore' });
  await a?.remove();
  await s?.server.close();
  if (a) expect(engineObjects(a.id)).toEqual({ containers: [], images: [] });
});

const done = (events: { type: string }[]) => {
  const last = lastEvent(events as never) as { type: string; imageId?: string; message?: string };
  if (last.type !== 'done') throw new Error(`build failed: ${JSON.stringify(last)}`);
  return last.imageId!;
};
const parentOf = (id: string) => docker('image', 'inspect', '--format', '{{.Parent}}', id);

describe('resolution', () => {
  let base = '';
  const mark = randomBytes(6).toString('hex');

  beforeAll(async () => {
    base = done((await a.build({ dockerfile: `FROM busybox\nRUN echo ${mark} > /mark\n`, tag: 'base:1' })).events);
  }, 120_000);

  it('builds on its own image named by tag, id prefix and build arg alike: the engine was given that image', async () => {
    const prefix = base.replace(/^sha256:/, '').slice(0, 10);
    for (const [dockerfile, buildArgs] of [
      ['FROM base:1\nRUN cat /mark\n', undefined],
      [`FROM ${prefix}\nRUN cat /mark\n`, undefined],
      ['ARG B\nFROM $B\nRUN cat /mark\n', { B: prefix }],
      [`FROM busybox\nCOPY --from=${prefix} /mark /copied\nRUN cat /copied\n`, undefined],
    ] as const) {
      const r = await a.build({ dockerfile, buildArgs, noCache: true });
      const id = done(r.events);
      expect(JSON.stringify(r.events), dockerfile).toContain(mark);
      // The docker CLI's view: the first step's parent is the base itself
      // (or busybox, for the COPY --from case).
      const chain: string[] = [];
      for (let cur = id; cur; cur = parentOf(cur)) chain.push(cur);
      if (dockerfile.startsWith('FROM busybox')) expect(chain).toContain(docker('image', 'inspect', '--format', '{{.Id}}', 'busybox:latest'));
      else expect(chain, dockerfile).toContain(base);
    }
  }, 240_000);

  it('refuses what is not the session\'s, on the line, before the engine builds anything', async () => {
    const before = engineObjects(a.id).images.length;
    const r = await a.build({ dockerfile: 'FROM busybox\nRUN true\nFROM nosuch:1\n' });
    expect(r.events).toHaveLength(1);
    expect(lastEvent(r.events)).toMatchObject({ type: 'error', code: 'policy', line: 3 });
    expect(engineObjects(a.id).images.length).toBe(before);
  });

  it('accepts and passes build args the engine then uses', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nARG WORD\nRUN echo "word=$WORD"\n', buildArgs: { WORD: mark }, noCache: true });
    done(r.events);
    expect(JSON.stringify(r.events)).toContain(`word=${mark}`);
  }, 120_000);
});

describe('commit changes', () => {
  it('applies learners\' changes as docker commit -c does, and refuses the server\'s label namespace', async () => {
    const c = await a.req('POST', '/containers', { image: 'busybox', cmd: ['sleep', '30'] });
    expect(c.status).toBe(201);
    const ok = await a.req('POST', `/containers/${c.body.id}/commit`, { changes: ['ENV GREETING=hi', 'LABEL com.example.kind=lesson'] });
    expect(ok.status).toBe(201);
    const config = JSON.parse(docker('image', 'inspect', '--format', '{{json .Config}}', ok.body.imageId));
    expect(config.Env).toContain('GREETING=hi');
    expect(config.Labels['com.example.kind']).toBe('lesson');
    expect(config.Labels[Labels.session]).toBe(a.id);
    for (const changes of [['LABEL org.layerlab.session=bbbbbbbbbbbb'], ['ENV K=org.layerlab.session', 'LABEL $K=bbbbbbbbbbbb'], ['ONBUILD LABEL org.layerlab.kind=marker']]) {
      const before = engineObjects(a.id).images.length;
      const r = await a.req('POST', `/containers/${c.body.id}/commit`, { changes });
      expect(r.status, JSON.stringify(changes)).toBe(400);
      expect(r.body.error.message).toContain('org.layerlab');
      expect(engineObjects(a.id).images.length).toBe(before);
    }
  }, 120_000);
});

describe('records across a restart of the server', () => {
  it('a committed image is the session\'s by a kept name, before and after a restart', async () => {
    const c = await a.req('POST', '/containers', { image: 'busybox', cmd: ['sh', '-c', 'echo hi > /hi'] });
    expect(c.status).toBe(201);
    await a.req('POST', `/containers/${c.body.id}/start`);
    const committed = await a.req('POST', `/containers/${c.body.id}/commit`, {});
    expect(committed.status).toBe(201);
    const names = JSON.parse(docker('image', 'inspect', '--format', '{{json .RepoTags}}', committed.body.imageId)) as string[];
    expect(names.some((n) => n.startsWith(`layerlab/s-${a.id}-keep/i:`))).toBe(true);
    const listed = async (base: string) => ((await call(base, 'GET', `/v1/sessions/${a.id}/images`, a.token)).body as { id: string; tags: string[] }[])
      .find((i) => i.id === committed.body.imageId);
    expect(await listed(s.base)).toMatchObject({ tags: [] });
    // A second server on the same engine knows it from the engine alone.
    const other = await startServer();
    try { expect(await listed(other.base)).toMatchObject({ tags: [] }); } finally { await other.server.close(); }
  }, 120_000);

  it('a marker label on a build step is no session to a restarted server', async () => {
    const fake = randomBytes(6).toString('hex');
    const token = randomBytes(16).toString('hex');
    const hash = execFileSync('sha256sum', { input: token, encoding: 'utf8' }).split(' ')[0];
    const planted = `layerlab/s-${a.id}/marker:${fake}`;
    execFileSync('docker', ['build', '-q', '-t', planted, '-'], {
      input: `FROM busybox\nLABEL ${Labels.session}=${fake} ${Labels.kind}=marker ${Labels.tokenHash}=${hash} ${Labels.expires}=2099-01-01T00:00:00.000Z\n`,
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    madeHere.push(planted);
    // The step container inherits those labels while it runs.
    const build = spawn('docker', ['build', '-q', '--cgroup-parent', `/layerlab-build/s-${a.id}`, '-t', `${planted}-built`, '-'], { env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: ['pipe', 'ignore', 'ignore'] });
    build.stdin.end(`FROM ${planted}\nRUN sleep 6\n`);
    const finished = new Promise((r) => build.on('exit', r));
    madeHere.push(`${planted}-built`);
    let seen = false;
    for (let i = 0; i < 40 && !seen; i++) {
      seen = docker('ps', '-aq', '--filter', `label=${Labels.session}=${fake}`).length > 0;
      if (!seen) await new Promise((r) => setTimeout(r, 200));
    }
    expect(seen).toBe(true);
    const other = await startServer();
    try {
      const r = await call(other.base, 'GET', `/v1/sessions/${fake}/images`, token);
      expect(r.status).toBe(404);
    } finally { await other.server.close(); }
    await finished;
  }, 120_000);
});
