// Builds: request → validated context → Dockerfile policy → classic builder
// (POST /build) → build events. One build at a time per session; a
// wall-clock limit cancels the build by dropping the connection.
import { randomBytes } from 'node:crypto';
import { createBuildStreamParser } from '../../lib/build-stream/parser';
import { validateContext } from '../../lib/context/validate';
import { parseDockerfile, type DockerfileModel } from '../../lib/dockerfile/model';
import type { BuildEvent, BuildRequest } from '../../lib/protocol';
import type { Settings } from '../../lib/settings';
import type { Engine } from '../engine/engine';
import { ApiFailure } from '../errors';
import { BUILD_CGROUP_PREFIX, isCatalogImage, ownedBy, ownersOf } from '../labels';
import { BuildPolicy } from '../policy/build-policy';
import { buildLimits } from '../policy/limits';
import type { SessionRecord } from '../sessions/session-store';
import type { SessionScope } from '../sessions/scope';
import { buildCacheRepo, keepRepo, toEngineTag } from '../sessions/names';
import { DockerfileMemory } from '../world/dockerfile-memory';
import { cacheSources } from './cache-sources';
import type { DiskState, Quotas } from '../sessions/quotas';
import { BuildQueue } from './build-queue';
import type { AddSource } from '../../lib/dockerfile/interpretation';
import { ArchiveCheckError, measureArchives } from './archive-check';
import { contextTar } from './context-tar';
import { stampLabels } from './label-stamp';
import { jsonLines } from './ndjson';

export interface PreparedBuild {
  buildId: string;
  session: SessionRecord;
  model: DockerfileModel;
  learnerTag: string | null;
  engineTag?: string;
  tar: Buffer;
  query: Record<string, unknown>;
  refusal?: BuildEvent; // a policy refusal, reported as the stream's only event
  disk?: DiskState; // the session's disk use before the build
  previousImageId?: string; // what the tag named before the build
  dockerfile?: string; // the learner's, as sent
}

const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;
const sameImage = (a: string, b: string) => a.replace(/^sha256:/, '') === b.replace(/^sha256:/, '');

export type BuildSink = (event: BuildEvent) => void;

interface RunningBuild { buildId: string; controller: AbortController; finished: Promise<void> }

// How long a removed session's id is remembered, so a build prepared just
// before the removal cannot start after it.
const REMOVED_MEMORY_MS = 10 * 60_000;
// How long a removal waits for the session's cancelled build to end.
const END_WAIT_MS = 30_000;

export class BuildService {
  private readonly running = new Map<string, RunningBuild>();
  private readonly removed = new Map<string, number>(); // session → when it was removed
  // Step containers of the session's stopped builds: a step the engine
  // committed after the server stopped reading left an untagged image the
  // server never heard of; its Container field names one of these.
  private readonly stoppedSteps = new Map<string, Set<string>>();
  private readonly queue: BuildQueue;

  constructor(
    private readonly engine: Engine,
    private readonly scope: SessionScope,
    private readonly quotas: Quotas,
    private readonly settings: Settings,
    private readonly broadcast: (sessionId: string, buildId: string, event: BuildEvent) => void,
    private readonly dockerfiles: DockerfileMemory = new DockerfileMemory(),
    // The session store's record of which class starter a session was made for.
    private readonly starterOf: (sessionId: string) => string | undefined = () => undefined,
  ) {
    this.queue = new BuildQueue(settings.buildsPerHost);
    this.policy = new BuildPolicy(engine);
  }

  private readonly policy: BuildPolicy;

  // Told of each build that names a class starter (app.ts keeps the starter alive).
  onStarterUsed?: (key: string) => void;

  isBuilding(sessionId: string): boolean { return this.running.has(sessionId); }

  /** Builds running on this server now, in every session. */
  get building(): number { return this.running.size; }

  cancel(sessionId: string, buildId: string): boolean {
    const r = this.running.get(sessionId);
    if (!r || r.buildId !== buildId) return false;
    r.controller.abort('cancelled');
    return true;
  }

  /** Step containers of the session's cancelled or stopped builds (short ids). */
  stoppedStepContainers(sessionId: string): string[] { return [...(this.stoppedSteps.get(sessionId) ?? [])]; }

