// Resource abuse: each attack runs for real, the learner gets an error or a
// killed process, the limit is read back from the kernel's own cgroup files,
// and the server and other sessions carry on.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeftovers, Client, dockerJson, engineId, engineObjects, lastEvent, runScript, sleep, startSandbox, waitExit, type Started } from './support/sandbox';

const MEMORY = 128 * 1024 * 1024;
let s: Started;
let a: Client;
let bystander: Client;

beforeAll(async () => {
  s = await startSandbox({
    LAYERLAB_MEMORY: '128m', LAYERLAB_CPUS: '0.5', LAYERLAB_PIDS: '64',
    LAYERLAB_BUILD_TIMEOUT: '10', LAYERLAB_EXEC_TIMEOUT: '3', LAYERLAB_OUTPUT_CAP: '64k',
  });
  [a, bystander] = await Promise.all([Client.create(s.base), Client.create(s.base)]);
});
afterAll(async () => {
  for (const c of [a, bystander]) await c?.remove();
  await s?.server.close();
  for (const c of [a, bystander]) if (c) expect(engineObjects(c.id)).toEqual({ containers: [], images: [] });
});

// The other session still builds and the API still answers: the host carried on.
async function bystanderStillWorks() {
  const r = await bystander.build({ dockerfile: `FROM busybox\nRUN echo alive-${Date.now()}\n`, noCache: true });
  expect(lastEvent(r.events).type).toBe('done');
}

const cgroupOf = (kind: string, id: string, file: string) => readFileSync(`/sys/fs/cgroup/${kind}/docker/${id}/${file}`, 'utf8').trim();

describe('fork bomb', () => {
  it('in a container: the pids limit stops it, the container ends, the host is untouched', async () => {
    // The pause lets the test read the limit from the kernel before the bomb.
    const id = engineId(await runScript(a, 'sleep 2; f(){ f | f & }; f; sleep 5; echo survived'));
    expect(cgroupOf('pids', id, 'pids.max')).toBe('64');
    const done = await waitExit(id, 30_000);
    expect(done.status).toBe('exited');
    await bystanderStillWorks();
  });

  it('in a RUN step: the build fails with an error and leaves no step container', async () => {
    const t0 = Date.now();
    const r = await a.build({ dockerfile: 'FROM busybox\nRUN f(){ f | f & }; f; sleep 60\n', noCache: true });
    expect(lastEvent(r.events).type).toBe('error');
    expect(Date.now() - t0).toBeLessThan(40_000);
    await sleep(500);
    expect(buildLeftovers(a.id)).toEqual([]);
    await bystanderStillWorks();
  });
});

describe('memory hog', () => {
  it('in a container: killed at the limit and reported as oomKilled to the learner', async () => {
    const cid = await runScript(a, 'x=aaaaaaaa; while :; do x=$x$x; done');
    const id = engineId(cid);
    expect(Number(cgroupOf('memory', id, 'memory.limit_in_bytes'))).toBe(MEMORY);
    expect(Number(cgroupOf('memory', id, 'memory.memsw.limit_in_bytes'))).toBe(MEMORY);
    await waitExit(id, 60_000);
    const seen = (await a.req('GET', `/containers/${cid}`)).body;
    expect(seen).toMatchObject({ state: 'exited', oomKilled: true });
  });

  it('in a RUN step: the build error says it ran out of memory', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nRUN x=aaaaaaaa; while :; do x=$x$x; done\n', noCache: true });
    const last = lastEvent(r.events) as { type: string; message: string; line?: number };
    expect(last.type).toBe('error');
    expect(last.line).toBe(2);
    expect(last.message).toMatch(/out of memory|memory limit/i);
  });
});

describe('CPU spin', () => {
  it('the quota is in the cgroup and the spinner gets no more than its share', async () => {
    const id = engineId(await runScript(a, 'while :; do :; done'));
    try {
      const quota = Number(cgroupOf('cpu', id, 'cpu.cfs_quota_us'));
      const period = Number(cgroupOf('cpu', id, 'cpu.cfs_period_us'));
      expect(quota / period).toBeCloseTo(0.5, 2);
      await sleep(1000);
      const u0 = Number(cgroupOf('cpuacct', id, 'cpuacct.usage'));
      const t0 = process.hrtime.bigint();
      await sleep(4000);
      const used = Number(cgroupOf('cpuacct', id, 'cpuacct.usage')) - u0;
      const share = used / Number(process.hrtime.bigint() - t0);
      // It really spins (the measurement can fail), and never past the quota.
      expect(share).toBeGreaterThan(0.2);
      expect(share).toBeLessThan(0.5 * 1.15);
    } finally { await a.req('POST', `/containers/${id}/kill`); }
  });

  it('build steps carry the same quota (read from the step container\'s cgroup)', async () => {
    const building = a.build({ dockerfile: 'FROM busybox\nRUN sleep 6\n', noCache: true });
    let quota = '';
    for (let i = 0; i < 40 && !quota; i++) {
      await sleep(200);
      const [step] = buildLeftovers(a.id);
      if (step) { try { quota = readFileSync(`/sys/fs/cgroup/cpu/layerlab-build/s-${a.id}/${step}/cpu.cfs_quota_us`, 'utf8').trim(); } catch { /* not started yet */ } }
    }
    expect(quota).toBe('50000');
    expect(lastEvent((await building).events).type).toBe('done');
  });
});

