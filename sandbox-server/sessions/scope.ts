// Session scoping in one place: which engine objects a session may see and
// touch, and how its references resolve. Reused by every route and socket
// handler (and, later, by a session-scoped Engine API endpoint).
import type { ContainerDetails, Engine, ImageDetails, ImageSummary } from '../engine/engine';
import { ApiFailure, fromEngineError } from '../errors';
import { BUILD_CGROUP_PREFIX, catalogTagsOf, isCatalogImage, Labels, ownedBy } from '../labels';
import { fromEngineContainerName, fromEngineTag, isRegistryRef, toEngineContainerName, toEngineTag } from './names';

export interface ResolvedImage { details: ImageDetails; catalog: boolean }

const HEX_ID = /^(sha256:)?[0-9a-f]{12,64}$/;
// Anything else never reaches the engine's URL paths.
// (A lesson-registry name, `localhost:5000/…`, is the one host allowed.)
const IMAGE_REF = /^(localhost:5000\/)?[a-z0-9][a-z0-9._\/-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;

const withLatest = (ref: string) => (ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref : `${ref}:latest`);

const notFoundImage = (ref: string) => new ApiFailure('not_found', `No image ${JSON.stringify(ref)} in this session or the catalog.`);
const notFoundContainer = (ref: string) => new ApiFailure('not_found', `No container ${JSON.stringify(ref)} in this session.`);

// A container is the session's when the server created it for the session.
// The server sets the session and kind labels on every container it creates
// (they override whatever the image carries); the only other containers
// with our labels are the classic builder's step containers, which inherit
// the labels of the image they run on, and which the server puts under the
// session's build cgroup parent. Those are never anyone's container.
export function isSessionContainer(details: ContainerDetails, sessionId: string): boolean {
  const labels = details.Config?.Labels ?? {};
  if (labels[Labels.session] !== sessionId || labels[Labels.kind] !== 'container') return false;
  return !(details.HostConfig?.CgroupParent ?? '').startsWith(BUILD_CGROUP_PREFIX);
}

export class SessionScope {
  constructor(private readonly engine: Engine) {}

  async catalogImages(): Promise<ImageSummary[]> {
    const all = await this.engine.listImages([Labels.catalog]);
    return all.filter((i) => isCatalogImage(i.Labels, i.RepoTags));
  }

  // Catalog tags and own images read from one listing of all images (a
  // build's checks share it).
  catalogTagsIn(all: ImageSummary[]): string[] {
    return all.flatMap((i) => catalogTagsOf(i.Labels, i.RepoTags));
  }

  ownImagesIn(sessionId: string, all: ImageSummary[]): ImageSummary[] {
    return all.filter((i) => ownedBy(i.Labels, sessionId));
  }

  ownImages(sessionId: string): Promise<ImageSummary[]> {
    return this.engine.listImages([`${Labels.session}=${sessionId}`]);
  }

  async ownContainers(sessionId: string): Promise<ContainerDetails[]> {
    const list = await this.engine.listContainers([`${Labels.session}=${sessionId}`, `${Labels.kind}=container`]);
    const details = await Promise.all(list.map((c) => this.engine.inspectContainer(c.Id).catch(() => undefined)));
    return details.filter((d): d is ContainerDetails => !!d && isSessionContainer(d, sessionId));
  }

  ownsImage(sessionId: string, details: ImageDetails): boolean {
    return ownedBy(details.Config?.Labels, sessionId);
  }

  // A learner's reference: the session's own name first, then an id (of its
  // own image or a catalog one), then a catalog tag.
  async resolveImage(sessionId: string, ref: string): Promise<ResolvedImage> {
    if (ref.length > 255 || ref.includes('..') || !(HEX_ID.test(ref) || IMAGE_REF.test(ref))) throw notFoundImage(ref);
    const candidates: string[] = [];
    const own = toEngineTag(sessionId, ref);
    if (own) candidates.push(own);
    if (HEX_ID.test(ref)) candidates.push(ref);
    // Registry names are only ever the session's own (never a raw engine name).
    if (!ref.startsWith('layerlab/') && !isRegistryRef(ref)) candidates.push(ref);
    // Asked all at once (each is a round trip to the engine), judged in order.
    const found = await Promise.all(candidates.map((c) => this.inspectImage(c)));
    for (const details of found) {
      if (!details) continue;
      if (this.ownsImage(sessionId, details)) return { details, catalog: false };
      // By id, or by one of its catalog names (not a second name someone gave it).
      const names = catalogTagsOf(details.Config?.Labels, details.RepoTags);
      if (names.length && (HEX_ID.test(ref) || names.includes(withLatest(ref)))) return { details, catalog: true };
    }
    throw notFoundImage(ref);
  }

  async resolveOwnImage(sessionId: string, ref: string): Promise<ImageDetails> {
    const r = await this.resolveImage(sessionId, ref);
    if (r.catalog) throw new ApiFailure('forbidden', `${JSON.stringify(ref)} is a shared base image of the catalog: it cannot be changed or removed.`);
    return r.details;
  }

  async resolveContainer(sessionId: string, ref: string): Promise<ContainerDetails> {
    const engineRef = HEX_ID.test(ref) ? ref : /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(ref) ? toEngineContainerName(sessionId, ref) : undefined;
    if (!engineRef) throw notFoundContainer(ref);
    let details: ContainerDetails;
    try { details = await this.engine.inspectContainer(engineRef); } catch (err) {
      const failure = fromEngineError(err, 'container');
      throw failure.code === 'not_found' ? notFoundContainer(ref) : failure;
    }
    if (!isSessionContainer(details, sessionId)) throw notFoundContainer(ref);
    return details;
  }

  // A catalog image shows its catalog names; a session's image the session's names for it.
  learnerTags(sessionId: string, repoTags: string[] | null | undefined, catalogLabels?: Record<string, string> | null): string[] {
    if (catalogLabels !== undefined) return catalogTagsOf(catalogLabels, repoTags);
    return (repoTags ?? []).map((t) => fromEngineTag(sessionId, t)).filter((t): t is string => !!t);
  }

  containerName(sessionId: string, engineName: string): string | undefined {
    return fromEngineContainerName(sessionId, engineName);
  }

  private async inspectImage(ref: string): Promise<ImageDetails | undefined> {
    try { return await this.engine.inspectImage(ref); } catch (err) {
      const failure = fromEngineError(err, 'image');
      if (failure.code === 'not_found' || failure.code === 'bad_request') return undefined;
      throw failure;
    }
  }
}
