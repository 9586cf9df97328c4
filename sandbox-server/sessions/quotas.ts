// Per-session quotas, counted from the engine (the server keeps no counts of
// its own). Exceeding one is a 429 that names the quota. One listing of the
// engine's images serves every check of a request (callers pass it along).
import type { ContainerSummary, Engine, HistoryEntry, ImageSummary } from '../engine/engine';
import { ApiFailure } from '../errors';
import { isCatalogImage, Labels, ownedBy } from '../labels';
import { sessionOfBuildCacheTag } from './names';

export interface QuotaLimits { containersPerSession: number; imagesPerSession: number; diskPerSession: number }
// A listing of all images, with the engine's image version when it was asked for.
export interface ImagesListing { images: ImageSummary[]; version: number }
// The bytes of a session's images: each layer counted once, catalog layers not at all.
export interface ImageTally { bytes: number; layers: Set<string>; images: Set<string> }
export interface UsageParts { images?: ImagesListing; containers?: ContainerSummary[] }
export interface DiskState { tally: ImageTally; containerBytes: number }

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;
const HISTORY_MEMO = 5000;

export class Quotas {
  // An image's history (its layers' ids and sizes) never changes: read once per id.
  private readonly histories = new Map<string, HistoryEntry[]>();
  // Tallies by session, valid while no image changed (see coalescingEngine).
  private readonly tallies = new Map<string, { version: number; tally: ImageTally }>();

  constructor(
    private readonly engine: Engine,
    private readonly limits: QuotaLimits,
    // The engine's image version; NaN (never equal) keeps no tallies.
    private readonly imagesVersion: () => number = () => NaN,
  ) {}

  async listImages(): Promise<ImagesListing> {
    const version = this.imagesVersion();
    return { images: await this.engine.listImages([]), version };
  }

  // The session's containers, running or not, with their writable layers' size.
  sessionContainers(sessionId: string): Promise<ContainerSummary[]> {
    return this.engine.listContainers([`${Labels.session}=${sessionId}`, `${Labels.kind}=container`], true, true);
  }

  async checkContainers(sessionId: string, list?: ContainerSummary[]): Promise<void> {
    list ??= await this.sessionContainers(sessionId);
    if (list.length >= this.limits.containersPerSession) {
      throw new ApiFailure('quota', `This session already has ${list.length} containers (containers per session: ${this.limits.containersPerSession}). Remove one first.`);
    }
  }

  // Refuses a new image past the image count or the disk cap; returns the
  // usage it measured, which a build extends by what it made.
  async checkImages(sessionId: string, parts: UsageParts = {}): Promise<DiskState> {
    const listing = parts.images ?? await this.listImages();
    const count = listing.images.filter((i) => ownedBy(i.Labels, sessionId)).length;
    if (count >= this.limits.imagesPerSession) {
      throw new ApiFailure('quota', `This session already has ${count} images (images per session: ${this.limits.imagesPerSession}). Remove one first.`);
    }
    const [tally, containers] = await Promise.all([this.imageTally(sessionId, listing), parts.containers ?? this.sessionContainers(sessionId)]);
    const state = { tally, containerBytes: containerBytes(containers) };
    this.refuseOverDisk(state.tally.bytes + state.containerBytes);
    return state;
  }

  // Disk the session added to the host: the layers of its images and build
  // cache that the catalog does not already hold (each counted once), plus
  // its containers' writable layers. There is no storage quota under
  // overlay2 on this file system, so it is checked before every build,
  // commit and create; a running container can go past it, and the next
  // action is refused.
  async diskUsage(sessionId: string, parts: UsageParts = {}): Promise<number> {
    const [tally, containers] = await Promise.all([this.imageTally(sessionId, parts.images), parts.containers ?? this.sessionContainers(sessionId)]);
    return tally.bytes + containerBytes(containers);
  }

  async checkDisk(sessionId: string, parts: UsageParts = {}): Promise<void> {
    this.refuseOverDisk(await this.diskUsage(sessionId, parts));
  }

  refuseOverDisk(used: number): void {
    if (used >= this.limits.diskPerSession) {
      throw new ApiFailure('quota', `This session uses ${mib(used)} of disk (disk per session: ${mib(this.limits.diskPerSession)}). Remove images or containers first.`);
    }
  }

  // The session's image bytes; a copy the caller may extend (addImages).
  async imageTally(sessionId: string, listing?: ImagesListing): Promise<ImageTally> {
    const memo = this.tallies.get(sessionId);
    if (memo && memo.version === this.imagesVersion()) return copy(memo.tally);
    listing ??= await this.listImages();
    const all = listing.images;
    const catalog = all.filter((i) => isCatalogImage(i.Labels, i.RepoTags));
    const mine = all.filter((i) => ownedBy(i.Labels, sessionId)
      || (i.RepoTags ?? []).some((t) => sessionOfBuildCacheTag(t) === sessionId));
    const tally: ImageTally = { bytes: 0, layers: await this.catalogLayers(catalog.map((c) => c.Id)), images: new Set() };
    await this.addImages(tally, mine.map((i) => i.Id));
    this.tallies.delete(sessionId);
    if (this.tallies.size >= 1000) this.tallies.delete(this.tallies.keys().next().value!);
    this.tallies.set(sessionId, { version: listing.version, tally: copy(tally) });
    return tally;
  }

  // Adds images the tally does not hold yet: what a build just made costs
  // one history read, not a new listing of every image.
  async addImages(tally: ImageTally, imageIds: string[]): Promise<ImageTally> {
    for (const id of imageIds) {
      if (tally.images.has(id)) continue;
      tally.images.add(id);
      for (const h of await this.history(id)) {
        if (h.Id !== '<missing>' && tally.layers.has(h.Id)) continue;
        if (h.Id !== '<missing>') tally.layers.add(h.Id);
        tally.bytes += h.Size;
      }
    }
    return tally;
  }

  private async history(imageId: string): Promise<HistoryEntry[]> {
    const known = this.histories.get(imageId);
    if (known) return known;
    const h = await this.engine.imageHistory(imageId);
    if (this.histories.size >= HISTORY_MEMO) this.histories.delete(this.histories.keys().next().value!);
    this.histories.set(imageId, h);
    return h;
  }

  // History ids of the catalog, kept while the catalog stays the same.
  private catalogMemo?: { key: string; ids: Set<string> };
  private async catalogLayers(ids: string[]): Promise<Set<string>> {
    const key = [...ids].sort().join(',');
    if (this.catalogMemo?.key !== key) {
      const shared = new Set<string>();
      for (const id of ids) for (const h of await this.history(id)) shared.add(h.Id);
      this.catalogMemo = { key, ids: shared };
    }
    return new Set(this.catalogMemo.ids);
  }
}

export function containerBytes(list: ContainerSummary[]): number {
  return list.reduce((sum, c) => sum + ((c as { SizeRw?: number }).SizeRw ?? 0), 0);
}

function copy(t: ImageTally): ImageTally {
  return { bytes: t.bytes, layers: new Set(t.layers), images: new Set(t.images) };
}