describe('never-ending work', () => {
  it('a build step that never ends is stopped at the build timeout and cleaned up', async () => {
    const t0 = Date.now();
    const r = await a.build({ dockerfile: 'FROM busybox\nRUN sleep 3600\n', noCache: true });
    const last = lastEvent(r.events) as { type: string; code?: string; message: string };
    expect(last).toMatchObject({ type: 'error', code: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(20_000);
    for (let i = 0; i < 40 && buildLeftovers(a.id).length; i++) await sleep(250);
    expect(buildLeftovers(a.id)).toEqual([]);
  });

  it('an exec that never ends answers 504 at the exec timeout with its output so far, and the container lives on', async () => {
    const cid = await runScript(a, 'sleep 300');
    try {
      const t0 = Date.now();
      const r = await a.req('POST', `/containers/${cid}/exec`, { cmd: ['sh', '-c', 'echo started; exec sleep 3600'] });
      expect(r.status).toBe(504);
      expect(r.body.error.code).toBe('timeout');
      expect(r.body.error.message).toContain('started');
      expect(Date.now() - t0).toBeLessThan(10_000);
      const again = await a.req('POST', `/containers/${cid}/exec`, { cmd: ['echo', 'still here'] });
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.output).toContain('still here');
    } finally { await a.req('DELETE', `/containers/${cid}`); }
  });

  // Known gap, kept visible: the Engine API cannot kill an exec, and under
  // this gVisor build (2022-12) any SIGKILL inside a pids-limited container —
  // from a second exec or from `timeout` — tears the sandbox down
  // ("containerManager.WaitPID failed: EOF"). The server answers 504 at the
  // deadline; the command itself runs on within the container's limits.
  it.skip('an exec that never ends answers 504 at the exec timeout and its process is gone', async () => {
    const cid = await runScript(a, 'sleep 300');
    try {
      const t0 = Date.now();
      const r = await a.req('POST', `/containers/${cid}/exec`, { cmd: ['sh', '-c', 'echo started; exec sleep 3600'] });
      expect(r.status).toBe(504);
      expect(r.body.error.message).toContain('started');
      expect(Date.now() - t0).toBeLessThan(10_000);
      await sleep(1000);
      const ps = await a.req('POST', `/containers/${cid}/exec`, { cmd: ['ps'] });
      expect(ps.status, JSON.stringify(ps.body)).toBe(200);
      expect(ps.body.output).toContain('PID');
      expect(ps.body.output).not.toContain('sleep 3600');
    } finally { await a.req('DELETE', `/containers/${cid}`); }
  });
});

describe('floods', () => {
  it('build output past the cap is cut with a notice', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nRUN yes flood | head -c 5000000\n', noCache: true });
    expect(lastEvent(r.events).type).toBe('done');
    const output = r.events.filter((e) => e.type === 'output').map((e) => (e as { text: string }).text).join('');
    expect(output.length).toBeLessThan(64 * 1024 + 4096);
    expect(output).toContain('is not shown');
  });

  it('exec output past the cap is truncated', async () => {
    const cid = await runScript(a, 'sleep 300');
    try {
      const r = await a.req('POST', `/containers/${cid}/exec`, { cmd: ['sh', '-c', 'yes flood | head -c 5000000'] });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
      expect(r.body.truncated).toBe(true);
      expect(r.body.output.length).toBeLessThanOrEqual(64 * 1024);
    } finally { await a.req('DELETE', `/containers/${cid}`); }
  });

  it('a container\'s log stays under max-size on disk however much it prints', async () => {
    const id = engineId(await runScript(a, 'yes 0123456789abcdef0123456789abcdef | head -c 8000000; sleep 300'));
    try {
      const [d] = dockerJson('inspect', id);
      expect(d.HostConfig.LogConfig).toMatchObject({ Type: 'json-file', Config: { 'max-size': '1m' } });
      await sleep(6000);
      const size = readFileSync(d.LogPath).length;
      expect(size).toBeGreaterThan(0);
      expect(size).toBeLessThanOrEqual(1.1 * 1024 * 1024);
    } finally { await a.req('DELETE', `/containers/${id}`); }
  });
});

describe('SIGTERM ignored', () => {
  it('stop falls back to kill within the grace period', async () => {
    // A loop without forks: nothing but SIGKILL ends it.
    const cid = await runScript(a, 'trap "" TERM; echo ready; while :; do :; done');
    await sleep(1500);
    expect(dockerJson('inspect', cid)[0].State.Running).toBe(true);
    const t0 = Date.now();
    const r = await a.req('POST', `/containers/${cid}/stop`);
    expect(r.status).toBe(200);
    expect(r.body.state).toBe('exited');
    const took = Date.now() - t0;
    expect(took).toBeGreaterThan(2_500);
    expect(took).toBeLessThan(15_000);
    expect(dockerJson('inspect', cid)[0].State.ExitCode).toBe(137);
    await a.req('DELETE', `/containers/${cid}`);
  });
});
