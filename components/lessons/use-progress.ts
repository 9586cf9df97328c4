'use client';
// React access to the learner's progress through the store interface.
import { useCallback, useEffect, useState } from 'react';
import type { LessonProgress, LessonProgressStore } from '@/lib/lessons/progress';
import { emptyProgress } from '@/lib/lessons/progress';
import { learnerId, localProgressStore } from './local-progress-store';

export function useAllProgress(store: LessonProgressStore = localProgressStore): Record<string, LessonProgress> | undefined {
  const [all, setAll] = useState<Record<string, LessonProgress>>();
  useEffect(() => {
    const reload = () => { void store.load(learnerId()).then(setAll); };
    reload();
    window.addEventListener('layerlab-progress', reload);
    window.addEventListener('storage', reload);
    return () => { window.removeEventListener('layerlab-progress', reload); window.removeEventListener('storage', reload); };
  }, [store]);
  return all;
}

export function useLessonProgress(slug: string, store: LessonProgressStore = localProgressStore) {
  const all = useAllProgress(store);
  const progress = all?.[slug] ?? emptyProgress();
  const update = useCallback((change: (p: LessonProgress) => LessonProgress) => {
    void store.load(learnerId()).then((loaded) => {
      const before = loaded[slug] ?? emptyProgress();
      const after = change(before);
      if (after !== before) void store.save(learnerId(), slug, after);
    });
  }, [slug, store]);
  return { progress, loaded: all !== undefined, update };
}
