// Enforces the per-session disk cap on running containers. overlay2 on this
// file system has no size quota, so writes are measured (Quotas.diskUsage)
// after each exec and every few seconds; a session past its cap has its
// running containers killed, and the reason is kept for the learner's view.
// What the measure cannot outrun is held by the kernel: no file larger than
// the cap (the fsize ulimit, policy/limits.ts), VOLUME paths as tmpfs of
// fixed size (policy/volume-mounts.ts).
import type { Engine } from '../engine/engine';
import { Labels } from '../labels';
import type { Quotas } from './quotas';

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

export class DiskGuard {
  // Container id → why the server stopped it (in memory: a restart forgets).
  readonly reasons = new Map<string, string>();
  // Sessions whose containers this process started: several servers (tests)
  // may share one engine, each with its own cap, and must not judge the
  // others' sessions.
  private readonly watched = new Set<string>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly engine: Engine, private readonly quotas: Quotas, private readonly capBytes: number) {}

  // The message when the session is past its cap (its containers now killed).
  async enforce(sessionId: string): Promise<string | undefined> {
    const used = await this.quotas.diskUsage(sessionId);
    // At the cap counts as past it, as for the next action (Quotas): a write
    // stopped by the fsize limit (the cap) leaves the session exactly there.
    if (used < this.capBytes) return undefined;
    const message = `Stopped: this session's containers and images use ${mib(used)} of disk (disk per session: ${mib(this.capBytes)}). Remove files, containers or images to go on.`;
    const running = await this.engine.listContainers([`${Labels.session}=${sessionId}`, `${Labels.kind}=container`], false);
    for (const c of running) {
      this.reasons.set(c.Id, message);
      // Bounded: the oldest reasons go first.
      if (this.reasons.size > 1000) this.reasons.delete(this.reasons.keys().next().value!);
      await this.engine.killContainer(c.Id).catch(() => undefined);
    }
    return message;
  }

  watch(sessionId: string): void { this.watched.add(sessionId); }

  start(intervalMs: number): void {
    this.timer = setInterval(() => { this.running ??= this.sweep().finally(() => { this.running = undefined; }); }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  // Only sessions with a running container can grow on their own.
  private async sweep(): Promise<void> {
    try {
      const running = await this.engine.listContainers([`${Labels.kind}=container`], false);
      const sessions = new Set(running.map((c) => c.Labels[Labels.session]).filter(Boolean));
      for (const id of [...this.watched]) {
        if (sessions.has(id)) await this.enforce(id);
        else this.watched.delete(id);
      }
    } catch (err) {
      console.error(`disk guard: ${(err as Error).message}`);
    }
  }
}
