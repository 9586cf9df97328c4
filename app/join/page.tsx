import type { Metadata } from 'next';
import { JoinForm } from '@/components/classroom/JoinForm';
import styles from '@/components/classroom/classroom.module.css';

export const metadata: Metadata = { title: 'Join a class' };

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const { code } = await searchParams;
  return (
    <main className={styles.page}>
      <div className={styles.narrow}>
        <h1>Join a class</h1>
        <p className={styles.lead}>Type the code your instructor shows and the name the class will see.</p>
        <JoinForm initialCode={typeof code === 'string' ? code : ''} />
      </div>
    </main>
  );
}
