'use client';
// The instructor's dashboard: join code, live roster, follow, spotlight,
// broadcast, starter push, lock and end.
import { useEffect, useMemo, useState } from 'react';
import { ClassroomEvents as E } from '@/lib/classroom/messages';
import { formatJoinCode } from '@/lib/classroom/join-code';
import { MESSAGE_MAX } from '@/lib/classroom/limits';
import { ago, classSummary, dashboardRows } from '@/lib/classroom/dashboard-rows';
import { translator, type Locale } from '@/lib/i18n';
import { LocaleProvider } from '@/components/playground/locale-context';
import { useInstructorSocket } from './useInstructorSocket';
import { useHashSecret } from './useHashSecret';
import { useClassStarter } from './useClassStarter';
import { STARTER_DOCKERFILE } from '@/components/playground/starter';
import { RosterTable } from './RosterTable';
import { DockerfileView } from './DockerfileView';
import { LayerBlocks } from './LayerBlocks';
import { MessageList } from './MessageList';
import { rich } from './rich';
import styles from './classroom.module.css';

function useNow(ms: number) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => { const t = setInterval(() => setNow(new Date()), ms); return () => clearInterval(t); }, [ms]);
  return now;
}

interface DashboardProps { classroomId: string; locale: Locale; lessonTitles?: Record<string, string>; sandboxUrl?: string }

export function Dashboard({ classroomId, locale, lessonTitles = {}, sandboxUrl }: DashboardProps) {
  return <LocaleProvider value={locale}><DashboardBody classroomId={classroomId} locale={locale} lessonTitles={lessonTitles} sandboxUrl={sandboxUrl} /></LocaleProvider>;
}

