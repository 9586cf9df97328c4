import type { Metadata } from 'next';
import Link from 'next/link';
import { getLessons } from '@/content/load';
import { t } from '@/lib/i18n';
import { renderInline } from '@/lib/lessons/markdown';
import { ProgressBadge } from '@/components/lessons/ProgressBadge';
import styles from '@/components/lessons/lessons.module.css';
import { requestLocale } from '@/app/request-locale';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'lessons.title') };
}

export default async function LessonsIndex() {
  const locale = await requestLocale();
  const lessons = getLessons();
  return (
    <main className={styles.page} lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <header className={styles.hero}>
        <h1>{t(locale, 'lessons.title')}</h1>
        <p>{t(locale, 'lessons.lead')}</p>
      </header>
      <ol className={styles.grid}>
        {lessons.map((l) => {
          const text = l.text[locale];
          const checks = l.steps.reduce((n, s) => n + s.checks.length, 0);
          return (
            <li key={l.slug}>
              <Link href={`/lessons/${l.slug}`} className={styles.card} data-lesson={l.slug}>
                <div className={styles.cardHead}>
                  <span className={styles.number}>{l.order}</span>
                  <h2>{text.title}</h2>
                </div>
                <p dangerouslySetInnerHTML={{ __html: renderInline(text.summary) }} />
                <div className={styles.meta}>
                  <span className={`${styles.badge} ${styles[`kind-${l.kind}`]}`}>{t(locale, `lessons.kind.${l.kind}`)}</span>
                  <span>{t(locale, 'lessons.steps', { n: l.steps.length })}</span>
                  {checks > 0 && <span>{t(locale, 'lessons.tasks', { n: checks })}</span>}
                  <span style={{ marginLeft: 'auto' }}>
                    <ProgressBadge slug={l.slug} steps={l.steps} reading={checks === 0} locale={locale} />
                  </span>
                </div>
              </Link>
            </li>
          );
        })}
      </ol>
    </main>
  );
}
