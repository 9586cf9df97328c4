// The lessons' advice as lint rules over a Dockerfile. Pure: text in,
// findings out, so the editor, lesson checks and tests share one judgement.
import type { LintFinding, LintOptions } from './types';
import { readSource, type DockerfileSource } from './source';
import { combineRuns } from './rule-combine-runs';
import { runCd } from './rule-run-cd';
import { aptLists } from './rule-apt-lists';
import { addRules } from './rule-add';
import { fromTag } from './rule-from-tag';
import { envVersion } from './rule-env-version';
import { workdirRelative } from './rule-workdir-relative';
import { engineRefusals } from './rule-interpretation';

export type { LintFinding, LintOptions, LintEdit, LintFix, LintSeverity } from './types';

type Rule = (src: DockerfileSource, options: LintOptions) => LintFinding[];

const RULES: Rule[] = [fromTag, combineRuns, runCd, aptLists, addRules, envVersion, workdirRelative, engineRefusals];

export function lintDockerfile(text: string, options: LintOptions = {}): LintFinding[] {
  const src = readSource(text);
  return RULES.flatMap((rule) => rule(src, options))
    .sort((a, b) => a.line - b.line || (a.startColumn ?? 0) - (b.startColumn ?? 0) || a.rule.localeCompare(b.rule));
}
