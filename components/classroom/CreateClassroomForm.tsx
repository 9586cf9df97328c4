'use client';
// Create a class with no account: a name, and either a lesson or a starter
// Dockerfile. The answer is a join code and the private instructor link.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { ClassroomEvents as E } from '@/lib/classroom/messages';
import { CLASS_NAME_MAX } from '@/lib/classroom/limits';
import { askLobby } from './classroom-socket';
import styles from './classroom.module.css';

export interface LessonOption { slug: string; title: string; starterDockerfile: string | null }

export function CreateClassroomForm({ lessons, defaultStarter }: { lessons: LessonOption[]; defaultStarter: string }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'starter' | 'lesson'>('starter');
  const [lesson, setLesson] = useState(lessons[0]?.slug ?? '');
  const [starter, setStarter] = useState(defaultStarter);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const chosen = lessons.find((l) => l.slug === lesson);
    const payload = mode === 'lesson' && chosen
      ? { name, lessonSlug: chosen.slug, starterDockerfile: chosen.starterDockerfile }
      : { name, starterDockerfile: starter };
    const r = await askLobby<{ classroomId: string; code: string; secret: string }>(E.create, payload);
    if (!r.ok) { setError(r.error.message); setBusy(false); return; }
    router.push(`/classroom/${r.classroomId}/teach#${r.secret}`);
  }

  return (
    <form className={`${styles.card} ${styles.form}`} onSubmit={submit}>
      <label className={styles.field}>
        <span>Class name</span>
        <input className={styles.input} name="name" required maxLength={CLASS_NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Docker basics, Tuesday group" />
      </label>
      <fieldset className={styles.field}>
        <legend>What learners start with</legend>
        <label className={styles.check}><input type="radio" name="mode" checked={mode === 'starter'} onChange={() => setMode('starter')} /> A starter Dockerfile in the playground</label>
        <label className={styles.check}><input type="radio" name="mode" checked={mode === 'lesson'} disabled={lessons.length === 0} onChange={() => setMode('lesson')} /> A lesson</label>
      </fieldset>
      {mode === 'lesson' ? (
        <label className={styles.field}>
          <span>Lesson</span>
          <select className={styles.input} value={lesson} onChange={(e) => setLesson(e.target.value)}>
            {lessons.map((l) => <option key={l.slug} value={l.slug}>{l.title}</option>)}
          </select>
        </label>
      ) : (
        <label className={styles.field}>
          <span>Starter Dockerfile</span>
          <textarea className={styles.textarea} rows={9} spellCheck={false} value={starter} onChange={(e) => setStarter(e.target.value)} />
        </label>
      )}
      {error && <p className={styles.alert} role="alert">{error}</p>}
      <div className={styles.controls}>
        <button type="submit" className="button primary" disabled={busy || !name.trim()}>{busy ? 'Creating…' : 'Create class'}</button>
      </div>
      <p className={styles.dim}>No account needed. You get a join code for learners and a private link to your dashboard: keep that link, it is the only way back.</p>
    </form>
  );
}
