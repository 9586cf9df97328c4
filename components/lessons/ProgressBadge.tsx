'use client';
// The learner's status for one lesson, from the progress store.
import type { Locale } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import type { Step } from '@/lib/lessons/schema';
import { lessonStatus } from '@/lib/lessons/progress';
import styles from './lessons.module.css';
import { useAllProgress } from './use-progress';

export function ProgressBadge({ slug, steps, reading, locale }: { slug: string; steps: Step[]; reading: boolean; locale: Locale }) {
  const all = useAllProgress();
  if (!all) return <span className={styles.badge} aria-hidden="true" style={{ visibility: 'hidden' }}>·</span>;
  const { status, done, total } = lessonStatus({ steps }, all[slug]);
  const label = status === 'in-progress'
    ? t(locale, 'lessons.progress.in-progress', { done, total })
    : status === 'done' ? t(locale, reading ? 'lessons.progress.read' : 'lessons.progress.done') : t(locale, 'lessons.progress.not-started');
  return (
    <span className={`${styles.badge} ${styles[`status-${status}`]}`} data-progress={status}>
      {status === 'done' ? '✓ ' : ''}{label}
    </span>
  );
}
