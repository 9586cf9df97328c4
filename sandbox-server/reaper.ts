// Removes what expired sessions left behind: containers, images, markers and
// the intermediate containers of builds that never finished. Works from
// labels (and the build cgroup parent) alone, so it also cleans up after a
// crash. Runs at start-up and then periodically.
import type { Engine } from './engine/engine';
import { BUILD_CGROUP_PREFIX, Labels, ownersOf } from './labels';
import { sessionOfBuildCacheTag, sessionOfImageName } from './sessions/names';
import type { SessionStore } from './sessions/session-store';

export interface ReapReport { sessions: string[]; containers: number; images: number; buildLeftovers: number }

export class Reaper {
  private timer?: NodeJS.Timeout;
  private running?: Promise<ReapReport>;

  constructor(
    private readonly engine: Engine,
    private readonly sessions: SessionStore,
    private readonly options: {
      intervalMs: number; buildTimeoutMs: number; isBuilding: (sessionId: string) => boolean; onRemoved?: (sessionId: string) => void;
      // What the session holds outside its labelled objects (its registry
      // repositories): run after its containers go, before its images.
      removeExternal?: (sessionId: string) => Promise<void>;
      // Waits for the session's objects still being written (Dockerfile records).
      settle?: (sessionId: string) => Promise<void>;
    },
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

  // Everything a session made: containers first (they hold images), then images, then its markers.
  async removeSession(sessionId: string): Promise<{ containers: number; images: number }> {
    this.sessions.forget(sessionId);
    this.options.onRemoved?.(sessionId);
    await this.options.settle?.(sessionId);
    const containers = await this.engine.listContainers([`${Labels.session}=${sessionId}`]);
    let removedContainers = 0;
    for (const c of containers.filter((c) => c.Labels[Labels.kind] !== 'marker')) {
      // Dockerfile records go too, but are not containers to the learner.
      if (await this.removeContainer(c.Id) && c.Labels[Labels.kind] !== 'record') removedContainers++;
    }
    await this.options.removeExternal?.(sessionId);
    const images = await this.removeImages(sessionId);
    await this.removeBuildCache(sessionId);
    await this.sessions.removeMarkers(sessionId);
    return { containers: removedContainers, images };
  }

  private async reapOnce(): Promise<ReapReport> {
    const report: ReapReport = { sessions: [], containers: 0, images: 0, buildLeftovers: 0 };
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

  // Children before parents: a few rounds, newest first.
  private async removeImages(sessionId: string): Promise<number> {
    let removed = 0;
    for (let round = 0; round < 3; round++) {
      const images = (await this.engine.listImages([`${Labels.session}=${sessionId}`])).sort((a, b) => b.Created - a.Created);
      if (images.length === 0) break;
      for (const i of images) {
        try {
          const names = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
          const mine = (t: string) => sessionOfImageName(t) === sessionId || sessionOfBuildCacheTag(t) === sessionId;
          // Another session holds it too (both met a class starter's
          // cache): only this session's names go.
          if (names.some((t) => !mine(t))) {
            for (const tag of names.filter(mine)) await this.engine.removeImage(tag);
            continue;
          }
          for (const tag of names.slice(1)) await this.engine.removeImage(tag);
          await this.engine.removeImage(i.Id);
          removed++;
        } catch (err) {
          const code = (err as { statusCode?: number }).statusCode;
          if (code !== 404 && code !== 409) throw err;
        }
      }
    }
    return removed;
  }

  // Untagging the last step image of a failed build also deletes the
  // untagged step images below it that nothing else uses.
  private async removeBuildCache(sessionId: string): Promise<void> {
    const images = await this.engine.listImages([]);
    for (const tag of images.flatMap((i) => i.RepoTags ?? []).filter((t) => sessionOfBuildCacheTag(t) === sessionId)) {
      await this.engine.removeImage(tag).catch((err) => {
        const code = (err as { statusCode?: number }).statusCode;
        if (code !== 404 && code !== 409) throw err;
      });
    }
  }

  private async removeContainer(id: string): Promise<boolean> {
    try { await this.engine.removeContainer(id); return true; } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return false;
      throw err;
    }
  }
}
