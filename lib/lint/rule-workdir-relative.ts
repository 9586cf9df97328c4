// A relative WORKDIR is joined to the directory before it. After an earlier
// WORKDIR in the same stage that is visible and useful (the lessons show
// /test + demo = /test/demo); as the first one it stacks on whatever the base
// image chose, which the reader cannot see.
import type { Workdir } from 'dockerfile-ast';
import type { LintFinding } from './types';
import type { DockerfileSource } from './source';
import { spanOfRange } from './ranges';

export function workdirRelative(src: DockerfileSource): LintFinding[] {
  const findings: LintFinding[] = [];
  const seen = new Set<number>();
  for (const ins of src.instructions) {
    if (ins.keyword !== 'WORKDIR' || seen.has(ins.stage)) continue;
    seen.add(ins.stage);
    const path = (ins.node as Workdir).getPath();
    const range = ins.node.getArgumentsRange();
    if (!path || !range || path.startsWith('/') || path.startsWith('$') || /^[A-Za-z]:[\\/]/.test(path)) continue;
    findings.push({
      rule: 'workdir-relative',
      ...spanOfRange(range),
      severity: 'info',
      message: {
        en: `A relative WORKDIR is added to the directory before it, here the base image's working directory, which this file does not show. An absolute path such as /${path} says exactly where you are.`,
        zh: `相对路径的 WORKDIR 会接在之前的目录后面，这里接的是基础镜像的工作目录，而这个文件里看不到它。写成绝对路径（例如 /${path}）就一目了然。`,
      },
    });
  }
  return findings;
}
