// What the engine itself will do with the Dockerfile, from the one shared
// interpretation (lib/dockerfile/interpret): instructions the build would
// fail at, and what the sandbox refuses because it cannot be known before
// the build. Parse errors are left to the syntax findings, which place them
// by column. The editor does not know a base image's environment, so it is
// taken to set only PATH here (the server knows it and decides for real).
import { DEFAULT_PATH, interpretDockerfile } from '../dockerfile/interpret';
import type { Interpretation } from '../dockerfile/interpretation';
import type { DockerfileSource } from './source';
import type { LintFinding } from './types';

const cache = new WeakMap<DockerfileSource, Interpretation>();

export function interpretationOf(src: DockerfileSource): Interpretation {
  let found = cache.get(src);
  if (!found) {
    found = interpretDockerfile(src.text, { envOf: () => [`PATH=${DEFAULT_PATH}`] });
    cache.set(src, found);
  }
  return found;
}

export function engineRefusals(src: DockerfileSource): LintFinding[] {
  return interpretationOf(src).refusals
    .filter((r) => r.reason === 'build' || r.reason === 'unknowable')
    .map((r) => ({
      rule: `engine/${r.reason}`,
      line: r.line,
      endLine: r.endLine,
      severity: 'error' as const,
      message: r.text ?? { en: r.message, zh: r.message },
    }));
}
