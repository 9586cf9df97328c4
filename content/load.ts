// Reads lesson folders from disk (the only I/O around lib/lessons) and hands
// their texts to the pure parser. Server-side only.
import fs from 'node:fs';
import path from 'node:path';
import { collectionProblems, parseLesson } from '../lib/lessons/parse';
import type { LessonSource } from '../lib/lessons/parse';
import type { Lesson } from '../lib/lessons/schema';

export const LESSONS_DIR = path.join(process.cwd(), 'content', 'lessons');
const BINARY = /\.(tar|tgz|gz|zip|png|jpg)$/i;

function listFiles(root: string, rel = ''): string[] {
  return fs.readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(root, r) : [r];
  });
}

export function readLessonSource(dir: string, root = LESSONS_DIR): LessonSource {
  const abs = path.join(root, dir);
  const read = (name: string) => (fs.existsSync(path.join(abs, name)) ? fs.readFileSync(path.join(abs, name), 'utf8') : undefined);
  const assets: LessonSource['assets'] = {};
  for (const rel of listFiles(abs)) {
    if (['lesson.json', 'en.md', 'zh.md'].includes(rel)) continue;
    const bytes = fs.readFileSync(path.join(abs, rel));
    assets[rel] = BINARY.test(rel) ? { base64: bytes.toString('base64') } : bytes.toString('utf8');
  }
  return { dir, lessonJson: read('lesson.json') ?? '', md: { en: read('en.md'), zh: read('zh.md') }, assets };
}

export function lessonDirs(root = LESSONS_DIR): string[] {
  return fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

export interface LoadResult { lessons: Lesson[]; problems: { dir: string; problem: string }[] }

export function loadLessons(root = LESSONS_DIR): LoadResult {
  const lessons: Lesson[] = [];
  const problems: LoadResult['problems'] = [];
  for (const dir of lessonDirs(root)) {
    const r = parseLesson(readLessonSource(dir, root));
    problems.push(...r.problems.map((problem) => ({ dir, problem })));
    if (r.lesson) lessons.push(r.lesson);
  }
  problems.push(...collectionProblems(lessons).map((problem) => ({ dir: '(all lessons)', problem })));
  return { lessons: lessons.sort((a, b) => a.order - b.order), problems };
}

// Pages read lessons on every request in development; cache once in production.
let cached: Lesson[] | undefined;
export function getLessons(): Lesson[] {
  if (cached && process.env.NODE_ENV === 'production') return cached;
  const { lessons, problems } = loadLessons();
  if (problems.length) throw new Error(`Invalid lessons (run npx tsx scripts/lessons-check.ts):\n${problems.map((p) => `${p.dir}: ${p.problem}`).join('\n')}`);
  cached = lessons;
  return lessons;
}

export function getLesson(slug: string): Lesson | undefined {
  return getLessons().find((l) => l.slug === slug);
}
