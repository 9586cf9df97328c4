'use client';
// One lesson: its steps with explanation, concept diagram and tasks, beside
// the real playground (hands-on lessons). The playground reports what the
// engine did; the steps' checks read it; the step the learner is on brings
// its playground view forward.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { emptyContext } from '@/lib/checks/context';
import type { CheckContext } from '@/lib/checks/types';
import type { Locale } from '@/lib/i18n';
import { say, t } from '@/lib/i18n';
import type { LessonPage } from '@/lib/lessons/present';
import { withRead } from '@/lib/lessons/progress';
import { initialView, viewForStep, type ViewRequest } from '@/lib/lessons/playground-view';
import { Playground } from '@/components/playground/Playground';
import type { PlaygroundStarter } from '@/components/playground/usePlaygroundDoc';
import type { ContextLimits } from '@/components/playground/context-files';
import { useLessonCheckContext } from './check-context';
import { ConceptDiagram } from './diagrams/ConceptDiagram';
import styles from './lessons.module.css';
import { useLessonProgress } from './use-progress';
import { useLessonChecks } from './useLessonChecks';
import { useCurrentStep } from './useCurrentStep';
import { StepTasks } from './StepTasks';

export interface LessonPlaygroundSetup { sandboxUrl?: string; limits: ContextLimits; starter: PlaygroundStarter }

// Each lesson keeps its own playground document, apart from /play's.
export const lessonStorageKey = (slug: string) => `layerlab.lesson.${slug}.v1`;

export function LessonView({ page, locale, playground }: { page: LessonPage; locale: Locale; playground?: LessonPlaygroundSetup }) {
  const outer = useLessonCheckContext();
  const own = useLessonChecks(playground?.starter.dockerfile ?? page.starter?.dockerfile);
  // Without a playground the learner's session is empty: every check shows
  // what is still missing.
  const ctx: CheckContext = useMemo(
    () => outer ?? (playground ? own.ctx : emptyContext('none', page.starter?.dockerfile)),
    [outer, playground, own.ctx, page.starter?.dockerfile],
  );
  const { progress, loaded, update, refused } = useLessonProgress(page.slug);

  // Steps count as read once they have been on screen.
  const refs = useRef(new Map<string, HTMLElement>());
  useEffect(() => {
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) if (e.isIntersecting) {
        const id = (e.target as HTMLElement).dataset.step!;
        update((p) => withRead(p, id, new Date()));
      }
    }, { threshold: 0.5 });
    refs.current.forEach((el) => io.observe(el));
    return () => io.disconnect();
  }, [update]);

  // ---- the step the learner is on, and the view it brings forward ---------
  const stepIds = useMemo(() => page.steps.map((s) => s.id), [page.steps]);
  const { current, open } = useCurrentStep(stepIds, refs, { progress, loaded }, update);
  const [view, setView] = useState<(ViewRequest & { seq: number }) | undefined>(undefined);
  useEffect(() => {
    if (!loaded || view) return;
    setView({ ...initialView(page.steps, progress.currentStep), seq: 0 });
  }, [loaded, view, page.steps, progress.currentStep]);
  useEffect(() => {
    const v = current ? viewForStep(page.steps.find((s) => s.id === current)?.view ?? 'concept') : null;
    if (v) setView((old) => (old && old.view === v.view && old.union === v.union ? old : { ...v, seq: (old?.seq ?? 0) + 1 }));
  }, [current, page.steps]);
  const aside = useRef<HTMLElement>(null);
  const showInPlayground = useCallback((stepId: string) => {
    open(stepId);
    const v = viewForStep(page.steps.find((s) => s.id === stepId)?.view ?? 'concept');
    if (v) setView((old) => ({ ...v, seq: (old?.seq ?? 0) + 1 }));
    // Stacked (narrow) layout: the playground is below the text.
    const box = aside.current?.getBoundingClientRect();
    if (box && (box.top > window.innerHeight * 0.6 || box.bottom < 0)) aside.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [open, page.steps]);

  return (
    <div className={`${styles.layout} ${playground ? styles.layoutPlay : ''}`}>
      <article>
        {refused && <p className={styles.saveRefused} role="status">{say(locale, refused)}</p>}
        {page.introHtml && <div className={`${styles.prose} ${styles.intro}`} dangerouslySetInnerHTML={{ __html: page.introHtml }} />}
        {page.steps.map((step, i) => (
          <section key={step.id} id={step.id} data-step={step.id} data-current={current === step.id || undefined}
            className={`${styles.step} ${playground && current === step.id ? styles.stepCurrent : ''}`} aria-labelledby={`h-${step.id}`}
            ref={(el) => { if (el) refs.current.set(step.id, el); else refs.current.delete(step.id); }}>
            <div className={styles.stepHead}>
              <span className={styles.stepNo}>{t(locale, 'lessons.step', { n: i + 1 })}</span>
              {playground && step.view !== 'concept' && !step.later
                ? <button type="button" className={styles.viewButton} onClick={() => showInPlayground(step.id)}
                    title={t(locale, 'lessons.playground.showView')}>
                    {t(locale, 'lessons.view', { view: t(locale, `lessons.view.${step.view}`) })} →
                  </button>
                : <span className={styles.viewTag}>{t(locale, 'lessons.view', { view: t(locale, `lessons.view.${step.view}`) })}</span>}
              {step.later && <span className={`${styles.badge} ${styles.later}`}>{t(locale, 'lessons.later')}</span>}
              <h2 id={`h-${step.id}`}>{step.title}</h2>
            </div>
            {step.diagram && step.view === 'concept' && !step.later && (
              <div className={styles.diagram}><ConceptDiagram id={step.diagram} locale={locale} /></div>
            )}
            <div className={styles.prose} dangerouslySetInnerHTML={{ __html: step.bodyHtml }} />
            {step.checks.length > 0 && <StepTasks step={step} ctx={ctx} locale={locale} progress={progress} update={update} />}
          </section>
        ))}
      </article>
      <aside ref={aside} className={`${styles.playground} ${playground ? styles.playgroundLive : ''}`} aria-label={t(locale, 'lessons.playground.title')}>
        {playground ? (
          <div className={styles.playgroundMount} data-playground-mount data-lesson={page.slug}>
            <Playground
              layout="lesson"
              locale={locale}
              sandboxUrl={playground.sandboxUrl}
              limits={playground.limits}
              storageKey={lessonStorageKey(page.slug)}
              starter={playground.starter}
              view={view}
              onReport={own.report}
            />
          </div>
        ) : (
          <>
            <div className={styles.playgroundHead}>
              <span>{t(locale, 'lessons.playground.title')}</span>
              <span className={`${styles.badge} ${styles[`kind-${page.kind}`]}`}>{t(locale, `lessons.kind.${page.kind}`)}</span>
            </div>
            <div className={styles.playgroundBody} data-lesson={page.slug}>
              <p style={{ margin: 0 }}>{t(locale, 'lessons.readingOnly')}</p>
            </div>
          </>
        )}
      </aside>
    </div>
  );
}