  // The session is being removed: its build (running or waiting for a slot)
  // is cancelled, and this resolves once that build has finished with
  // everything it tags or removes, so the removal that follows sees all it
  // made. A build prepared before and started after is refused.
  async endSession(sessionId: string): Promise<void> {
    const now = Date.now();
    for (const [id, at] of this.removed) if (now - at > REMOVED_MEMORY_MS) this.removed.delete(id);
    this.removed.set(sessionId, now);
    const r = this.running.get(sessionId);
    if (!r) return;
    r.controller.abort('removed');
    // A cancelled build ends as soon as the engine's stream does; should
    // that never happen, the removal goes on without it.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => { timer = setTimeout(resolve, END_WAIT_MS); });
    await Promise.race([r.finished, late]);
    clearTimeout(timer);
  }

  /** Called once the session's removal is done. */
  forgetSession(sessionId: string): void { this.stoppedSteps.delete(sessionId); }

  // Untagged step images of failed builds and of non-final stages carry no
  // labels; a tag in the session's cache namespace keeps them as build cache
  // and lets the reaper find them when the session goes.
  // True when it tagged the image (it now counts towards the session's disk).
  private async keepAsCache(sessionId: string, name: string, imageId: string): Promise<boolean> {
    // A stage that only named a base (catalog or the session's own image) made nothing new.
    const details = await this.engine.inspectImage(imageId).catch(() => undefined);
    if (!details || ownersOf(details.Config?.Labels).length || isCatalogImage(details.Config?.Labels, details.RepoTags)) return false;
    return this.engine.tagImage(imageId, buildCacheRepo(sessionId), name).then(() => true, (err) => {
      console.error(`build ${name}: could not keep step images as cache: ${(err as Error).message}`);
      return false;
    });
  }

  // Tags an image of the session that no name of the session holds any more.
  private async keep(sessionId: string, imageId: string): Promise<void> {
    const details = await this.engine.inspectImage(imageId).catch(() => undefined);
    if (!details || ownedBy(details.Config?.Labels, sessionId)) return;
    await this.engine.tagImage(details.Id, keepRepo(sessionId), details.Id.replace(/^sha256:/, '').slice(0, 16)).catch((err) => {
      console.error(`build: could not keep image ${imageId} for session ${sessionId}: ${(err as Error).message}`);
    });
  }

