'use client';
// The snapshot built for real, read-only: a Build button (or an automatic
// start for `?replay=1` and replay shares), the streamed build log, the live
// build timeline, the image's real layers once built, and the output of the
// snapshot's commands. Before a build, `plan` (the layers read from the
// Dockerfile) stands where the real layers will appear. The page places the
// parts where they fit: the full page and the embed differ.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ShareCommand, ShareFile } from '@/lib/shares/snapshot';
import { runBusy } from '@/lib/shares/replay';
import { sentenceGap } from '@/lib/i18n';
import { defaultSandboxUrl } from '@/components/playground/sandbox-client';
import { BuildLogView } from '@/components/playground/BuildLogView';
import { useLocale, useT } from '@/components/playground/locale-context';
import { LayerStack } from '@/components/diagrams/LayerStack';
import { BuildTimeline } from '@/components/diagrams/BuildTimeline';
import { LayerDrawer } from '@/components/diagrams/LayerDrawer';
import { parseDockerfile } from '@/lib/dockerfile/model';
import { CommandOutputs } from './CommandOutputs';
import { useShareRun } from './useShareRun';
import styles from './share.module.css';

export interface SnapshotRunProps {
  dockerfile: string;
  files: Record<string, ShareFile>;
  commands: ShareCommand[];
  autoStart: boolean;
  /** LAYERLAB_SANDBOX_URL; empty means this host on `sandboxPort`. */
  sandboxUrl?: string;
  sandboxPort?: number;
  plan: ReactNode;
  compact?: boolean;
}

const noop = () => undefined;

export interface SnapshotRunParts {
  /** The bar, the log and any failure; carries [data-mount="share-build"]. */
  runCard: ReactNode;
  /** The real layers once built, else the plan. */
  layers: ReactNode;
  /** The live build timeline, once a build started. */
  timeline: ReactNode;
  /** Each command with its output, once a build started. */
  commandOutputs: ReactNode;
  started: boolean;
  built: boolean;
  /** Dockerfile lines of the layer under the pointer, for the editor. */
  highlight: { start: number; end: number } | null;
}

export function useSnapshotRun({ dockerfile, files, commands, autoStart, sandboxUrl, sandboxPort, plan, compact = false }: SnapshotRunProps): SnapshotRunParts {
  const tr = useT();
  const locale = useLocale();
  const headingId = useId();
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  useEffect(() => setBaseUrl(defaultSandboxUrl(sandboxUrl || undefined, sandboxPort)), [sandboxUrl, sandboxPort]);
  const { state, start, build, layers, stepText, cachedIds, loadLayerFiles } = useShareRun({ baseUrl, dockerfile, files, commands, locale });
  // Layers and lines point at each other as in the playground: hover a layer
  // to light its instruction, click it for the files it holds.
  const [hover, setHover] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  useEffect(() => { setSelected(null); setHover(null); }, [state.imageId]);
  const ranges = useMemo(() => {
    try { return new Map(parseDockerfile(dockerfile).instructions.map((i) => [i.line, i.endLine])); } catch { return new Map<number, number>(); }
  }, [dockerfile]);
  const hoverLine = hover !== null ? layers?.[hover]?.line : undefined;
  const highlight = useMemo(() => (hoverLine ? { start: hoverLine, end: ranges.get(hoverLine) ?? hoverLine } : null), [hoverLine, ranges]);

  const autoStarted = useRef(false);
  useEffect(() => {
    if (!autoStart || !baseUrl || autoStarted.current) return;
    autoStarted.current = true;
    start();
  }, [autoStart, baseUrl, start]);

  const started = state.run > 0;
  const busy = runBusy(state);
  const stageClass = state.stage === 'done' ? styles.stageOk : state.stage === 'failed' ? styles.stageBad : busy ? styles.stageBusy : '';
  const layerView = layers ? (
    <>
      <LayerStack layers={layers} imageName="snapshot" highlightedIndex={hover} selectedIndex={selected} cachedIds={cachedIds} stepText={stepText}
        onHover={setHover} onSelect={(i) => setSelected((s) => (s === i ? null : i))} />
      {selected !== null && layers[selected] && (
        <LayerDrawer layer={layers[selected]} index={selected} load={loadLayerFiles} onClose={() => setSelected(null)} />
      )}
    </>
  ) : plan;

  const runCard = (
    <section className={`${styles.card} ${styles.runCard}`} aria-labelledby={headingId}
      data-mount="share-build" data-stage={state.stage} data-autostart={autoStart ? '1' : '0'}>
      <div className={`${styles.runBar} ${compact ? styles.runBarCompact : ''}`}>
        {/* The embed's own bar already names the snapshot: the heading stays for screen readers only. */}
        <h2 id={headingId} className={compact ? styles.srOnly : undefined}>{tr('share.run.title')}</h2>
        <span className={`${styles.stage} ${stageClass}`} role="status" data-testid="run-stage">{tr(`share.run.stage.${state.stage}`)}</span>
        <button type="button" className="button primary" onClick={start} disabled={busy || !baseUrl} data-testid="share-build">
          {started ? tr('share.run.again') : tr('share.run.build')}
        </button>
      </div>
      {!started && (
        <p className={styles.dim}>
          {tr(compact ? 'share.run.introCompact' : 'share.run.intro')}
          {commands.length > 0 && `${sentenceGap(locale)}${commands.length === 1 ? tr('share.run.afterOne') : tr('share.run.afterMany', { n: commands.length })}`}
        </p>
      )}
      {autoStart && !started && <p className={styles.replayNote}>{tr('share.run.replayNote')}</p>}
      {state.stage === 'failed' && <p className={styles.error} role="alert">{tr('share.run.failed', { message: state.error ?? '' })}</p>}
      {started && (
        <div className={compact ? styles.logCompact : styles.logFull} data-testid="share-build-log">
          <BuildLogView lines={build.log} />
        </div>
      )}
    </section>
  );
  return {
    runCard,
    layers: layerView,
    timeline: started && <BuildTimeline progress={build.progress} onHoverLine={noop} />,
    commandOutputs: started && commands.length > 0 && <CommandOutputs runs={state.commands} />,
    started,
    built: layers !== null,
    highlight,
  };
}
