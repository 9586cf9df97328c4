import type { Metadata } from 'next';
import { getLessons } from '@/content/load';
import { STARTER_DOCKERFILE } from '@/components/playground/starter';
import { CreateClassroomForm, type LessonOption } from '@/components/classroom/CreateClassroomForm';
import styles from '@/components/classroom/classroom.module.css';

export const metadata: Metadata = { title: 'Start a class' };
export const dynamic = 'force-dynamic';

function lessonOptions(): LessonOption[] {
  try {
    return getLessons().filter((l) => l.kind === 'hands-on').map((l) => ({ slug: l.slug, title: l.text.en.title, starterDockerfile: l.starter?.dockerfile ?? null }));
  } catch {
    return []; // a broken lesson must not stop anyone from starting a class
  }
}

export default function NewClassroomPage() {
  return (
    <main className={styles.page}>
      <div className={styles.narrow}>
        <h1>Start a class</h1>
        <p className={styles.lead}>Learners join with a code, work on real Docker builds, and you watch every build land on one dashboard.</p>
        <CreateClassroomForm lessons={lessonOptions()} defaultStarter={STARTER_DOCKERFILE} />
      </div>
    </main>
  );
}
