// LessonProgressStore behind the web's /api/progress, keyed by the same
// anonymous learner id. localStorage stays as the offline copy: a save that
// cannot reach the server is not lost, and the next load merges both.
import type { LessonProgress, LessonProgressStore } from '@/lib/lessons/progress';
import { localProgressStore } from './local-progress-store';
import { parseRetryAfter } from '@/lib/rate-limits/messages';

// A save the server refused by a limit (429, or 507 when it stores no more):
// the page says so in the learner's language (use-progress.ts).
export const PROGRESS_REFUSED = 'layerlab-progress-refused';
export interface ProgressRefusal { limit?: string; retryAfter?: number }

// Of two records of one lesson, the newer wins.
function newer(a: LessonProgress | undefined, b: LessonProgress | undefined): LessonProgress | undefined {
  if (!a) return b;
  if (!b) return a;
  return a.updatedAt >= b.updatedAt ? a : b;
}

export const serverProgressStore: LessonProgressStore = {
  async load(learner) {
    const local = await localProgressStore.load(learner);
    try {
      const res = await fetch(`/api/progress/${encodeURIComponent(learner)}`, { cache: 'no-store' });
      if (!res.ok) return local;
      const remote = (await res.json()) as Record<string, LessonProgress>;
      const slugs = new Set([...Object.keys(local), ...Object.keys(remote)]);
      return Object.fromEntries([...slugs].map((s) => [s, newer(remote[s], local[s])!]));
    } catch {
      return local;
    }
  },
  async save(learner, slug, progress) {
    await localProgressStore.save(learner, slug, progress);
    const res = await fetch(`/api/progress/${encodeURIComponent(learner)}`, {
      method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ slug, progress }),
    }).catch(() => undefined);
    if (res && (res.status === 429 || res.status === 507)) {
      const body = await res.json().catch(() => null) as { error?: { limit?: string; retryAfterSeconds?: number } } | null;
      const detail: ProgressRefusal = { limit: body?.error?.limit, retryAfter: parseRetryAfter(res.headers.get('retry-after')) ?? body?.error?.retryAfterSeconds };
      window.dispatchEvent(new CustomEvent(PROGRESS_REFUSED, { detail }));
    }
  },
};