function DashboardBody({ classroomId, locale, lessonTitles, sandboxUrl }: Required<Omit<DashboardProps, 'sandboxUrl'>> & { sandboxUrl?: string }) {
  const tr = translator(locale);
  const { secret, ready } = useHashSecret();
  const { roster, status, spotlight, followed, follow, send } = useInstructorSocket(classroomId, ready ? secret : null, locale);
  const now = useNow(15_000);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [starter, setStarter] = useState<string | null>(null);
  const [origin, setOrigin] = useState('');
  useEffect(() => setOrigin(window.location.origin), []);

  // Built before the learners press Build, so their first builds share it.
  useClassStarter(roster ? roster.classroom.starterDockerfile ?? STARTER_DOCKERFILE : null, sandboxUrl);

  const rows = useMemo(() => (roster ? dashboardRows(roster, now, locale) : []), [roster, now, locale]);
  const run = (what: () => Promise<unknown>, done?: string) => async () => {
    setError(null);
    try { await what(); if (done) setNote(done); } catch (e) { setError(e instanceof Error ? e.message : String(e)); }
  };

  const opening = <main className={styles.page}><p className={styles.dim}>{tr('classroom.teach.opening')}</p></main>;
  if (!ready || (status === 'connecting' && !roster)) return opening;
  if (status === 'refused') {
    return (
      <main className={styles.page}>
        <section className={styles.card}>
          <h1>{tr('classroom.teach.refusedTitle')}</h1>
          <p>{rich(tr('classroom.teach.refusedBody'), { hash: <code>#</code>, create: <a href="/classroom">{tr('classroom.teach.refusedCreate')}</a> })}</p>
        </section>
      </main>
    );
  }
  if (!roster) return opening;

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
          <p className={styles.kicker}>{tr(ended ? 'classroom.teach.kickerEnded' : 'classroom.teach.kicker')}</p>
          <h1 className={styles.className}>{c.name}</h1>
          {c.lessonSlug && <p className={styles.dim}>{rich(tr('classroom.teach.lesson'), { lesson: <a href={`/lessons/${c.lessonSlug}`}>{lessonTitles[c.lessonSlug] ?? c.lessonSlug}</a> })}</p>}
        </div>
        <div className={styles.joinBox}>
          <span>{rich(tr('classroom.teach.joinAt'), { url: <strong>{origin.replace(/^https?:\/\//, '')}/join</strong> })}</span>
          <span className={styles.code} data-testid="join-code" aria-label={tr('classroom.joinCodeAria', { code: c.code.split('').join(' ') })}>{formatJoinCode(c.code)}</span>
        </div>
      </header>

      <div className={styles.summary} role="status" aria-live="polite">
        <span className={`${styles.chip} ${status === 'online' ? styles.ok : styles.warn}`}>{tr(status === 'online' ? 'classroom.status.live' : 'classroom.status.reconnecting')}</span>
        <span className={`${styles.chip} ${sum.full ? styles.warn : ''}`}>{tr('classroom.teach.joined', { joined: sum.joined, cap: sum.cap })}</span>
        {sum.full && <span className={`${styles.chip} ${styles.warn}`} data-testid="class-full">{tr('classroom.teach.full')}</span>}
        {c.joinsLocked && <span className={`${styles.chip} ${styles.warn}`}>{tr('classroom.teach.joinsClosed')}</span>}
        {sum.lastJoined && (
          <span className={styles.chip} data-testid="last-joined">
            <span>{rich(tr('classroom.teach.lastJoined', { ago: ago(sum.lastJoined.at, now, locale) }), { name: <span className={styles.name}>{sum.lastJoined.name}</span> })}</span>
          </span>
        )}
        <span className={styles.chip}>{tr('classroom.teach.online', { n: sum.online })}</span>
        <span className={`${styles.chip} ${styles.ok}`}>{tr('classroom.teach.built', { n: sum.built })}</span>
        <span className={`${styles.chip} ${sum.failing ? styles.danger : ''}`}>{tr('classroom.teach.failing', { n: sum.failing })}</span>
        {c.locked && <span className={`${styles.chip} ${styles.warn}`}>{tr('classroom.teach.locked')}</span>}
      </div>
      {error && <p className={styles.alert} role="alert">{error}</p>}
      {note && !error && <p className={styles.notice} role="status">{note}</p>}

      <div className={styles.teachGrid}>
        <section className={styles.card} aria-labelledby="roster-h">
          <h2 id="roster-h">{tr('classroom.teach.learners')}</h2>
          <RosterTable rows={rows} followingId={followed?.memberId ?? null} spotlightId={spotlightId}
            onFollow={(id) => void run(() => follow(followed?.memberId === id ? null : id))()}
            onSpotlight={(id) => void run(() => send(E.spotlight, spotlightId === id ? { target: null } : { target: { kind: 'member', memberId: id }, toLearners: roster.spotlight?.toLearners ?? false }), tr(spotlightId === id ? 'classroom.teach.spotlightCleared' : 'classroom.teach.spotlightSet'))()}
            onRemove={(r) => {
              if (!confirm(tr('classroom.teach.removeConfirm', { name: r.name }))) return;
              void run(async () => {
                await send(E.remove, { memberId: r.id });
                if (followed?.memberId === r.id) await follow(null);
              }, tr('classroom.teach.removedNote', { name: r.name }))();
            }} />
        </section>

        <aside className={styles.side}>
          {followed && (
            <section className={styles.card} aria-label={tr('classroom.teach.following', { name: followed.displayName })} data-testid="follow-panel">
              <div className={styles.cardHead}>
                <h2>{rich(tr('classroom.teach.following'), { name: <span className={styles.name}>{followed.displayName}</span> })}</h2>
                <button type="button" className="button" onClick={() => void run(() => follow(null))()}>{tr('classroom.teach.stopFollowing')}</button>
              </div>
              {followed.lastBuild && !followed.lastBuild.ok && (
                <p className={styles.alert}>{followed.lastBuild.line
                  ? tr('classroom.teach.buildFailedAt', { line: followed.lastBuild.line, message: followed.lastBuild.message })
                  : tr('classroom.teach.buildFailed', { message: followed.lastBuild.message })}</p>
              )}
              <DockerfileView text={followed.dockerfile} errorLine={followed.lastBuild && !followed.lastBuild.ok ? followed.lastBuild.line : undefined} label={tr('classroom.dockerfileOf', { name: followed.displayName })} />
              <h3>{tr('classroom.teach.lastImage')}</h3>
              <LayerBlocks layers={followed.layers} title={tr('classroom.layersOf', { name: followed.displayName })} />
            </section>
          )}

          <section className={styles.card} aria-labelledby="bc-h">
            <h2 id="bc-h">{tr('classroom.teach.broadcast')}</h2>
            <form className={styles.row} onSubmit={(e) => { e.preventDefault(); void run(async () => { await send(E.broadcast, { text: message }); setMessage(''); }, tr('classroom.teach.sent'))(); }}>
              <input className={styles.input} aria-label={tr('classroom.teach.broadcastLabel')} maxLength={MESSAGE_MAX} value={message} placeholder={tr('classroom.teach.broadcastPlaceholder')} onChange={(e) => setMessage(e.target.value)} disabled={ended} />
              <button type="submit" className="button primary" disabled={ended || !message.trim()}>{tr('classroom.teach.send')}</button>
            </form>
            <MessageList messages={roster.messages} />
          </section>

          <section className={styles.card} aria-labelledby="ctl-h">
            <h2 id="ctl-h">{tr('classroom.teach.class')}</h2>
            <div className={styles.controls}>
              <a className="button" href={projectorHref} target="_blank" rel="noopener">{tr('classroom.teach.projector')}</a>
              <button type="button" className="button" disabled={ended} onClick={run(() => send(E.lock, { locked: !c.locked }), tr(c.locked ? 'classroom.teach.unlockedNote' : 'classroom.teach.lockedNote'))}>
                {tr(c.locked ? 'classroom.teach.unlock' : 'classroom.teach.lock')}
              </button>
              {roster.spotlight && (
                <>
                  <label className={styles.check}>
                    <input type="checkbox" checked={roster.spotlight.toLearners} disabled={ended}
                      onChange={(e) => void run(() => send(E.spotlight, {
                        target: roster.spotlight!.kind === 'member' ? { kind: 'member', memberId: roster.spotlight!.memberId } : { kind: 'instructor', dockerfile: roster.spotlight!.dockerfile },
                        toLearners: e.target.checked,
                      }))()} />
                    {tr('classroom.teach.spotlightToLearners')}
                  </label>
                  <button type="button" className="button" onClick={run(() => send(E.spotlight, { target: null }), tr('classroom.teach.spotlightCleared'))}>{tr('classroom.teach.clearSpotlight')}</button>
                </>
              )}
              <button type="button" className="button" disabled={ended}
                onClick={run(() => send(E.lockJoins, { locked: !c.joinsLocked }), tr(c.joinsLocked ? 'classroom.teach.joinsUnlockedNote' : 'classroom.teach.joinsLockedNote'))}>
                {tr(c.joinsLocked ? 'classroom.teach.unlockJoins' : 'classroom.teach.lockJoins')}
              </button>
              <button type="button" className="button" disabled={ended}
                onClick={() => {
                  if (!confirm(tr('classroom.teach.rotateConfirm'))) return;
                  void run(async () => {
                    const r = await send(E.rotateCode, {});
                    setNote(tr('classroom.teach.rotatedNote', { code: formatJoinCode(String(r.code)) }));
                  })();
                }}>
                {tr('classroom.teach.rotateCode')}
              </button>
              <button type="button" className="button danger" disabled={ended}
                onClick={() => { if (confirm(tr('classroom.teach.endConfirm'))) void run(() => send(E.end, {}), tr('classroom.teach.ended'))(); }}>
                {tr('classroom.teach.end')}
              </button>
            </div>
            {spotlight?.kind === 'member' && <p className={styles.dim}>{rich(tr('classroom.teach.inSpotlight'), { name: <span className={styles.name}>{spotlight.detail.displayName}</span> })}</p>}
          </section>

          <section className={styles.card} aria-labelledby="starter-h">
            <h2 id="starter-h">{tr('classroom.starter')}</h2>
            <p className={styles.dim}>{tr('classroom.teach.starterHint')}</p>
            <textarea className={styles.textarea} aria-label={tr('classroom.starter')} rows={8} spellCheck={false}
              value={starter ?? c.starterDockerfile ?? ''} onChange={(e) => setStarter(e.target.value)} disabled={ended} />
            <div className={styles.controls}>
              <button type="button" className="button primary" disabled={ended || !(starter ?? c.starterDockerfile ?? '').trim()}
                onClick={run(() => send(E.pushStarter, { dockerfile: starter ?? c.starterDockerfile ?? '' }), tr('classroom.teach.starterSent'))}>{tr('classroom.teach.sendStarter')}</button>
              <button type="button" className="button" disabled={ended || !(starter ?? c.starterDockerfile ?? '').trim()}
                onClick={run(() => send(E.spotlight, { target: { kind: 'instructor', dockerfile: starter ?? c.starterDockerfile ?? '' }, toLearners: roster.spotlight?.toLearners ?? false }), tr('classroom.teach.mineInSpotlight'))}>{tr('classroom.teach.spotlightMine')}</button>
            </div>
          </section>

          <details className={styles.card}>
            <summary>{tr('classroom.teach.privateLink')}</summary>
            <p className={styles.dim}>{tr('classroom.teach.privateLinkHint')}</p>
            <div className={styles.row}>
              <input className={styles.input} readOnly value={teachLink} aria-label={tr('classroom.teach.privateLinkLabel')} onFocus={(e) => e.target.select()} />
              <button type="button" className="button" onClick={() => void navigator.clipboard?.writeText(teachLink).then(() => setNote(tr('classroom.teach.copied')), () => undefined)}>{tr('classroom.teach.copy')}</button>
            </div>
          </details>
        </aside>
      </div>
    </main>
  );
}
