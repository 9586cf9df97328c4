'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BuildEvent, BuildRequest, Image, Layer, Session, WorldUpdate } from '@/lib/protocol';
import { parseDockerfile } from '@/lib/dockerfile/model';
import { layerIndexForLine } from '@/lib/diagrams/layer-stack';
import type { LayerFile } from '@/lib/diagrams/union';
import type { PlaygroundReport } from '@/lib/checks/live';
import type { ViewRequest } from '@/lib/lessons/playground-view';
import { shortId } from '@/lib/world/reducer';
import { DockerfileEditor } from '@/components/editor/DockerfileEditor';
import { LayerStack } from '@/components/diagrams/LayerStack';
import { BuildTimeline } from '@/components/diagrams/BuildTimeline';
import { LayerDrawer } from '@/components/diagrams/LayerDrawer';
import { UnionView } from '@/components/diagrams/UnionView';
import dynamic from 'next/dynamic';
import { ShareButton } from '@/components/share/ShareButton';
import { defaultSandboxUrl } from './sandbox-client';
import { useSandboxSession } from './useSandboxSession';
import { useBuild } from './useBuild';
import { usePlaygroundDoc, type PlaygroundStarter } from './usePlaygroundDoc';
import { useImageLayers } from './useImageLayers';
import { useTheme } from './useTheme';
import { ContextPanel } from './ContextPanel';
import { BuildLogView } from './BuildLogView';
import { ContainersPanel, type ContainerActions } from './ContainersPanel';
import { LessonLayout, type PlaygroundTab } from './LessonLayout';
import type { ContextLimits } from './context-files';
import { LocaleProvider } from './locale-context';
import { translator, type Locale } from '@/lib/i18n';
import styles from './playground.module.css';
import dstyles from '@/components/diagrams/diagrams.module.css';

// xterm.js is about a quarter of the page's first JavaScript: load it when a
// terminal is first opened.
const ContainerTerminal = dynamic(() => import('@/components/terminal/ContainerTerminal').then((m) => m.ContainerTerminal), { ssr: false });

