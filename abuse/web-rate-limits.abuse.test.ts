// The web's per-address limits, attacked through the production server
// (tsx server.ts over a production build) as a client would: X-Forwarded-For
// that names a new client on every request, and a forged copy of the header
// server.ts stamps for the route handlers, must not buy a bigger quota; a
// truly different address (another loopback address) still gets through.
// With LAYERLAB_TRUST_PROXY=1 the proxy's own entry counts, and only it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '../lib/net/client-address';
import { removeTestDatabases, sqliteTestUrl } from '../prisma/test-databases';
import { requestFrom, rotatingForwardedFor } from './support/from-address';
import { sleep } from './support/sandbox';

const ROOT = path.resolve(__dirname, '..');
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.pid) { try { process.kill(-c.pid, 'SIGTERM'); } catch { /* gone */ } }
  removeTestDatabases();
});

// A forwarded-for header naming someone new, plus a forged client-address header.
const hostile = (i: number) => ({ ...rotatingForwardedFor(), [CLIENT_ADDRESS_HEADER]: `198.18.${i % 250}.${(i * 7) % 250}` });

async function startWeb(env: Record<string, string>): Promise<string> {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    throw new Error(`No production build in ${distDir}/ (BUILD_ID missing): run scripts/setup/web-build.sh before the abuse tier.`);
  }
  const port = Number(env.LAYERLAB_WEB_PORT);
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server.ts'], {
    cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], detached: true,
    env: { ...process.env, NODE_ENV: 'production', LAYERLAB_WEB_HOST: '127.0.0.1', ...env },
  });
  let err = '';
  child.stderr!.on('data', (d) => { err += d; });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`the web server exited ${child.exitCode}: ${err}`);
    try { if ((await fetch(`${base}/api/progress/00000000-0000-4000-8000-000000000000`)).status === 200) return base; } catch { /* not up yet */ }
    await sleep(500);
  }
  throw new Error(`the web server did not answer on ${port}: ${err}`);
}

function createClassFrom(base: string, localAddress: string, headers: Record<string, string>): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return new Promise((resolve, reject) => {
    const s: Socket = ioClient(base, { path: '/classroom-io', transports: ['websocket'], extraHeaders: headers, forceNew: true, ...({ localAddress } as object) });
    s.on('connect_error', (e) => { s.close(); reject(e); });
    s.on('connect', () => s.emit('classroom:create', { name: 'Limit test' }, (a: { ok: boolean; error?: { code: string; message: string } }) => { s.close(); resolve(a); }));
  });
}

const progressBody = { slug: 'docker-build', progress: { passed: [], read: [], hintsShown: {}, solutionsSeen: [], updatedAt: new Date().toISOString() } };

describe('the production web, no proxy trusted', () => {
  let base = '';
  beforeAll(async () => {
    base = await startWeb({
      LAYERLAB_WEB_PORT: '6510', DATABASE_URL: await sqliteTestUrl('web-limits'),
      LAYERLAB_PROGRESS_RATE: '3', LAYERLAB_SHARES_PER_HOUR: '2', LAYERLAB_CLASS_CREATE_RATE: '2',
    });
  }, 180_000);

  it('progress saves: a rotating forwarded-for or a forged client header buys nothing; another address saves', async () => {
    const learner = crypto.randomUUID();
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof requestFrom>> | undefined;
    for (let i = 0; i < 7; i++) {
      const r = await requestFrom('127.0.0.2', `${base}/api/progress/${learner}`, { method: 'PUT', headers: hostile(i), body: progressBody });
      statuses.push(r.status);
      if (r.status === 429) refusal ??= r;
    }
    expect(statuses).toEqual([204, 204, 204, 429, 429, 429, 429]);
    expect(refusal!.body.error).toMatchObject({ limit: 'progress-write' });
    expect(Number(refusal!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await requestFrom('127.0.0.3', `${base}/api/progress/${learner}`, { method: 'PUT', body: progressBody })).status).toBe(204);
  });

  it('share creation: the same', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await requestFrom('127.0.0.4', `${base}/api/shares`, { method: 'POST', headers: hostile(i), body: { dockerfile: `FROM busybox\nRUN echo ${i}\n` } });
      statuses.push(r.status);
      if (r.status === 429) expect(r.headers['retry-after']).toMatch(/^\d+$/);
    }
    expect(statuses).toEqual([201, 201, 429, 429, 429]);
    expect((await requestFrom('127.0.0.5', `${base}/api/shares`, { method: 'POST', body: { dockerfile: 'FROM busybox\n' } })).status).toBe(201);
  });

  it('class creation over the classroom socket: the same', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await createClassFrom(base, '127.0.0.6', hostile(i)));
    expect(answers.map((a) => a.ok)).toEqual([true, true, false, false]);
    expect(answers[2].error).toMatchObject({ code: 'rate-limited', message: expect.stringMatching(/Too many classes/) });
    expect((await createClassFrom(base, '127.0.0.7', {})).ok).toBe(true);
  });
});

describe('the production web with LAYERLAB_TRUST_PROXY=1', () => {
  let base = '';
  beforeAll(async () => {
    base = await startWeb({ LAYERLAB_WEB_PORT: '6511', DATABASE_URL: await sqliteTestUrl('web-limits-proxy'), LAYERLAB_PROGRESS_RATE: '2', LAYERLAB_TRUST_PROXY: '1' });
  }, 180_000);

  it('counts by the entry the proxy appended, whatever the client wrote before it', async () => {
    const learner = crypto.randomUUID();
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await requestFrom('127.0.0.8', `${base}/api/progress/${learner}`, {
        method: 'PUT', body: progressBody, headers: { 'x-forwarded-for': `10.1.${i}.1, 203.0.113.90`, [CLIENT_ADDRESS_HEADER]: `10.2.${i}.1` },
      });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([204, 204, 429, 429]);
    // Another client behind the same proxy is its own count.
    const other = await requestFrom('127.0.0.8', `${base}/api/progress/${learner}`, { method: 'PUT', body: progressBody, headers: { 'x-forwarded-for': '203.0.113.91' } });
    expect(other.status).toBe(204);
  });
});
