// Push and pull between a session and the lesson registry, done by the
// engine on the learner's behalf (learners never reach the registry). Each
// session's repositories live under `s-<session>/` in the registry and
// under the same name, `localhost:5000/s-<session>/…`, in the engine
// (sessions/names.ts), so one session can neither push over nor pull
// another's images. Answers and world updates use the learner's name,
// `localhost:5000/lab/hello:1`.
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { WorldUpdate } from '../../lib/protocol';
import type { Settings } from '../../lib/settings';
import { jsonLines } from '../builds/ndjson';
import type { Engine } from '../engine/engine';
import { ApiFailure, fromEngineError } from '../errors';
import { Labels, ownedBy } from '../labels';
import {
  parseRegistryRef, REGISTRY_HOST, registryLearnerRef, registryNamespace, registryRepo, sessionOfRegistryRepo, type LearnerRef,
} from '../sessions/names';
import type { Quotas } from '../sessions/quotas';
import type { SessionScope } from '../sessions/scope';
import { engineMessage, isGone, type Leftover } from '../sessions/removal-report';
import type { SessionRecord } from '../sessions/session-store';
import { RegistryClient } from './registry-client';

// Pushes and pulls of lesson images take seconds; this only stops a stuck one.
const TRANSFER_TIMEOUT_MS = 120_000;

export interface PushAnswer { ref: string; digest: string; imageId: string }
export interface PullAnswer { ref: string; imageId: string }

const SETTLE_ROUNDS = 5;
const SETTLE_MS = 400;

export class RegistryService {
  private readonly client?: RegistryClient;
  private timer?: NodeJS.Timeout;
  // Pushes and pulls under way, by session, so a removal can stop them first.
  // Sessions whose pushes or pulls were stopped for their removal.
  private readonly cutShort = new Set<string>();
  private readonly transfers = new Map<string, Set<{ controller: AbortController; done: Promise<unknown> }>>();

  constructor(
    private readonly engine: Engine,
    private readonly scope: SessionScope,
    private readonly quotas: Quotas,
    registry: Pick<Settings, 'registryUrl' | 'registryCredentials'>,
    private readonly emit: (sessionId: string, update: WorldUpdate) => void,
    // The registry's storage root on this host (its config's
    // storage.filesystem.rootdirectory), or empty when it is elsewhere.
    private readonly storageRoot = '',
  ) {
    if (registry.registryUrl) this.client = RegistryClient.fromSettings(registry);
  }

  // For /healthz: the capability is there when the registry answers.
  async available(): Promise<boolean> { return (await this.client?.ping()) ?? false; }

  async push(session: SessionRecord, imageRef: string, ref: string): Promise<PushAnswer> {
    const target = this.parse(ref);
    const client = await this.reachable();
    const learnerRef = registryLearnerRef(target);
    // Only the session's own images: a catalog image carries no session
    // label, so its registry name would outlive the session.
    let details;
    try { details = await this.scope.resolveOwnImage(session.id, imageRef); } catch (err) {
      if (err instanceof ApiFailure && err.code === 'forbidden') {
        throw new ApiFailure('forbidden', `${JSON.stringify(imageRef)} is a shared base image: build or commit an image of your own, then push that.`);
      }
      throw err;
    }
    const name = this.engineName(session.id, target);
    try {
      // As `docker tag` then `docker push`: the registry name stays as a local name too.
      try { await this.engine.tagImage(details.Id, name, target.tag); } catch (err) { throw fromEngineError(err, 'tag'); }
      const aux = await this.transfer(session.id, 'push', (signal) => this.engine.pushImage(name, target.tag, signal, this.client?.auth));
      const digest = aux.Digest ?? await client.digest(registryRepo(session.id, target), target.tag);
      if (!digest) throw new ApiFailure('engine', `push ${learnerRef}: the registry does not list it after the push.`);
      this.emit(session.id, { type: 'registry', action: 'push', ref: learnerRef, imageId: details.Id, digest, ok: true });
      return { ref: learnerRef, digest, imageId: details.Id };
    } catch (err) {
      this.emit(session.id, { type: 'registry', action: 'push', ref: learnerRef, imageId: details.Id, ok: false });
      throw err;
    }
  }

