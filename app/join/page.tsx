import type { Metadata } from 'next';
import { JoinForm } from '@/components/classroom/JoinForm';
import styles from '@/components/classroom/classroom.module.css';
import { requestLocale } from '@/app/request-locale';
import { t } from '@/lib/i18n';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'classroom.join.title') };
}

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  const locale = await requestLocale();
  return (
    <main className={styles.page}>
      <div className={styles.narrow}>
        <h1>{t(locale, 'classroom.join.title')}</h1>
        <p className={styles.lead}>{t(locale, 'classroom.join.lead')}</p>
        <JoinForm initialCode={typeof code === 'string' ? code : ''} locale={locale} />
      </div>
    </main>
  );
}
