'use client';
// The projector view: full screen, large type, only what the instructor put
// in the spotlight; with nothing there, the join code for latecomers.
import { useEffect, useState } from 'react';
import { formatJoinCode } from '@/lib/classroom/join-code';
import { translator, type Locale } from '@/lib/i18n';
import { LocaleProvider } from '@/components/playground/locale-context';
import { useInstructorSocket } from './useInstructorSocket';
import { useHashSecret } from './useHashSecret';
import { SpotlightContent } from './SpotlightView';
import { rich } from './rich';
import styles from './classroom.module.css';

export function Projector({ classroomId, locale }: { classroomId: string; locale: Locale }) {
  return <LocaleProvider value={locale}><ProjectorBody classroomId={classroomId} locale={locale} /></LocaleProvider>;
}

function ProjectorBody({ classroomId, locale }: { classroomId: string; locale: Locale }) {
  const tr = translator(locale);
  const { secret, ready } = useHashSecret();
  const { roster, status, spotlight } = useInstructorSocket(classroomId, ready ? secret : null, locale);
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.host), []);

  if (status === 'refused') return <main className={styles.projector}><p className={styles.big}>{tr('classroom.spot.refused')}</p></main>;
  if (!roster) return <main className={styles.projector}><p className={styles.big}>{tr('classroom.status.connecting')}</p></main>;
  const c = roster.classroom;
  const joinUrl = <strong>{origin}/join</strong>;
  return (
    <main className={styles.projector} data-testid="projector">
      <header className={styles.projHead}>
        <span className={styles.projClass}>{c.name}</span>
        <span>{rich(tr('classroom.spot.join'), { url: joinUrl, code: <strong className={styles.codeInline}>{formatJoinCode(c.code)}</strong> })}</span>
        {status !== 'online' && <span className={`${styles.chip} ${styles.warn}`}>{tr('classroom.status.reconnecting')}</span>}
      </header>
      {spotlight ? <SpotlightContent view={spotlight} /> : (
        <div className={styles.projEmpty}>
          <p className={styles.projLead}>{rich(tr('classroom.spot.joinAt'), { url: joinUrl })}</p>
          <p className={styles.hugeCode} aria-label={tr('classroom.joinCodeAria', { code: c.code.split('').join(' ') })}>{formatJoinCode(c.code)}</p>
          <p className={styles.dim}>{tr('classroom.spot.joined', { joined: roster.members.length, size: c.classSize })}</p>
        </div>
      )}
    </main>
  );
}
