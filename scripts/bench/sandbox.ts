// Sandbox server against the docker CLI on the same engine, side by side:
// build (classic builder, no cache), create+start vs `docker run -d`, and
// session creation latency. Run: npx tsx scripts/bench/sandbox.ts
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadSettings } from '../../lib/settings';
import { createSandboxServer } from '../../sandbox-server/app';

const run = promisify(execFile);
const ROUNDS = 5;
const SESSIONS = 20;
const BENCH_LABEL = 'org.layerlab.bench=sandbox';

const DOCKERFILE = 'FROM busybox:latest\nCOPY app.txt /app/app.txt\nRUN echo built > /app/built && ls /app\nENV MODE=bench\nCMD ["sleep", "60"]\n';
const FILES = { 'app.txt': 'hello from the bench\n' };

// The policy's limits, given to the CLI too, so both do the same work and
// the ratio shows the server's own cost; the plain CLI is printed beside it.
const settings = loadSettings(process.env);
const mb = (n: number) => `${Math.round(n / 1024 / 1024)}m`;
const LIMIT_FLAGS = ['--memory', mb(settings.memory), '--memory-swap', mb(settings.memory), '--ulimit', `nofile=${settings.nofile}`, '--ulimit', `nproc=${settings.nproc}`, '--shm-size', mb(settings.shmSize)];
const BUILD_FLAGS = [...LIMIT_FLAGS, '--cpu-period', '100000', '--cpu-quota', String(Math.round(settings.cpus * 100000)), '--cgroup-parent', '/layerlab-build/bench', '--label', 'org.layerlab.dockerfile=x'];
const RUN_FLAGS = [...LIMIT_FLAGS, '--cpus', String(settings.cpus), '--pids-limit', String(settings.pids), '--log-opt', 'max-size=1m', '--log-opt', 'max-file=1', '--security-opt', 'no-new-privileges', '--cap-drop', 'NET_RAW', '--cap-drop', 'MKNOD', '--cap-drop', 'AUDIT_WRITE', '--cap-drop', 'SYS_CHROOT'];

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const time = async (fn: () => Promise<unknown>) => { const t0 = performance.now(); await fn(); return performance.now() - t0; };

async function main() {
  const server = createSandboxServer({ settings, reaperIntervalMs: 3_600_000 });
  const { port } = await server.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${port}`;
  const api = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(base + path, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return text;
  };
  const session = JSON.parse(await api('POST', '/v1/sessions'));
  const s = (p: string) => `/v1/sessions/${session.id}${p}`;
  const dir = mkdtempSync(join(tmpdir(), 'layerlab-bench-'));
  writeFileSync(join(dir, 'Dockerfile'), DOCKERFILE);
  writeFileSync(join(dir, 'app.txt'), FILES['app.txt']);
  const apiBuild: number[] = []; const cliBuild: number[] = [];
  const apiRun: number[] = []; const cliRun: number[] = [];
  const plainBuild: number[] = []; const plainRun: number[] = [];
  try {
    // Warm-up, not measured: first use of the base image and of the runtime.
    await api('POST', s('/builds'), session.token, { dockerfile: DOCKERFILE, files: FILES, tag: 'bench:warm', noCache: true });
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate who goes first so neither always meets a warmer engine.
      const apiTurn = async () => {
        apiBuild.push(await time(async () => {
          const out = await api('POST', s('/builds'), session.token, { dockerfile: DOCKERFILE, files: FILES, tag: `bench:${i}`, noCache: true });
          if (!out.trim().split('\n').pop()!.includes('"done"')) throw new Error(`API build failed: ${out}`);
        }));
      };
      const cliTurn = async () => {
        cliBuild.push(await time(() => run('docker', ['build', '-q', '--no-cache', ...BUILD_FLAGS, '--label', BENCH_LABEL, '-t', `layerlab-bench:${i}`, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } })));
        plainBuild.push(await time(() => run('docker', ['build', '-q', '--no-cache', '--label', BENCH_LABEL, '-t', `layerlab-bench:p${i}`, dir], { env: { ...process.env, DOCKER_BUILDKIT: '0' } })));
      };
      if (i % 2) { await apiTurn(); await cliTurn(); } else { await cliTurn(); await apiTurn(); }
    }
    for (let i = 0; i < ROUNDS; i++) {
      const apiTurn = async () => {
        let id = '';
        apiRun.push(await time(async () => {
          id = JSON.parse(await api('POST', s('/containers'), session.token, { image: 'bench:0', cmd: ['sleep', '60'] })).id;
          await api('POST', s(`/containers/${id}/start`), session.token);
        }));
        await api('DELETE', s(`/containers/${id}`), session.token);
      };
      const cliTurn = async () => {
        let id = '';
        cliRun.push(await time(async () => { id = (await run('docker', ['run', '-d', ...RUN_FLAGS, '--label', BENCH_LABEL, 'busybox:latest', 'sleep', '60'])).stdout.trim(); }));
        await run('docker', ['rm', '-f', id]);
        plainRun.push(await time(async () => { id = (await run('docker', ['run', '-d', '--label', BENCH_LABEL, 'busybox:latest', 'sleep', '60'])).stdout.trim(); }));
        await run('docker', ['rm', '-f', id]);
      };
      if (i % 2) { await apiTurn(); await cliTurn(); } else { await cliTurn(); await apiTurn(); }
    }
    const created: { id: string; token: string }[] = [];
    const sessionTimes: number[] = [];
    for (let i = 0; i < SESSIONS; i++) sessionTimes.push(await time(async () => { created.push(JSON.parse(await api('POST', '/v1/sessions'))); }));
    for (const c of created) await api('DELETE', `/v1/sessions/${c.id}`, c.token);

    const row = (name: string, a: number[], c: number[], p: number[]) =>
      `${name.padEnd(26)} ${median(a).toFixed(0).padStart(8)} ms ${median(c).toFixed(0).padStart(10)} ms ${(median(a) / median(c)).toFixed(2).padStart(8)} ${median(p).toFixed(0).padStart(12)} ms`;
    console.log(`median of ${ROUNDS}; engine ${JSON.parse(await api('GET', '/healthz')).engine.version}, runtime ${JSON.parse(await api('GET', '/healthz')).engine.runtime}`);
    console.log(`${''.padEnd(26)} ${'API'.padStart(11)} ${'CLI, limits'.padStart(13)} ${'ratio'.padStart(8)} ${'CLI, plain'.padStart(15)}`);
    console.log(row('build (classic, no cache)', apiBuild, cliBuild, plainBuild));
    console.log(row('create+start / run -d', apiRun, cliRun, plainRun));
    console.log(`session creation (${SESSIONS}): p50 ${pct(sessionTimes, 50).toFixed(0)} ms, p95 ${pct(sessionTimes, 95).toFixed(0)} ms`);
  } finally {
    await api('DELETE', s(''), session.token).catch(() => undefined);
    const images = (await run('docker', ['images', '-q', '--filter', `label=${BENCH_LABEL}`])).stdout.split('\n').filter(Boolean);
    if (images.length) await run('docker', ['rmi', '-f', ...new Set(images)]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
