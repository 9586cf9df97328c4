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

// Both move with the garbage collector: each sample follows a full
// collection (run.sh starts the server with --expose-gc and a report file;
// it collects on SIGUSR2 and writes its heap's use there; in this process,
// with node --expose-gc), and a figure is the median of a few. The heap
// after a collection is what the sessions hold; RSS also keeps pages the
// collector freed, so per session it is the heap that counts.
const REPORT = process.env.LAYERLAB_MEMORY_REPORT;
function collect(): void {
  if (pid !== process.pid) process.kill(pid, 'SIGUSR2');
  else (globalThis as { gc?: () => void }).gc?.();
}
function heapKb(): number | undefined {
  let m: NodeJS.MemoryUsage | undefined;
  if (pid === process.pid) m = (globalThis as { gc?: unknown }).gc ? process.memoryUsage() : undefined;
  else if (REPORT) { try { m = JSON.parse(readFileSync(REPORT, 'utf8')) as NodeJS.MemoryUsage; } catch { m = undefined; } }
  return m ? (m.heapUsed + m.external) / 1024 : undefined;
}
async function settled(): Promise<{ rss: number; heap?: number }> {
  const rss: number[] = [];
  const heap: number[] = [];
  for (let i = 0; i < 7; i++) {
    collect();
    await sleep(400);
    rss.push(rssKb());
    const h = heapKb();
    if (h !== undefined) heap.push(h);
  }
  return { rss: median(rss), heap: heap.length ? median(heap) : undefined };
}

async function main() {
  const sb = await Sandbox.open();
  const sessions: Session[] = [];
  const sockets: Socket[] = [];
  try {
    // One session and socket first, so lazily loaded code (and the socket
    // server's first allocations) are already in the baseline.
    const warm = await sb.createSession();
    const warmSocket = io(sb.base, { auth: { token: warm.token }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => { warmSocket.once('connect', resolve); warmSocket.once('connect_error', reject); });
    warmSocket.close();
    await sb.deleteSession(warm);
    await sleep(1000);
    const before = await settled();
    for (let i = 0; i < N; i++) sessions.push(await sb.createSession());
    for (const s of sessions) {
      const socket = io(sb.base, { auth: { token: s.token }, transports: ['websocket'] });
      await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
      sockets.push(socket);
    }
    await sleep(3000);
    const after = await settled();
    const t0 = cpuTicks(); const w0 = performance.now();
    await sleep(10_000);
    const cpu = ((cpuTicks() - t0) / 100) / ((performance.now() - w0) / 1000) * 100; // USER_HZ is 100 on Linux
    record({ figure: `sandbox server RSS with ${N} idle sessions`, unit: 'MB', product: after.rss / 1024, note: `${(before.rss / 1024).toFixed(0)} MB before` });
    if (after.heap !== undefined && before.heap !== undefined) {
      record({ figure: 'sandbox server heap per idle session', unit: 'KB', product: (after.heap - before.heap) / N, note: `each with a socket connected; after a full GC; RSS: ${((after.rss - before.rss) / 1024 / N).toFixed(2)} MB` });
    } else {
      record({ figure: 'sandbox server RSS per idle session', unit: 'MB', product: (after.rss - before.rss) / 1024 / N, note: 'each with a socket connected (no heap report: start the server with --expose-gc)' });
    }
    record({ figure: `sandbox server CPU with ${N} idle sessions`, unit: '%', product: cpu, note: 'of one core, over 10 s' });
  } finally {
    for (const s of sockets) s.close();
    await Promise.all(sessions.map((s) => sb.deleteSession(s)));
    await sb.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
