'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Image, Layer, Session } from '@/lib/protocol';
import { parseDockerfile } from '@/lib/dockerfile/model';
import { layerIndexForLine } from '@/lib/diagrams/layer-stack';
import type { LayerFile } from '@/lib/diagrams/union';
import { shortId } from '@/lib/world/reducer';
import { DockerfileEditor } from '@/components/editor/DockerfileEditor';
import { LayerStack } from '@/components/diagrams/LayerStack';
import { BuildTimeline } from '@/components/diagrams/BuildTimeline';
import { LayerDrawer } from '@/components/diagrams/LayerDrawer';
import { UnionView } from '@/components/diagrams/UnionView';
import { ContainerTerminal } from '@/components/terminal/ContainerTerminal';
import { defaultSandboxUrl } from './sandbox-client';
import { useSandboxSession } from './useSandboxSession';
import { useBuild } from './useBuild';
import { usePlaygroundDoc } from './usePlaygroundDoc';
import { useTheme } from './useTheme';
import { ContextPanel } from './ContextPanel';
import { BuildLogView } from './BuildLogView';
import { ContainersPanel, type ContainerActions } from './ContainersPanel';
import type { ContextLimits } from './context-files';
import { LocaleProvider } from './locale-context';
import { translator, type Locale } from '@/lib/i18n';
import styles from './playground.module.css';
import dstyles from '@/components/diagrams/diagrams.module.css';

// Brings the panel where the engine's answer will be drawn into view.
function reveal(id: string) {
  document.getElementById(id)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
}

function imageName(img: Image | undefined): string | null {
  if (!img) return null;
  return img.tags[0] ?? shortId(img.id);
}

