// Removing a session: everything it made, each object on its own, so one
// that fails does not keep the rest. What is already gone counts as
// removed; what fails is tried again for a few rounds (the engine may still
// be removing a cancelled build's step container, a container may still hold
// an image); what still fails is reported, not thrown. The session is
// forgotten first, so the reaper later finds any leftover by its labels or
// names and removes it then.
import type { Engine } from '../engine/engine';
import { BUILD_CGROUP_PREFIX, Labels } from '../labels';
import { engineMessage, isGone, type Leftover, type RemovalReport } from './removal-report';
import { sessionOfBuildCacheTag, sessionOfImageName } from './names';
import type { SessionStore } from './session-store';

export interface RemovalHooks {
  // Told first: the session's sockets are closed.
  onRemoved?: (sessionId: string) => void;
  // Stops what still runs for the session (a build, registry transfers) and
  // resolves once it has finished, so nothing is made after the removal.
  stopActivity?: (sessionId: string) => Promise<void>;
  // Waits for the session's objects still being written (Dockerfile records).
  settle?: (sessionId: string) => Promise<void>;
  // Step containers of the session's stopped builds (short or full ids).
  stepContainers?: (sessionId: string) => string[];
  // Told last, once the session is removed (or left to the reaper).
  onDone?: (sessionId: string) => void;
  // What the session holds outside its labelled objects (its registry
  // repositories): run after its containers go, before its images.
  removeExternal?: (sessionId: string) => Promise<Leftover[]>;
}

