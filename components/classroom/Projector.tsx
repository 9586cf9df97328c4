'use client';
// The projector view: full screen, large type, only what the instructor put
// in the spotlight; with nothing there, the join code for latecomers.
import { useEffect, useState } from 'react';
import { formatJoinCode } from '@/lib/classroom/join-code';
import { useInstructorSocket } from './useInstructorSocket';
import { useHashSecret } from './useHashSecret';
import { SpotlightContent } from './SpotlightView';
import styles from './classroom.module.css';

export function Projector({ classroomId }: { classroomId: string }) {
  const { secret, ready } = useHashSecret();
  const { roster, status, spotlight } = useInstructorSocket(classroomId, ready ? secret : null);
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.host), []);

  if (status === 'refused') return <main className={styles.projector}><p className={styles.big}>This link does not open a class.</p></main>;
  if (!roster) return <main className={styles.projector}><p className={styles.big}>Connecting…</p></main>;
  const c = roster.classroom;
  return (
    <main className={styles.projector} data-testid="projector">
      <header className={styles.projHead}>
        <span className={styles.projClass}>{c.name}</span>
        <span>Join: <strong>{origin}/join</strong> · <strong className={styles.codeInline}>{formatJoinCode(c.code)}</strong></span>
        {status !== 'online' && <span className={`${styles.chip} ${styles.warn}`}>Reconnecting…</span>}
      </header>
      {spotlight ? <SpotlightContent view={spotlight} /> : (
        <div className={styles.projEmpty}>
          <p className={styles.projLead}>Join at <strong>{origin}/join</strong></p>
          <p className={styles.hugeCode} aria-label={`Join code ${c.code.split('').join(' ')}`}>{formatJoinCode(c.code)}</p>
          <p className={styles.dim}>{roster.members.length} of {c.classSize} joined</p>
        </div>
      )}
    </main>
  );
}