// Brings the panel where the engine's answer will be drawn into view.
function reveal(id: string) {
  document.getElementById(id)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

function imageName(img: Image | undefined): string | null {
  if (!img) return null;
  return img.tags[0] ?? shortId(img.id);
}

export interface PlaygroundProps {
  sandboxUrl?: string;
  limits: ContextLimits;
  locale?: Locale;
  // Where the learner's document is kept, and what "Start over" returns to:
  // /play has its own, every lesson another.
  storageKey?: string;
  starter?: PlaygroundStarter;
  // 'lesson': a column beside lesson text, with the views in tabs.
  layout?: 'full' | 'lesson';
  // The view a lesson step asks for; a new `seq` brings it forward again.
  view?: ViewRequest & { seq: number };
  // Everything a lesson's checks need to hear about, as it happens.
  onReport?: (r: PlaygroundReport) => void;
}

export function Playground({ sandboxUrl, limits, locale = 'en', storageKey, starter, layout = 'full', view, onReport }: PlaygroundProps) {
  const tr = translator(locale);
  const lesson = layout === 'lesson';
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  useEffect(() => setBaseUrl(defaultSandboxUrl(sandboxUrl)), [sandboxUrl]);
  const { doc, update, reset } = usePlaygroundDoc(storageKey, starter);
  const { theme, toggle } = useTheme();
  const report = useRef(onReport);
  report.current = onReport;
  const onSession = useCallback((s: Session) => update({ session: s }), [update]);
  const onUpdate = useCallback((u: WorldUpdate) => report.current?.({ kind: 'world', update: u }), []);
  const { client, socket, world, status, applyLocal, retry } = useSandboxSession(baseUrl ?? '', baseUrl && doc ? doc.session : undefined, onSession, { locale, onUpdate });
  // Checks that compare with the host (lesson 1's kernel) learn the engine once per session.
  useEffect(() => {
    if (!client || !report.current) return;
    let gone = false;
    client.engineFacts().then((facts) => { if (!gone) report.current?.({ kind: 'engine', facts }); }, () => undefined);
    return () => { gone = true; };
  }, [client]);

  // ---- which view is in front (tabs in a lesson, scrolling on /play) ------
  const [tab, setTab] = useState<PlaygroundTab>(view?.view ?? 'layers');
  const show = useCallback((t: PlaygroundTab, panelId: string) => (lesson ? setTab(t) : reveal(panelId)), [lesson]);

  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const onBuildFinished = useCallback((req: BuildRequest, events: BuildEvent[]) => {
    report.current?.({ kind: 'build', dockerfile: req.dockerfile, events, tag: req.tag });
  }, []);
  const build = useBuild(client, (imageId) => { update({ selectedImage: imageId }); setFresh(new Set()); }, onBuildFinished, locale);
  useEffect(() => { if (doc) report.current?.({ kind: 'dockerfile', text: doc.dockerfile }); }, [doc?.dockerfile]); // eslint-disable-line react-hooks/exhaustive-deps

  // ---- images and their layers ------------------------------------------
  const images = useMemo(() => [...(world?.images ?? [])].sort((a, b) =>
    Number(a.catalog) - Number(b.catalog) || b.createdAt.localeCompare(a.createdAt)), [world]);
  const knownImages = useMemo(() => images.filter((i) => i.catalog).flatMap((i) => i.tags), [images]);
  const model = useMemo(() => { try { return parseDockerfile(doc?.dockerfile ?? ''); } catch { return null; } }, [doc?.dockerfile]);
  // In a lesson, before anything is built, the Dockerfile's base image is
  // the one to run (several lessons start by running busybox itself).
  const baseRef = lesson ? model?.baseImages[0] : undefined;
  const selectedImage = images.find((i) => i.id === doc?.selectedImage) ?? images.find((i) => !i.catalog)
    ?? (baseRef ? images.find((i) => i.tags.includes(baseRef)) : undefined) ?? null;
  // Histories to read: the image on show, every image a container runs on
  // (the containers diagram draws its stack) and, when a lesson listens,
  // every image of the learner's own, for the checks.
  const wanted = useMemo(() => (world ? [
    ...(selectedImage ? [selectedImage] : []),
    ...world.containers.flatMap((c) => world.images.filter((i) => i.id === c.imageId)),
    ...(onReport ? world.images.filter((i) => !i.catalog) : []),
  ].filter((i) => !i.layers).map((i) => i.id) : []), [world, selectedImage, onReport]);
  const onLayers = useCallback((imageId: string, layers: Layer[]) => report.current?.({ kind: 'layers', imageId, layers }), []);
  const fetched = useImageLayers(client, wanted, onLayers);
  const layers: Layer[] | null = selectedImage ? selectedImage.layers ?? fetched[selectedImage.id] ?? null : null;

  const cachedIds = useMemo(() => new Set((build.progress?.steps ?? []).filter((s) => s.cached && s.imageId).map((s) => shortId(s.imageId!))), [build.progress]);
  // Build steps seen in this page, kept across builds so a rebuilt or
  // committed image still reads "COPY index.html ." for layers we saw made.
  const [stepText, setStepText] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const steps = (build.progress?.steps ?? []).filter((s) => s.imageId);
    if (steps.every((s) => stepText.get(shortId(s.imageId!)) === s.instruction)) return;
    setStepText((m) => new Map([...m, ...steps.map((s) => [shortId(s.imageId!), s.instruction] as [string, string])]));
  }, [build.progress, stepText]);
  const ranges = useMemo(() => new Map((model?.instructions ?? []).map((i) => [i.line, i.endLine])), [model]);

  // ---- the two-way link between layers and Dockerfile lines --------------
  const [hoverLayer, setHoverLayer] = useState<number | null>(null);
  const [hoverLine, setHoverLine] = useState<number | null>(null);
  const [cursorLine, setCursorLine] = useState<number | null>(null);
  const [selectedLayer, setSelectedLayer] = useState<number | null>(null);
  useEffect(() => setSelectedLayer(null), [selectedImage?.id]);
  const cursorLayer = layers && cursorLine ? layerIndexForLine(layers, cursorLine, ranges) : null;
  const highlightLines = useMemo(() => {
    const line = hoverLine ?? (hoverLayer !== null ? layers?.[hoverLayer]?.line : undefined);
    return line ? { start: line, end: ranges.get(line) ?? line } : null;
  }, [hoverLine, hoverLayer, layers, ranges]);

  const loadFilesFor = useCallback((imageId: string) => (index: number): Promise<LayerFile[]> => {
    if (!client) return Promise.reject(new Error(tr('play.notConnected')));
    return client.layerFiles(imageId, index);
  }, [client]); // eslint-disable-line react-hooks/exhaustive-deps
  const loadSelectedFiles = useMemo(() => (selectedImage ? loadFilesFor(selectedImage.id) : null), [selectedImage, loadFilesFor]);

  // ---- containers -----------------------------------------------------------
  const [selectedContainerId, setSelectedContainerId] = useState<string | null>(null);
  const selectedContainer = world?.containers.find((c) => c.id === selectedContainerId) ?? null;
  const [bottomTab, setBottomTab] = useState<'terminal' | 'none'>('none');
  const [unionOpen, setUnionOpen] = useState(false);
  const containerImage = selectedContainer ? world?.images.find((i) => i.id === selectedContainer.imageId) : undefined;
  const containerLayers = containerImage ? containerImage.layers ?? fetched[containerImage.id] ?? null : null;
  const worldWithLayers = useMemo(() => world && {
    ...world,
    images: world.images.map((i) => (i.layers || !fetched[i.id] ? i : { ...i, layers: fetched[i.id] })),
  }, [world, fetched]);
  const loadContainerFiles = useMemo(() => (containerImage ? loadFilesFor(containerImage.id) : null), [containerImage, loadFilesFor]);

  // ---- a lesson step asks for its view ---------------------------------------
  const worldRef = useRef(world);
  worldRef.current = world;
  useEffect(() => {
    if (!view) return;
    if (lesson) setTab(view.view);
    if (view.union) {
      setUnionOpen(true);
      // The union view needs a container: take the newest if none is chosen.
      const cs = worldRef.current?.containers ?? [];
      setSelectedContainerId((id) => (id && cs.some((c) => c.id === id) ? id : [...cs].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]?.id ?? null));
    }
  }, [view?.seq, view?.view, view?.union, lesson]); // eslint-disable-line react-hooks/exhaustive-deps
  // A build is worth watching while it runs; once it has made its image,
  // the step's own view comes back (a layer-stack step shows the new stack).
  const wasRunning = useRef(false);
  useEffect(() => {
    if (lesson && build.running) setTab('build');
    if (lesson && wasRunning.current && !build.running && build.progress?.status === 'done' && view && view.view !== 'build') setTab(view.view);
    wasRunning.current = build.running;
  }, [build.running, lesson]); // eslint-disable-line react-hooks/exhaustive-deps

  const diffTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // After a command in the terminal, read the engine's diff right away
  // instead of waiting for the server's next push.
  const refreshDiff = useCallback(() => {
    if (!client || !selectedContainerId) return;
    const id = selectedContainerId;
    if (diffTimer.current) clearTimeout(diffTimer.current);
    diffTimer.current = setTimeout(() => {
      client.diff(id).then((diff) => applyLocal({ type: 'diff', containerId: id, diff }), () => undefined);
    }, 500);
  }, [client, selectedContainerId, applyLocal]);

  // Stable while the session is, so the logs view follows once per container start.
  const followLogs = useCallback<NonNullable<ContainerActions['followLogs']>>(
    (id, onEvent, signal) => (client ? client.followLogs(id, onEvent, signal) : Promise.resolve()), [client]);
  const actions: ContainerActions = {
    create: async (cmd, start) => {
      if (!client || !selectedImage) return;
      const ref = selectedImage.tags[0] ?? selectedImage.id;
      // -i without -t: a shell as the command waits, and the logs keep stdout and stderr apart.
      const { id, container } = await client.createContainer({ image: ref, ...(cmd ? { cmd } : {}), interactive: true });
      if (container) applyLocal({ type: 'container', container });
      setSelectedContainerId(id);
      show('containers', 'containers-panel');
      if (start) {
        const started = await client.containerAction(id, 'start');
        if (started) applyLocal({ type: 'container', container: started });
      }
    },
    action: async (id, what) => {
      const c = await client?.containerAction(id, what);
      if (c) applyLocal({ type: 'container', container: c });
    },
    remove: async (id) => {
      await client?.removeContainer(id);
      applyLocal({ type: 'container-removed', id });
      if (id === selectedContainerId) { setSelectedContainerId(null); setBottomTab('none'); setUnionOpen(false); }
    },
    commit: async (id, tag, animate) => {
      if (!client) return;
      const [{ imageId }] = await Promise.all([client.commit(id, tag), animate(id)]);
      update({ selectedImage: imageId });
      setFresh(new Set([imageId]));
      show('layers', 'layers-panel');
    },
    followLogs,
    exec: async (id, cmd) => {
      if (!client) throw new Error(tr('play.notConnected'));
      const r = await client.exec(id, cmd);
      report.current?.({ kind: 'exec', record: { containerId: id, cmd, exitCode: r.exitCode, output: r.output } });
      // What the command wrote shows in the writable layer at once.
      client.diff(id).then((diff) => applyLocal({ type: 'diff', containerId: id, diff }), () => undefined);
      return r;
    },
  };

  if (!doc || !baseUrl) {
    // Inside a lesson the page already has its <main>.
    return lesson ? <div className={styles.loading}>{tr('play.connecting')}</div> : <main className={styles.loading}>{tr('play.connecting')}</main>;
  }

  const running = build.running;
  const bar = (
    <>
      {!lesson && <h1 className={styles.title}>{tr('play.title')}</h1>}
      <button type="button" className="button primary" disabled={!client || running}
        onClick={() => build.start({ dockerfile: doc.dockerfile, files: doc.files, tag: doc.tag.trim() || undefined, noCache: doc.noCache || undefined })}>
        {tr('play.build')}
      </button>
      {running && <button type="button" className="button" onClick={build.cancel}>{tr('play.cancel')}</button>}
      <input className={`${styles.input} ${styles.tag}`} aria-label={tr('play.tag')} value={doc.tag} onChange={(e) => update({ tag: e.target.value })} />
      <label className={styles.check}><input type="checkbox" checked={doc.noCache} onChange={(e) => update({ noCache: e.target.checked })} /> {tr('play.noCache')}</label>
      <span className={styles.spacer} />
      <span className={`${styles.chip} ${styles[status.kind]}`} role="status" title={`${status.message} (${baseUrl})`}>{status.message}</span>
      {status.kind === 'offline' && <button type="button" className="button" onClick={retry}>{tr('play.retry')}</button>}
      {/* A lesson column has no room to spare; the theme chosen on /play holds. */}
      {!lesson && (
        <button type="button" className="button" onClick={toggle} aria-label={tr(theme === 'dark' ? 'play.theme.toLight' : 'play.theme.toDark')}>
          {tr(theme === 'dark' ? 'play.theme.light' : 'play.theme.dark')}
        </button>
      )}
      {!lesson && <ShareButton dockerfile={doc.dockerfile} files={doc.files} />}
      <button type="button" className="button" onClick={() => { if (confirm(tr('play.startOver.confirm'))) { build.clear(); reset(); } }}>
        {tr('play.startOver')}
      </button>
    </>
  );

  const editor = (
    <section className={`${styles.card} ${styles.editorCard}`} aria-label={tr('play.dockerfile')}>
      <div className={styles.cardHead}><h2>{tr('play.dockerfile')}</h2></div>
      {build.errorMark && <p className={styles.errorNote} role="alert" title={build.errorMark.message}>{tr('play.errorLine', { line: build.errorMark.line, message: build.errorMark.message })}</p>}
      <div className={styles.editorHost}>
        <DockerfileEditor
          value={doc.dockerfile}
          onChange={(v) => update({ dockerfile: v })}
          highlightLines={highlightLines}
          onCursorLine={setCursorLine}
          buildError={build.errorMark}
          height="100%"
          theme={theme}
          knownImages={knownImages}
          locale={locale}
          ariaLabel={tr('play.dockerfile')}
        />
      </div>
    </section>
  );
  const files = <ContextPanel files={doc.files} limits={limits} onChange={(f) => update({ files: f })} />;

  const imagePicker = images.length > 0 && (
    <select className={dstyles.select} aria-label={tr('play.image')} value={selectedImage?.id ?? ''}
      onChange={(e) => update({ selectedImage: e.target.value || null })}>
      {!selectedImage && <option value="">{tr('play.chooseImage')}</option>}
      {images.map((i) => (
        <option key={i.id} value={i.id}>{(i.tags.join(', ') || tr('play.untagged')) + ` · ${shortId(i.id)}${i.catalog ? ` · ${tr('play.baseImage')}` : ''}`}</option>
      ))}
    </select>
  );
  const layerStack = (
    <LayerStack
      layers={layers}
      imageName={imageName(selectedImage ?? undefined)}
      highlightedIndex={hoverLayer ?? cursorLayer}
      selectedIndex={selectedLayer}
      cachedIds={cachedIds}
      stepText={stepText}
      freshIds={fresh}
      onHover={setHoverLayer}
      onSelect={(i) => setSelectedLayer((s) => (s === i ? null : i))}
      emptyText={selectedImage ? tr('play.readingHistory') : undefined}
      toolbar={imagePicker}
    />
  );
  const drawer = selectedLayer !== null && layers?.[selectedLayer] && loadSelectedFiles && (
    <LayerDrawer layer={layers[selectedLayer]} index={selectedLayer} load={loadSelectedFiles} onClose={() => setSelectedLayer(null)} />
  );
  const timeline = <BuildTimeline progress={build.progress} onHoverLine={setHoverLine} />;
  const containers = (
    <ContainersPanel
      world={worldWithLayers}
      imageName={imageName(selectedImage ?? undefined)}
      selected={selectedContainer}
      onSelect={setSelectedContainerId}
      actions={actions}
      onTerminal={() => setBottomTab('terminal')}
      onUnion={() => setUnionOpen((u) => !u)}
      unionOpen={unionOpen}
      stepText={stepText}
      // In a lesson's tabs the layer stack is out of sight: pick the image here.
      picker={lesson ? imagePicker : undefined}
    />
  );
  const union = unionOpen && (selectedContainer && containerLayers && loadContainerFiles
    ? <UnionView container={selectedContainer} layers={containerLayers} load={loadContainerFiles} />
    : lesson && <p className={styles.dim}>{tr('dia.union.pickContainer')}</p>);
  const output = (
    <section className={styles.card} aria-label={tr('play.output')}>
      <div className={styles.cardHead}><h2>{tr('play.output')}</h2></div>
      <BuildLogView lines={build.log} />
    </section>
  );
  const terminalOpen = bottomTab === 'terminal' && socket && selectedContainer?.state === 'running';
  const terminal = (
    <section className={styles.card} aria-label={tr('play.terminal')}>
      <div className={styles.cardHead}><h2>{tr('play.terminal')}</h2></div>
      {terminalOpen
        ? <ContainerTerminal key={selectedContainer.id} socket={socket} containerId={selectedContainer.id} dark={theme === 'dark'} onInput={refreshDiff} />
        : <div className={styles.placeholder}>{tr('play.terminalHint')}</div>}
    </section>
  );

  if (lesson) {
    return (
      <LocaleProvider value={locale}>
        <LessonLayout
          bar={bar}
          editor={editor}
          editorLines={doc.dockerfile.split('\n').length}
          tab={tab}
          onTab={setTab}
          sandboxUrl={baseUrl}
          badges={{ containers: world?.containers.length ?? 0, files: Object.keys(doc.files).length }}
          panels={{
            layers: <>{layerStack}{drawer}</>,
            build: <>{timeline}<div className={styles.lessonLog}>{output}</div></>,
            containers: <>{containers}{union}{(terminalOpen || selectedContainer) && <div className={styles.lessonTerminal}>{terminal}</div>}</>,
            files,
          }}
        />
      </LocaleProvider>
    );
  }

  return (
    <LocaleProvider value={locale}>
    <main className={styles.page} data-sandbox-url={baseUrl}>
      <div className={styles.bar}>{bar}</div>
      <div className={styles.left}>
        {editor}
        {files}
      </div>
      <div className={styles.right}>
        <div className={styles.topRow}>
          {layerStack}
          {timeline}
        </div>
        {drawer}
        {containers}
        {union}
      </div>
      <div className={styles.bottom}>
        {output}
        {terminal}
      </div>
    </main>
    </LocaleProvider>
  );
}
