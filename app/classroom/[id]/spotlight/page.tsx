import type { Metadata } from 'next';
import { Projector } from '@/components/classroom/Projector';

export const metadata: Metadata = { title: 'Spotlight', referrer: 'no-referrer', robots: { index: false } };

export default async function SpotlightPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Projector classroomId={id} />;
}
