'use client';
// Create a class with no account: a name, and either a lesson or a starter
// Dockerfile. The answer is a join code and the private instructor link.
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { ClassroomEvents as E } from '@/lib/classroom/messages';
import { CLASS_NAME_MAX } from '@/lib/classroom/limits';
import { translator, type Locale } from '@/lib/i18n';
import { askLobby } from './classroom-socket';
import styles from './classroom.module.css';

export interface LessonOption { slug: string; title: string; starterDockerfile: string | null }

export function CreateClassroomForm({ lessons, defaultStarter, locale }: { lessons: LessonOption[]; defaultStarter: string; locale: Locale }) {
  const tr = translator(locale);
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
    const r = await askLobby<{ classroomId: string; code: string; secret: string }>(E.create, payload, locale);
    if (!r.ok) { setError(r.error.message); setBusy(false); return; }
    router.push(`/classroom/${r.classroomId}/teach#${r.secret}`);
  }

  return (
    <form className={`${styles.card} ${styles.form}`} onSubmit={submit}>
      <label className={styles.field}>
        <span>{tr('classroom.create.name')}</span>
        <input className={styles.input} name="name" required maxLength={CLASS_NAME_MAX} value={name} onChange={(e) => setName(e.target.value)} placeholder={tr('classroom.create.namePlaceholder')} />
      </label>
      <fieldset className={styles.field}>
        <legend>{tr('classroom.create.startWith')}</legend>
        <label className={styles.check}><input type="radio" name="mode" checked={mode === 'starter'} onChange={() => setMode('starter')} /> {tr('classroom.create.modeStarter')}</label>
        <label className={styles.check}><input type="radio" name="mode" checked={mode === 'lesson'} disabled={lessons.length === 0} onChange={() => setMode('lesson')} /> {tr('classroom.create.modeLesson')}</label>
      </fieldset>
      {mode === 'lesson' ? (
        <label className={styles.field}>
          <span>{tr('classroom.create.lesson')}</span>
          <select className={styles.input} value={lesson} onChange={(e) => setLesson(e.target.value)}>
            {lessons.map((l) => <option key={l.slug} value={l.slug}>{l.title}</option>)}
          </select>
        </label>
      ) : (
        <label className={styles.field}>
          <span>{tr('classroom.starter')}</span>
          <textarea className={styles.textarea} rows={9} spellCheck={false} value={starter} onChange={(e) => setStarter(e.target.value)} />
        </label>
      )}
      {error && <p className={styles.alert} role="alert">{error}</p>}
      <div className={styles.controls}>
        <button type="submit" className="button primary" disabled={busy || !name.trim()}>{busy ? tr('classroom.create.creating') : tr('classroom.create.submit')}</button>
      </div>
      <p className={styles.dim}>{tr('classroom.create.note')}</p>
    </form>
  );
}
