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
import { BUILD_CGROUP_PREFIX, isCatalogImage, Labels } from '../labels';
import { checkDockerfile } from '../policy/dockerfile-policy';
import { buildLimits } from '../policy/limits';
import type { SessionRecord } from '../sessions/session-store';
import type { SessionScope } from '../sessions/scope';
import { buildCacheRepo, toEngineTag } from '../sessions/names';
import type { Quotas } from '../sessions/quotas';
import { contextTar } from './context-tar';
import { jsonLines } from './ndjson';

// Labels are capped by the engine's config size; a longer Dockerfile still
// builds, its layers just lose their line numbers.
const DOCKERFILE_LABEL_MAX = 16 * 1024;

export interface PreparedBuild {
  buildId: string;
  session: SessionRecord;
  model: DockerfileModel;
  learnerTag: string | null;
  engineTag?: string;
  tar: Buffer;
  query: Record<string, unknown>;
  refusal?: BuildEvent; // a policy refusal, reported as the stream's only event
}

export type BuildSink = (event: BuildEvent) => void;

export class BuildService {
  private readonly running = new Map<string, { buildId: string; controller: AbortController }>();

  constructor(
    private readonly engine: Engine,
    private readonly scope: SessionScope,
    private readonly quotas: Quotas,
    private readonly settings: Settings,
    private readonly broadcast: (sessionId: string, buildId: string, event: BuildEvent) => void,
  ) {}

  isBuilding(sessionId: string): boolean { return this.running.has(sessionId); }

  cancel(sessionId: string, buildId: string): boolean {
    const r = this.running.get(sessionId);
    if (!r || r.buildId !== buildId) return false;
    r.controller.abort('cancelled');
    return true;
  }

  // Untagged step images of failed builds and of non-final stages carry no
  // labels; a tag in the session's cache namespace keeps them as build cache
  // and lets the reaper find them when the session goes.
  private async keepAsCache(sessionId: string, name: string, imageId: string): Promise<void> {
    // A stage that only named a base (catalog or the session's own image) made nothing new.
    const details = await this.engine.inspectImage(imageId).catch(() => undefined);
    if (!details || details.Config?.Labels?.[Labels.session] || isCatalogImage(details.Config?.Labels, details.RepoTags)) return;
    await this.engine.tagImage(imageId, buildCacheRepo(sessionId), name)
      .catch((err) => console.error(`build ${name}: could not keep step images as cache: ${(err as Error).message}`));
  }

  // Checks everything that can be answered with an HTTP error before the
  // stream starts. Refusals of the Dockerfile's content come back as an
  // error event instead, with the line, for the editor.
  async prepare(session: SessionRecord, request: BuildRequest, options: { remote?: boolean } = {}): Promise<PreparedBuild> {
    if (this.running.has(session.id)) throw new ApiFailure('quota', 'A build is already running in this session (one build at a time per session).');
    let engineTag: string | undefined;
    if (request.tag !== undefined) {
      engineTag = toEngineTag(session.id, request.tag);
      if (!engineTag) throw new ApiFailure('bad_request', `"${request.tag}" is not an image name like myapp or myapp:1 (lower-case letters, digits, . _ - and /).`);
    }
    const context = validateContext(request.dockerfile, request.files, { maxFiles: this.settings.contextMaxFiles, maxBytes: this.settings.contextMaxBytes });
    if (!context.ok) throw new ApiFailure('bad_request', `Build context refused: ${context.message}.`);
    const quota = this.quotas.checkImages(session.id);
    quota.catch(() => undefined);

    const buildId = randomBytes(8).toString('hex');
    const model = parseDockerfile(request.dockerfile);
    const base = { buildId, session, model, learnerTag: request.tag ?? null, engineTag, tar: Buffer.alloc(0), query: {} };
    if (options.remote) return { ...base, refusal: { type: 'error', code: 'policy', message: 'Remote build contexts are refused: send the files with the build.' } };

    const [, catalog, own] = await Promise.all([quota, this.scope.catalogTags(), this.scope.ownImages(session.id)]);
    const ownTags = new Set(own.flatMap((i) => i.RepoTags ?? []));
    const policy = checkDockerfile(request.dockerfile, model, {
      catalog,
      sessionImage: (ref) => { const t = toEngineTag(session.id, ref); return t && ownTags.has(t) ? t : undefined; },
    });
    if (!policy.ok) return { ...base, refusal: { type: 'error', code: 'policy', message: policy.message, line: policy.line } };

    const entries = [...context.entries];
    entries[0] = { path: 'Dockerfile', data: new TextEncoder().encode(policy.dockerfile) };
    const labels: Record<string, string> = {
      // Each build label costs the image one more LABEL history entry, and a
      // label that changes (an expiry) would make every rebuild a new image:
      // images carry the session only; its marker holds the expiry.
      [Labels.session]: session.id,
    };
    const encoded = Buffer.from(request.dockerfile, 'utf8').toString('base64');
    if (encoded.length <= DOCKERFILE_LABEL_MAX) labels[Labels.dockerfile] = encoded;
    const query: Record<string, unknown> = {
      rm: true,
      forcerm: true,
      labels,
      nocache: request.noCache === true,
      pull: false,
      ...buildLimits(this.settings, `${BUILD_CGROUP_PREFIX}${session.id}`),
    };
    if (engineTag) query.t = engineTag;
    return { ...base, tar: await contextTar(entries), query };
  }

