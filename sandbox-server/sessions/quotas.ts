// Per-session quotas, counted from the engine (the server keeps no counts of
// its own). Exceeding one is a 429 that names the quota.
import type { Engine } from '../engine/engine';
import { ApiFailure } from '../errors';
import { isCatalogImage, Labels } from '../labels';
import { sessionOfBuildCacheTag } from './names';

export interface QuotaLimits { containersPerSession: number; imagesPerSession: number; diskPerSession: number }

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

export class Quotas {
  constructor(private readonly engine: Engine, private readonly limits: QuotaLimits) {}

  async checkContainers(sessionId: string): Promise<void> {
    const list = await this.engine.listContainers([`${Labels.session}=${sessionId}`, `${Labels.kind}=container`]);
    if (list.length >= this.limits.containersPerSession) {
      throw new ApiFailure('quota', `This session already has ${list.length} containers (containers per session: ${this.limits.containersPerSession}). Remove one first.`);
    }
  }

  async checkImages(sessionId: string): Promise<void> {
    const list = await this.engine.listImages([`${Labels.session}=${sessionId}`]);
    if (list.length >= this.limits.imagesPerSession) {
      throw new ApiFailure('quota', `This session already has ${list.length} images (images per session: ${this.limits.imagesPerSession}). Remove one first.`);
    }
    await this.checkDisk(sessionId);
  }

  // Disk the session added to the host: the layers of its images and build
  // cache that the catalog does not already hold (each counted once), plus
  // its containers' writable layers. There is no storage quota under
  // overlay2 on this file system, so it is checked before every build,
  // commit and create; a running container can go past it, and the next
  // action is refused.
  async diskUsage(sessionId: string): Promise<number> {
    const [all, containers] = await Promise.all([
      this.engine.listImages([]),
      this.engine.listContainers([`${Labels.session}=${sessionId}`, `${Labels.kind}=container`], true, true),
    ]);
    const catalog = all.filter((i) => isCatalogImage(i.Labels, i.RepoTags));
    const mine = all.filter((i) => i.Labels?.[Labels.session] === sessionId
      || (i.RepoTags ?? []).some((t) => sessionOfBuildCacheTag(t) === sessionId));
    const shared = await this.catalogLayers(catalog.map((c) => c.Id));
    const counted = new Set<string>();
    let bytes = 0;
    for (const image of mine) {
      for (const h of await this.engine.imageHistory(image.Id)) {
        if (h.Id !== '<missing>' && (shared.has(h.Id) || counted.has(h.Id))) continue;
        if (h.Id !== '<missing>') counted.add(h.Id);
        bytes += h.Size;
      }
    }
    for (const c of containers) bytes += (c as { SizeRw?: number }).SizeRw ?? 0;
    return bytes;
  }

  // History ids of the catalog, kept while the catalog stays the same.
  private catalogMemo?: { key: string; ids: Set<string> };
  private async catalogLayers(ids: string[]): Promise<Set<string>> {
    const key = [...ids].sort().join(',');
    if (this.catalogMemo?.key === key) return this.catalogMemo.ids;
    const shared = new Set<string>();
    for (const id of ids) for (const h of await this.engine.imageHistory(id)) shared.add(h.Id);
    this.catalogMemo = { key, ids: shared };
    return shared;
  }

  async checkDisk(sessionId: string): Promise<void> {
    const used = await this.diskUsage(sessionId);
    if (used >= this.limits.diskPerSession) {
      throw new ApiFailure('quota', `This session uses ${mib(used)} of disk (disk per session: ${mib(this.limits.diskPerSession)}). Remove images or containers first.`);
    }
  }
}
