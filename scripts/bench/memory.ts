// Memory of the sandbox server with N idle sessions (default 30), each with
// a socket connected as an open playground page keeps one: resident set size
// (VmRSS) of the server process before and after, per session; and the CPU
// the server spends on them while idle (the diff poll runs for every
// connected session). LAYERLAB_SANDBOX_PID names the server run.sh started;
// alone, the server runs in this process.
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { median, record } from './results';
import { Sandbox, type Session } from './sandbox-client';

const N = Number(process.env.LEARNERS ?? 30);
const pid = Number(process.env.LAYERLAB_SANDBOX_PID ?? process.pid);
const rssKb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
const cpuTicks = () => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return Number(f[11]) + Number(f[12]); };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Median of a few samples: RSS moves with the garbage collector.
async function settledRss(): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 7; i++) { xs.push(rssKb()); await sleep(300); }
  return median(xs);
}

async function main() {
  const sb = await Sandbox.open();
  const sessions: Session[] = [];
  const sockets: Socket[] = [];
  try {
    // One session first, so lazily loaded code is already in the baseline.
    const warm = await sb.createSession();
    await sb.deleteSession(warm);
    await sleep(1000);
    const before = await settledRss();
    for (let i = 0; i < N; i++) sessions.push(await sb.createSession());
    for (const s of sessions) {
      const socket = io(sb.base, { auth: { token: s.token }, transports: ['websocket'] });
      await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
      sockets.push(socket);
    }
    await sleep(3000);
    const after = await settledRss();
    const t0 = cpuTicks(); const w0 = performance.now();
    await sleep(10_000);
    const cpu = ((cpuTicks() - t0) / 100) / ((performance.now() - w0) / 1000) * 100; // USER_HZ is 100 on Linux
    record({ figure: `sandbox server RSS with ${N} idle sessions`, unit: 'MB', product: after / 1024, note: `${(before / 1024).toFixed(0)} MB before` });
    record({ figure: 'sandbox server RSS per idle session', unit: 'MB', product: (after - before) / 1024 / N, note: 'each with a socket connected' });
    record({ figure: `sandbox server CPU with ${N} idle sessions`, unit: '%', product: cpu, note: 'of one core, over 10 s' });
  } finally {
    for (const s of sockets) s.close();
    await Promise.all(sessions.map((s) => sb.deleteSession(s)));
    await sb.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