// Pauses between rounds: the second round comes when a cancelled build's
// step container has usually been removed by the engine itself.
const RETRY_PAUSES_MS = [300, 1500];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class SessionRemoval {
  constructor(private readonly engine: Engine, private readonly sessions: SessionStore, private readonly hooks: RemovalHooks = {}) {}

  async remove(sessionId: string): Promise<RemovalReport> {
    this.sessions.forget(sessionId);
    this.hooks.onRemoved?.(sessionId);
    await this.hooks.stopActivity?.(sessionId).catch((err) => console.error(`removing session ${sessionId}: stopping its activity: ${(err as Error).message}`));
    await this.hooks.settle?.(sessionId).catch(() => undefined);
    await this.sessions.settle(sessionId);
    const report: RemovalReport = { containers: 0, images: 0, leftovers: [] };
    for (let round = 0; ; round++) {
      const failed: Leftover[] = [];
      const r = await this.round(sessionId, failed);
      report.containers += r.containers;
      report.images += r.images;
      if (failed.length === 0 || round >= RETRY_PAUSES_MS.length) {
        report.leftovers = failed;
        break;
      }
      await sleep(RETRY_PAUSES_MS[round]);
    }
    this.hooks.onDone?.(sessionId);
    if (report.leftovers.length) {
      console.error(`removing session ${sessionId}: left for the reaper: ${report.leftovers.map((l) => `${l.kind} ${l.ref} (${l.message})`).join('; ')}`);
    }
    return report;
  }

  // Containers first (they hold images), then registry names, images, build
  // cache names, and the markers last: while a marker is there the session
  // still counts against the host, but it is forgotten in memory already.
  private async round(sessionId: string, failed: Leftover[]): Promise<{ containers: number; images: number }> {
    const containers = await this.removeContainers(sessionId, failed);
    const steps = await this.removeBuildContainers(sessionId, failed);
    await this.removeStepImages([...steps, ...(this.hooks.stepContainers?.(sessionId) ?? [])], failed);
    if (this.hooks.removeExternal) {
      failed.push(...await this.hooks.removeExternal(sessionId).catch((err) => [{ kind: 'registry' as const, ref: '*', message: engineMessage(err) }]));
    }
    const images = await this.removeImages(sessionId, failed);
    await this.removeBuildCache(sessionId, failed);
    await this.removeMarkers(sessionId, failed);
    return { containers, images };
  }

  private async removeContainers(sessionId: string, failed: Leftover[]): Promise<number> {
    const list = await this.list('containers', failed, () => this.engine.listContainers([`${Labels.session}=${sessionId}`]));
    let removed = 0;
    for (const c of list.filter((c) => c.Labels[Labels.kind] !== 'marker')) {
      // Dockerfile records go too, but are not containers to the learner.
      if (await this.attempt(failed, 'container', c.Id, () => this.engine.removeContainer(c.Id)) && c.Labels[Labels.kind] !== 'record') removed++;
    }
    return removed;
  }

  // Step containers of the classic builder carry no labels: they are known
  // by the cgroup parent every build of ours sets.
  private async removeBuildContainers(sessionId: string, failed: Leftover[]): Promise<string[]> {
    const all = await this.list('build containers', failed, () => this.engine.listContainers([]));
    const found: string[] = [];
    for (const c of all.filter((c) => !c.Labels?.[Labels.session])) {
      const d = await this.engine.inspectContainer(c.Id).catch(() => undefined);
      if (d?.HostConfig?.CgroupParent !== `${BUILD_CGROUP_PREFIX}${sessionId}`) continue;
      found.push(c.Id);
      await this.attempt(failed, 'build-container', c.Id, () => this.engine.removeContainer(c.Id));
    }
    return found;
  }

  // A stopped build's step the engine committed after the server stopped
  // reading: an untagged image no name of the session holds, known only by
  // the step container that made it.
  private async removeStepImages(steps: string[], failed: Leftover[]): Promise<void> {
    if (steps.length === 0) return;
    for (const i of await this.list('untagged images', failed, () => this.engine.listDanglingImages([]))) {
      const made = (await this.engine.inspectImage(i.Id).catch(() => undefined))?.Container ?? '';
      if (!made || !steps.some((id) => made.startsWith(id) || id.startsWith(made))) continue;
      await this.attempt(failed, 'image', i.Id, () => this.engine.removeImage(i.Id));
    }
  }

  // Only the session's own names go. When those were all of an image's
  // names, untagging the last one deletes it (and its untagged parents)
  // unless another image builds on it; then it stays as their layer.
  private async removeImages(sessionId: string, failed: Leftover[]): Promise<number> {
    const mine = (n: string) => sessionOfImageName(n) === sessionId || sessionOfBuildCacheTag(n) === sessionId;
    const images = (await this.list('images', failed, () => this.engine.listImages([`${Labels.session}=${sessionId}`])))
      .sort((a, b) => b.Created - a.Created); // children before parents
    let removed = 0;
    for (const i of images) {
      const names = [...(i.RepoTags ?? []), ...(i.RepoDigests ?? [])].filter((n) => !n.startsWith('<none>'));
      const own = names.filter(mine);
      // A commit left untagged is the session's by its label alone.
      const refs = own.length ? own : names.length ? [] : [i.Id];
      let ok = refs.length > 0;
      for (const ref of refs) ok = await this.attempt(failed, 'image', ref, () => this.engine.removeImage(ref)) && ok;
      if (ok && own.length === names.length) removed++;
    }
    return removed;
  }

  // Untagging the last step image of a failed build also deletes the
  // untagged step images below it that nothing else uses.
  private async removeBuildCache(sessionId: string, failed: Leftover[]): Promise<void> {
    const all = await this.list('build cache', failed, () => this.engine.listImages([]));
    for (const tag of all.flatMap((i) => i.RepoTags ?? []).filter((t) => sessionOfBuildCacheTag(t) === sessionId)) {
      await this.attempt(failed, 'image', tag, () => this.engine.removeImage(tag));
    }
  }

  private async removeMarkers(sessionId: string, failed: Leftover[]): Promise<void> {
    const markers = await this.list('markers', failed, () => this.engine.listContainers([`${Labels.kind}=marker`, `${Labels.session}=${sessionId}`]));
    for (const m of markers) await this.attempt(failed, 'marker', m.Id, () => this.engine.removeContainer(m.Id));
  }

  // True when the object is gone now, whoever removed it.
  private async attempt(failed: Leftover[], kind: Leftover['kind'], ref: string, remove: () => Promise<void>): Promise<boolean> {
    try { await remove(); return true; } catch (err) {
      if (isGone(err)) return true;
      failed.push({ kind, ref, message: engineMessage(err) });
      return false;
    }
  }

  private async list<T>(what: string, failed: Leftover[], read: () => Promise<T[]>): Promise<T[]> {
    try { return await read(); } catch (err) {
      failed.push({ kind: 'listing', ref: what, message: engineMessage(err) });
      return [];
    }
  }
}
