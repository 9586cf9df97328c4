// The sandbox server as its own process (tsx sandbox-server/main.ts), so a
// test can kill -9 it and start it again on the same engine. tsx runs the
// server in a child node process: the kill goes to the whole process group,
// or the real server would live on as an orphan and keep the port.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import path from 'node:path';
import { sleep } from './sandbox';

const ROOT = path.resolve(__dirname, '../..');

export interface ChildServer { proc: ChildProcess; base: string; output: () => string }

export async function startChildServer(port: number, env: Record<string, string> = {}): Promise<ChildServer> {
  const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['sandbox-server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LAYERLAB_SANDBOX_PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  const base = `http://127.0.0.1:${port}`;
  // Nobody may answer on the port but this child.
  if (await portOpen(port)) { killGroup(proc); throw new Error(`port ${port} is already taken: an old server is still running`); }
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`sandbox server exited ${proc.exitCode}: ${out}`);
    try { if ((await fetch(`${base}/healthz`)).ok) return { proc, base, output: () => out }; } catch { /* not up yet */ }
    await sleep(100);
  }
  killGroup(proc);
  throw new Error(`sandbox server did not come up on ${port}: ${out}`);
}

function killGroup(proc: ChildProcess): void {
  try { process.kill(-proc.pid!, 'SIGKILL'); } catch { /* already gone */ }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('error', () => resolve(false));
  });
}

// kill -9 of the server and everything it runs; returns once the port is free.
export async function killHard(child: ChildServer): Promise<void> {
  const gone = child.proc.exitCode !== null ? Promise.resolve() : new Promise((r) => child.proc.once('exit', r));
  killGroup(child.proc);
  await gone;
  const port = Number(new URL(child.base).port);
  for (let i = 0; i < 50 && await portOpen(port); i++) await sleep(100);
  if (await portOpen(port)) throw new Error(`port ${port} still answers after kill -9`);
}

// A port nobody listens on right now, for the child to take.
export async function sparePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => { const p = (srv.address() as { port: number }).port; srv.close(() => resolve(p)); });
  });
}
