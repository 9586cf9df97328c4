// What a class shows of a learner's lesson: the step they have open and how
// many of the lesson's checks have passed, from the progress the lesson page
// keeps (lib/lessons/progress.ts). Checks of steps marked "later" cannot run
// and are not counted, as on the lesson index. Pure.
import type { Lesson } from '../lessons/schema';
import { checkKey, type LessonProgress } from '../lessons/progress';
import type { Progress } from './messages';

export interface LessonOutline { slug: string; steps: { id: string; checks: string[]; later?: boolean }[] }

export function lessonOutline(lesson: Pick<Lesson, 'slug' | 'steps'>): LessonOutline {
  return { slug: lesson.slug, steps: lesson.steps.map((s) => ({ id: s.id, checks: s.checks.map((c) => c.id), ...(s.later ? { later: true } : {}) })) };
}

export function classProgress(outline: LessonOutline | undefined, p: LessonProgress | undefined): Progress | undefined {
  if (!outline || outline.steps.length === 0) return undefined;
  const out: Progress = {};
  const open = p?.currentStep ? outline.steps.findIndex((s) => s.id === p.currentStep) : -1;
  if (open >= 0) { out.step = open + 1; out.stepsTotal = outline.steps.length; }
  const keys = outline.steps.filter((s) => !s.later).flatMap((s) => s.checks.map((c) => checkKey(s.id, c)));
  if (keys.length) { out.checksPassed = keys.filter((k) => p?.passed.includes(k)).length; out.checksTotal = keys.length; }
  return out;
}
