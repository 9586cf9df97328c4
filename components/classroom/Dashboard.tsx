'use client';
// The instructor's dashboard: join code, live roster, follow, spotlight,
// broadcast, starter push, lock and end.
import { useEffect, useMemo, useState } from 'react';
import { ClassroomEvents as E } from '@/lib/classroom/messages';
import { formatJoinCode } from '@/lib/classroom/join-code';
import { MESSAGE_MAX } from '@/lib/classroom/limits';
import { classSummary, dashboardRows } from '@/lib/classroom/dashboard-rows';
import { useInstructorSocket } from './useInstructorSocket';
import { useHashSecret } from './useHashSecret';
import { RosterTable } from './RosterTable';
import { DockerfileView } from './DockerfileView';
import { LayerBlocks } from './LayerBlocks';
import { MessageList } from './MessageList';
import styles from './classroom.module.css';

function useNow(ms: number) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => { const t = setInterval(() => setNow(new Date()), ms); return () => clearInterval(t); }, [ms]);
  return now;
}

export function Dashboard({ classroomId }: { classroomId: string }) {
  const { secret, ready } = useHashSecret();
  const { roster, status, spotlight, followed, follow, send } = useInstructorSocket(classroomId, ready ? secret : null);
  const now = useNow(15_000);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [starter, setStarter] = useState<string | null>(null);
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);

  const rows = useMemo(() => (roster ? dashboardRows(roster, now) : []), [roster, now]);
  const run = (what: () => Promise<unknown>, done?: string) => async () => {
    setError(null);
    try { await what(); if (done) setNote(done); } catch (e) { setError(e instanceof Error ? e.message : String(e)); }
  };

  if (!ready || (status === 'connecting' && !roster)) return <main className={styles.page}><p className={styles.dim}>Opening the class…</p></main>;
  if (status === 'refused') {
    return (
      <main className={styles.page}>
        <section className={styles.card}>
          <h1>This link does not open a class</h1>
          <p>The instructor link is the whole address, including the part after <code>#</code>. Ask the person who created the class for it, or <a href="/classroom">create a class of your own</a>.</p>
        </section>
      </main>
    );
  }
  if (!roster) return <main className={styles.page}><p className={styles.dim}>Opening the class…</p></main>;

  const c = roster.classroom;
  const sum = classSummary(roster);
  const ended = c.endedAt !== null;
  const spotlightId = roster.spotlight?.kind === 'member' ? roster.spotlight.memberId : null;
  const teachLink = `${origin}/classroom/${c.id}/teach#${secret}`;
  const projectorHref = `/classroom/${c.id}/spotlight#${secret}`;

  return (
    <main className={styles.page}>
      <header className={styles.classHead}>
        <div>
          <p className={styles.kicker}>Classroom{ended ? ' · ended' : ''}</p>
          <h1 className={styles.className}>{c.name}</h1>
          {c.lessonSlug && <p className={styles.dim}>Lesson: <a href={`/lessons/${c.lessonSlug}`}>{c.lessonSlug}</a></p>}
        </div>
        <div className={styles.joinBox}>
          <span>Join at <strong>{origin.replace(/^https?:\/\//, '')}/join</strong> with code</span>
          <span className={styles.code} data-testid="join-code" aria-label={`Join code ${c.code.split('').join(' ')}`}>{formatJoinCode(c.code)}</span>
        </div>
      </header>

      <div className={styles.summary} role="status" aria-live="polite">
        <span className={`${styles.chip} ${status === 'online' ? styles.ok : styles.warn}`}>{status === 'online' ? 'Live' : 'Reconnecting…'}</span>
        <span className={styles.chip}>{sum.joined}/{sum.cap} joined</span>
        <span className={styles.chip}>{sum.online} online</span>
        <span className={`${styles.chip} ${styles.ok}`}>{sum.built} built OK</span>
        <span className={`${styles.chip} ${sum.failing ? styles.danger : ''}`}>{sum.failing} failing</span>
        {c.locked && <span className={`${styles.chip} ${styles.warn}`}>Editing locked</span>}
      </div>
      {error && <p className={styles.alert} role="alert">{error}</p>}
      {note && !error && <p className={styles.notice} role="status">{note}</p>}

      <div className={styles.teachGrid}>
        <section className={styles.card} aria-labelledby="roster-h">
          <h2 id="roster-h">Learners</h2>
          <RosterTable rows={rows} followingId={followed?.memberId ?? null} spotlightId={spotlightId}
            onFollow={(id) => void run(() => follow(followed?.memberId === id ? null : id))()}
            onSpotlight={(id) => void run(() => send(E.spotlight, spotlightId === id ? { target: null } : { target: { kind: 'member', memberId: id }, toLearners: roster.spotlight?.toLearners ?? false }), spotlightId === id ? 'Spotlight cleared.' : 'In the spotlight: open the projector view to show it.')()} />
        </section>

        <aside className={styles.side}>
          {followed && (
            <section className={styles.card} aria-label={`Following ${followed.displayName}`} data-testid="follow-panel">
              <div className={styles.cardHead}>
                <h2>Following <span className={styles.name}>{followed.displayName}</span></h2>
                <button type="button" className="button" onClick={() => void run(() => follow(null))()}>Stop</button>
              </div>
              {followed.lastBuild && !followed.lastBuild.ok && (
                <p className={styles.alert}>Build failed{followed.lastBuild.line ? ` at line ${followed.lastBuild.line}` : ''}: {followed.lastBuild.message}</p>
              )}
              <DockerfileView text={followed.dockerfile} errorLine={followed.lastBuild && !followed.lastBuild.ok ? followed.lastBuild.line : undefined} label={`${followed.displayName}'s Dockerfile`} />
              <h3>Last image</h3>
              <LayerBlocks layers={followed.layers} title={`${followed.displayName}'s layers`} />
            </section>
          )}

          <section className={styles.card} aria-labelledby="bc-h">
            <h2 id="bc-h">Broadcast</h2>
            <form className={styles.row} onSubmit={(e) => { e.preventDefault(); void run(async () => { await send(E.broadcast, { text: message }); setMessage(''); }, 'Message sent to everyone.')(); }}>
              <input className={styles.input} aria-label="Message to everyone" maxLength={MESSAGE_MAX} value={message} placeholder="e.g. Now change line 3 and build again" onChange={(e) => setMessage(e.target.value)} disabled={ended} />
              <button type="submit" className="button primary" disabled={ended || !message.trim()}>Send</button>
            </form>
            <MessageList messages={roster.messages} />
          </section>

          <section className={styles.card} aria-labelledby="ctl-h">
            <h2 id="ctl-h">Class</h2>
            <div className={styles.controls}>
              <a className="button" href={projectorHref} target="_blank" rel="noopener">Open projector view</a>
              <button type="button" className="button" disabled={ended} onClick={run(() => send(E.lock, { locked: !c.locked }), c.locked ? 'Editing unlocked.' : 'Editing locked for everyone.')}>
                {c.locked ? 'Unlock editing' : 'Lock editing'}
              </button>
              {roster.spotlight && (
                <>
                  <label className={styles.check}>
                    <input type="checkbox" checked={roster.spotlight.toLearners} disabled={ended}
                      onChange={(e) => void run(() => send(E.spotlight, {
                        target: roster.spotlight!.kind === 'member' ? { kind: 'member', memberId: roster.spotlight!.memberId } : { kind: 'instructor', dockerfile: roster.spotlight!.dockerfile },
                        toLearners: e.target.checked,
                      }))()} />
                    Show the spotlight on learners&apos; screens
                  </label>
                  <button type="button" className="button" onClick={run(() => send(E.spotlight, { target: null }), 'Spotlight cleared.')}>Clear spotlight</button>
                </>
              )}
              <button type="button" className="button danger" disabled={ended}
                onClick={() => { if (confirm('End the class? Learners can no longer build here; the roster is kept.')) void run(() => send(E.end, {}), 'The class has ended. The roster stays here.')(); }}>
                End class
              </button>
            </div>
            {spotlight?.kind === 'member' && <p className={styles.dim}>In the spotlight: <span className={styles.name}>{spotlight.detail.displayName}</span></p>}
          </section>

          <section className={styles.card} aria-labelledby="starter-h">
            <h2 id="starter-h">Starter Dockerfile</h2>
            <p className={styles.dim}>Sends this to every learner; each one chooses to use it or keep their own. You can also put it in the spotlight as your own.</p>
            <textarea className={styles.textarea} aria-label="Starter Dockerfile" rows={8} spellCheck={false}
              value={starter ?? c.starterDockerfile ?? ''} onChange={(e) => setStarter(e.target.value)} disabled={ended} />
            <div className={styles.controls}>
              <button type="button" className="button primary" disabled={ended || !(starter ?? c.starterDockerfile ?? '').trim()}
                onClick={run(() => send(E.pushStarter, { dockerfile: starter ?? c.starterDockerfile ?? '' }), 'Starter sent to every learner.')}>Send to everyone</button>
              <button type="button" className="button" disabled={ended || !(starter ?? c.starterDockerfile ?? '').trim()}
                onClick={run(() => send(E.spotlight, { target: { kind: 'instructor', dockerfile: starter ?? c.starterDockerfile ?? '' }, toLearners: roster.spotlight?.toLearners ?? false }), 'Your Dockerfile is in the spotlight.')}>Spotlight mine</button>
            </div>
          </section>

          <details className={styles.card}>
            <summary>Your private instructor link</summary>
            <p className={styles.dim}>Anyone with this link can run this class. Keep it to yourself; it is the only way back to this dashboard.</p>
            <div className={styles.row}>
              <input className={styles.input} readOnly value={teachLink} aria-label="Private instructor link" onFocus={(e) => e.target.select()} />
              <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(teachLink).then(() => setNote('Link copied.'), () => undefined)}>Copy</button>
            </div>
          </details>
        </aside>
      </div>
    </main>
  );
}
