'use client';
// A step's task: checks with live status, hints on request, the solution
// behind a disclosure. Check results come from the playground's context.
import { useEffect, useMemo } from 'react';
import { runCheck } from '@/lib/checks/catalog';
import type { CheckContext, CheckResult } from '@/lib/checks/types';
import type { Locale } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import type { LessonProgress } from '@/lib/lessons/progress';
import { checkKey, withHint, withPassed, withSolutionSeen } from '@/lib/lessons/progress';
import type { StepView } from '@/lib/lessons/present';
import styles from './lessons.module.css';

// Check messages are plain text with `code` in backticks.
function withCode(text: string) {
  return text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part));
}

interface Props {
  step: StepView;
  ctx: CheckContext;
  locale: Locale;
  progress: LessonProgress;
  update: (change: (p: LessonProgress) => LessonProgress) => void;
}

export function StepTasks({ step, ctx, locale, progress, update }: Props) {
  const results = useMemo(() => new Map<string, CheckResult>(step.checks.map((c) => {
    try { return [c.id, runCheck(c, ctx)]; } catch (e) { return [c.id, { passed: false, missing: { en: String(e), zh: String(e) } }]; }
  })), [step.checks, ctx]);

  const nowPassing = step.checks.filter((c) => results.get(c.id)?.passed).map((c) => checkKey(step.id, c.id));
  const passingKey = nowPassing.join(',');
  useEffect(() => {
    if (passingKey) update((p) => withPassed(p, passingKey.split(','), new Date()));
  }, [passingKey, update]);

  const hintsShown = Math.min(progress.hintsShown[step.id] ?? 0, step.hintsHtml.length);
  return (
    <div className={styles.task}>
      <p className={styles.taskTitle}>{t(locale, 'lessons.task')}</p>
      {step.taskHtml && <p className={styles.taskText} dangerouslySetInnerHTML={{ __html: step.taskHtml }} />}
      <ul className={styles.checks} aria-label={t(locale, 'lessons.checks')}>
        {step.checks.map((c) => {
          const passed = progress.passed.includes(checkKey(step.id, c.id)) || results.get(c.id)?.passed === true;
          const missing = results.get(c.id)?.missing?.[locale];
          return (
            <li key={c.id} className={`${styles.check} ${passed ? styles.checkPassed : styles.checkPending}`} data-check={c.id} data-passed={passed}>
              <span className={styles.checkIcon} aria-hidden="true">{passed ? '✓' : ''}</span>
              <span>
                <span className={styles.checkLabel} dangerouslySetInnerHTML={{ __html: c.labelHtml }} />
                <span className="visually-hidden" style={{ position: 'absolute', left: -9999 }}>
                  {passed ? t(locale, 'lessons.check.passed') : t(locale, 'lessons.check.pending')}
                </span>
                {/* The sandbox now offers every capability a check needs (registry, host kernel); the note is for checks with nothing to say yet. */}
                {!passed && missing && <span className={styles.checkMissing}>{withCode(missing)}</span>}
                {!passed && !missing && c.requires && <span className={styles.checkMissing}>{t(locale, `lessons.check.needsCapability.${c.requires}`)}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      {hintsShown > 0 && (
        <ol className={styles.hints}>
          {step.hintsHtml.slice(0, hintsShown).map((h, i) => (
            <li key={i} className={styles.hint}><strong>{t(locale, 'lessons.hint.label', { n: i + 1 })}</strong><span dangerouslySetInnerHTML={{ __html: h }} /></li>
          ))}
        </ol>
      )}
      <div className={styles.actions}>
        {hintsShown < step.hintsHtml.length && (
          <button type="button" className={`button ${styles.small}`} onClick={() => update((p) => withHint(p, step.id, hintsShown + 1, new Date()))}>
            {t(locale, hintsShown === 0 ? 'lessons.hint.show' : 'lessons.hint.more')}
          </button>
        )}
      </div>
      {(step.solutionHtml || step.solutionCli.length > 0) && (
        <details className={styles.solution} onToggle={(e) => { if ((e.target as HTMLDetailsElement).open) update((p) => withSolutionSeen(p, step.id, new Date())); }}>
          <summary>{t(locale, 'lessons.solution.show')}</summary>
          <div className={styles.solutionBody}>
            {step.solutionHtml && <p dangerouslySetInnerHTML={{ __html: step.solutionHtml }} />}
            {step.solutionDockerfiles.map((d) => (
              <div key={d.tag}>
                <div className={styles.dockerfileLabel}>Dockerfile → {d.tag}</div>
                <pre className={styles.cli}>{d.text}</pre>
              </div>
            ))}
            <div className={styles.dockerfileLabel}>{t(locale, 'lessons.solution.actions')}</div>
            <pre className={styles.cli}>{step.solutionCli.map((line, i) => <span key={i}><span className={styles.prompt}>$ </span>{line}{'\n'}</span>)}</pre>
          </div>
        </details>
      )}
    </div>
  );
}
