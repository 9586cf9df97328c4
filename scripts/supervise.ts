// npm start's process supervisor: runs the sandbox server and the web (which
// also hosts the classroom socket), starts again whichever exits, with the
// backoff of lib/supervision/restart-policy.ts, and logs each exit with its
// cause. SIGINT or SIGTERM stops both and then the supervisor.
//
//   node --import tsx scripts/supervise.ts
//
// Ports come from LAYERLAB_SANDBOX_PORT and LAYERLAB_WEB_PORT like the
// servers themselves read them. A restart loses nothing: the sandbox server
// reads its sessions back from the engine's labels, the web keeps its state
// in the database.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { defaultRestartPolicy, exitCause, initialRestartState, nextRestart, type RestartState } from '../lib/supervision/restart-policy';

const ROOT = path.resolve(__dirname, '..');
// A server stuck in its own shutdown is killed after this long.
const STOP_GRACE_MS = 15_000;

interface Service { name: string; label: string; entry: string }

const services: Service[] = [
  { name: 'sandbox', label: 'sandbox server', entry: 'sandbox-server/main.ts' },
  { name: 'web', label: 'web', entry: 'server.ts' },
];

const log = (line: string) => console.log(`[supervisor] ${line}`);

class Supervised {
  private proc?: ChildProcess;
  private startedAt = 0;
  private state: RestartState = initialRestartState;
  private timer?: NodeJS.Timeout;
  private restarts = 0;
  private stopping = false;
  exited: Promise<void> = Promise.resolve();

  constructor(private readonly service: Service) {}

  start(): void {
    const { name, label, entry } = this.service;
    // node itself runs the server (tsx as a loader, not a wrapper process),
    // so the pid here is the server's and a signal reaches it directly. Its
    // own process group lets a stop reach anything it started.
    const proc = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    this.proc = proc;
    this.startedAt = Date.now();
    for (const stream of [proc.stdout!, proc.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        console.log(line.startsWith(`[${name}]`) ? line : `[${name}] ${line}`);
      });
    }
    log(`${label} started (pid ${proc.pid})`);
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        this.proc = undefined;
        // Whatever it started goes with it, or a child could keep its port.
        killGroup(proc.pid, 'SIGKILL');
        const ranForMs = Date.now() - this.startedAt;
        resolve();
        if (this.stopping) return;
        const { delayMs, state } = nextRestart(defaultRestartPolicy, this.state, ranForMs);
        this.state = state;
        this.restarts++;
        log(`${label} (pid ${proc.pid}) ended by ${exitCause(code, signal)} after ${(ranForMs / 1000).toFixed(1)} s; restart ${this.restarts} in ${delayMs / 1000} s`);
        this.timer = setTimeout(() => this.start(), delayMs);
      });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    const proc = this.proc;
    if (!proc) return;
    killGroup(proc.pid, 'SIGTERM');
    const forced = setTimeout(() => {
      log(`${this.service.label} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
      killGroup(proc.pid, 'SIGKILL');
    }, STOP_GRACE_MS);
    await this.exited;
    clearTimeout(forced);
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try { process.kill(-pid, signal); } catch { /* the group is gone */ }
}

function main(): void {
  const supervised = services.map((s) => new Supervised(s));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping ${services.map((s) => s.label).join(' and ')}`);
    void Promise.all(supervised.map((s) => s.stop())).then(() => {
      log('stopped. (Docker Engine keeps running; its containers are kept.)');
      process.exit(0);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGHUP', () => stop('SIGHUP'));
  for (const s of supervised) s.start();
}

main();