  // Checks everything that can be answered with an HTTP error before the
  // stream starts. Refusals of the Dockerfile's content come back as an
  // error event instead, with the line, for the editor.
  // `labels`: more of the server's own labels for the result (a starter's key).
  async prepare(session: SessionRecord, request: BuildRequest, options: { remote?: boolean; labels?: Record<string, string> } = {}): Promise<PreparedBuild> {
    if (this.running.has(session.id)) throw new ApiFailure('quota', 'A build is already running in this session (one build at a time per session).');
    let engineTag: string | undefined;
    if (request.tag !== undefined) {
      engineTag = toEngineTag(session.id, request.tag);
      if (!engineTag) throw new ApiFailure('bad_request', `"${request.tag}" is not an image name like myapp or myapp:1 (lower-case letters, digits, . _ - and /).`);
    }
    const context = validateContext(request.dockerfile, request.files, { maxFiles: this.settings.contextMaxFiles, maxBytes: this.settings.contextMaxBytes });
    if (!context.ok) throw new ApiFailure('bad_request', `Build context refused: ${context.message}.`);
    // One listing of the engine's images answers the quota, the disk cap,
    // the catalog and the session's own images (see Quotas).
    const listing = this.quotas.listImages();
    const containers = this.quotas.sessionContainers(session.id);
    listing.catch(() => undefined);
    containers.catch(() => undefined);

    const buildId = randomBytes(8).toString('hex');
    const model = parseDockerfile(request.dockerfile);
    const base = { buildId, session, model, learnerTag: request.tag ?? null, engineTag, tar: Buffer.alloc(0), query: {} };
    if (options.remote) return { ...base, refusal: { type: 'error', code: 'policy', message: 'Remote build contexts are refused: send the files with the build.' } };

    const [images, list] = await Promise.all([listing, containers]);
    const disk = await this.quotas.checkImages(session.id, { images, containers: list });
    // The one policy door (policy/build-policy.ts): the engine gets the
    // Dockerfile it answers, every image named by its full id.
    const policy = await this.policy.check({ sessionId: session.id, dockerfile: request.dockerfile, buildArgs: request.buildArgs }, images.images);
    if (!policy.ok) return { ...base, refusal: { type: 'error', code: 'policy', message: policy.message, ...(policy.line ? { line: policy.line } : {}) } };

    const archives = await this.archiveRefusal(context.entries, policy.addSources, disk);
    if (archives) return { ...base, refusal: archives };

    if (request.starter) this.onStarterUsed?.(request.starter);
    const entries = [...context.entries];
    // Learners' images carry no label of ours: they are the session's by
    // name (engine/name-owner.ts), which saves every build a LABEL step.
    // Only the server's own extra labels (a starter's key) cost one, as one
    // LABEL line where the Dockerfile allows (label-stamp.ts).
    const labels = options.labels && Object.keys(options.labels).length ? options.labels : undefined;
    const stamped = labels ? stampLabels(policy.dockerfile, labels) : policy.dockerfile;
    entries[0] = { path: 'Dockerfile', data: new TextEncoder().encode(stamped ?? policy.dockerfile) };
    const query: Record<string, unknown> = {
      rm: true,
      forcerm: true,
      ...(labels && !stamped ? { labels } : {}),
      nocache: request.noCache === true,
      // A JSON string: docker-modem would split an array into repeated keys.
      cachefrom: JSON.stringify(cacheSources(session.id, images.images, request.starter, this.starterOf)),
      ...(request.buildArgs && Object.keys(request.buildArgs).length ? { buildargs: JSON.stringify(request.buildArgs) } : {}),
      pull: false,
      ...buildLimits(this.settings, `${BUILD_CGROUP_PREFIX}${session.id}`),
    };
    if (engineTag) query.t = engineTag;
    const previousImageId = engineTag ? images.images.find((i) => i.RepoTags?.includes(engineTag))?.Id : undefined;
    return { ...base, tar: await contextTar(entries), query, disk, previousImageId, dockerfile: request.dockerfile };
  }