  // Runs a prepared build, sending each event to `sink` and to the session's
  // sockets. `signal` aborts it (the HTTP client went away).
  async run(build: PreparedBuild, sink: BuildSink, signal?: AbortSignal): Promise<void> {
    const emit = (event: BuildEvent) => {
      try { sink(event); } catch { /* the HTTP client is gone; sockets still hear it */ }
      this.broadcast(build.session.id, build.buildId, event);
    };
    if (build.refusal) { emit(build.refusal); return; }
    if (this.running.has(build.session.id)) { emit({ type: 'error', code: 'quota', message: 'A build is already running in this session (one build at a time per session).' }); return; }

    const controller = new AbortController();
    this.running.set(build.session.id, { buildId: build.buildId, controller });
    const onAbort = () => controller.abort('cancelled');
    signal?.addEventListener('abort', onAbort);
    const timer = setTimeout(() => controller.abort('timeout'), this.settings.buildTimeoutSeconds * 1000);
    const parser = createBuildStreamParser(build.model, { tag: build.learnerTag });
    let outputBytes = 0;
    let capped = false;
    // The last image of each stage: only the final stage's result gets our
    // labels, so the others are kept by a tag (see keepAsCache).
    const stageEnds = new Map<number, string>();
    let stage = 0;
    let failed = false;
    let terminal: BuildEvent | undefined;
    const memoryMiB = Math.round(this.settings.memory / 1024 / 1024);
    // Exit 137 is SIGKILL; inside a build step nothing but the memory
    // limit's OOM killer (or the step itself) sends it.
    const explainKill = (e: BuildEvent): BuildEvent => (e.type === 'error' && e.exitCode === 137
      ? { ...e, code: 'oom', message: `${e.message}\nThe step was killed: it most likely ran out of memory (memory limit per build step: ${memoryMiB} MiB).` }
      : e);
    const emitParsed = (events: BuildEvent[]) => {
      for (const e of events) {
        if (e.type === 'step' && e.stage !== undefined) stage = e.stage;
        if (e.type === 'layer') stageEnds.set(stage, e.imageId);
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
      for await (const message of jsonLines(stream)) {
        emitParsed(parser.push(message));
        if (controller.signal.aborted) break;
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
      const message = reason === 'timeout'
        ? `The build took longer than ${this.settings.buildTimeoutSeconds} s and was stopped.`
        : reason === 'cancelled' ? 'The build was cancelled.' : `The engine failed the build: ${(err as Error).message}`;
      terminal = { type: 'error', code: reason, message };
      failed = true;
    } finally {
      clearTimeout(timer);
      const finalStage = Math.max(-1, ...stageEnds.keys());
      const cacheTags: string[] = [];
      for (const [n, imageId] of stageEnds) {
        if (failed || n !== finalStage) {
          await this.keepAsCache(build.session.id, `${build.buildId}-${n}`, imageId);
          cacheTags.push(`${buildCacheRepo(build.session.id)}:${build.buildId}-${n}`);
        }
      }
      const overDisk = await this.overDiskCap(build.session.id);
      if (overDisk) {
        await this.discard([...(terminal?.type === 'done' && build.engineTag ? [build.engineTag] : []), ...(terminal?.type === 'done' ? [terminal.imageId] : []), ...cacheTags]);
        terminal = { type: 'error', code: 'disk', message: overDisk };
      }
      if (terminal) emit(terminal);
      signal?.removeEventListener('abort', onAbort);
      this.running.delete(build.session.id);
    }
  }

  // There is no storage quota under overlay2 on this file system, so the
  // cap is checked once the build has written: what went past it goes.
  private async overDiskCap(sessionId: string): Promise<string | undefined> {
    const used = await this.quotas.diskUsage(sessionId).catch(() => 0);
    if (used <= this.settings.diskPerSession) return undefined;
    const mib = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;
    return `This build took the session to ${mib(used)} of disk (disk per session: ${mib(this.settings.diskPerSession)}), so its image was removed. Write less in the build, or remove other images first.`;
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
