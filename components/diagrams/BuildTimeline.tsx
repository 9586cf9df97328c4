'use client';
import { useEffect, useId, useMemo, useRef } from 'react';
import type { BuildProgress } from '@/lib/world/reducer';
import { buildSceneAttrs, buildTimelineAttrs } from '@/lib/diagrams/build-timeline';
import { drawScene, drawTimeline } from './draw-build-timeline';
import { useElementWidth } from './useElementWidth';
import { useLocale, useT } from '@/components/playground/locale-context';
import styles from './diagrams.module.css';

export interface BuildTimelineProps {
  progress: BuildProgress | null;
  onHoverLine(line: number | null): void;
}

export function BuildTimeline({ progress, onHoverLine }: BuildTimelineProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const rowsSvg = useRef<SVGSVGElement>(null);
  const sceneSvg = useRef<SVGSVGElement>(null);
  const width = useElementWidth(wrap, 360);
  const headingId = useId();
  const tr = useT();
  const locale = useLocale();
  const hover = useRef(onHoverLine);
  hover.current = onHoverLine;
  const attrs = useMemo(() => buildTimelineAttrs(progress, { width, locale }), [progress, width, locale]);
  const scene = useMemo(() => buildSceneAttrs(progress, locale), [progress, locale]);
  const current = progress?.steps.find((s) => s.phase !== 'done' && s.phase !== 'pending')?.index ?? null;

  useEffect(() => {
    if (rowsSvg.current) drawTimeline(rowsSvg.current, attrs, current, (l) => hover.current(l));
  }, [attrs, current]);
  useEffect(() => {
    if (sceneSvg.current) drawScene(sceneSvg.current, scene);
  }, [scene]);

  const failed = progress?.status === 'failed';
  return (
    <section className={styles.panel} aria-labelledby={headingId}>
      <div className={styles.panelHead}><h2 id={headingId}>{tr('play.buildTimeline')}</h2></div>
      <p className={`${styles.caption} ${failed ? styles.failed : ''}`} role="status" aria-live="polite">{scene.caption}</p>
      <div className={styles.scene} style={{ display: progress && progress.steps.length > 0 ? 'flex' : 'none' }}>
        <svg ref={sceneSvg} aria-hidden="true" className={styles.svg} style={{ width: 244, flex: 'none' }} />
        <div ref={wrap} style={{ flex: '1 1 300px', minWidth: 0, maxHeight: '24rem' }} className={styles.scroll}>
          <svg ref={rowsSvg} className={styles.svg} role="list" aria-label={tr('dia.build.steps')} />
        </div>
      </div>
      {!(progress && progress.steps.length > 0) && (
        <div className={styles.empty}>{tr('dia.build.empty')}</div>
      )}
    </section>
  );
}
