'use client';
// A learner's class page: the playground's editor, build and layer diagram
// on a real sandbox session, tied to the class by useClassroomReporter.
// Composed from the playground's parts because <Playground> does not yet
// expose its state (see the README's classroom notes).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Session } from '@/lib/protocol';
import { compactLayer, type CompactLayer, type LastBuild } from '@/lib/classroom/messages';
import { classProgress, type LessonOutline } from '@/lib/classroom/lesson-progress';
import { useAllProgress } from '@/components/lessons/use-progress';
import { shortId } from '@/lib/world/format';
import { DockerfileEditor } from '@/components/editor/DockerfileEditor';
import { defaultSandboxUrl } from '@/components/playground/sandbox-client';
import { useClassStarter } from './useClassStarter';
import { useSandboxSession } from '@/components/playground/useSandboxSession';
import { useBuild } from '@/components/playground/useBuild';
import { BuildLogView } from '@/components/playground/BuildLogView';
import { ContainersPanel, type ContainerActions } from '@/components/playground/ContainersPanel';
import { STARTER_DOCKERFILE, STARTER_FILES, STARTER_TAG } from '@/components/playground/starter';
import { LocaleProvider } from '@/components/playground/locale-context';
import { sentenceGap, translator, type Locale } from '@/lib/i18n';
import { loadMembership, saveMembership, type SavedMembership } from './class-storage';
import { useClassroomReporter } from './useClassroomReporter';
import { LayerBlocks } from './LayerBlocks';
import { MessageList } from './MessageList';
import { SpotlightContent } from './SpotlightView';
import { rich } from './rich';
import styles from './classroom.module.css';

interface LearnerClassProps { classroomId: string; sandboxUrl?: string; lessons?: LessonOutline[]; locale: Locale }

export function LearnerClass(props: LearnerClassProps) {
  return <LocaleProvider value={props.locale}><LearnerClassBody {...props} /></LocaleProvider>;
}

function LearnerClassBody({ classroomId, sandboxUrl, lessons = [], locale }: LearnerClassProps) {
  const tr = translator(locale);
  const [member, setMember] = useState<SavedMembership | null | undefined>(undefined);
  useEffect(() => setMember(loadMembership(classroomId)), [classroomId]);
  if (member === undefined) return <main className={styles.page}><p className={styles.dim}>{tr('classroom.learn.opening')}</p></main>;
  if (member === null) {
    return (
      <main className={styles.page}>
        <section className={`${styles.card} ${styles.narrow}`}>
          <h1>{tr('classroom.learn.notJoinedTitle')}</h1>
          <p>{rich(tr('classroom.learn.notJoinedBody'), { link: <a href="/join">{tr('classroom.learn.notJoinedLink')}</a> })}</p>
        </section>
      </main>
    );
  }
  return <LearnerWorkbench initial={member} sandboxUrl={sandboxUrl} lessons={lessons} locale={locale} />;
}

