// How long a change in a running container's file system takes to reach a
// learner's page: an exec touches a new file (through the API, as the
// terminal and the playground do), and a socket.io client waits for the
// `diff` world update that lists it. Timed from sending the exec.
// Baseline: the raw CLI learning the same thing, `docker exec touch` then
// one `docker diff`. Target: p95 ≤ 1 s.
import { io } from 'socket.io-client';
import { sh } from './cli-baseline';
import { median, pct, record, time } from './results';
import { Sandbox } from './sandbox-client';

const N = Number(process.env.BENCH_DIFF_SAMPLES ?? 20);

async function main() {
  const sb = await Sandbox.open();
  const session = await sb.createSession();
  const s = (p: string) => `/v1/sessions/${session.id}${p}`;
  const socket = io(sb.base, { auth: { token: session.token }, transports: ['websocket'] });
  const waiters = new Map<string, () => void>();
  socket.on('world', (u: { type: string; diff?: { path: string }[] }) => {
    if (u.type !== 'diff') return;
    for (const [path, resolve] of waiters) if (u.diff!.some((d) => d.path === path)) { waiters.delete(path); resolve(); }
  });
  let cliId = '';
  try {
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
    const { id } = await sb.json('POST', s('/containers'), session.token, { image: 'busybox:latest', cmd: ['sleep', '600'] });
    await sb.call('POST', s(`/containers/${id}/start`), session.token);
    cliId = (await sh('docker', ['run', '-d', '--label', 'org.layerlab.bench=1', 'busybox:latest', 'sleep', '600'])).stdout.trim();
    await new Promise((r) => setTimeout(r, 1500)); // the first poll's baseline
    const api: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < N; i++) {
      const path = `/bench-${i}`;
      const seen = new Promise<void>((resolve) => waiters.set(path, resolve));
      const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no diff update for ${path} in 10 s`)), 10_000));
      api.push(await time(async () => {
        await sb.call('POST', s(`/containers/${id}/exec`), session.token, { cmd: ['touch', path] });
        await Promise.race([seen, timeout]);
      }));
      cli.push(await time(async () => {
        await sh('docker', ['exec', cliId, 'touch', path]);
        const diff = (await sh('docker', ['diff', cliId])).stdout;
        if (!diff.includes(path)) throw new Error('docker diff does not list the file');
      }));
      // Spread the samples over the poll period instead of in step with it.
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 400));
    }
    record({ figure: 'fs change → diff update on socket, p50 (vs exec + docker diff)', unit: 'ms', product: median(api), baseline: median(cli), note: `${N} samples` });
    record({ figure: 'fs change → diff update on socket, p95 (vs exec + docker diff)', unit: 'ms', product: pct(api, 95), baseline: pct(cli, 95), target: { on: 'product', max: 1000 } });
  } finally {
    socket.close();
    if (cliId) await sh('docker', ['rm', '-f', cliId]).catch(() => undefined);
    await sb.deleteSession(session);
    await sb.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
