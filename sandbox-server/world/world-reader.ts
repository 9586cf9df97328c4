// The session's world as the engine reports it, in the protocol's shapes.
import { parseDockerfile } from '../../lib/dockerfile/model';
import { matchHistoryToDockerfile } from '../../lib/dockerfile/history-match';
import { isMetadataInstruction, layerInstruction } from '../../lib/world/reducer';
import type { Container, ContainerState, DiffEntry, Image, Layer, WorldSnapshot } from '../../lib/protocol';
import type { ContainerDetails, Engine, ImageDetails, ImageSummary } from '../engine/engine';
import { Labels, ownedBy } from '../labels';
import type { SessionScope } from '../sessions/scope';
import { DockerfileMemory } from './dockerfile-memory';

const DIFF_KINDS = ['C', 'A', 'D'] as const; // the engine's Kind 0, 1, 2

export function dockerfileFromLabel(labels: Record<string, string> | null | undefined): string | undefined {
  const encoded = labels?.[Labels.dockerfile];
  if (!encoded) return undefined;
  try { return Buffer.from(encoded, 'base64').toString('utf8'); } catch { return undefined; }
}

export class WorldReader {
  constructor(
    private readonly engine: Engine,
    private readonly scope: SessionScope,
    // Why the server stopped a container, by id (see DiskGuard).
    private readonly stopReasons: ReadonlyMap<string, string> = new Map(),
    private readonly dockerfiles: DockerfileMemory = new DockerfileMemory(),
  ) {}

  imageFromSummary(sessionId: string, i: ImageSummary, catalog: boolean): Image {
    return {
      id: i.Id,
      tags: this.scope.learnerTags(sessionId, i.RepoTags, catalog ? i.Labels : undefined),
      createdAt: new Date(i.Created * 1000).toISOString(),
      sizeBytes: i.Size,
      parentId: i.ParentId || undefined,
      catalog,
      committedFrom: i.Labels?.[Labels.committedFrom] || undefined,
    };
  }

  imageFromDetails(sessionId: string, d: ImageDetails, catalog: boolean): Image {
    return {
      id: d.Id,
      tags: this.scope.learnerTags(sessionId, d.RepoTags, catalog ? d.Config?.Labels ?? null : undefined),
      createdAt: new Date(d.Created).toISOString(),
      sizeBytes: d.Size,
      parentId: d.Parent || undefined,
      catalog,
      committedFrom: d.Config?.Labels?.[Labels.committedFrom] || undefined,
    };
  }

  async images(sessionId: string): Promise<Image[]> {
    const [own, catalog] = await Promise.all([this.scope.ownImages(sessionId), this.scope.catalogImages()]);
    return [
      ...own.map((i) => this.imageFromSummary(sessionId, i, false)),
      ...catalog.map((i) => this.imageFromSummary(sessionId, i, true)),
    ];
  }

  // History as layers, base first, with Dockerfile lines when the image was
  // built by this session from a Dockerfile (remembered since the build, or
  // in a label on images of earlier versions).
  async layers(sessionId: string, d: ImageDetails): Promise<Layer[]> {
    const history = (await this.engine.imageHistory(d.Id)).slice().reverse();
    const text = ownedBy(d.Config?.Labels, sessionId) ? await this.dockerfiles.recall(sessionId, d.Id) ?? dockerfileFromLabel(d.Config?.Labels) : undefined;
    const lines = text ? matchHistoryToDockerfile(history.map((h) => ({ createdBy: h.CreatedBy })), parseDockerfile(text)) : [];
    return history.map((h, i) => {
      const instruction = layerInstruction(h.CreatedBy);
      const layer: Layer = {
        id: h.Id,
        createdBy: h.CreatedBy,
        sizeBytes: h.Size,
        instruction,
        empty: h.Size === 0 && instruction !== undefined && isMetadataInstruction(instruction),
      };
      if (lines[i] !== undefined) layer.line = lines[i];
      return layer;
    });
  }

  container(sessionId: string, d: ContainerDetails, diff?: DiffEntry[]): Container {
    const labels = d.Config?.Labels ?? {};
    const c: Container = {
      id: d.Id,
      name: this.scope.containerName(sessionId, d.Name),
      image: labels[Labels.imageRef] ?? d.Config.Image,
      imageId: d.Image,
      state: d.State.Status as ContainerState,
      createdAt: new Date(d.Created).toISOString(),
      cmd: [...(d.Path ? [d.Path] : []), ...(d.Args ?? [])],
      exitCode: d.State.Status === 'exited' || d.State.Status === 'dead' ? d.State.ExitCode : undefined,
      oomKilled: d.State.OOMKilled || undefined,
    };
    const reason = this.stopReasons.get(d.Id);
    if (reason && !d.State.Running) c.stopReason = reason;
    if (diff) c.diff = diff;
    return c;
  }

  async diff(containerId: string): Promise<DiffEntry[]> {
    const changes = await this.engine.containerDiff(containerId);
    return changes.map((c) => ({ path: c.Path, kind: DIFF_KINDS[c.Kind] ?? 'C' }));
  }

  async containers(sessionId: string, withDiff = false): Promise<Container[]> {
    const details = await this.scope.ownContainers(sessionId);
    return Promise.all(details.map(async (d) => {
      const diff = withDiff ? await this.diff(d.Id).catch(() => undefined) : undefined;
      return this.container(sessionId, d, diff);
    }));
  }

  async snapshot(sessionId: string): Promise<WorldSnapshot> {
    const [images, containers] = await Promise.all([this.images(sessionId), this.containers(sessionId, true)]);
    return { sessionId, images, containers, at: new Date().toISOString() };
  }
}
