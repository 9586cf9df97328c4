import type { Metadata } from 'next';
import { getLessons } from '@/content/load';
import { STARTER_DOCKERFILE } from '@/components/playground/starter';
import { CreateClassroomForm, type LessonOption } from '@/components/classroom/CreateClassroomForm';
import styles from '@/components/classroom/classroom.module.css';
import { requestLocale } from '@/app/request-locale';
import { t, type Locale } from '@/lib/i18n';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'classroom.create.title') };
}
export const dynamic = 'force-dynamic';

function lessonOptions(locale: Locale): LessonOption[] {
  try {
    return getLessons().filter((l) => l.kind === 'hands-on').map((l) => ({ slug: l.slug, title: l.text[locale].title, starterDockerfile: l.starter?.dockerfile ?? null }));
  } catch {
    return []; // a broken lesson must not stop anyone from starting a class
  }
}

export default async function NewClassroomPage() {
  const locale = await requestLocale();
  return (
    <main className={styles.page}>
      <div className={styles.narrow}>
        <h1>{t(locale, 'classroom.create.title')}</h1>
        <p className={styles.lead}>{t(locale, 'classroom.create.lead')}</p>
        <CreateClassroomForm lessons={lessonOptions(locale)} defaultStarter={STARTER_DOCKERFILE} locale={locale} />
      </div>
    </main>
  );
}
