// Builds the markdown shown when hovering an instruction or one of its flags.
import { instructionDoc } from './instructions';
import { flagDocsFor } from './flags';
import { pick, type Locale } from './text';

const layerNote = {
  filesystem: { en: 'Adds a layer with files.', zh: '会新增一个含文件的层。' },
  metadata: { en: 'Changes only the image\'s settings: its layer is empty (0 B).', zh: '只修改镜像配置：对应的层是空的（0 B）。' },
  base: { en: 'The base layers come from this image.', zh: '底层来自这个镜像。' },
} as const;

const tipLabel = { en: 'Tip:', zh: '建议：' };
const exampleLabel = { en: 'Example', zh: '示例' };

/** Hover sections, shown by the editor one under the other. */
export function instructionHoverSections(keyword: string, locale: Locale = 'en'): string[] | null {
  const doc = instructionDoc(keyword);
  if (!doc) return null;
  const sections = [`**${doc.keyword}** · ${pick(layerNote[doc.layer], locale)}\n\n${pick(doc.summary, locale)}`];
  if (doc.tip) sections.push(`**${pick(tipLabel, locale)}** ${pick(doc.tip, locale)}`);
  sections.push(`${pick(exampleLabel, locale)}\n\n\`\`\`dockerfile\n${doc.example}\n\`\`\``);
  return sections;
}

export function instructionHoverMarkdown(keyword: string, locale: Locale = 'en'): string | null {
  return instructionHoverSections(keyword, locale)?.join('\n\n') ?? null;
}

export function flagHoverMarkdown(keyword: string, flag: string, locale: Locale = 'en'): string | null {
  const doc = flagDocsFor(keyword).find((f) => f.name === flag.toLowerCase());
  if (!doc) return null;
  return `\`${doc.instruction} --${doc.name}=${doc.valueHint}\` — ${pick(doc.summary, locale)}`;
}
