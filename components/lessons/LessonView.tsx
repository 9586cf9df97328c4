'use client';
// One lesson: its steps with explanation, concept diagram and tasks, beside
// the place where the playground mounts.
import { useEffect, useMemo, useRef } from 'react';
import { emptyContext } from '@/lib/checks/context';
import type { CheckContext } from '@/lib/checks/types';
import type { Locale } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import type { LessonPage } from '@/lib/lessons/present';
import { withRead } from '@/lib/lessons/progress';
import { useLessonCheckContext } from './check-context';
import { ConceptDiagram } from './diagrams/ConceptDiagram';
import styles from './lessons.module.css';
import { useLessonProgress } from './use-progress';
import { StepTasks } from './StepTasks';

export function LessonView({ page, locale }: { page: LessonPage; locale: Locale }) {
  const live = useLessonCheckContext();
  // Without a playground the learner's session is empty: every check shows
  // what is still missing.
  const ctx: CheckContext = useMemo(() => live ?? emptyContext('none', page.starter?.dockerfile), [live, page.starter?.dockerfile]);
  const { progress, update } = useLessonProgress(page.slug);

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

  return (
    <div className={styles.layout}>
      <article>
        {page.introHtml && <div className={`${styles.prose} ${styles.intro}`} dangerouslySetInnerHTML={{ __html: page.introHtml }} />}
        {page.steps.map((step, i) => (
          <section key={step.id} id={step.id} data-step={step.id} className={styles.step} aria-labelledby={`h-${step.id}`}
            ref={(el) => { if (el) refs.current.set(step.id, el); else refs.current.delete(step.id); }}>
            <div className={styles.stepHead}>
              <span className={styles.stepNo}>{t(locale, 'lessons.step', { n: i + 1 })}</span>
              <span className={styles.viewTag}>{t(locale, 'lessons.view', { view: t(locale, `lessons.view.${step.view}`) })}</span>
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
      <aside className={styles.playground} aria-label={t(locale, 'lessons.playground.title')}>
        <div className={styles.playgroundHead}>
          <span>{t(locale, 'lessons.playground.title')}</span>
          <span className={`${styles.badge} ${styles[`kind-${page.kind}`]}`}>{t(locale, `lessons.kind.${page.kind}`)}</span>
        </div>
        {/* PLAYGROUND MOUNT POINT: components/playground/ renders here with
            the starter Dockerfile and files, and wraps this page in
            <LessonCheckProvider> so the checks above run on the live session. */}
        <div className={styles.playgroundBody} data-playground-mount data-lesson={page.slug}>
          {page.kind === 'reading' ? <p>{t(locale, 'lessons.readingOnly')}</p> : page.starter?.dockerfile ? (
            <>
              <p style={{ margin: 0 }}>{t(locale, 'lessons.playground.pending')}</p>
              <pre data-testid="starter-dockerfile"><code>{page.starter.dockerfile}</code></pre>
              {page.starter.files.length > 0 && (
                <>
                  <div className={styles.dockerfileLabel}>{t(locale, 'lessons.starterFiles')}</div>
                  <ul className={styles.fileList}>{page.starter.files.map((f) => <li key={f}>{f}</li>)}</ul>
                </>
              )}
            </>
          ) : <p style={{ margin: 0 }}>{t(locale, 'lessons.playground.noStarter')}</p>}
        </div>
      </aside>
    </div>
  );
}

