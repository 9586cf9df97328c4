'use client';
// React access to the learner's progress through the store interface. The
// store is whatever progress-store.ts chooses; tests and embeds may pass one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LessonProgress, LessonProgressStore } from '@/lib/lessons/progress';
import { emptyProgress } from '@/lib/lessons/progress';
import { learnerId } from './local-progress-store';
import { progressStore } from './progress-store';
import { PROGRESS_REFUSED, type ProgressRefusal } from './server-progress-store';
import { limitPhrase } from '@/lib/rate-limits/messages';
import type { Phrase } from '@/lib/i18n';

// Every component showing progress (the lesson's checks, the badges) reloads
// when any of them saved, whatever the store is.
const CHANGED = 'layerlab-progress';

export function useAllProgress(store: LessonProgressStore = progressStore): Record<string, LessonProgress> | undefined {
  const [all, setAll] = useState<Record<string, LessonProgress>>();
  useEffect(() => {
    let alive = true;
    const reload = () => { void store.load(learnerId()).then((a) => { if (alive) setAll(a); }, () => undefined); };
    reload();
    window.addEventListener(CHANGED, reload);
    window.addEventListener('storage', reload);
    return () => { alive = false; window.removeEventListener(CHANGED, reload); window.removeEventListener('storage', reload); };
  }, [store]);
  return all;
}

export function useLessonProgress(slug: string, store: LessonProgressStore = progressStore) {
  const all = useAllProgress(store);
  const progress = all?.[slug] ?? emptyProgress();
  // Changes run one after another: a store behind the network answers
  // later, and two quick changes must not both start from the same state.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const update = useCallback((change: (p: LessonProgress) => LessonProgress) => {
    queue.current = queue.current.then(async () => {
      const loaded = await store.load(learnerId());
      const before = loaded[slug] ?? emptyProgress();
      const after = change(before);
      if (after === before) return;
      await store.save(learnerId(), slug, after);
      window.dispatchEvent(new CustomEvent(CHANGED, { detail: { slug } }));
    }).catch(() => undefined);
  }, [slug, store]);
  return { progress, loaded: all !== undefined, update, refused: useProgressRefusal() };
}

// The last refusal of a save, until a later save goes through or its wait is over.
function useProgressRefusal(): Phrase | null {
  const [refused, setRefused] = useState<Phrase | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onRefused = (e: Event) => {
      const { limit, retryAfter } = (e as CustomEvent<ProgressRefusal>).detail ?? {};
      setRefused(limitPhrase(limit, retryAfter));
      clearTimeout(timer);
      if (retryAfter) timer = setTimeout(() => setRefused(null), retryAfter * 1000);
    };
    window.addEventListener(PROGRESS_REFUSED, onRefused);
    return () => { clearTimeout(timer); window.removeEventListener(PROGRESS_REFUSED, onRefused); };
  }, []);
  return refused;
}
