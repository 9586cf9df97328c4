import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLesson, getLessons } from '@/content/load';
import { t } from '@/lib/i18n';
import { presentLesson } from '@/lib/lessons/present';
import { lessonStarter } from '@/lib/lessons/starter';
import { loadSettings } from '@/lib/settings';
import { LessonView } from '@/components/lessons/LessonView';
import { ProgressBadge } from '@/components/lessons/ProgressBadge';
import styles from '@/components/lessons/lessons.module.css';
import { requestLocale } from '@/app/request-locale';
import { preloadEditor } from '@/app/editor-preload';

type Params = { params: Promise<{ slug: string }> };

export function generateStaticParams() {
  return getLessons().map((l) => ({ slug: l.slug }));
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const lesson = getLesson((await params).slug);
  return lesson ? { title: lesson.text[await requestLocale()].title } : {};
}

export default async function LessonPage({ params }: Params) {
  const { slug } = await params;
  const lesson = getLesson(slug);
  if (!lesson) notFound();
  const locale = await requestLocale();
  const page = presentLesson(lesson, locale);
  const all = getLessons();
  const prev = all.find((l) => l.order === lesson.order - 1);
  const next = all.find((l) => l.order === lesson.order + 1);
  const checks = lesson.steps.reduce((n, s) => n + s.checks.length, 0);
  // Read per request (the page reads the locale cookie, so it is rendered
  // per request): the sandbox URL belongs to this server's environment.
  const s = loadSettings(process.env);
  const playground = lesson.kind === 'hands-on'
    ? { sandboxUrl: s.sandboxUrl || undefined, limits: { maxFiles: s.contextMaxFiles, maxBytes: s.contextMaxBytes }, starter: lessonStarter(lesson) }
    : undefined;
  if (playground) preloadEditor('lessons/[slug]');
  return (
    <main className={`${styles.page} ${playground ? styles.pageWide : ''}`} lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <div className={styles.topbar}>
        <Link href="/lessons" className={styles.crumb}>← {t(locale, 'lessons.back')}</Link>
      </div>
      <header className={styles.lessonHead}>
        <div className={styles.meta}>
          <span className={styles.stepNo}>{t(locale, 'lessons.lesson', { n: lesson.order })}</span>
          <span className={`${styles.badge} ${styles[`kind-${lesson.kind}`]}`}>{t(locale, `lessons.kind.${lesson.kind}`)}</span>
          <ProgressBadge slug={lesson.slug} steps={lesson.steps} reading={checks === 0} locale={locale} />
        </div>
        <h1>{page.title}</h1>
        <p dangerouslySetInnerHTML={{ __html: page.summaryHtml }} />
      </header>
      <LessonView page={page} locale={locale} playground={playground} />
      <nav className={styles.pager} aria-label={t(locale, 'lessons.title')}>
        {prev && <Link href={`/lessons/${prev.slug}`}><small>← {t(locale, 'lessons.previous')}</small>{prev.text[locale].title}</Link>}
        {next && <Link href={`/lessons/${next.slug}`} className={styles.pagerNext}><small>{t(locale, 'lessons.next')} →</small>{next.text[locale].title}</Link>}
      </nav>
    </main>
  );
}
