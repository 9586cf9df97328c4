// `RUN cd dir` changes directory only inside that step's throwaway shell;
// the lessons teach WORKDIR instead.
import type { LintFinding } from './types';
import type { DockerfileSource } from './source';
import { shellCommands, programIndex } from './shell-words';
import { spanOfOffsets } from './ranges';

export function runCd(src: DockerfileSource): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const run of src.instructions) {
    if (!run.shell) continue;
    const { text, offset } = run.shell;
    const commands = shellCommands(text);
    commands.forEach((command, k) => {
      const p = programIndex(command);
      if (command.words[p]?.value !== 'cd') return;
      const dir = command.words[p + 1];
      const last = dir ?? command.words[p];
      const shownDir = dir?.value ?? '~';
      let fix: LintFinding['fix'];
      // WORKDIR expands neither ~ nor `cd -`, and a $VAR may only exist in the shell.
      const literalDir = dir !== undefined && !/^[~-]|[$`]/.test(dir.value);
      if (k === 0 && p === 0 && dir && literalDir && command.words.length === 2 && !run.hasFlags) {
        const rest = text.slice(dir.end);
        if (commands.length === 1) {
          fix = {
            title: { en: `Replace with WORKDIR ${shownDir}`, zh: `改成 WORKDIR ${shownDir}` },
            edits: [{ line: run.line, endLine: run.endLine, text: `WORKDIR ${shownDir}` }],
          };
        } else {
          const after = /^\s*(?:\\\r?\n\s*)*&&\s*(?:\\\r?\n\s*)*/.exec(rest);
          if (after) {
            fix = {
              title: {
                en: `Move the cd into WORKDIR ${shownDir} (later instructions also start there)`,
                zh: `把 cd 改成 WORKDIR ${shownDir}（之后的指令也会从这里开始）`,
              },
              edits: [{ line: run.line, endLine: run.endLine, text: `WORKDIR ${shownDir}\nRUN ${rest.slice(after[0].length).replace(/\s+$/, '')}` }],
            };
          }
        }
      }
      findings.push({
        rule: 'run-cd',
        ...spanOfOffsets(src, offset + command.words[p].start, offset + last.end),
        severity: 'warning',
        message: {
          en: `This cd lasts only until this RUN finishes; the next instruction starts in the previous directory again. Use WORKDIR ${shownDir} to move for the steps that follow.`,
          zh: `这个 cd 只在本条 RUN 结束前有效，下一条指令又回到原来的目录。要让后续步骤都在该目录执行，请用 WORKDIR ${shownDir}。`,
        },
        fix,
      });
    });
  }
  return findings;
}
