'use client';
import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import type { Layer } from '@/lib/protocol';
import { layerStackAttrs } from '@/lib/diagrams/layer-stack';
import { drawLayerStack } from './draw-layer-stack';
import { useElementWidth } from './useElementWidth';
import { useLocale, useT } from '@/components/playground/locale-context';
import styles from './diagrams.module.css';

export interface LayerStackProps {
  layers: readonly Layer[] | null;
  imageName: string | null;
  highlightedIndex: number | null;
  selectedIndex: number | null;
  cachedIds: ReadonlySet<string>;
  stepText?: ReadonlyMap<string, string>;
  freshIds?: ReadonlySet<string>;
  onHover(index: number | null): void;
  onSelect(index: number): void;
  toolbar?: ReactNode;
  emptyText?: string;
}

export function LayerStack(props: LayerStackProps) {
  const { layers, imageName, highlightedIndex, selectedIndex, cachedIds, stepText, freshIds, toolbar, emptyText } = props;
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useElementWidth(wrap);
  const headingId = useId();
  const tr = useT();
  const locale = useLocale();
  const handlers = useRef(props);
  handlers.current = props;

  const attrs = useMemo(
    () => layerStackAttrs(layers ?? [], { width, cachedIds, highlightedIndex, stepText, locale }),
    [layers, width, cachedIds, highlightedIndex, stepText, locale],
  );
  const fresh = useMemo(() => {
    const keys = new Set<string>();
    for (const b of attrs.blocks) if (freshIds?.has(layers?.[b.index]?.id ?? '')) keys.add(b.key);
    return keys;
  }, [attrs, freshIds, layers]);

  useEffect(() => {
    if (!svg.current) return;
    // User Timing, so the diagram benchmark can read the real cost in a browser.
    const start = performance.now();
    drawLayerStack(svg.current, attrs, {
      onHover: (i) => handlers.current.onHover(i),
      onSelect: (i) => handlers.current.onSelect(i),
    }, selectedIndex, fresh);
    performance.measure('layerlab:layer-stack-draw', { start, detail: { layers: attrs.blocks.length } });
  }, [attrs, selectedIndex, fresh]);

  const count = layers?.length ?? 0;
  return (
    <section id="layers-panel" className={styles.panel} aria-labelledby={headingId}>
      <div className={styles.panelHead}>
        <h2 id={headingId}>{tr('play.imageLayers')}</h2>
        {toolbar}
      </div>
      <p className={styles.hint}>
        {count > 0
          ? tr('dia.layers.hint', { image: imageName ?? tr('dia.layers.thisImage'), count })
          : emptyText ?? tr('play.noImages')}
      </p>
      <div ref={wrap} className={styles.scroll} style={{ maxHeight: '30rem' }}>
        <svg
          ref={svg}
          className={styles.svg}
          role="list"
          aria-label={imageName ? tr('dia.layers.aria', { image: imageName }) : tr('play.imageLayers')}
          style={{ display: count ? 'block' : 'none' }}
        />
      </div>
      {count > 0 && (
        <div className={styles.legend} aria-hidden="true">
          <span><i className={styles.swatch} style={{ background: 'var(--layer)' }} />{tr('dia.layers.own')}</span>
          <span><i className={styles.swatch} style={{ background: 'color-mix(in srgb, var(--layer) 38%, var(--surface))' }} />{tr('dia.layers.fromBase')}</span>
          <span><i className={styles.swatch} style={{ background: 'var(--layer-thin)', height: '0.35rem' }} />{tr('dia.layers.metaOnly')}</span>
          <span><i className={styles.swatch} style={{ border: '2px dashed var(--layer-cached)' }} />{tr('play.cached')}</span>
        </div>
      )}
    </section>
  );
}
