// Turns one language file (en.md / zh.md) into LessonText. The frontmatter
// holds the short strings; the body is split at "## Title {#step-id}".
import matter from 'gray-matter';
import { LessonText } from './schema';

const SECTION = /^##\s+(.+?)\s*\{#([a-z][a-z0-9-]*)\}\s*$/;

export function parseLessonText(source: string): { text?: LessonText; problems: string[] } {
  const problems: string[] = [];
  let data: unknown, content: string;
  try {
    ({ data, content } = matter(source));
  } catch (e) {
    // js-yaml's message already names the line and column.
    return { problems: [`frontmatter: ${(e as Error).message.split('\n')[0]}`] };
  }
  const fm = data as { title?: unknown; summary?: unknown; steps?: Record<string, Record<string, unknown>> };
  const sections = new Map<string, { title: string; lines: string[] }>();
  const intro: string[] = [];
  let current: { title: string; lines: string[] } | undefined;
  for (const line of content.split('\n')) {
    const m = SECTION.exec(line);
    if (m) {
      if (sections.has(m[2])) problems.push(`step "${m[2]}" has two sections`);
      current = { title: m[1], lines: [] };
      sections.set(m[2], current);
    } else if (/^##\s/.test(line)) {
      problems.push(`heading "${line.trim()}" has no {#step-id}`);
    } else (current ? current.lines : intro).push(line);
  }
  const stepMeta = fm.steps ?? {};
  for (const id of Object.keys(stepMeta)) if (!sections.has(id)) problems.push(`frontmatter has step "${id}" but the body has no "## … {#${id}}" section`);
  const steps: Record<string, unknown> = {};
  for (const [id, s] of sections) steps[id] = { ...(stepMeta[id] ?? {}), title: s.title, body: s.lines.join('\n').trim() };
  const parsed = LessonText.safeParse({ title: fm.title, summary: fm.summary, intro: intro.join('\n').trim(), steps });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { problems };
  }
  return { text: parsed.data, problems };
}