export function Playground({ sandboxUrl, limits, locale = 'en' }: { sandboxUrl?: string; limits: ContextLimits; locale?: Locale }) {
  const tr = translator(locale);
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  useEffect(() => setBaseUrl(defaultSandboxUrl(sandboxUrl)), [sandboxUrl]);
  const { doc, update, reset } = usePlaygroundDoc();
  const { theme, toggle } = useTheme();
  const onSession = useCallback((s: Session) => update({ session: s }), [update]);
  const { client, socket, world, status, applyLocal, retry } = useSandboxSession(baseUrl ?? '', baseUrl && doc ? doc.session : undefined, onSession);

  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const build = useBuild(client, (imageId) => { update({ selectedImage: imageId }); setFresh(new Set()); });

  // ---- images and their layers ------------------------------------------
  const images = useMemo(() => [...(world?.images ?? [])].sort((a, b) =>
    Number(a.catalog) - Number(b.catalog) || b.createdAt.localeCompare(a.createdAt)), [world]);
  const knownImages = useMemo(() => images.filter((i) => i.catalog).flatMap((i) => i.tags), [images]);
  const selectedImage = images.find((i) => i.id === doc?.selectedImage) ?? images.find((i) => !i.catalog) ?? null;
  const [fetched, setFetched] = useState<Record<string, Layer[]>>({});
  const layers: Layer[] | null = selectedImage ? selectedImage.layers ?? fetched[selectedImage.id] ?? null : null;
  useEffect(() => {
    if (!client || !selectedImage || selectedImage.layers || fetched[selectedImage.id]) return;
    let alive = true;
    client.image(selectedImage.id).then((d) => {
      if (!alive) return;
      const ls: Layer[] = d.layers.map((l) => ({ ...l, empty: l.empty ?? l.sizeBytes === 0 }));
      setFetched((f) => ({ ...f, [selectedImage.id]: ls }));
    }, () => undefined);
    return () => { alive = false; };
  }, [client, selectedImage, fetched]);

  const cachedIds = useMemo(() => new Set((build.progress?.steps ?? []).filter((s) => s.cached && s.imageId).map((s) => shortId(s.imageId!))), [build.progress]);
  // Build steps seen in this page, kept across builds so a rebuilt or
  // committed image still reads "COPY index.html ." for layers we saw made.
  const [stepText, setStepText] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    const steps = (build.progress?.steps ?? []).filter((s) => s.imageId);
    if (steps.every((s) => stepText.get(shortId(s.imageId!)) === s.instruction)) return;
    setStepText((m) => new Map([...m, ...steps.map((s) => [shortId(s.imageId!), s.instruction] as [string, string])]));
  }, [build.progress, stepText]);
  const model = useMemo(() => { try { return parseDockerfile(doc?.dockerfile ?? ''); } catch { return null; } }, [doc?.dockerfile]);
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

  const layerFilesCache = useRef(new Map<string, Promise<LayerFile[]>>());
  const loadFilesFor = useCallback((imageId: string) => (index: number) => {
    if (!client) return Promise.reject(new Error('Not connected to the sandbox.'));
    const key = `${imageId}:${index}`;
    let p = layerFilesCache.current.get(key);
    if (!p) {
      p = client.layerFiles(imageId, index);
      p.catch(() => layerFilesCache.current.delete(key));
      layerFilesCache.current.set(key, p);
    }
    return p;
  }, [client]);
  const loadSelectedFiles = useMemo(() => (selectedImage ? loadFilesFor(selectedImage.id) : null), [selectedImage, loadFilesFor]);

  // ---- containers -----------------------------------------------------------
  const [selectedContainerId, setSelectedContainerId] = useState<string | null>(null);
  const selectedContainer = world?.containers.find((c) => c.id === selectedContainerId) ?? null;
  const [bottomTab, setBottomTab] = useState<'terminal' | 'none'>('none');
  const [unionOpen, setUnionOpen] = useState(false);
  const containerImage = selectedContainer ? world?.images.find((i) => i.id === selectedContainer.imageId) : undefined;
  const containerLayers = containerImage ? containerImage.layers ?? fetched[containerImage.id] ?? null : null;
  // The containers diagram draws each container's image stack, so every
  // image a container runs on needs its history, not only the selected one.
  const neededIds = useMemo(() => [...new Set((world?.containers ?? []).map((c) => c.imageId))].sort().join(' '), [world]);
  useEffect(() => {
    if (!client || !world) return;
    for (const id of neededIds.split(' ').filter(Boolean)) {
      const img = world.images.find((i) => i.id === id);
      if (img?.layers || fetched[id]) continue;
      client.image(id).then((d) => setFetched((f) => ({ ...f, [id]: d.layers.map((l) => ({ ...l, empty: l.empty ?? l.sizeBytes === 0 })) })), () => undefined);
    }
  }, [client, neededIds, fetched]); // eslint-disable-line react-hooks/exhaustive-deps
  const worldWithLayers = useMemo(() => world && {
    ...world,
    images: world.images.map((i) => (i.layers || !fetched[i.id] ? i : { ...i, layers: fetched[i.id] })),
  }, [world, fetched]);
  const loadContainerFiles = useMemo(() => (containerImage ? loadFilesFor(containerImage.id) : null), [containerImage, loadFilesFor]);

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

  const actions: ContainerActions = {
    create: async (cmd, start) => {
      if (!client || !selectedImage) return;
      const ref = selectedImage.tags[0] ?? selectedImage.id;
      const { id, container } = await client.createContainer({ image: ref, ...(cmd ? { cmd } : {}), tty: true });
      if (container) applyLocal({ type: 'container', container });
      setSelectedContainerId(id);
      reveal('containers-panel');
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
      reveal('layers-panel');
    },
  };

  if (!doc || !baseUrl) return <main className={styles.loading}>{tr('play.connecting')}</main>;

  const running = build.running;
  return (
    <LocaleProvider value={locale}>
    <main className={styles.page} data-sandbox-url={baseUrl}>
      <div className={styles.bar}>
        <h1 className={styles.title}>Playground</h1>
        <button type="button" className="button primary" disabled={!client || running}
          onClick={() => build.start({ dockerfile: doc.dockerfile, files: doc.files, tag: doc.tag.trim() || undefined, noCache: doc.noCache || undefined })}>
          {tr('play.build')}
        </button>
        {running && <button type="button" className="button" onClick={build.cancel}>{tr('play.cancel')}</button>}
        <input className={`${styles.input} ${styles.tag}`} aria-label={tr('play.tag')} value={doc.tag} onChange={(e) => update({ tag: e.target.value })} />
        <label className={styles.check}><input type="checkbox" checked={doc.noCache} onChange={(e) => update({ noCache: e.target.checked })} /> no cache</label>
        <span className={styles.spacer} />
        <span className={`${styles.chip} ${styles[status.kind]}`} role="status" title={`${status.message} (${baseUrl})`}>{status.message}</span>
        {status.kind === 'offline' && <button type="button" className="button" onClick={retry}>Retry</button>}
        <button type="button" className="button" onClick={toggle} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? 'Light' : 'Dark'}
        </button>
        <button type="button" className="button" onClick={() => { if (confirm('Start over with the starter Dockerfile? Your session\'s images stay until it expires.')) { reset(); } }}>
          Start over
        </button>
      </div>

      <div className={styles.left}>
        <section className={`${styles.card} ${styles.editorCard}`} aria-label={tr('play.dockerfile')}>
          <div className={styles.cardHead}><h2>{tr('play.dockerfile')}</h2></div>
          {build.errorMark && <p className={styles.errorNote} role="alert" title={build.errorMark.message}>Line {build.errorMark.line}: {build.errorMark.message}</p>}
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
        <ContextPanel files={doc.files} limits={limits} onChange={(files) => update({ files })} />
      </div>

      <div className={styles.right}>
        <div className={styles.topRow}>
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
            emptyText={selectedImage ? 'Reading the image history…' : undefined}
            toolbar={images.length > 0 && (
              <select className={dstyles.select} aria-label={tr('play.image')} value={selectedImage?.id ?? ''}
                onChange={(e) => update({ selectedImage: e.target.value || null })}>
                {!selectedImage && <option value="">Choose an image…</option>}
                {images.map((i) => (
                  <option key={i.id} value={i.id}>{(i.tags.join(', ') || '<untagged>') + ` · ${shortId(i.id)}${i.catalog ? ' · base' : ''}`}</option>
                ))}
              </select>
            )}
          />
          <BuildTimeline progress={build.progress} onHoverLine={setHoverLine} />
        </div>
        {selectedLayer !== null && layers?.[selectedLayer] && loadSelectedFiles && (
          <LayerDrawer layer={layers[selectedLayer]} index={selectedLayer} load={loadSelectedFiles} onClose={() => setSelectedLayer(null)} />
        )}
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
        />
        {unionOpen && selectedContainer && containerLayers && loadContainerFiles && (
          <UnionView container={selectedContainer} layers={containerLayers} load={loadContainerFiles} />
        )}
      </div>

      <div className={styles.bottom}>
        <section className={styles.card} aria-label={tr('play.output')}>
          <div className={styles.cardHead}><h2>{tr('play.output')}</h2></div>
          <BuildLogView lines={build.log} />
        </section>
        <section className={styles.card} aria-label={tr('play.terminal')}>
          <div className={styles.cardHead}><h2>{tr('play.terminal')}</h2></div>
          {bottomTab === 'terminal' && socket && selectedContainer?.state === 'running'
            ? <ContainerTerminal key={selectedContainer.id} socket={socket} containerId={selectedContainer.id} dark={theme === 'dark'} onInput={refreshDiff} />
            : <div className={styles.placeholder}>Run a container, select it, and press Terminal to get a shell inside it.</div>}
        </section>
      </div>
    </main>
    </LocaleProvider>
  );
}
