// apt-get install leaves package lists under /var/lib/apt/lists. Deleting
// them in a later RUN cannot shrink the layer that already holds them, so the
// cleanup belongs in the same RUN.
import type { LintFinding } from './types';
import type { DockerfileSource } from './source';
import { shellCommands, programIndex } from './shell-words';
import { spanOfOffsets } from './ranges';

const CLEANUP = ' && rm -rf /var/lib/apt/lists/*';

export function aptLists(src: DockerfileSource): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const run of src.instructions) {
    if (!run.shell) continue;
    const commands = shellCommands(run.shell.text);
    const cleaned = commands.some((c) => {
      const p = programIndex(c);
      return c.words[p]?.value === 'rm' && c.words.slice(p + 1).some((w) => w.value.startsWith('/var/lib/apt/lists'));
    });
    if (cleaned) continue;
    const install = commands.find((c) => {
      const p = programIndex(c);
      return ['apt-get', 'apt'].includes(c.words[p]?.value ?? '') && c.words.slice(p + 1).some((w) => w.value === 'install');
    });
    if (!install) continue;
    const p = programIndex(install);
    const installWord = install.words.slice(p + 1).find((w) => w.value === 'install')!;
    const lastLine = src.lines[run.endLine - 1];
    const trimmed = lastLine.replace(/[\s;]+$/, '');
    const fix = trimmed.endsWith('\\') || /(&&|\|\||\|)$/.test(trimmed)
      ? undefined
      : {
          title: { en: 'Remove the apt lists in this RUN', zh: '在这个 RUN 里删除 apt 列表' },
          edits: [{ line: run.endLine, endLine: run.endLine, text: trimmed + CLEANUP }],
        };
    findings.push({
      rule: 'apt-lists',
      ...spanOfOffsets(src, run.shell.offset + install.words[p].start, run.shell.offset + installWord.end),
      severity: 'warning',
      message: {
        en: 'apt leaves its package lists in /var/lib/apt/lists, and they stay in this layer forever. Finish this RUN with && rm -rf /var/lib/apt/lists/* to keep the image small.',
        zh: 'apt 会把软件包列表留在 /var/lib/apt/lists，它们会永远留在这一层里。在这个 RUN 末尾加上 && rm -rf /var/lib/apt/lists/*，镜像才会小。',
      },
      fix,
    });
  }
  return findings;
}
