import type { Metadata } from 'next';
import { Dashboard } from '@/components/classroom/Dashboard';
import { requestLocale } from '@/app/request-locale';
import { t } from '@/lib/i18n';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'classroom.teach.metaTitle'), referrer: 'no-referrer', robots: { index: false } };
}

export default async function TeachPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Dashboard classroomId={id} locale={await requestLocale()} />;
}