  // Runs a prepared build, sending each event to `sink` and to the session's
  // sockets. `signal` aborts it (the HTTP client went away).
  async run(build: PreparedBuild, sink: BuildSink, signal?: AbortSignal): Promise<void> {
    const emit = (event: BuildEvent) => {
      try { sink(event); } catch { /* the HTTP client is gone; sockets still hear it */ }
      this.broadcast(build.session.id, build.buildId, event);
    };
    if (build.refusal) { emit(build.refusal); return; }
    if (this.removed.has(build.session.id)) { emit({ type: 'error', code: 'removed', message: 'The session was removed, so the build did not start.' }); return; }
    if (this.running.has(build.session.id)) { emit({ type: 'error', code: 'quota', message: 'A build is already running in this session (one build at a time per session).' }); return; }

    const controller = new AbortController();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => { finish = resolve; });
    this.running.set(build.session.id, { buildId: build.buildId, controller, finished });
    try {
      await this.runSlot(build, emit, controller, signal);
    } finally {
      this.running.delete(build.session.id);
      finish();
    }
  }

  private async runSlot(build: PreparedBuild, emit: BuildSink, controller: AbortController, signal?: AbortSignal): Promise<void> {
    const onAbort = () => controller.abort('cancelled');
    signal?.addEventListener('abort', onAbort);
    const release = await this.waitForSlot(emit, controller.signal).catch(() => undefined);
    if (!release) {
      const removed = controller.signal.reason === 'removed';
      emit({ type: 'error', code: removed ? 'removed' : 'cancelled', message: removed ? 'The session was removed while the build waited for a build slot.' : 'The build was cancelled while it waited for a build slot.' });
      signal?.removeEventListener('abort', onAbort);
      return;
    }
    // The time limit counts from the start, not from the wait in the queue.
    const timer = setTimeout(() => controller.abort('timeout'), this.settings.buildTimeoutSeconds * 1000);
    const parser = createBuildStreamParser(build.model, { tag: build.learnerTag });
    let outputBytes = 0;
    let capped = false;
    // The last image of each stage: only the final stage's result gets our
    // labels, so the others are kept by a tag (see keepAsCache).
    const stageEnds = new Map<number, string>();
    let stage = 0;
    const steps: string[] = [];
    let failed = false;
    let terminal: BuildEvent | undefined;
    const memoryMiB = Math.round(this.settings.memory / 1024 / 1024);
    // Exit 137 is SIGKILL; inside a build step nothing but the memory
    // limit's OOM killer (or the step itself) sends it.
    const explainKill = (e: BuildEvent): BuildEvent => (e.type === 'error' && e.exitCode === 137
      ? { ...e, code: 'oom', message: `${e.message}\nThe step was killed: it most likely ran out of memory (memory limit per build step: ${memoryMiB} MiB).` }
      // 153 is SIGXFSZ: a file reached the fsize limit (policy/limits.ts).
      : e.type === 'error' && e.exitCode === 153
        ? { ...e, code: 'disk', message: `${e.message}\nThe step was stopped: one of its files reached ${mib(this.settings.diskPerSession)}, the disk per session, which is also the largest a file may be.` }
        : e);
    const watch = this.watchDisk(build, controller);
    const emitParsed = (events: BuildEvent[]) => {
      for (const e of events) {
        if (e.type === 'step' && e.stage !== undefined) stage = e.stage;
        if (e.type === 'layer') stageEnds.set(stage, e.imageId);
        if (e.type === 'container') steps.push(e.containerId);
        if (e.type === 'layer' && !e.cached) watch.layer(e.imageId);
        if (e.type === 'container') watch.step(e.containerId);
        if (e.type === 'error') failed = true;
        // The last word waits for the disk check in `finally`.
        if (e.type === 'done' || e.type === 'error') { terminal = explainKill(e); continue; }
        if (e.type === 'output') {
          outputBytes += e.text.length;
          if (outputBytes > this.settings.outputCapBytes) {
            if (!capped) emit({ ...e, text: `\n[output beyond ${this.settings.outputCapBytes} bytes is not shown]\n` });
            capped = true;
            continue;
          }
        }
        emit(e);
      }
    };
    try {
      const stream = await this.engine.build(build.tar, build.query, controller.signal);
      let same = false;
      for await (const message of jsonLines(stream)) {
        emitParsed(parser.push(message));
        if (controller.signal.aborted) break;
        // Built the very image the tag already named: every step came from
        // the cache and nothing a listing shows changed, so the images
        // listing stays good for the next request (coalescing-engine.ts).
        const built = parser.built();
        if (!same && built && build.previousImageId?.replace(/^sha256:/, '').startsWith(built.replace(/^sha256:/, ''))) {
          same = true;
          this.engine.markUnchanged?.(stream);
        }
      }
      if (controller.signal.aborted) throw new Error('aborted');
      emitParsed(parser.end());
    } catch (err) {
      // The engine refuses some Dockerfiles outright (HTTP 400 with a
      // message naming the line): the parser knows how to place it.
      const refusal = (err as { json?: { message?: unknown } }).json?.message;
      if (!controller.signal.aborted && typeof refusal === 'string') {
        const events = [...parser.push({ message: refusal }), ...parser.end()];
        if (events.some((e) => e.type === 'error')) { emitParsed(events); return; }
      }
      const reason = controller.signal.aborted ? String(controller.signal.reason) : 'engine';
      const message = reason === 'disk'
        ? watch.message()
        : reason === 'timeout'
        ? `The build took longer than ${this.settings.buildTimeoutSeconds} s and was stopped.`
        : reason === 'cancelled' ? 'The build was cancelled.'
          : reason === 'removed' ? 'The session was removed while the build ran, so the build was stopped.'
            : `The engine failed the build: ${(err as Error).message}`;
      terminal = { type: 'error', code: reason, message };
      failed = true;
    } finally {
      clearTimeout(timer);
      await watch.stop();
      // The slot goes to the next build once this one's last word is out,
      // whatever happens here.
      try {
        if (controller.signal.aborted && steps.length) {
          const known = this.stoppedSteps.get(build.session.id) ?? new Set<string>();
          for (const id of steps) known.add(id);
          this.stoppedSteps.set(build.session.id, known);
        }
        const finalStage = Math.max(-1, ...stageEnds.keys());
        const cacheTags: string[] = [];
        // The images the session's disk now counts: its result and cache tags.
        const made = terminal?.type === 'done' ? [terminal.imageId] : [];
        for (const [n, imageId] of stageEnds) {
          if (failed || n !== finalStage) {
            if (await this.keepAsCache(build.session.id, `${build.buildId}-${n}`, imageId)) made.push(imageId);
            cacheTags.push(`${buildCacheRepo(build.session.id)}:${build.buildId}-${n}`);
          }
        }
        if (terminal?.type === 'done') {
          // A result without a learner's name, and the image a rebuild took
          // the name from, stay the session's under a kept name.
          if (!build.engineTag) await this.keep(build.session.id, terminal.imageId);
          if (build.previousImageId && !sameImage(build.previousImageId, terminal.imageId)) await this.keep(build.session.id, build.previousImageId);
        }
        const overDisk = await this.overDiskCap(build, made);
        // Stopped at the cap, the engine may already have tagged the result
        // (the watcher hears of the last layer after the engine has moved on).
        const stoppedForDisk = terminal?.type === 'error' && terminal.code === 'disk';
        if (overDisk || stoppedForDisk) {
          const tagged = await this.taggedByThisBuild(build);
          await this.discard([...(tagged ? [build.engineTag!] : []), ...(terminal?.type === 'done' ? [terminal.imageId] : []), ...cacheTags]);
          if (overDisk && !stoppedForDisk) terminal = { type: 'error', code: 'disk', message: overDisk };
        }
        if (terminal?.type === 'done' && build.dockerfile) this.dockerfiles.remember(build.session.id, terminal.imageId, build.dockerfile);
        if (terminal) emit(terminal);
        signal?.removeEventListener('abort', onAbort);
      } finally { release(); }
    }
  }

  // ADD unpacks archives by content (lib/context/archive-size.ts): refused
  // before the engine sees them when what they unpack to would not fit in
  // the session's disk left. Each ADD may unpack the same archive again, so
  // the room is shared among the Dockerfile's ADD instructions.
  private async archiveRefusal(entries: { path: string; data: Uint8Array }[], sources: AddSource[], disk: DiskState): Promise<BuildEvent | undefined> {
    const left = Math.max(0, this.settings.diskPerSession - disk.tally.bytes - disk.containerBytes);
    // Each ADD instruction (a base's ONBUILD ADD on its FROM line included)
    // may unpack the archive again. COPY never unpacks.
    const lines = [...new Set(sources.map((a) => a.line))];
    if (lines.length === 0) return undefined;
    const room = Math.floor(left / lines.length);
    let sizes;
    try {
      sizes = await measureArchives(entries, room);
    } catch (err) {
      if (err instanceof ArchiveCheckError) return { type: 'error', code: 'disk', message: `${err.message}.` };
      throw err;
    }
    const over = sizes.find((a) => a.over);
    if (!over) return undefined;
    const name = over.path.split('/').pop()!;
    const plain = (src: string) => src.replace(/^(\.?\/)+/, '');
    const add = sources.find((a) => plain(a.expanded) === over.path) ?? sources.find((a) => plain(a.expanded).split('/').pop() === name);
    const kind = over.compression === 'none' ? 'a tar archive' : `a ${over.compression}-compressed tar archive`;
    const share = lines.length > 1 ? ` (${mib(left)} left, shared by the ${lines.length} ADD instructions the build runs)` : ` (${mib(left)} left)`;
    return {
      type: 'error',
      code: 'disk',
      message: `"${over.path}" is ${kind}: ADD would unpack it to more than ${mib(room)}, more than this session's disk allows${share}; disk per session: ${mib(this.settings.diskPerSession)}. ADD unpacks archives whatever their name: use COPY to copy the file as it is, or send a smaller archive.`,
      ...(add ? { line: add.line } : {}),
    };
  }

  // A slot among the host's builds; when all are taken, the stream says so
  // (an output line before the first step, like the builder's preamble).
  private async waitForSlot(emit: BuildSink, signal: AbortSignal): Promise<() => void> {
    const now = this.queue.tryAcquire();
    if (now) return now;
    const ahead = this.queue.queued;
    const waiting = ahead === 0 ? '' : ahead === 1 ? ', and 1 build waits ahead of yours' : `, and ${ahead} builds wait ahead of yours`;
    emit({ type: 'output', index: 0, status: 'queued', text: `Queued: all ${this.queue.limit} build slots of this sandbox host are busy${waiting}. Your build starts when one is free.\n` });
    const t0 = Date.now();
    const release = await this.queue.acquire(signal);
    emit({ type: 'output', index: 0, status: 'started', text: `Started after ${((Date.now() - t0) / 1000).toFixed(1)} s in the queue.\n` });
    return release;
  }

  // While a build runs, its disk is measured: each new layer as it is
  // committed, and every diskCheckSeconds the writable layer of the step
  // that is running (apparent sizes, so a sparse file counts in full, as
  // the commit will write it). Past the cap the build is cancelled, which
  // stops the step; what it left is removed after (overDiskCap).
  private watchDisk(build: PreparedBuild, controller: AbortController) {
    const tally = build.disk ? { bytes: build.disk.tally.bytes, layers: new Set(build.disk.tally.layers), images: new Set(build.disk.tally.images) } : undefined;
    const containerBytes = build.disk?.containerBytes ?? 0;
    let stepId: string | undefined;
    let stepBytes = 0;
    let measured = 0;
    let chain: Promise<unknown> = Promise.resolve();
    const check = () => {
      if (!tally) return;
      measured = tally.bytes + containerBytes + stepBytes;
      if (measured > this.settings.diskPerSession && !controller.signal.aborted) controller.abort('disk');
    };
    const serial = (f: () => Promise<void>) => { chain = chain.then(f).catch(() => undefined); };
    const timer = setInterval(() => serial(async () => {
      if (!stepId) return;
      const id = stepId;
      const size = await this.engine.containerSize(id).catch(() => 0);
      if (id === stepId) { stepBytes = size; check(); }
    }), this.settings.diskCheckSeconds * 1000);
    timer.unref();
    return {
      step: (id: string) => { stepId = id; stepBytes = 0; },
      layer: (imageId: string) => serial(async () => {
        stepId = undefined;
        stepBytes = 0;
        if (tally) await this.quotas.addImages(tally, [imageId]);
        check();
      }),
      message: () => `This build took the session past its disk (${mib(measured)}; disk per session: ${mib(this.settings.diskPerSession)}), so it was stopped and what it wrote was removed. Write less in the build, or remove other images first.`,
      stop: async () => { clearInterval(timer); await chain; },
    };
  }

  // There is no storage quota under overlay2 on this file system, so the
  // cap is checked once the build has written: what went past it goes.
  // The usage measured before the build plus the layers it made (one
  // history read, not a new listing of every image: under load a listing
  // costs a second); running containers' writes are the disk guard's.
  private async overDiskCap(build: PreparedBuild, made: string[]): Promise<string | undefined> {
    const base = build.disk;
    const used = base
      ? await this.quotas.addImages(base.tally, made).then((t) => t.bytes + base.containerBytes, () => 0)
      : await this.quotas.diskUsage(build.session.id).catch(() => 0);
    if (used <= this.settings.diskPerSession) return undefined;
    return `This build took the session to ${mib(used)} of disk (disk per session: ${mib(this.settings.diskPerSession)}), so its image was removed. Write less in the build, or remove other images first.`;
  }

  // The learner's tag now names an image of this build, not the one it named before.
  private async taggedByThisBuild(build: PreparedBuild): Promise<boolean> {
    if (!build.engineTag) return false;
    const now = await this.engine.inspectImage(build.engineTag).then((d) => d.Id, () => undefined);
    return !!now && !(build.previousImageId && sameImage(build.previousImageId, now));
  }

  private async discard(refs: string[]): Promise<void> {
    for (const ref of refs) {
      await this.engine.removeImage(ref).catch((err) => {
        const code = (err as { statusCode?: number }).statusCode;
        if (code !== 404 && code !== 409) console.error(`build: could not remove ${ref} past the disk cap: ${(err as Error).message}`);
      });
    }
  }
}
