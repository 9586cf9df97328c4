// One terminal flooded for a minute while its page reads slowly or not at
// all: does the sandbox server's memory stay flat? Starts a sandbox server
// from a checkout (ROOT, default this one; point it at an older checkout to
// compare), floods a terminal of a busybox container, and samples the
// server every SAMPLE_S seconds: resident set size (VmRSS) and, after a full
// collection (SIGUSR2 under --expose-gc, see sandbox-server/main.ts), the
// heap and external memory it still holds. Not part of npm test.
//
//   tsx scripts/bench/terminal-flood.ts                  # stalled reader, 60 s
//   MODE=slow FLOOD_SECONDS=60 ROOT=/path/to/old tsx scripts/bench/terminal-flood.ts
//
// MODE=stalled: the page's TCP socket is never read during the flood.
// MODE=slow: SLOW_KBPS (default 256) KiB are read from it each second, about
// a tenth of the flood. MODE=reading: read
// throughout (how fast the flood is when nobody is behind). A server over
// ABORT_RSS_MB (default 1500) ends the flood early, so an unbounded one does
// not take the machine with it. Port: PORT (default 6420).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';

const ROOT = path.resolve(process.env.ROOT ?? path.join(__dirname, '../..'));
const PORT = Number(process.env.PORT ?? 6420);
const SECONDS = Number(process.env.FLOOD_SECONDS ?? 60);
const SAMPLE_S = Number(process.env.SAMPLE_S ?? 5);
const MODE = (['slow', 'reading'] as const).find((m) => m === process.env.MODE) ?? 'stalled';
const SLOW_KBPS = Number(process.env.SLOW_KBPS ?? 256);
const ABORT_RSS_MB = Number(process.env.ABORT_RSS_MB ?? 1500);
const base = `http://127.0.0.1:${PORT}`;
// Large writes: `yes` writes a line per system call, which gVisor's ptrace
// platform holds to about 100 KB/s; tr of /dev/zero writes blocks (about
// 2 MB/s through the TTY here, measured with docker exec -t).
const FLOOD = "while :; do head -c 10000000 /dev/zero | tr '\\0' y; done";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

interface Sample { t: number; rssMb: string; heapMb: string; externalMb: string; receivedMb: string }

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'layerlab-flood-'));
  const report = path.join(dir, 'memory.json');
  const server = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=2048', '--import', 'tsx', 'sandbox-server/main.ts'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LAYERLAB_SANDBOX_PORT: String(PORT), LAYERLAB_MEMORY_REPORT: report, LAYERLAB_SESSION_ORIGIN: 'bench', LAYERLAB_SESSIONS_PER_HOST: '10000', LAYERLAB_REAPER_INTERVAL: '3600' },
  });
  let log = '';
  server.stdout!.on('data', (d) => { log += d; });
  server.stderr!.on('data', (d) => { log += d; });
  const pid = server.pid!;
  let session: { id: string; token: string } | undefined;
  let sock: Socket | undefined;
  try {
    for (let i = 0; i < 600; i++) {
      if (server.exitCode !== null) throw new Error(`server exited: ${log}`);
      if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
      await sleep(100);
    }
    const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
    // A busy server may take a while to collect and write its report.
    const collected = async () => {
      rmSync(report, { force: true });
      process.kill(pid, 'SIGUSR2');
      for (let i = 0; i < 100; i++) {
        await sleep(100);
        try { return JSON.parse(readFileSync(report, 'utf8')) as NodeJS.MemoryUsage; } catch { /* not written yet */ }
      }
      throw new Error('the server wrote no memory report (is it running with --expose-gc?)');
    };
    session = await (await fetch(`${base}/v1/sessions`, { method: 'POST' })).json() as { id: string; token: string };
    const auth = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    const created = await (await fetch(`${base}/v1/sessions/${session.id}/containers`, { method: 'POST', headers: auth, body: JSON.stringify({ image: 'busybox', cmd: ['sleep', '3600'] }) })).json() as { id: string };
    await fetch(`${base}/v1/sessions/${session.id}/containers/${created.id}/start`, { method: 'POST', headers: auth });

    sock = io(base, { auth: { token: session.token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => { sock!.once('connect', () => resolve()); sock!.once('connect_error', reject); });
    let received = 0;
    sock.on('terminal:data', (m: { data: string }) => { received += m.data.length; });
    const tcp = (sock.io.engine.transport as unknown as { ws: { _socket: import('node:net').Socket } }).ws._socket;

    const samples: Sample[] = [];
    const sample = async (t: number) => {
      const m = await collected();
      samples.push({ t, rssMb: rssMb().toFixed(1), heapMb: mb(m.heapUsed), externalMb: mb(m.external), receivedMb: mb(received) });
    };
    await sample(-1);
    const opened = await sock.timeout(15_000).emitWithAck('terminal:open', { containerId: created.id, cmd: ['sh', '-c', FLOOD] }) as { terminalId?: string; error?: unknown };
    if (!opened.terminalId) throw new Error(`terminal: ${JSON.stringify(opened)}`);
    if (MODE !== 'reading') tcp.pause();
    // A slow page: SLOW_KBPS a second off its TCP socket, then paused until the next second.
    let reading: NodeJS.Timeout | undefined;
    if (MODE === 'slow') {
      let budget = SLOW_KBPS * 1024;
      tcp.on('data', (chunk: Buffer) => { budget -= chunk.length; if (budget <= 0) tcp.pause(); });
      reading = setInterval(() => { budget = SLOW_KBPS * 1024; tcp.resume(); }, 1000);
      tcp.resume();
    }
    const t0 = Date.now();
    let aborted = '';
    while (Date.now() - t0 < SECONDS * 1000) {
      await sleep(SAMPLE_S * 1000);
      if (server.exitCode !== null) { aborted = `server exited (${server.exitCode})`; break; }
      await sample(Math.round((Date.now() - t0) / 1000));
      if (Number(samples[samples.length - 1].rssMb) > ABORT_RSS_MB) { aborted = `RSS over ${ABORT_RSS_MB} MB`; break; }
    }
    if (reading) clearInterval(reading);
    // The page reads again and closes the terminal: what is left afterwards.
    tcp.resume();
    sock.emit('terminal:close', { terminalId: opened.terminalId });
    await sleep(5000);
    if (server.exitCode === null) await sample(-2);

    console.log(`terminal flood: ${ROOT}, reader ${MODE}, ${SECONDS} s${aborted ? `, stopped early: ${aborted}` : ''}`);
    console.log('t (s)      RSS MB   heap MB (after GC)   external MB   received by page MB');
    for (const s of samples) {
      const t = s.t === -1 ? 'before' : s.t === -2 ? 'after' : String(s.t);
      console.log(`${t.padEnd(8)} ${s.rssMb.padStart(8)} ${s.heapMb.padStart(12)} ${s.externalMb.padStart(20)} ${s.receivedMb.padStart(20)}`);
    }
  } finally {
    sock?.close();
    if (session && server.exitCode === null) {
      await fetch(`${base}/v1/sessions/${session.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${session.token}` } }).catch(() => undefined);
    }
    try { process.kill(-pid, 'SIGTERM'); } catch { /* gone */ }
    await sleep(1000);
    try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
    rmSync(dir, { recursive: true, force: true });
    if (server.exitCode !== null && server.exitCode !== 0 && !log.includes('SIGTERM')) console.log(`server log tail:\n${log.slice(-2000)}`);
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
