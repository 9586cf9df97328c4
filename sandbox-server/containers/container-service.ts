// What a session may do with containers. Every HostConfig comes from the
// policy; the request only chooses image, command, name, env, working
// directory and TTY.
import { randomBytes } from 'node:crypto';
import type { Container, CreateContainerRequest, DiffEntry } from '../../lib/protocol';
import type { Settings } from '../../lib/settings';
import type { Engine } from '../engine/engine';
import { ApiFailure, fromEngineError } from '../errors';
import { Labels } from '../labels';
import { checkCommitChanges } from '../policy/dockerfile-policy';
import { containerHostConfig } from '../policy/limits';
import { volumeMounts } from '../policy/volume-mounts';
import { isContainerName, keepRepo, toEngineContainerName, toEngineTag } from '../sessions/names';
import type { DiskGuard } from '../sessions/disk-guard';
import { containerBytes, type Quotas } from '../sessions/quotas';
import type { SessionScope } from '../sessions/scope';
import type { SessionRecord } from '../sessions/session-store';
import type { WorldReader } from '../world/world-reader';

const STOP_GRACE_SECONDS = 3;
const ENV_ENTRY = /^[A-Za-z_][A-Za-z0-9_]*=/;

export class ContainerService {
  constructor(
    private readonly engine: Engine,
    private readonly scope: SessionScope,
    private readonly world: WorldReader,
    private readonly quotas: Quotas,
    private readonly settings: Settings,
    // Called after anything that may change a container's writable layer.
    private readonly changed: (sessionId: string, containerId: string) => void = () => {},
    private readonly disk?: DiskGuard,
  ) {}

  async create(session: SessionRecord, req: CreateContainerRequest): Promise<Container> {
    if (req.name !== undefined && !isContainerName(req.name)) throw new ApiFailure('bad_request', `"${req.name}" is not a container name (letters, digits, _ . -; up to 63).`);
    const badEnv = req.env?.find((e) => !ENV_ENTRY.test(e));
    if (badEnv !== undefined) throw new ApiFailure('bad_request', `env entries are NAME=value; got ${JSON.stringify(badEnv)}.`);
    if (req.workingDir !== undefined && !req.workingDir.startsWith('/')) throw new ApiFailure('bad_request', 'workingDir must be an absolute path.');
    // One listing of the session's containers (with sizes) serves both the
    // count and the disk cap; the images' part of the disk is kept until an
    // image changes (Quotas), so a create costs the engine little beyond itself.
    const [containers, tally, image] = await Promise.all([
      this.quotas.sessionContainers(session.id), this.quotas.imageTally(session.id), this.scope.resolveImage(session.id, req.image),
    ]);
    await this.quotas.checkContainers(session.id, containers);
    this.quotas.refuseOverDisk(tally.bytes + containerBytes(containers));
    let id: string;
    try {
      id = await this.engine.createContainer({
        name: req.name ? toEngineContainerName(session.id, req.name) : undefined,
        Image: image.details.Id,
        Cmd: req.cmd,
        Env: req.env,
        WorkingDir: req.workingDir,
        Tty: req.tty ?? false,
        OpenStdin: req.interactive ?? req.tty ?? false,
        Labels: {
          [Labels.session]: session.id,
          [Labels.kind]: 'container',
          [Labels.expires]: new Date(session.expiresAt).toISOString(),
          [Labels.imageRef]: req.image,
        },
        HostConfig: { ...containerHostConfig(this.settings), Mounts: volumeMounts(image.details.Config?.Volumes, this.settings.volumeSize) },
      });
    } catch (err) { throw fromEngineError(err, 'create'); }
    return this.world.container(session.id, await this.engine.inspectContainer(id));
  }

  list(session: SessionRecord): Promise<Container[]> { return this.world.containers(session.id); }

  async inspect(session: SessionRecord, ref: string): Promise<Container> {
    const d = await this.scope.resolveContainer(session.id, ref);
    return this.world.container(session.id, d);
  }

  async start(session: SessionRecord, ref: string): Promise<Container> {
    const d = await this.scope.resolveContainer(session.id, ref);
    await this.engine.startContainer(d.Id).catch((err) => { if (err?.statusCode !== 304) throw fromEngineError(err, 'start'); });
    this.disk?.watch(session.id);
    return this.inspect(session, d.Id);
  }

