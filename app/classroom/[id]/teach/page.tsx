import type { Metadata } from 'next';
import { Dashboard } from '@/components/classroom/Dashboard';
import { requestLocale } from '@/app/request-locale';
import { t } from '@/lib/i18n';
import { getLessons } from '@/content/load';
import { loadSettings } from '@/lib/settings';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'classroom.teach.metaTitle'), referrer: 'no-referrer', robots: { index: false } };
}

// The sandbox URL comes from this server's environment at request time.
export const dynamic = 'force-dynamic';

export default async function TeachPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const locale = await requestLocale();
  // The class names its lesson by slug; the instructor reads its title.
  const lessonTitles = Object.fromEntries(getLessons().map((l) => [l.slug, l.text[locale].title]));
  return <Dashboard classroomId={id} locale={locale} lessonTitles={lessonTitles} sandboxUrl={loadSettings(process.env).sandboxUrl || undefined} />;
}
