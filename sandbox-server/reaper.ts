// Removes what expired sessions left behind: containers, images, markers and
// the intermediate containers of builds that never finished. Works from
// labels (and the build cgroup parent) alone, so it also cleans up after a
// crash. Runs at start-up and then periodically.
import type { Engine } from './engine/engine';
import { BUILD_CGROUP_PREFIX, Labels, ownersOf } from './labels';
import { sessionOfBuildCacheTag } from './sessions/names';
import type { RemovalReport } from './sessions/removal-report';
import type { SessionRemoval } from './sessions/session-removal';
import type { SessionStore } from './sessions/session-store';

export interface ReapReport { sessions: string[]; containers: number; images: number; buildLeftovers: number; leftovers: number }

export class Reaper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<ReapReport>;

  constructor(
    private readonly engine: Engine,
    private readonly sessions: SessionStore,
    private readonly removal: SessionRemoval,
    private readonly options: { intervalMs: number; buildTimeoutMs: number; isBuilding: (sessionId: string) => boolean },
  ) {}

  start(): void {
    this.timer = setInterval(() => { void this.reap().catch((err) => console.error(`reaper: ${(err as Error).message}`)); }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  reap(): Promise<ReapReport> {
    this.running ??= this.reapOnce().finally(() => { this.running = undefined; });
    return this.running;
  }

  // Everything a session made (session-removal.ts); what is left over is
  // found again by a later round, since the session is no longer live.
  removeSession(sessionId: string): Promise<RemovalReport> { return this.removal.remove(sessionId); }

  private async reapOnce(): Promise<ReapReport> {
    const report: ReapReport = { sessions: [], containers: 0, images: 0, buildLeftovers: 0, leftovers: 0 };
    const now = Date.now();
    const liveInEngine = new Set<string>();
    const markers = await this.engine.listContainers([`${Labels.kind}=marker`]);
    for (const m of markers) if (Date.parse(m.Labels[Labels.expires] ?? '') > now) liveInEngine.add(m.Labels[Labels.session]);
    const isLive = (id: string) => this.sessions.isLive(id) || liveInEngine.has(id);

    const owned = await this.engine.listContainers([Labels.session]);
    const images = await this.engine.listImages([Labels.session]);
    const cacheOwners = (await this.engine.listImages([])).flatMap((i) => (i.RepoTags ?? []).map(sessionOfBuildCacheTag));
    const dead = new Set<string>([
      ...owned.map((c) => c.Labels[Labels.session]),
      ...images.flatMap((i) => ownersOf(i.Labels)),
      ...cacheOwners,
    ].filter((id): id is string => !!id && !isLive(id)));
    for (const id of dead) {
      const r = await this.removeSession(id);
      report.sessions.push(id);
      report.containers += r.containers;
      report.images += r.images;
      report.leftovers += r.leftovers.length;
    }
    report.buildLeftovers = await this.reapBuildLeftovers(isLive, now);
    report.buildLeftovers += await this.reapCrashedBuildSteps(now);
    return report;
  }

  // Intermediate containers of the classic builder carry no build labels;
  // they are known by the cgroup parent every build of ours sets.
  private async reapBuildLeftovers(isLive: (id: string) => boolean, now: number): Promise<number> {
    let removed = 0;
    const all = await this.engine.listContainers([]);
    for (const c of all.filter((c) => !c.Labels?.[Labels.session])) {
      const d = await this.engine.inspectContainer(c.Id).catch(() => undefined);
      const parent = d?.HostConfig?.CgroupParent ?? '';
      if (!parent.startsWith(BUILD_CGROUP_PREFIX)) continue;
      const sessionId = parent.slice(BUILD_CGROUP_PREFIX.length);
      const stale = now - c.Created * 1000 > this.options.buildTimeoutMs + 60_000;
      if (!isLive(sessionId) || (stale && !this.options.isBuilding(sessionId))) {
        if (await this.removeContainer(c.Id)) removed++;
      }
    }
    return removed;
  }

  // Step images of a build whose server died mid-build (kill -9 skips the
  // tagging at the end of BuildService.run): untagged leaves built FROM a
  // catalog image, so they carry its label and no session's. Only ones older
  // than any build may run, so no build of any server still needs them.
  private async reapCrashedBuildSteps(now: number): Promise<number> {
    let removed = 0;
    for (const i of await this.engine.listDanglingImages([Labels.catalog])) {
      if (ownersOf(i.Labels).length || now - i.Created * 1000 <= this.options.buildTimeoutMs + 60_000) continue;
      try { await this.engine.removeImage(i.Id); removed++; } catch (err) {
        const code = (err as { statusCode?: number }).statusCode;
        if (code !== 404 && code !== 409) throw err;
      }
    }
    return removed;
  }

  private async removeContainer(id: string): Promise<boolean> {
    try { await this.engine.removeContainer(id); return true; } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return false;
      throw err;
    }
  }
}
