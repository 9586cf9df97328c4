// What a session may do with images: list, inspect with layers, remove,
// tag, and the files each layer adds, changes or deletes.
import type { Image, Layer } from '../../lib/protocol';
import type { Engine } from '../engine/engine';
import { ApiFailure, fromEngineError } from '../errors';
import { isKeepTag, sessionOfImageName, toEngineTag } from '../sessions/names';
import type { Quotas } from '../sessions/quotas';
import type { SessionScope } from '../sessions/scope';
import type { SessionRecord } from '../sessions/session-store';
import type { WorldReader } from '../world/world-reader';
import { readImageExport } from './image-export';
import { layerChanges, type LayerFileChange, type TarEntry } from './layer-changes';

const LAYER_CACHE_MAX = 256;

export interface LayerFiles { index: number; layerId: string; diffId: string | null; empty: boolean; files: LayerFileChange[] }

export class ImageService {
  // Layer tar entries by diff id: layers are immutable, so the cache never goes stale.
  private readonly layerCache = new Map<string, TarEntry[]>();
  private readonly emptyFlags = new Map<string, boolean[]>();
  private readonly exporting = new Map<string, Promise<boolean[]>>();

  constructor(
    private readonly engine: Engine,
    private readonly scope: SessionScope,
    private readonly world: WorldReader,
    private readonly quotas: Quotas,
  ) {}

  list(session: SessionRecord): Promise<Image[]> { return this.world.images(session.id); }

  async inspect(session: SessionRecord, ref: string): Promise<Image & { layers: Layer[] }> {
    const r = await this.scope.resolveImage(session.id, ref);
    return { ...this.world.imageFromDetails(session.id, r.details, r.catalog), layers: await this.world.layers(session.id, r.details) };
  }

  async remove(session: SessionRecord, ref: string): Promise<{ removed: string }> {
    const details = await this.scope.resolveOwnImage(session.id, ref);
    const names = (details.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    // Another session holds the same image (both met a class starter's
    // cache): to this learner it is removed when its own names are.
    if (names.some((t) => sessionOfImageName(t) !== session.id)) {
      for (const t of names.filter((n) => sessionOfImageName(n) === session.id)) {
        try { await this.engine.removeImage(t); } catch (err) { throw fromEngineError(err, 'remove image'); }
      }
      return { removed: details.Id };
    }
    // A tag removes only that name while others remain, as `docker rmi` does.
    const engineTag = toEngineTag(session.id, ref);
    const byTag = engineTag && details.RepoTags?.includes(engineTag) && details.RepoTags.length > 1;
    try { await this.engine.removeImage(byTag ? engineTag : details.Id); } catch (err) { throw fromEngineError(err, 'remove image'); }
    return { removed: details.Id };
  }

  async tag(session: SessionRecord, ref: string, tag: string): Promise<Image> {
    const details = await this.scope.resolveOwnImage(session.id, ref);
    const engineTag = toEngineTag(session.id, tag);
    if (!engineTag) throw new ApiFailure('bad_request', `"${tag}" is not an image name like myapp or myapp:1.`);
    const colon = engineTag.lastIndexOf(':');
    try { await this.engine.tagImage(details.Id, engineTag.slice(0, colon), engineTag.slice(colon + 1)); } catch (err) { throw fromEngineError(err, 'tag'); }
    // Named again, a kept image needs its kept name no more (and `rmi` of
    // its one learner name then removes it, as with the CLI).
    for (const kept of (details.RepoTags ?? []).filter(isKeepTag)) await this.engine.removeImage(kept).catch(() => undefined);
    return this.world.imageFromDetails(session.id, await this.engine.inspectImage(details.Id), false);
  }

  async layerFiles(session: SessionRecord, ref: string, index: number): Promise<LayerFiles> {
    const r = await this.scope.resolveImage(session.id, ref);
    const history = (await this.engine.imageHistory(r.details.Id)).slice().reverse();
    if (!Number.isInteger(index) || index < 0 || index >= history.length) {
      throw new ApiFailure('not_found', `Layer ${index} does not exist: the image has ${history.length} (0 is the base).`);
    }
    const diffIds = r.details.RootFS?.Layers ?? [];
    // History entries that made no layer (empty_layer in the image config)
    // take no diff id; the others take the diff ids in order.
    let empty = this.emptyFlags.get(r.details.Id);
    if (!empty || diffIds.some((d) => !this.layerCache.has(d))) {
      empty = await this.readExport(r.details.Id);
    }
    const ordinal = empty.slice(0, index + 1).filter((e) => !e).length - 1;
    const base = { index, layerId: history[index].Id };
    if (empty[index] || ordinal < 0) return { ...base, diffId: null, empty: true, files: [] };
    const below = new Set<string>();
    for (let i = 0; i < ordinal; i++) layerChanges(this.layerCache.get(diffIds[i]) ?? [], below);
    return { ...base, diffId: diffIds[ordinal], empty: false, files: layerChanges(this.layerCache.get(diffIds[ordinal]) ?? [], below) };
  }

  // One export per image at a time, however many requests wait for it.
  private readExport(imageId: string): Promise<boolean[]> {
    let job = this.exporting.get(imageId);
    if (!job) {
      job = (async () => {
        const exported = await readImageExport(await this.engine.exportImage(imageId));
        for (const [digest, entries] of exported.layers) this.remember(digest, entries);
        const flags = (exported.config?.history ?? []).map((h) => h.empty_layer === true);
        if (this.emptyFlags.size >= LAYER_CACHE_MAX * 4) this.emptyFlags.delete(this.emptyFlags.keys().next().value as string);
        this.emptyFlags.set(imageId, flags);
        return flags;
      })().finally(() => this.exporting.delete(imageId));
      this.exporting.set(imageId, job);
    }
    return job;
  }

  private remember(digest: string, entries: TarEntry[]) {
    if (this.layerCache.size >= LAYER_CACHE_MAX) this.layerCache.delete(this.layerCache.keys().next().value as string);
    this.layerCache.set(digest, entries);
  }
}
