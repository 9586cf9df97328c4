// Builds a Lesson from the texts of its folder and reports every problem with
// the place it is in. Pure: the caller reads the files (content/load.ts).
import { validate as validateDockerfile } from 'dockerfile-utils';
import { checkCatalog } from '../checks/catalog';
import type { Action, Lesson, LessonText, Locale } from './schema';
import { LessonJson, LOCALES } from './schema';
import { parseLessonText } from './text';

export interface LessonSource {
  dir: string;                        // e.g. "04-images-and-containers"
  lessonJson: string;
  md: Partial<Record<Locale, string>>;
  // Other files of the folder, for "@path" references: text, or base64 for binaries.
  assets: Record<string, string | { base64: string }>;
}

export const DIR_PATTERN = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/;

// "@starter/Dockerfile" in lesson.json stands for that file's content.
function resolveRefs(value: unknown, assets: LessonSource['assets'], problems: string[], where: string): unknown {
  if (typeof value === 'string' && value.startsWith('@')) {
    const hit = assets[value.slice(1)];
    if (hit === undefined) problems.push(`${where}: file "${value.slice(1)}" not found in the lesson folder`);
    return hit ?? '';
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveRefs(v, assets, problems, `${where}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, assets, problems, `${where}.${k}`)]));
  }
  return value;
}

function dockerfileProblems(text: string, where: string): string[] {
  const errors = validateDockerfile(text).filter((d) => d.severity === 1);
  const out = errors.map((d) => `${where}: line ${d.range.start.line + 1}: ${d.message}`);
  if (!/^\s*(#.*\n|\s*\n)*\s*(ARG|FROM)\b/i.test(text)) out.push(`${where}: does not start with FROM`);
  return out;
}

// Steps replay in order, so a container created in one step can be used later.
function actionProblems(actions: Action[], where: string, known: Set<string>): string[] {
  const out: string[] = [];
  actions.forEach((a, i) => {
    const at = `${where}[${i}] (${a.do})`;
    if (a.do === 'create') known.add(a.as);
    else if ('container' in a && !known.has(a.container)) out.push(`${at}: container "${a.container}" is not created before this action`);
    if (a.do === 'build') out.push(...dockerfileProblems(a.dockerfile, `${at} dockerfile`));
  });
  return out;
}

function textProblems(lesson: LessonJson, text: LessonText, locale: Locale): string[] {
  const out: string[] = [];
  const where = `${locale}.md`;
  const ids = new Set(lesson.steps.map((s) => s.id));
  for (const id of Object.keys(text.steps)) if (!ids.has(id)) out.push(`${where}: section {#${id}} is not a step of lesson.json`);
  for (const step of lesson.steps) {
    const t = text.steps[step.id];
    if (!t) { out.push(`${where}: step "${step.id}" has no "## … {#${step.id}}" section`); continue; }
    if (step.checks.length && !t.task) out.push(`${where}: step "${step.id}" has checks but no task text`);
    for (const c of step.checks) if (!t.checks[c.id]) out.push(`${where}: step "${step.id}" has no label for check "${c.id}"`);
    for (const id of Object.keys(t.checks)) if (!step.checks.some((c) => c.id === id)) out.push(`${where}: step "${step.id}" labels unknown check "${id}"`);
    if (step.solution.length && !t.solution) out.push(`${where}: step "${step.id}" has solution actions but no solution text`);
  }
  return out;
}

export function parseLesson(src: LessonSource): { lesson?: Lesson; problems: string[] } {
  const problems: string[] = [];
  const dir = DIR_PATTERN.exec(src.dir);
  if (!dir) problems.push(`folder name "${src.dir}" must look like 01-some-slug`);

  let raw: unknown;
  try { raw = JSON.parse(src.lessonJson); } catch (e) { return { problems: [...problems, `lesson.json: ${(e as Error).message}`] }; }
  raw = resolveRefs(raw, src.assets, problems, 'lesson.json');
  const parsed = LessonJson.safeParse(raw);
  if (!parsed.success) {
    return { problems: [...problems, ...parsed.error.issues.map((i) => `lesson.json: ${i.path.join('.')}: ${i.message}`)] };
  }
  const json = parsed.data;

  const stepIds = new Set<string>();
  const aliases = new Set<string>();
  for (const step of json.steps) {
    if (stepIds.has(step.id)) problems.push(`lesson.json: step id "${step.id}" is used twice`);
    stepIds.add(step.id);
    if (step.view === 'concept' && !step.diagram && !json.diagram) problems.push(`lesson.json: step "${step.id}" is a concept step without a diagram`);
    const checkIds = new Set<string>();
    for (const c of step.checks) {
      const at = `lesson.json: step "${step.id}" check "${c.id}"`;
      if (checkIds.has(c.id)) problems.push(`${at}: id used twice in the step`);
      checkIds.add(c.id);
      const def = checkCatalog[c.type];
      if (!def) { problems.push(`${at}: unknown check type "${c.type}" (known: ${Object.keys(checkCatalog).join(', ')})`); continue; }
      const p = def.params.safeParse(c.params);
      if (!p.success) problems.push(...p.error.issues.map((i) => `${at}: params.${i.path.join('.')}: ${i.message}`));
      for (const key of ['pattern', 'argsPattern']) {
        const v = c.params[key];
        if (typeof v !== 'string') continue;
        try { new RegExp(v); } catch { problems.push(`${at}: params.${key} "${v}" is not a valid regular expression`); }
      }
    }
    if (step.later && (step.checks.length || step.solution.length)) problems.push(`lesson.json: step "${step.id}" is marked later but has checks or a solution`);
    if (json.kind === 'hands-on' && step.checks.length && !step.solution.length) problems.push(`lesson.json: step "${step.id}" has checks but no solution`);
    if (json.kind !== 'hands-on' && step.checks.length) problems.push(`lesson.json: step "${step.id}" has checks in a ${json.kind} lesson`);
    problems.push(...actionProblems(step.solution, `lesson.json: step "${step.id}" solution`, aliases));
  }
  if (json.kind === 'hands-on' && !json.steps.some((s) => s.checks.length)) problems.push('lesson.json: a hands-on lesson needs at least one checked step');
  if (json.starter?.dockerfile !== undefined) problems.push(...dockerfileProblems(json.starter.dockerfile, 'starter Dockerfile'));

  const text = {} as Record<Locale, LessonText>;
  for (const locale of LOCALES) {
    const source = src.md[locale];
    if (source === undefined) { problems.push(`${locale}.md is missing`); continue; }
    const r = parseLessonText(source);
    problems.push(...r.problems.map((p) => `${locale}.md: ${p}`));
    if (r.text) { text[locale] = r.text; problems.push(...textProblems(json, r.text, locale)); }
  }
  if (text.en && text.zh) {
    for (const step of json.steps) {
      const en = text.en.steps[step.id], zh = text.zh.steps[step.id];
      if (en && zh && en.hints.length !== zh.hints.length) problems.push(`step "${step.id}": en.md has ${en.hints.length} hints, zh.md has ${zh.hints.length}`);
    }
  }
  if (problems.length || !dir) return { problems };
  return { lesson: { ...json, slug: dir[2], order: Number(dir[1]), text }, problems };
}

// Problems across lessons: numbers in sequence, slugs unique.
export function collectionProblems(lessons: Lesson[]): string[] {
  const out: string[] = [];
  const sorted = [...lessons].sort((a, b) => a.order - b.order);
  sorted.forEach((l, i) => { if (l.order !== i + 1) out.push(`lesson "${l.slug}" is number ${l.order}; expected ${i + 1} (numbers run 01, 02, … without gaps)`); });
  const slugs = new Set<string>();
  for (const l of lessons) { if (slugs.has(l.slug)) out.push(`slug "${l.slug}" is used twice`); slugs.add(l.slug); }
  return out;
}
