// The one reading of a Dockerfile that everything shares: the editor's model,
// the lint, the isolation policy and the build. It follows the grammar and
// the variable expansion of the engine's classic builder (Engine 20.10), so
// what the policy decides is what the engine will do. Pure, no I/O.
//
// This file holds the contract between the interpretation (lib/dockerfile)
// and the policy (sandbox-server/policy); the implementation lives beside it.

/** 1-based, inclusive: the lines an instruction covers, continuations and all. */
export interface LineSpan { line: number; endLine: number }

/** An image a build will read: a FROM base or a COPY --from source. */
export interface ImageReference extends LineSpan {
  kind: 'from' | 'copy-from';
  /** Index of the stage the instruction belongs to (0-based). */
  stage: number;
  /** The reference as written, before expansion. */
  written: string;
  /** The reference as the engine will see it, after the builder's expansion. */
  expanded: string;
  /** For kind 'from': the stage name given with AS, lower-cased. */
  stageName?: string;
  /** The earlier stage the engine will take this from instead of an image:
   *  FROM matches earlier stage names (case-insensitively, never an index);
   *  COPY --from matches names, then a decimal index. */
  stageRef?: number;
  /** For kind 'from': the --platform flag after expansion, when given. */
  platform?: string;
  /** Set when the reference comes from an ONBUILD trigger run at this FROM
   *  (the base image's or an earlier stage's): it is not in the Dockerfile's
   *  text, so it cannot be rewritten. */
  trigger?: string;
}

/** A source of an ADD (or of a learner's own ONBUILD ADD), after expansion. */
export interface AddSource extends LineSpan {
  written: string;
  expanded: string;
  /** The engine downloads it: the expanded source starts with http:// or
   *  https:// (exactly, case-sensitive; anything else is a context path).
   *  Always set by interpretDockerfile. */
  remote?: boolean;
  /** From a learner's own ONBUILD ADD: it runs in a later build, not this one. */
  onbuild?: boolean;
}

/** A label key an instruction sets (LABEL, or ONBUILD LABEL), after expansion. */
export interface LabelKey extends LineSpan {
  key: string;
  /** The value after expansion, when it can be known before the build. */
  value?: string;
  /** From a learner's own ONBUILD LABEL: it runs in a later build, not this one. */
  onbuild?: boolean;
}

/** Something the policy must refuse on this line, with a message a learner can act on. */
export interface Refusal extends LineSpan {
  message: string;
  /** 'parse': the engine rejects the Dockerfile before any step; 'build': the
   *  engine would fail at this instruction; 'unknowable': the sandbox refuses
   *  because the outcome cannot be known before the build. Always set by
   *  interpretDockerfile. */
  reason?: 'parse' | 'build' | 'unknowable';
  /** The message in English and Chinese (the engine's own text quoted in both). */
  text?: { en: string; zh: string };
}

export interface Interpretation {
  /** Parser directives as the engine reads them (escape defaults to `\`). */
  escape: string;
  /** Every image the build reads, in order. */
  imageRefs: ImageReference[];
  /** Every ADD source in order, own ONBUILD ADD triggers included. */
  addSources: AddSource[];
  /** Every label key set, own ONBUILD LABEL triggers included. */
  labelKeys: LabelKey[];
  /** The learner's own ONBUILD trigger texts, as the engine will store them. */
  onbuildTriggers: (LineSpan & { trigger: string })[];
  /** Parse errors the engine would report, and constructs whose expansion
   *  cannot be matched exactly: the build must not run. */
  refusals: Refusal[];
}

export interface InterpretOptions {
  /** Build args given with the build (`--build-arg`), as the engine takes them. */
  buildArgs?: Record<string, string>;
}

export interface InterpretOptionsWithTriggers extends InterpretOptions {
  /** The ONBUILD triggers (`Config.OnBuild`) of the image a stage starts
   *  from, once the policy has resolved it; they run right after that FROM,
   *  so their facts are reported on the FROM's lines. */
  onbuildOf?: (stage: number, base: ImageReference) => string[] | undefined;
  /** The environment (`Config.Env`, `NAME=value` strings) of the image a
   *  stage starts from. Variables the engine would look up there decide
   *  ADD sources and LABEL keys; without it, such a use is refused. */
  envOf?: (stage: number, base: ImageReference) => string[] | undefined;
}

// Implemented in ./interpret.ts:
//   interpretDockerfile(text: string, options?: InterpretOptionsWithTriggers): Interpretation
//   rewriteImageReferences(text: string, interpretation: Interpretation,
//                          ids: Map<ImageReference, string>): string
//     — the Dockerfile the engine receives: each listed reference replaced by
//       the given full image id, every other line and the line count unchanged.
