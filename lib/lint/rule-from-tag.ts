// FROM without a tag means `:latest`, which moves whenever a new release is
// pushed. The quick fix only adds a tag when there is exactly one candidate,
// from the sandbox's base images or another FROM in the same file (`latest`
// is no candidate: writing it pins nothing).
import type { From } from 'dockerfile-ast';
import type { LintFinding, LintOptions } from './types';
import type { DockerfileSource } from './source';
import { spanOfRange, spliceLine } from './ranges';

function splitReference(ref: string): { name: string; tag: string | null } {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return colon > slash ? { name: ref.slice(0, colon), tag: ref.slice(colon + 1) } : { name: ref, tag: null };
}

export function fromTag(src: DockerfileSource, options: LintOptions): LintFinding[] {
  const findings: LintFinding[] = [];
  const froms = src.instructions.filter((i) => i.keyword === 'FROM').map((i) => i.node as From);
  const stageNames = new Set<string>();
  for (const from of froms) {
    const image = from.getImage();
    const nameRange = from.getImageNameRange();
    const ref = image ? splitReference(image.replace(/@.*$/, '')) : null;
    const skip = !image || !nameRange || image.includes('$') || from.getImageDigest() !== null
      || from.getImageTag() !== null || image.toLowerCase() === 'scratch' || stageNames.has(image.toLowerCase());
    const stage = from.getBuildStage();
    if (stage) stageNames.add(stage.toLowerCase());
    if (skip || !ref) continue;

    const candidates = new Set<string>();
    for (const known of options.knownImages ?? []) {
      const k = splitReference(known);
      if (k.name === ref.name && k.tag && k.tag !== 'latest') candidates.add(k.tag);
    }
    for (const other of froms) {
      const o = other.getImage();
      const tag = other.getImageTag();
      if (o && tag && tag !== 'latest' && splitReference(o).name === ref.name) candidates.add(tag);
    }
    const span = spanOfRange(nameRange);
    const only = candidates.size === 1 ? [...candidates][0] : null;
    const example = candidates.size ? `${ref.name}:${[...candidates][0]}` : 'debian:bookworm-slim';
    findings.push({
      rule: 'from-tag',
      ...span,
      severity: 'warning',
      message: {
        en: `No tag: ${ref.name} means ${ref.name}:latest, which points at a new image whenever one is released, so the same Dockerfile can build differently tomorrow. Name the version you want, for example ${example}.`,
        zh: `没有写标签：${ref.name} 等于 ${ref.name}:latest，它会随新版本发布而指向新的镜像，同一个 Dockerfile 明天可能构建出不同的结果。请写明想要的版本，例如 ${example}。`,
      },
      fix: only
        ? {
            title: { en: `Pin to ${ref.name}:${only}`, zh: `固定为 ${ref.name}:${only}` },
            edits: [{ line: span.endLine, endLine: span.endLine, text: spliceLine(src.lines[span.endLine - 1], span.endColumn, span.endColumn, `:${only}`) }],
          }
        : undefined,
    });
  }
  return findings;
}
