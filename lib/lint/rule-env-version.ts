// A version number written in several places drifts apart on the next
// upgrade; the lessons keep it in one ENV and refer to it. When an ENV or ARG
// already holds the value, the quick fix swaps the literal for the variable.
import type { Env, Arg, Property } from 'dockerfile-ast';
import type { LintFinding } from './types';
import type { DockerfileSource, SourceInstruction } from './source';
import { spanOfOffsets, spliceLine } from './ranges';

const VERSION = /(?<![\w.$])v?\d+\.\d+(?:\.\d+)?(?!\w|\.\d)/g; // a trailing .tgz is fine, a fourth number part (an IP) is not
// Labels describe the image (version="1.0") and FROM tags name the base: neither is a build input to share.
const SKIPPED = new Set(['FROM', 'LABEL', 'MAINTAINER']);
// Instructions where ${NAME} is expanded at build time (RUN by its shell).
const EXPANDS = new Set(['RUN', 'COPY', 'ADD', 'WORKDIR', 'ENV', 'ARG', 'USER', 'EXPOSE', 'VOLUME']);

interface Occurrence { ins: SourceInstruction; value: string; start: number; end: number; }

function occurrences(src: DockerfileSource): Occurrence[] {
  const found: Occurrence[] = [];
  for (const ins of src.instructions) {
    if (SKIPPED.has(ins.keyword)) continue;
    const range = ins.node.getArgumentsRange();
    if (!range) continue;
    const start = src.offset(range.start.line, range.start.character);
    const endRange = ins.node.getRange().end;
    const end = src.offset(endRange.line, endRange.character);
    const text = src.text.slice(start, end);
    for (const m of text.matchAll(VERSION)) {
      found.push({ ins, value: m[0].replace(/^v/, ''), start: start + m.index!, end: start + m.index! + m[0].length });
    }
  }
  return found;
}

function definitions(src: DockerfileSource): { name: string; value: string; ins: SourceInstruction }[] {
  const defs: { name: string; value: string; ins: SourceInstruction }[] = [];
  for (const ins of src.instructions) {
    if (ins.keyword !== 'ENV' && ins.keyword !== 'ARG') continue;
    for (const p of (ins.node as Env | Arg).getProperties() as Property[]) {
      const value = p.getValue();
      if (value) defs.push({ name: p.getName(), value: value.replace(/^v/, ''), ins });
    }
  }
  return defs;
}

export function envVersion(src: DockerfileSource): LintFinding[] {
  const findings: LintFinding[] = [];
  const all = occurrences(src);
  const defs = definitions(src);
  const byValue = new Map<string, Occurrence[]>();
  for (const o of all) byValue.set(o.value, [...(byValue.get(o.value) ?? []), o]);

  for (const [value, list] of byValue) {
    const instructions = new Set(list.map((o) => o.ins));
    const def = defs.find((d) => d.value === value);
    for (const o of list) {
      const span = spanOfOffsets(src, o.start, o.end);
      if (def && def.ins !== o.ins) {
        // Only a definition already in scope (same stage, earlier line) can be referred to.
        const inScope = def.ins.stage === o.ins.stage && def.ins.line < o.ins.line;
        if (!inScope) continue;
        const canFix = EXPANDS.has(o.ins.keyword) && (o.ins.keyword !== 'RUN' || o.ins.shell !== null) && span.line === span.endLine;
        findings.push({
          rule: 'env-version',
          ...span,
          severity: 'info',
          message: {
            en: `${def.ins.keyword} ${def.name} already holds ${value}. Write \${${def.name}} here so the version is kept in one place.`,
            zh: `${def.ins.keyword} ${def.name} 已经保存了 ${value}。这里写 \${${def.name}}，版本号就只在一处维护。`,
          },
          fix: canFix
            ? {
                title: { en: `Use \${${def.name}}`, zh: `改用 \${${def.name}}` },
                edits: [{ line: span.line, endLine: span.line, text: spliceLine(src.lines[span.line - 1], span.startColumn, span.endColumn, `\${${def.name}}`) }],
              }
            : undefined,
        });
      } else if (!def && instructions.size > 1) {
        findings.push({
          rule: 'env-version',
          ...span,
          severity: 'info',
          message: {
            en: `${value} appears in ${instructions.size} instructions. Keep it once, e.g. ENV APP_VERSION=${value}, and write \${APP_VERSION} elsewhere: an upgrade then changes one line.`,
            zh: `${value} 出现在 ${instructions.size} 条指令里。把它只写一次，例如 ENV APP_VERSION=${value}，其他地方写 \${APP_VERSION}：升级时只需改一行。`,
          },
        });
      }
    }
  }
  return findings;
}
