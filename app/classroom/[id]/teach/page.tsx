import type { Metadata } from 'next';
import { Dashboard } from '@/components/classroom/Dashboard';

export const metadata: Metadata = { title: 'Class dashboard', referrer: 'no-referrer', robots: { index: false } };

export default async function TeachPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Dashboard classroomId={id} />;
}