function LearnerWorkbench({ initial, sandboxUrl, lessons, locale }: { initial: SavedMembership; sandboxUrl?: string; lessons: LessonOutline[]; locale: Locale }) {
  const tr = translator(locale);
  const [m, setM] = useState(initial);
  const update = useCallback((patch: Partial<SavedMembership>) => setM((x) => ({ ...x, ...patch })), []);
  useEffect(() => { const t = setTimeout(() => saveMembership(m), 200); return () => clearTimeout(t); }, [m]);
  useEffect(() => {
    const save = () => saveMembership(m);
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, [m]);

  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  useEffect(() => setBaseUrl(defaultSandboxUrl(sandboxUrl)), [sandboxUrl]);
  const onSession = useCallback((s: Session) => update({ session: s }), [update]);
  const sandbox = useSandboxSession(baseUrl ?? '', baseUrl ? m.session : undefined, onSession, { locale });
  const { client, world } = sandbox;

  const build = useBuild(client, () => undefined, undefined, locale);
  const runningContainers = world?.containers.filter((c) => c.state === 'running').length ?? 0;

  // The build's outcome becomes the class's "last build"; a success also
  // reads the new image's layers.
  const reported = useRef<string | null>(null);
  useEffect(() => {
    const p = build.progress;
    if (!p || reported.current === p.buildId || p.status === 'running') return;
    reported.current = p.buildId;
    const at = new Date().toISOString();
    if (p.status === 'failed') {
      const line = p.error?.line ?? build.errorMark?.line ?? p.steps.find((s) => s.index === p.error?.index)?.line;
      update({ lastBuild: { ok: false, ...(line ? { line } : {}), message: p.error?.message ?? tr('classroom.learn.buildFailed'), at } });
    } else if (p.status === 'done' && p.imageId && client) {
      const imageId = p.imageId;
      client.image(imageId).then((d) => {
        const layers: CompactLayer[] = d.layers.map(compactLayer);
        update({ lastBuild: { ok: true, imageId, at }, layers });
      }, () => update({ lastBuild: { ok: true, imageId, at } }));
    }
  }, [build.progress, build.errorMark, client, update]);

  // The class's lesson, as far as this browser has got with it (the lesson
  // page, open in another tab, keeps that progress; it arrives here as it changes).
  const [lessonSlug, setLessonSlug] = useState<string | null>(null);
  const allProgress = useAllProgress();
  const progress = classProgress(lessons.find((l) => l.slug === lessonSlug), lessonSlug ? allProgress?.[lessonSlug] : undefined);
  const progressKey = JSON.stringify(progress ?? null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableProgress = useMemo(() => progress, [progressKey]);

  const dockerfile = m.dockerfile ?? '';
  const state = useMemo(() => ({ dockerfile, lastBuild: m.lastBuild as LastBuild, layers: m.layers, runningContainers, ...(stableProgress ? { progress: stableProgress } : {}) }),
    [dockerfile, m.lastBuild, m.layers, runningContainers, stableProgress]);
  const creds = useMemo(() => ({ classroomId: m.classroomId, memberId: m.memberId, token: m.token }), [m.classroomId, m.memberId, m.token]);
  const live = useClassroomReporter(creds, state);
  const feed = live.feed;
  useEffect(() => setLessonSlug(feed?.classroom.lessonSlug ?? null), [feed?.classroom.lessonSlug]);
  // A new member starts from the class's starter, once the class says what it is.
  useEffect(() => {
    if (m.dockerfile !== null || !feed) return;
    update({ dockerfile: feed.classroom.starterDockerfile ?? STARTER_DOCKERFILE, starterAnswered: feed.classroom.starterVersion });
  }, [feed, m.dockerfile, update]);
  const classroom = feed?.classroom;
  const starterKey = useClassStarter(classroom ? classroom.starterDockerfile ?? STARTER_DOCKERFILE : null, sandboxUrl);
  const locked = classroom?.locked ?? false;
  const ended = Boolean(classroom?.endedAt);
  const removed = live.status === 'removed';

  // End of class (or of this learner's place in it): release the sandbox
  // session; the work stays in this browser.
  const released = useRef(false);
  useEffect(() => {
    if (!(ended || removed) || released.current || !m.session || !baseUrl) return;
    released.current = true;
    fetch(`${baseUrl}/v1/sessions/${encodeURIComponent(m.session.id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${m.session.token}` } })
      .then(() => update({ session: null }), () => undefined);
  }, [ended, removed, m.session, baseUrl, update]);

  const [hiddenSpot, setHiddenSpot] = useState<string | null>(null);
  const spotKey = live.spotlight ? JSON.stringify(live.spotlight) : null;
  const latest = live.messages[live.messages.length - 1];
  const starterOffer = classroom && classroom.starterDockerfile && classroom.starterVersion > m.starterAnswered && m.dockerfile !== null ? classroom.starterDockerfile : null;

  const [selectedContainer, setSelectedContainer] = useState<string | null>(null);
  const actions: ContainerActions = {
    create: async (cmd, start) => {
      if (!client || m.lastBuild?.ok !== true) return;
      const { id } = await client.createContainer({ image: m.lastBuild.imageId, ...(cmd ? { cmd } : {}), interactive: true });
      setSelectedContainer(id);
      if (start) await client.containerAction(id, 'start');
    },
    action: async (id, what) => { await client?.containerAction(id, what); },
    remove: async (id) => { await client?.removeContainer(id); sandbox.applyLocal({ type: 'container-removed', id }); },
    commit: async (id, tag, animate) => { if (client) await Promise.all([client.commit(id, tag), animate(id)]); },
  };

  if (removed) {
    return (
      <main className={styles.page}>
        <section className={`${styles.card} ${styles.narrow}`} role="alert">
          <h1>{tr('classroom.learn.removedTitle')}</h1>
          <p>{tr('classroom.learn.removedBody')}</p>
        </section>
      </main>
    );
  }
  if (live.status === 'refused') {
    return (
      <main className={styles.page}>
        <section className={`${styles.card} ${styles.narrow}`}>
          <h1>{tr('classroom.learn.unknownTitle')}</h1>
          <p>{rich(tr('classroom.learn.unknownBody'), { link: <a href="/join">{tr('classroom.learn.unknownLink')}</a> })}</p>
        </section>
      </main>
    );
  }

  return (
    <main className={styles.page}>
      <header className={styles.learnHead}>
        <div>
          <p className={styles.kicker}>{tr(classroom ? 'classroom.learn.kicker' : 'classroom.learn.kickerConnecting')}</p>
          <h1 className={styles.className}>{classroom?.name ?? ' '}</h1>
        </div>
        <div className={styles.summary}>
          <span className={styles.chip}><span>{rich(tr('classroom.learn.you'), { name: <span className={styles.name}>{m.displayName}</span> })}</span></span>
          <span className={`${styles.chip} ${live.status === 'online' ? styles.ok : styles.warn}`} role="status">
            {tr(live.status === 'online' ? 'classroom.learn.connected' : live.status === 'connecting' ? 'classroom.status.connecting' : 'classroom.learn.reconnecting')}
          </span>
          <span className={`${styles.chip} ${sandbox.status.kind === 'ready' ? styles.ok : styles.warn}`} title={sandbox.status.message}>
            {tr(sandbox.status.kind === 'ready' ? 'classroom.learn.sandboxReady' : sandbox.status.kind === 'offline' ? 'classroom.learn.sandboxOffline' : 'classroom.learn.sandboxConnecting')}
          </span>
          {classroom?.lessonSlug && <a className="button" href={`/lessons/${classroom.lessonSlug}`} target="_blank" rel="noopener">{tr('classroom.learn.openLesson')}</a>}
        </div>
      </header>

      {latest && (
        <p className={styles.broadcast} role="status" aria-live="polite" data-testid="latest-message">
          <span className={styles.kicker}>{tr('classroom.learn.fromInstructor')}</span> <span>{latest.text}</span>
        </p>
      )}
      {ended && <p className={styles.notice} role="status">{tr('classroom.learn.ended')}</p>}
      {locked && !ended && <p className={styles.notice} role="status" data-testid="locked-notice">{tr('classroom.learn.locked')}</p>}
      {starterOffer && (
        <div className={styles.offer} role="region" aria-label={tr('classroom.learn.offerLabel')}>
          <p><strong>{tr('classroom.learn.offerTitle')}</strong>{sentenceGap(locale)}{tr('classroom.learn.offerBody')}</p>
          <pre className={styles.offerPreview}>{starterOffer}</pre>
          <div className={styles.controls}>
            <button type="button" className="button primary" disabled={locked} onClick={() => update({ dockerfile: starterOffer, starterAnswered: classroom!.starterVersion })}>{tr('classroom.learn.useStarter')}</button>
            <button type="button" className="button" onClick={() => update({ starterAnswered: classroom!.starterVersion })}>{tr('classroom.learn.keepMine')}</button>
          </div>
        </div>
      )}
      {live.spotlight && spotKey !== hiddenSpot && (
        <section className={`${styles.card} ${styles.spotInline}`} aria-label={tr('classroom.spot.title')}>
          <div className={styles.cardHead}><h2>{tr('classroom.learn.showing')}</h2><button type="button" className="button" onClick={() => setHiddenSpot(spotKey)}>{tr('classroom.learn.hide')}</button></div>
          <SpotlightContent view={live.spotlight} />
        </section>
      )}

      <div className={styles.learnGrid}>
        <section className={`${styles.card} ${styles.editorCard}`} aria-label={tr('play.dockerfile')}>
          <div className={styles.cardHead}>
            <h2>{tr('play.dockerfile')}</h2>
            <button type="button" className="button primary" disabled={!client || build.running || ended || locked || m.dockerfile === null}
              title={locked ? tr('classroom.learn.lockedTitle') : undefined}
              onClick={() => { if (!locked) build.start({ dockerfile, files: STARTER_FILES, tag: STARTER_TAG, ...(starterKey ? { starter: starterKey } : {}) }); }}>
              {tr(build.running ? 'play.building' : 'play.build')}
            </button>
          </div>
          {build.errorMark && <p className={styles.alert} role="alert">{tr('play.errorLine', { line: build.errorMark.line, message: build.errorMark.message })}</p>}
          <div className={styles.editorHost}>
            {m.dockerfile !== null && (
              <DockerfileEditor value={dockerfile} onChange={(v) => { if (!locked && !ended) update({ dockerfile: v }); }} readOnly={locked || ended}
                buildError={build.errorMark} height="100%" locale={locale} ariaLabel={tr('play.dockerfile')} />
            )}
          </div>
        </section>
        <div className={styles.learnSide}>
          <section className={styles.card} aria-label={tr('classroom.learn.image')}>
            <div className={styles.cardHead}>
              <h2>{tr('classroom.learn.image')}</h2>
              <span className={styles.dim}>
                {!m.lastBuild ? tr('classroom.learn.notBuilt')
                  : m.lastBuild.ok ? tr('classroom.learn.built', { id: shortId(m.lastBuild.imageId), n: m.layers.length })
                    : m.lastBuild.line ? tr('classroom.learn.lastFailedAt', { line: m.lastBuild.line }) : tr('classroom.learn.lastFailed')}
              </span>
            </div>
            <LayerBlocks layers={m.layers} title={tr('classroom.learn.layers')} />
          </section>
          <ContainersPanel world={world} imageName={m.lastBuild?.ok ? shortId(m.lastBuild.imageId) : null}
            selected={world?.containers.find((c) => c.id === selectedContainer) ?? null}
            onSelect={setSelectedContainer} actions={actions} onTerminal={() => undefined} onUnion={() => undefined} unionOpen={false} />
          <section className={styles.card} aria-label={tr('classroom.learn.buildOutput')}>
            <div className={styles.cardHead}><h2>{tr('play.buildLog')}</h2></div>
            {starterKey && <p className={styles.dim}>{tr('classroom.learn.starterCache')}</p>}
            <div className={styles.log}><BuildLogView lines={build.log} /></div>
          </section>
          {live.messages.length > 1 && (
            <section className={styles.card}>
              <h2>{tr('classroom.learn.messages')}</h2>
              <MessageList messages={live.messages} label={tr('classroom.learn.messagesLabel')} />
            </section>
          )}
        </div>
      </div>
    </main>
  );
}
