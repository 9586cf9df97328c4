import type { Metadata } from 'next';
import { loadSettings } from '@/lib/settings';
import { LearnerClass } from '@/components/classroom/LearnerClass';

export const metadata: Metadata = { title: 'Class', robots: { index: false } };
// The sandbox URL comes from this server's environment at request time.
export const dynamic = 'force-dynamic';

export default async function LearnPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const s = loadSettings(process.env);
  return <LearnerClass classroomId={id} sandboxUrl={s.sandboxUrl || undefined} />;
}
