// Consecutive RUNs: each commits its own layer, so the lessons teach joining
// them. The quick fix merges the whole run of RUNs with `&& \`, but only when
// that cannot change what the commands do.
import type { LintFinding } from './types';
import type { DockerfileSource, SourceInstruction } from './source';
import { shellCommands, programIndex } from './shell-words';
import { spanOfRange } from './ranges';

// Commands whose effect on the shell would leak into the commands merged after them.
const SHELL_STATE = new Set(['cd', 'pushd', 'popd', 'export', 'source', '.', 'set', 'unset', 'umask', 'alias', 'shopt', 'exec', 'exit']);

function mergeable(group: SourceInstruction[]): boolean {
  return group.every((run, k) => {
    if (!run.shell || run.hasFlags) return false;
    if (/(^|\s)#/.test(run.shell.text)) return false;               // a comment would swallow what follows
    if (/(^|[^&])&\s*$/.test(run.shell.text.trim())) return false;   // backgrounded command
    if (k === group.length - 1) return true;
    return shellCommands(run.shell.text).every((c) => !SHELL_STATE.has(c.words[programIndex(c)]?.value ?? ''));
  });
}

function mergedText(src: DockerfileSource, group: SourceInstruction[]): string {
  const first = group[0].line, last = group[group.length - 1].endLine;
  const inside = new Set<number>();
  for (const run of group) for (let l = run.line; l <= run.endLine; l++) inside.add(l);
  // Comments between the RUNs move above the merged RUN instead of being lost.
  const comments: string[] = [];
  for (let l = first; l <= last; l++) {
    if (!inside.has(l) && src.lines[l - 1].trim().startsWith('#')) comments.push(src.lines[l - 1]);
  }
  const pieces = group.map((run) => run.shell!.text.replace(/[\s;]+$/, ''));
  return [...comments, 'RUN ' + pieces.join(' && \\\n    ')].join('\n');
}

export function combineRuns(src: DockerfileSource): LintFinding[] {
  const findings: LintFinding[] = [];
  const groups: SourceInstruction[][] = [];
  let current: SourceInstruction[] = [];
  for (const ins of src.instructions) {
    if (ins.keyword === 'RUN' && current.length && current[0].stage === ins.stage) current.push(ins);
    else {
      if (current.length > 1) groups.push(current);
      current = ins.keyword === 'RUN' ? [ins] : [];
    }
  }
  if (current.length > 1) groups.push(current);

  for (const group of groups) {
    const n = group.length;
    const fix = mergeable(group)
      ? {
          title: { en: `Join these ${n} RUNs into one`, zh: `把这 ${n} 个 RUN 合并成一个` },
          edits: [{ line: group[0].line, endLine: group[n - 1].endLine, text: mergedText(src, group) }],
        }
      : undefined;
    for (const run of group.slice(1)) {
      findings.push({
        rule: 'combine-runs',
        ...spanOfRange(run.node.getInstructionRange()),
        severity: 'warning',
        message: {
          en: `${n} RUN instructions in a row commit ${n} separate layers. Join the commands with && in one RUN to get one layer.`,
          zh: `连续 ${n} 个 RUN 会提交 ${n} 个独立的层。用 && 把命令连进同一个 RUN，就只产生一层。`,
        },
        fix,
      });
    }
  }
  return findings;
}
