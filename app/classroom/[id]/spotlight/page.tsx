import type { Metadata } from 'next';
import { Projector } from '@/components/classroom/Projector';
import { requestLocale } from '@/app/request-locale';
import { t } from '@/lib/i18n';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'classroom.spot.title'), referrer: 'no-referrer', robots: { index: false } };
}

export default async function SpotlightPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Projector classroomId={id} locale={await requestLocale()} />;
}
