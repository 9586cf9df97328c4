// A learner's progress through the lessons. The store is an interface: the
// browser keeps it in localStorage for now; the lead's database layer will
// implement the same interface (keyed by the anonymous learner id).
import type { Lesson } from './schema';

export interface LessonProgress {
  passed: string[];                  // "stepId/checkId" of checks that have passed once
  read: string[];                    // step ids the learner has opened (reading lessons)
  hintsShown: Record<string, number>; // step id → hints revealed
  solutionsSeen: string[];           // step ids whose solution was opened
  currentStep?: string;              // the step the learner last opened: the page comes back to it
  updatedAt: string;
}

export interface LessonProgressStore {
  load(learnerId: string): Promise<Record<string, LessonProgress>>;   // by lesson slug
  save(learnerId: string, slug: string, progress: LessonProgress): Promise<void>;
}

export function emptyProgress(): LessonProgress {
  return { passed: [], read: [], hintsShown: {}, solutionsSeen: [], updatedAt: new Date(0).toISOString() };
}

export const checkKey = (stepId: string, checkId: string) => `${stepId}/${checkId}`;

// Passed checks stay passed: a later change of the world (the container was
// removed, say) does not take an achievement away.
export function withPassed(p: LessonProgress, keys: string[], now: Date): LessonProgress {
  const add = keys.filter((k) => !p.passed.includes(k));
  return add.length ? { ...p, passed: [...p.passed, ...add], updatedAt: now.toISOString() } : p;
}

export function withRead(p: LessonProgress, stepId: string, now: Date): LessonProgress {
  return p.read.includes(stepId) ? p : { ...p, read: [...p.read, stepId], updatedAt: now.toISOString() };
}

export function withHint(p: LessonProgress, stepId: string, count: number, now: Date): LessonProgress {
  return { ...p, hintsShown: { ...p.hintsShown, [stepId]: Math.max(count, p.hintsShown[stepId] ?? 0) }, updatedAt: now.toISOString() };
}

export function withCurrentStep(p: LessonProgress, stepId: string, now: Date): LessonProgress {
  return p.currentStep === stepId ? p : { ...p, currentStep: stepId, updatedAt: now.toISOString() };
}

export function withSolutionSeen(p: LessonProgress, stepId: string, now: Date): LessonProgress {
  return p.solutionsSeen.includes(stepId) ? p : { ...p, solutionsSeen: [...p.solutionsSeen, stepId], updatedAt: now.toISOString() };
}

export type LessonStatus = 'not-started' | 'in-progress' | 'done';

// What the index shows. Checks that cannot run yet (later steps) do not count.
export function lessonStatus(lesson: Pick<Lesson, 'steps'>, p: LessonProgress | undefined): { status: LessonStatus; done: number; total: number } {
  const checkable = lesson.steps.filter((s) => !s.later);
  const keys = checkable.flatMap((s) => s.checks.map((c) => checkKey(s.id, c.id)));
  if (keys.length === 0) {
    // A reading lesson is done when every step was read.
    const total = checkable.length;
    const done = checkable.filter((s) => p?.read.includes(s.id)).length;
    return { status: done === 0 ? 'not-started' : done === total ? 'done' : 'in-progress', done, total };
  }
  const done = keys.filter((k) => p?.passed.includes(k)).length;
  return { status: done === 0 ? 'not-started' : done === keys.length ? 'done' : 'in-progress', done, total: keys.length };
}

// Stored data comes back from outside; keep only well-formed fields.
export function parseProgress(raw: unknown): LessonProgress {
  const base = emptyProgress();
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const hints: Record<string, number> = {};
  if (r.hintsShown && typeof r.hintsShown === 'object') {
    for (const [k, v] of Object.entries(r.hintsShown)) if (typeof v === 'number' && v >= 0) hints[k] = Math.floor(v);
  }
  return {
    passed: strings(r.passed), read: strings(r.read), hintsShown: hints, solutionsSeen: strings(r.solutionsSeen),
    ...(typeof r.currentStep === 'string' ? { currentStep: r.currentStep } : {}),
    updatedAt: typeof r.updatedAt === 'string' ? r.updatedAt : base.updatedAt,
  };
}
