import type { Metadata } from 'next';
import { loadSettings } from '@/lib/settings';
import { LearnerClass } from '@/components/classroom/LearnerClass';
import { getLessons } from '@/content/load';
import { lessonOutline } from '@/lib/classroom/lesson-progress';
import { preloadEditor } from '@/app/editor-preload';
import { requestLocale } from '@/app/request-locale';
import { t } from '@/lib/i18n';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'classroom.learn.metaTitle'), robots: { index: false } };
}
// The sandbox URL comes from this server's environment at request time.
export const dynamic = 'force-dynamic';

export default async function LearnPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const s = loadSettings(process.env);
  preloadEditor('classroom/[id]/learn');
  // Every lesson's outline (a few KB): which one the class follows is only
  // known once the learner's socket has the class.
  return <LearnerClass classroomId={id} sandboxUrl={s.sandboxUrl || undefined} lessons={getLessons().map(lessonOutline)} locale={await requestLocale()} />;
}
