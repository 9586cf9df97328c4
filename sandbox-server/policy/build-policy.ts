// The one door every Dockerfile passes before the engine sees it: the HTTP
// build route, the socket's build handler and class starters (all through
// BuildService.prepare), and the docker CLI endpoint's POST /build. Given
// the session, the Dockerfile and the build args, it answers the Dockerfile
// the engine receives (every image named by its full id, lines unmoved) or a
// refusal on the learner's line.
//
// Two readings: the first finds the bases; their ONBUILD triggers
// (Config.OnBuild) are then read from the engine and the Dockerfile is read
// again with them, so a trigger meets the same rules as the learner's text.
import type { AddSource, ImageReference } from '../../lib/dockerfile/interpretation';
import { interpretDockerfile, rewriteImageReferences } from '../../lib/dockerfile/interpret';
import type { Engine, ImageSummary } from '../engine/engine';
import { catalogTagsOf, ownedBy } from '../labels';
import { fromEngineTag } from '../sessions/names';
import { checkBuildArgs, judge, resolveReference, type Namespace } from './dockerfile-policy';

export interface BuildPolicyRequest {
  sessionId: string;
  dockerfile: string;
  buildArgs?: Record<string, string>;
}

export type BuildPolicyResult =
  // addSources: every ADD the build runs, base triggers included (for the archive check).
  | { ok: true; dockerfile: string; addSources: AddSource[] }
  | { ok: false; line?: number; message: string };

/** The images a session may name, from one listing of the engine's images (owners as engine/name-owner.ts reports them). */
export function namespaceOf(sessionId: string, images: readonly ImageSummary[]): Namespace {
  const catalog = new Map<string, string>();
  const ownNames = new Map<string, string>();
  const ownIds: string[] = [];
  for (const i of images) {
    for (const t of catalogTagsOf(i.Labels, i.RepoTags)) catalog.set(t, i.Id);
    if (!ownedBy(i.Labels, sessionId)) continue;
    ownIds.push(i.Id);
    for (const t of i.RepoTags ?? []) {
      const name = fromEngineTag(sessionId, t);
      if (name) ownNames.set(name, i.Id);
    }
  }
  return { catalog, ownNames, ownIds };
}

export class BuildPolicy {
  constructor(private readonly engine: Pick<Engine, 'inspectImage'>) {}

  async check(req: BuildPolicyRequest, images: readonly ImageSummary[]): Promise<BuildPolicyResult> {
    const badArgs = checkBuildArgs(req.buildArgs);
    if (badArgs) return { ok: false, message: badArgs };
    const ns = namespaceOf(req.sessionId, images);

    // First reading: the bases. A FROM's expansion uses only ARGs before the
    // first FROM and build args, so it is final here.
    const first = interpretDockerfile(req.dockerfile, { buildArgs: req.buildArgs });
    const baseOf = new Map<number, string>();
    const stageNames: string[][] = [];
    for (const ref of first.imageRefs.filter((r) => r.kind === 'from')) {
      const r = resolveReference(ref, ns, { names: new Set(stageNames.slice(0, ref.stage).flat()), count: ref.stage });
      stageNames[ref.stage] = ref.stageName ? [ref.stageName.toLowerCase()] : [];
      if (r.kind === 'refused') return { ok: false, line: ref.line, message: r.message };
      if (r.kind === 'image') baseOf.set(ref.stage, r.id);
    }
    // What the engine will take from each base: its triggers and its environment.
    const configs = new Map<string, { OnBuild?: string[] | null; Env?: string[] | null }>();
    for (const id of new Set(baseOf.values())) {
      const details = await this.engine.inspectImage(id).catch(() => undefined);
      if (!details) return { ok: false, message: `The image ${id.slice(0, 19)} went away while the build was checked. Try again.` };
      configs.set(id, (details.Config ?? {}) as { OnBuild?: string[] | null; Env?: string[] | null });
    }
    const configOf = (stage: number) => { const id = baseOf.get(stage); return id ? configs.get(id) : undefined; };

    // Second reading, with them: a trigger meets the same rules as the text.
    const second = interpretDockerfile(req.dockerfile, {
      buildArgs: req.buildArgs,
      onbuildOf: (stage: number) => configOf(stage)?.OnBuild ?? undefined,
      envOf: (stage: number) => configOf(stage)?.Env ?? undefined,
    });
    const verdict = judge(second, ns, (ref) => ref.trigger !== undefined);
    if (!verdict.ok) return verdict;
    return { ok: true, dockerfile: rewriteImageReferences(req.dockerfile, second, verdict.ids), addSources: second.addSources };
  }
}