  async pull(session: SessionRecord, ref: string): Promise<PullAnswer> {
    const target = this.parse(ref);
    const client = await this.reachable();
    const learnerRef = registryLearnerRef(target);
    const name = this.engineName(session.id, target);
    try {
      // The session's own namespace only: another session's pushes are not there.
      const digest = await client.digest(registryRepo(session.id, target), target.tag);
      if (!digest) throw new ApiFailure('not_found', `No image ${JSON.stringify(learnerRef)} in the registry: push one there first.`);
      await this.quotas.checkImages(session.id);
      await this.transfer(session.id, 'pull', (signal) => this.engine.pullImage(name, target.tag, signal, this.client?.auth));
      const details = await this.engine.inspectImage(`${name}:${target.tag}`);
      // Pushed by this session, so built or committed by it: the image's own
      // labels name the session and the reaper removes it with the session.
      if (!ownedBy(details.Config?.Labels, session.id)) {
        await this.engine.removeImage(`${name}:${target.tag}`).catch(() => undefined);
        throw new ApiFailure('forbidden', `${JSON.stringify(learnerRef)} is not an image of this session.`);
      }
      this.emit(session.id, { type: 'registry', action: 'pull', ref: learnerRef, imageId: details.Id, digest, ok: true });
      return { ref: learnerRef, imageId: details.Id };
    } catch (err) {
      this.emit(session.id, { type: 'registry', action: 'pull', ref: learnerRef, ok: false });
      throw err;
    }
  }

  // Stops the session's pushes and pulls and waits until they have ended,
  // so none writes into the registry after its removal.
  async stopSession(sessionId: string): Promise<void> {
    const running = [...(this.transfers.get(sessionId) ?? [])];
    if (running.length) this.cutShort.add(sessionId);
    for (const t of running) t.controller.abort();
    await Promise.all(running.map((t) => t.done.catch(() => undefined)));
  }

  // A removed session's registry names: first off its images in the engine
  // (so none is left behind whatever order its names go in), then its
  // manifests out of the registry, then its repositories' names. Returns
  // what it could not remove; the sweep tries the registry's part again.
  async removeSession(sessionId: string): Promise<Leftover[]> {
    const left: Leftover[] = [];
    const prefix = `${REGISTRY_HOST}/${registryNamespace(sessionId)}`;
    try {
      for (const image of await this.engine.listImages([`${Labels.session}=${sessionId}`])) {
        const names = [...(image.RepoTags ?? []), ...(image.RepoDigests ?? [])].filter((n) => n.startsWith(prefix));
        for (const n of names) {
          await this.engine.removeImage(n).catch((err) => {
            if (!isGone(err)) left.push({ kind: 'image', ref: n, message: engineMessage(err) });
          });
        }
      }
    } catch (err) {
      left.push({ kind: 'listing', ref: 'images', message: engineMessage(err) });
    }
    if (!this.client) return left;
    // A push the server stopped can still be finishing inside the engine
    // (dropping our connection does not end its upload at once) and write
    // the session's repository again after it went: then the registry is
    // looked at again, a few times, until it stays empty of the session.
    const settle = this.cutShort.delete(sessionId) ? SETTLE_ROUNDS : 0;
    for (let round = 0; round <= settle; round++) {
      if (round > 0) await new Promise((r) => setTimeout(r, SETTLE_MS));
      const failed: Leftover[] = [];
      let found = 0;
      try {
        const repos = (await this.client.repositories()).filter((r) => sessionOfRegistryRepo(r) === sessionId);
        found = repos.length;
        for (const repo of repos) {
          await this.deleteRepository(repo).catch((err) => { failed.push({ kind: 'registry', ref: repo, message: engineMessage(err) }); });
        }
        if (failed.length === 0) await this.forgetNamespace(sessionId);
      } catch (err) {
        failed.push({ kind: 'registry', ref: registryNamespace(sessionId), message: engineMessage(err) });
      }
      if (failed.length || round === settle || (round > 0 && found === 0)) { left.push(...failed); break; }
    }
    return left;
  }

  // Repositories of sessions that are gone (the server was down, or the
  // registry did not answer when the session was removed).
  async sweep(isLive: (sessionId: string) => boolean): Promise<string[]> {
    if (!this.client || !(await this.client.ping())) return [];
    const swept: string[] = [];
    const gone = new Set<string>();
    for (const repo of await this.client.repositories()) {
      const owner = sessionOfRegistryRepo(repo);
      if (!owner || isLive(owner)) continue;
      if (await this.deleteRepository(repo)) swept.push(repo);
      gone.add(owner);
    }
    for (const owner of gone) await this.forgetNamespace(owner);
    return swept;
  }

