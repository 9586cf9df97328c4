// Lesson progress in the database, one row per learner and lesson. The
// whole LessonProgress is kept as JSON in `data`; `passed`, `step` and
// `completed` are kept beside it for the queries a dashboard would make.
import type { Db } from '@/prisma/client';
import { parseProgress, type LessonProgress } from '@/lib/lessons/progress';

export interface ProgressStore {
  load(learnerId: string): Promise<Record<string, LessonProgress>>;
  save(learnerId: string, slug: string, progress: LessonProgress, completed: boolean): Promise<void>;
  /** Which records exist: of this lesson, and of this learner at all. */
  known(learnerId: string, slug: string): Promise<{ record: boolean; learner: boolean }>;
  count(): Promise<number>;
}

export function createProgressStore(db: Db): ProgressStore {
  return {
    async load(learnerId) {
      const rows = await db.lessonProgress.findMany({ where: { learnerId } });
      return Object.fromEntries(rows.map((r) => [r.lessonSlug, parseProgress(JSON.parse(r.data))]));
    },
    async save(learnerId, lessonSlug, progress, completed) {
      const fields = { data: JSON.stringify(progress), passed: JSON.stringify(progress.passed), completed, step: 0 };
      await db.lessonProgress.upsert({
        where: { learnerId_lessonSlug: { learnerId, lessonSlug } },
        create: { learnerId, lessonSlug, ...fields },
        update: fields,
      });
    },
    async known(learnerId, lessonSlug) {
      const rows = await db.lessonProgress.findMany({ where: { learnerId }, select: { lessonSlug: true } });
      return { record: rows.some((r: { lessonSlug: string }) => r.lessonSlug === lessonSlug), learner: rows.length > 0 };
    },
    count: () => db.lessonProgress.count(),
  };
}
