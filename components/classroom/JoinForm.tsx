'use client';
// A learner joins with the code on the board and a display name. A class
// this browser already joined is offered again, so no one joins twice.
import { useEffect, useState } from 'react';
import { useRouter } from 'next/navigation';
import { ClassroomEvents as E } from '@/lib/classroom/messages';
import { NAME_MAX } from '@/lib/classroom/limits';
import { formatJoinCode, normalizeJoinCode } from '@/lib/classroom/join-code';
import { translator, type Locale } from '@/lib/i18n';
import { askLobby } from './classroom-socket';
import { listMemberships, saveMembership, type SavedMembership } from './class-storage';
import { rich } from './rich';
import styles from './classroom.module.css';

export function JoinForm({ initialCode, locale }: { initialCode: string; locale: Locale }) {
  const tr = translator(locale);
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [previous, setPrevious] = useState<SavedMembership[]>([]);
  useEffect(() => setPrevious(listMemberships()), []);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const normalized = normalizeJoinCode(code);
    if (!normalized) { setError(tr('classroom.invalid.codeFormat')); return; }
    const again = previous.find((p) => p.code === normalized);
    if (again) { router.push(`/classroom/${again.classroomId}/learn`); return; }
    setBusy(true);
    const r = await askLobby<{ classroomId: string; memberId: string; token: string }>(E.join, { code: normalized, displayName: name }, locale);
    if (!r.ok) { setError(r.error.message); setBusy(false); return; }
    saveMembership({ classroomId: r.classroomId, memberId: r.memberId, token: r.token, displayName: name.trim(), code: normalized, dockerfile: null, starterAnswered: 0, session: null, lastBuild: null, layers: [] });
    router.push(`/classroom/${r.classroomId}/learn`);
  }

  return (
    <div className={styles.narrow}>
      <form className={`${styles.card} ${styles.form}`} onSubmit={submit}>
        <label className={styles.field}>
          <span>{tr('classroom.join.code')}</span>
          <input className={`${styles.input} ${styles.codeInput}`} name="code" required autoComplete="off" autoCapitalize="characters" spellCheck={false}
            value={code} onChange={(e) => setCode(e.target.value)} placeholder="ABC 234" aria-describedby="code-help" />
          <small id="code-help" className={styles.dim}>{tr('classroom.join.codeHelp')}</small>
        </label>
        <label className={styles.field}>
          <span>{tr('classroom.join.name')}</span>
          <input className={styles.input} name="displayName" required maxLength={NAME_MAX} autoComplete="nickname" value={name} onChange={(e) => setName(e.target.value)} placeholder={tr('classroom.join.namePlaceholder')} />
        </label>
        {error && <p className={styles.alert} role="alert">{error}</p>}
        <div className={styles.controls}>
          <button type="submit" className="button primary" disabled={busy || !code.trim() || !name.trim()}>{busy ? tr('classroom.join.joining') : tr('classroom.join.submit')}</button>
        </div>
      </form>
      {previous.length > 0 && (
        <section className={styles.card}>
          <h2>{tr('classroom.join.previous')}</h2>
          <ul className={styles.plainList}>
            {previous.map((p) => (
              <li key={p.classroomId}><a href={`/classroom/${p.classroomId}/learn`}>
                {rich(tr('classroom.join.continue', { code: formatJoinCode(p.code) }), { name: <span className={styles.name}>{p.displayName}</span> })}
              </a></li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