  start(intervalMs: number, isLive: (sessionId: string) => boolean): void {
    const run = () => void this.sweep(isLive).catch((err) => console.error(`registry sweep: ${(err as Error).message}`));
    run();
    this.timer = setInterval(run, intervalMs);
    this.timer.unref();
  }

  stop(): void { if (this.timer) clearInterval(this.timer); }

  // Every tag's manifest, deleted by digest. The registry keeps the empty
  // repository's name and its blobs until an offline garbage-collect.
  private async deleteRepository(repo: string): Promise<boolean> {
    const client = this.client!;
    const tags = await client.tags(repo);
    const digests = new Set<string>();
    for (const tag of tags) {
      const d = await client.digest(repo, tag);
      if (d) digests.add(d);
    }
    for (const d of digests) await client.deleteManifest(repo, d);
    return digests.size > 0;
  }

  // The registry API deletes manifests but lists a repository's name for
  // good (distribution 2.8 keeps its directory, and garbage-collect, which
  // must run with the registry stopped, keeps it too). With the storage on
  // this host the session's namespace directory goes, so its names leave
  // the catalog; the blobs it alone used are freed by garbage-collect when
  // scripts/setup/registry.sh next starts the registry.
  private async forgetNamespace(sessionId: string): Promise<void> {
    if (!this.storageRoot) return;
    const repositories = path.join(this.storageRoot, 'docker/registry/v2/repositories');
    if (!(await stat(repositories).catch(() => undefined))?.isDirectory()) return;
    // registryNamespace is `s-<12 lower-case letters or digits>/`: one directory, nothing above it.
    await rm(path.join(repositories, registryNamespace(sessionId)), { recursive: true, force: true });
  }

  private parse(ref: string): LearnerRef {
    const r = parseRegistryRef(ref);
    if (!r) {
      throw new ApiFailure('bad_request', `${JSON.stringify(ref)} is not a name in the lesson registry: use ${REGISTRY_HOST}/<name>:<tag> (lower case, e.g. ${REGISTRY_HOST}/lab/hello:1).`);
    }
    return r;
  }

  private async reachable(): Promise<RegistryClient> {
    if (!this.client || !(await this.client.ping())) {
      throw new ApiFailure('engine', 'The lesson registry does not answer, so push and pull are unavailable here (scripts/setup/registry.sh starts it).');
    }
    return this.client;
  }

  private engineName(sessionId: string, r: LearnerRef): string { return `${REGISTRY_HOST}/${registryRepo(sessionId, r)}`; }

  // Reads the engine's progress stream to its end; its last `aux` object
  // carries a push's digest. An error line fails the transfer, with the
  // session's namespace taken out of the engine's words.
  private async transfer(sessionId: string, what: 'push' | 'pull', open: (signal: AbortSignal) => Promise<Readable>): Promise<{ Digest?: string }> {
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(TRANSFER_TIMEOUT_MS)]);
    const done = this.runTransfer(sessionId, what, () => open(signal), controller.signal);
    const set = this.transfers.get(sessionId) ?? new Set();
    const entry = { controller, done };
    set.add(entry);
    this.transfers.set(sessionId, set);
    try { return await done; } finally {
      set.delete(entry);
      if (set.size === 0) this.transfers.delete(sessionId);
    }
  }

  private async runTransfer(sessionId: string, what: 'push' | 'pull', open: () => Promise<Readable>, stopped: AbortSignal): Promise<{ Digest?: string }> {
    const hide = (text: string) => text.split(`${REGISTRY_HOST}/${registryNamespace(sessionId)}`).join(`${REGISTRY_HOST}/`);
    let aux: { Digest?: string } = {};
    try {
      const stream = await open();
      for await (const line of jsonLines(stream)) {
        const l = line as { error?: string; errorDetail?: { message?: string }; aux?: { Digest?: string } };
        if (l.error || l.errorDetail) throw new ApiFailure('engine', `${what}: ${hide(l.errorDetail?.message ?? l.error ?? 'failed')}`);
        if (l.aux) aux = l.aux;
      }
    } catch (err) {
      if (err instanceof ApiFailure) throw err;
      if (stopped.aborted) throw new ApiFailure('conflict', `${what}: the session was removed.`);
      if ((err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError') {
        throw new ApiFailure('timeout', `${what} took longer than ${TRANSFER_TIMEOUT_MS / 1000} s.`);
      }
      const failure = fromEngineError(err, what);
      throw new ApiFailure(failure.code, hide(failure.message));
    }
    return aux;
  }
}
