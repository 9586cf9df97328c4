'use client';
// The step the learner is on: the one that crosses the upper part of the
// window as they scroll, or the one whose "show in the playground" they
// pressed. Saved with the lesson's progress, so the page comes back to it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LessonProgress } from '@/lib/lessons/progress';
import { withCurrentStep } from '@/lib/lessons/progress';

export function useCurrentStep(
  stepIds: readonly string[],
  steps: React.RefObject<Map<string, HTMLElement>>,
  saved: { progress: LessonProgress; loaded: boolean },
  update: (change: (p: LessonProgress) => LessonProgress) => void,
) {
  const [current, setCurrent] = useState<string | null>(null);
  // Until the saved step is back on screen, scrolling says nothing.
  const restored = useRef(false);
  // A step the learner opened on purpose stays current while any of it is on
  // screen, even if its neighbour crosses the upper band.
  const pinned = useRef<string | null>(null);
  const choose = useCallback((id: string) => {
    setCurrent(id);
    update((p) => withCurrentStep(p, id, new Date()));
  }, [update]);
  const open = useCallback((id: string) => { pinned.current = id; choose(id); }, [choose]);

  useEffect(() => {
    if (!saved.loaded || restored.current) return;
    restored.current = true;
    const id = saved.progress.currentStep;
    if (id && stepIds.includes(id)) {
      pinned.current = id;
      setCurrent(id);
      if (!location.hash && id !== stepIds[0]) steps.current.get(id)?.scrollIntoView({ block: 'start' });
    }
  }, [saved.loaded, saved.progress.currentStep, stepIds, steps]);

  useEffect(() => {
    const io = new IntersectionObserver((entries) => {
      if (!restored.current) return;
      const hit = entries.filter((e) => e.isIntersecting).sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top)[0];
      const id = (hit?.target as HTMLElement | undefined)?.dataset.step;
      if (!id) return;
      const box = pinned.current ? steps.current.get(pinned.current)?.getBoundingClientRect() : undefined;
      if (box && box.bottom > 0 && box.top < window.innerHeight) return;
      pinned.current = null;
      choose(id);
    }, { rootMargin: '-15% 0px -70% 0px' });
    steps.current.forEach((el) => io.observe(el));
    return () => io.disconnect();
  }, [choose, steps, stepIds]);

  return { current, open };
}