  async stop(session: SessionRecord, ref: string): Promise<Container> {
    const d = await this.scope.resolveContainer(session.id, ref);
    await this.engine.stopContainer(d.Id, STOP_GRACE_SECONDS).catch((err) => { if (err?.statusCode !== 304) throw fromEngineError(err, 'stop'); });
    return this.inspect(session, d.Id);
  }

  async kill(session: SessionRecord, ref: string): Promise<Container> {
    const d = await this.scope.resolveContainer(session.id, ref);
    if (!d.State.Running) throw new ApiFailure('conflict', 'The container is not running.');
    await this.engine.killContainer(d.Id).catch((err) => { throw fromEngineError(err, 'kill'); });
    // The engine answers before the process is reaped; wait for the state.
    for (let i = 0; i < 50; i++) {
      const now = await this.engine.inspectContainer(d.Id);
      if (!now.State.Running) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return this.inspect(session, d.Id);
  }

  async remove(session: SessionRecord, ref: string): Promise<void> {
    const d = await this.scope.resolveContainer(session.id, ref);
    await this.engine.removeContainer(d.Id).catch((err) => { if (err?.statusCode !== 404) throw fromEngineError(err, 'remove'); });
  }

  async diff(session: SessionRecord, ref: string): Promise<DiffEntry[]> {
    const d = await this.scope.resolveContainer(session.id, ref);
    return this.world.diff(d.Id);
  }

  async exec(session: SessionRecord, ref: string, cmd: string[]): Promise<{ exitCode: number | null; output: string; truncated: boolean }> {
    const d = await this.scope.resolveContainer(session.id, ref);
    if (!d.State.Running) throw new ApiFailure('conflict', 'The container is not running: start it before exec.');
    let r;
    try {
      r = await this.engine.exec(d.Id, cmd, { timeoutMs: this.settings.execTimeoutSeconds * 1000, maxBytes: this.settings.outputCapBytes });
    } catch (err) { throw fromEngineError(err, 'exec'); } finally { this.changed(session.id, d.Id); }
    const overDisk = await this.disk?.enforce(session.id);
    if (overDisk) throw new ApiFailure('quota', overDisk);
    // A flood cut at the output cap is an answer, even if the command is
    // still running at the deadline (exitCode null then).
    if (r.truncated) return { exitCode: r.exitCode, output: r.output, truncated: true };
    if (r.timedOut || r.exitCode === null) throw new ApiFailure('timeout', `The command ran longer than ${this.settings.execTimeoutSeconds} s; its output so far was: ${r.output.slice(-2000)}`);
    return { exitCode: r.exitCode, output: r.output, truncated: r.truncated };
  }

  async commit(session: SessionRecord, ref: string, tag: string | undefined, changes?: string[]): Promise<{ imageId: string; tag: string | null }> {
    const d = await this.scope.resolveContainer(session.id, ref);
    const refused = checkCommitChanges(changes, d.Config?.Env ?? []);
    if (refused) throw new ApiFailure('bad_request', refused);
    let engineTag: string | undefined;
    if (tag !== undefined) {
      engineTag = toEngineTag(session.id, tag);
      if (!engineTag) throw new ApiFailure('bad_request', `"${tag}" is not an image name like myapp or myapp:1.`);
    }
    await this.quotas.checkImages(session.id);
    // The name is the session's record of the image (engine/name-owner.ts):
    // without a learner's name it gets a kept one, in the same call, so no
    // moment exists where only its labels say whose it is.
    const named = engineTag ?? `${keepRepo(session.id)}:${randomBytes(8).toString('hex')}`;
    const colon = named.lastIndexOf(':');
    try {
      const imageId = await this.engine.commit(d.Id, {
        repo: named.slice(0, colon),
        tag: named.slice(colon + 1),
        labels: {
          [Labels.session]: session.id,
          [Labels.kind]: 'image',
          [Labels.expires]: new Date(session.expiresAt).toISOString(),
          [Labels.committedFrom]: d.Id,
        },
        ...(changes?.length ? { changes } : {}),
      });
      return { imageId, tag: tag ?? null };
    } catch (err) { throw fromEngineError(err, 'commit'); }
  }
}
