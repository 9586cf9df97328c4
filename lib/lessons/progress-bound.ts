// What the server keeps of a lesson's progress: only names the lesson itself
// has (its checks, its steps), each once, so a stored record is a few hundred
// bytes whatever a client sends. Before, any list of strings up to the 64 KiB
// body cap was kept for any number of learner ids. Pure.
import type { Lesson } from './schema';
import { checkKey, type LessonProgress } from './progress';

const MAX_HINTS = 20;

export function progressWithin(lesson: Pick<Lesson, 'steps'>, p: LessonProgress): LessonProgress {
  const steps = new Set(lesson.steps.map((s) => s.id));
  const checks = new Set(lesson.steps.flatMap((s) => s.checks.map((c) => checkKey(s.id, c.id))));
  const only = (list: string[], known: Set<string>) => [...new Set(list.filter((x) => known.has(x)))];
  const hintsShown: Record<string, number> = {};
  for (const [step, n] of Object.entries(p.hintsShown)) if (steps.has(step)) hintsShown[step] = Math.min(MAX_HINTS, n);
  const updated = Date.parse(p.updatedAt);
  return {
    passed: only(p.passed, checks),
    read: only(p.read, steps),
    hintsShown,
    solutionsSeen: only(p.solutionsSeen, steps),
    ...(p.currentStep && steps.has(p.currentStep) ? { currentStep: p.currentStep } : {}),
    updatedAt: Number.isNaN(updated) ? new Date(0).toISOString() : new Date(updated).toISOString(),
  };
}
