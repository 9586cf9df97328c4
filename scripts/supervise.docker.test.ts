// npm start's supervisor with both real servers (ports 6800 and 6801 unless
// LAYERLAB_TEST_SUPERVISE_PORT says otherwise): kill -9 of the sandbox
// server during a build and of the web; each comes back by itself, and the
// same session (same token) builds again, its running container still holds
// what was written in it, and a saved playground (a share) is still served.
// SIGTERM stops both servers and the supervisor.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, docker, engineObjects, lastEvent } from '../sandbox-server/test/harness';

const ROOT = path.resolve(__dirname, '..');
const SANDBOX_PORT = Number(process.env.LAYERLAB_TEST_SUPERVISE_PORT ?? 6800);
const WEB_PORT = SANDBOX_PORT + 1;
const SANDBOX = `http://127.0.0.1:${SANDBOX_PORT}`;
const WEB = `http://127.0.0.1:${WEB_PORT}`;

let supervisor: ChildProcess;
let log = '';
let session: Client | undefined;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; supervisor output:\n${log}`);
    await sleep(200);
  }
}
const answers = async (url: string) => (await fetch(url)).ok;
const portOpen = (port: number) => new Promise<boolean>((resolve) => {
  const s = connect(port, '127.0.0.1');
  s.once('connect', () => { s.destroy(); resolve(true); });
  s.once('error', () => resolve(false));
});
// The pid of the running server, from the supervisor's newest "started" line.
function pidOf(label: string): number {
  const all = [...log.matchAll(new RegExp(`\\[supervisor\\] ${label} started \\(pid (\\d+)\\)`, 'g'))];
  return Number(all[all.length - 1]?.[1]);
}
function buildContainers(id: string): string[] {
  const ids = docker('ps', '-aq', '--no-trunc').split('\n').filter(Boolean);
  if (!ids.length) return [];
  const out = docker('inspect', '--format', '{{.Id}} {{.HostConfig.CgroupParent}}', ...ids);
  return out.split('\n').filter((l) => l.endsWith(` /layerlab-build/s-${id}`)).map((l) => l.split(' ')[0]);
}

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'))) {
    throw new Error('The web is not built: run bash scripts/setup/web-build.sh first (npm test does, before this tier).');
  }
  for (const p of [SANDBOX_PORT, WEB_PORT]) if (await portOpen(p)) throw new Error(`port ${p} is taken: set LAYERLAB_TEST_SUPERVISE_PORT`);
  supervisor = spawn(process.execPath, ['--import', 'tsx', 'scripts/supervise.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LAYERLAB_SANDBOX_PORT: String(SANDBOX_PORT), LAYERLAB_WEB_PORT: String(WEB_PORT),
      LAYERLAB_SESSIONS_PER_HOST: '10000', LAYERLAB_SESSION_ORIGIN: 'test',
      DATABASE_URL: process.env.DATABASE_URL ?? 'file:./data/test.db',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  supervisor.stdout!.on('data', (d) => { log += d; });
  supervisor.stderr!.on('data', (d) => { log += d; });
  await until('both servers', async () => await answers(`${SANDBOX}/healthz`) && await answers(`${WEB}/`), 120_000);
});

afterAll(async () => {
  if (session) await session.remove().catch(() => undefined);
  if (supervisor && supervisor.exitCode === null) {
    supervisor.kill('SIGTERM');
    await new Promise((r) => supervisor.once('exit', r));
  }
});

it('brings back a sandbox server killed mid-build and a killed web, losing no session, container or share', async () => {
  const c = await Client.create(SANDBOX);
  session = c;
  const first = await c.build({ dockerfile: 'FROM busybox\nRUN echo built > /built\n', tag: 'kept:1' });
  expect(lastEvent(first.events).type).toBe('done');
  const keeper = await c.req('POST', '/containers', { image: 'kept:1', cmd: ['sleep', '3600'], name: 'keeper' });
  expect(keeper.status).toBe(201);
  expect((await c.req('POST', '/containers/keeper/start')).status).toBe(200);
  expect((await c.req('POST', '/containers/keeper/exec', { cmd: ['sh', '-c', 'echo written-before > /state'] })).body.exitCode).toBe(0);
  const share = await fetch(`${WEB}/api/shares`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ dockerfile: 'FROM busybox\nCMD ["echo", "saved"]\n', title: 'kept across restarts' }),
  });
  expect(share.status).toBe(201);
  const { slug } = await share.json() as { slug: string };

  // A build under way when the sandbox server dies.
  const sandboxPid = pidOf('sandbox server');
  const building = fetch(`${SANDBOX}/v1/sessions/${c.id}/builds`, {
    method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ dockerfile: 'FROM busybox\nRUN sleep 60\n', noCache: true }),
  }).then((r) => r.text()).catch((err: Error) => `cut: ${err.message}`);
  await until('the build step to run', () => buildContainers(c.id).length > 0, 30_000);
  process.kill(sandboxPid, 'SIGKILL');
  await building;

  await until('the supervisor to log the kill', () => log.includes(`sandbox server (pid ${sandboxPid}) ended by signal SIGKILL`));
  await until('a new sandbox server', () => pidOf('sandbox server') !== sandboxPid);
  await until('the session to answer again', async () => (await c.req('GET', '')).status === 200);
  expect(log).toMatch(new RegExp(`sandbox server \\(pid ${sandboxPid}\\) ended by signal SIGKILL after [\\d.]+ s; restart 1 in 1 s`));

  // The same token builds again, and what was there is there.
  const again = await c.build({ dockerfile: 'FROM kept:1\nRUN cat /built\n', tag: 'after:1' });
  expect(lastEvent(again.events)).toMatchObject({ type: 'done' });
  const containers = (await c.req('GET', '/containers')).body as { name: string; state: string }[];
  expect(containers.map((x) => [x.name, x.state])).toEqual([['keeper', 'running']]);
  expect((await c.req('POST', '/containers/keeper/exec', { cmd: ['cat', '/state'] })).body.output).toBe('written-before\n');
  const tags = ((await c.req('GET', '/images')).body as { tags: string[] }[]).flatMap((i) => i.tags);
  expect(tags).toEqual(expect.arrayContaining(['kept:1', 'after:1']));
  // The killed build's step container goes (the engine cancels a build whose client is gone).
  await until('the killed build\'s step container to go', () => buildContainers(c.id).length === 0, 60_000);

  // The web, killed the same way, comes back with the share.
  const webPid = pidOf('web');
  process.kill(webPid, 'SIGKILL');
  await until('the supervisor to restart the web', () => log.includes(`web (pid ${webPid}) ended by signal SIGKILL`) && pidOf('web') !== webPid);
  await until('the web to answer again', () => answers(`${WEB}/`));
  const saved = await fetch(`${WEB}/api/shares/${slug}`);
  expect(saved.status).toBe(200);
  expect(JSON.stringify(await saved.json())).toContain('kept across restarts');
  expect(await answers(`${SANDBOX}/healthz`)).toBe(true);

  // Removed while the server runs: nothing of it stays.
  expect((await c.remove()).status).toBe(200);
  session = undefined;
  expect(engineObjects(c.id)).toEqual({ containers: [], images: [] });

  // SIGTERM stops both servers, then the supervisor, cleanly.
  const pids = [pidOf('sandbox server'), pidOf('web')];
  const exited = new Promise<number | null>((r) => supervisor.once('exit', (code) => r(code)));
  supervisor.kill('SIGTERM');
  expect(await exited).toBe(0);
  expect(log).toContain('[supervisor] SIGTERM: stopping sandbox server and web');
  for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  expect(await portOpen(SANDBOX_PORT)).toBe(false);
  expect(await portOpen(WEB_PORT)).toBe(false);
}, 300_000);
