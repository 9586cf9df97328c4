// LessonProgressStore on the browser's localStorage, and the anonymous
// learner id it is keyed by. Chosen in progress-store.ts.
import type { LessonProgress, LessonProgressStore } from '@/lib/lessons/progress';
import { parseProgress } from '@/lib/lessons/progress';

const LEARNER_KEY = 'layerlab-learner';
const progressKey = (learnerId: string) => `layerlab-progress:${learnerId}`;

export function learnerId(): string {
  let id = localStorage.getItem(LEARNER_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(LEARNER_KEY, id);
  }
  return id;
}

export const localProgressStore: LessonProgressStore = {
  async load(learner) {
    try {
      const raw = JSON.parse(localStorage.getItem(progressKey(learner)) ?? '{}') as Record<string, unknown>;
      return Object.fromEntries(Object.entries(raw).map(([slug, p]) => [slug, parseProgress(p)]));
    } catch {
      return {};
    }
  },
  async save(learner, slug, progress: LessonProgress) {
    const all = await this.load(learner);
    all[slug] = progress;
    localStorage.setItem(progressKey(learner), JSON.stringify(all));
  },
};
