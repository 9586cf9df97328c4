// ADD does two things COPY does not: it unpacks local tar archives and it
// downloads URLs. The lessons keep ADD for the first; the sandbox refuses the
// second, because the engine would fetch the URL outside its network policy.
import type { Argument } from 'dockerfile-ast';
import type { LintFinding } from './types';
import type { DockerfileSource } from './source';
import { spanOfRange, spliceLine } from './ranges';
import { interpretationOf } from './rule-interpretation';

const URL_SOURCE = /^(?:https?|ftp):\/\/|^git@/i;
const TAR_ARCHIVE = /\.(?:tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst)$/i;
// A bare .gz/.bz2/.xz may well be a tarball: the engine looks at the content, not the name.
const MAYBE_ARCHIVE = /\.(?:gz|bz2|xz|zst)$/i;
const COPY_COMPATIBLE_FLAGS = new Set(['chown']);

function sourcesOf(node: DockerfileSource['instructions'][number]['node']): { value: string; arg: Argument }[] {
  const json = (node as unknown as { getOpeningBracket(): unknown; getJSONStrings(): { getValue(): string; getRange: Argument['getRange'] }[] });
  const args: { value: string; arg: Argument }[] = json.getOpeningBracket()
    ? json.getJSONStrings().map((s) => ({ value: s.getValue().replace(/^"|"$/g, ''), arg: s as unknown as Argument }))
    : node.getArguments().map((a) => ({ value: a.getValue(), arg: a }));
  return args.slice(0, -1); // the last one is the destination
}

const ADD_URL = {
  en: 'The sandbox refuses ADD from a URL: the engine would download it outside the sandbox\'s network rules. Fetch it in a RUN step with curl or wget instead.',
  zh: '沙箱不允许 ADD 一个网址：引擎会绕过沙箱的网络规则去下载它。请改为在 RUN 步骤里用 curl 或 wget 下载。',
};

export function addRules(src: DockerfileSource): LintFinding[] {
  const findings: LintFinding[] = [];
  const remoteLines = new Set(interpretationOf(src).addSources.filter((s) => s.remote && !s.onbuild).map((s) => s.line));
  for (const ins of src.instructions) {
    if (ins.keyword !== 'ADD') continue;
    const sources = sourcesOf(ins.node);
    if (!sources.length) continue;
    const urls = sources.filter((s) => URL_SOURCE.test(s.value));
    for (const url of urls) findings.push({ rule: 'add-url', ...spanOfRange(url.arg.getRange()), severity: 'error', message: ADD_URL });
    // Spellings only the engine's reading shows to be a download ("http"://…,
    // h\ttp://…, a variable holding a URL): the whole instruction is marked.
    if (!urls.length && remoteLines.has(ins.line)) {
      findings.push({ rule: 'add-url', line: ins.line, endLine: ins.endLine, severity: 'error', message: ADD_URL });
    }
    if (urls.length || remoteLines.has(ins.line)) continue;
    const unknown = sources.some((s) => s.value.includes('$') || MAYBE_ARCHIVE.test(s.value));
    if (unknown || sources.some((s) => TAR_ARCHIVE.test(s.value))) continue;

    const flags = (ins.node as unknown as { getFlags(): { getName(): string }[] }).getFlags();
    const keyword = spanOfRange(ins.node.getInstructionRange());
    const fix = flags.every((f) => COPY_COMPATIBLE_FLAGS.has(f.getName().toLowerCase()))
      ? {
          title: { en: 'Use COPY instead of ADD', zh: '把 ADD 改成 COPY' },
          edits: [{ line: keyword.line, endLine: keyword.line, text: spliceLine(src.lines[keyword.line - 1], keyword.startColumn, keyword.endColumn, 'COPY') }],
        }
      : undefined;
    findings.push({
      rule: 'add-not-archive',
      ...keyword,
      severity: 'warning',
      message: {
        en: 'Nothing here is a tar archive to unpack, so ADD only copies. COPY does the same and says exactly that; keep ADD for extracting a local archive.',
        zh: '这里没有需要解开的 tar 压缩包，ADD 只是在复制。COPY 做同样的事，而且意思更明确；ADD 留给解压本地压缩包的场合。',
      },
      fix,
    });
  }
  return findings;
}
