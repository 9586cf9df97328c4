'use client';
import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import type { Layer } from '@/lib/protocol';
import { layerStackAttrs } from '@/lib/diagrams/layer-stack';
import { drawLayerStack } from './draw-layer-stack';
import { useElementWidth } from './useElementWidth';
import { useT } from '@/components/playground/locale-context';
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
  const handlers = useRef(props);
  handlers.current = props;

  const attrs = useMemo(
    () => layerStackAttrs(layers ?? [], { width, cachedIds, highlightedIndex, stepText }),
    [layers, width, cachedIds, highlightedIndex, stepText],
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
          ? `${imageName ?? 'This image'}: ${count} layers, base at the bottom. Hover or focus a layer to find its line; click it to see its files.`
          : emptyText ?? tr('play.noImages')}
      </p>
      <div ref={wrap} className={styles.scroll} style={{ maxHeight: '30rem' }}>
        <svg
          ref={svg}
          className={styles.svg}
          role="list"
          aria-label={imageName ? `Layers of ${imageName}, newest first` : 'Image layers'}
          style={{ display: count ? 'block' : 'none' }}
        />
      </div>
      {count > 0 && (
        <div className={styles.legend} aria-hidden="true">
          <span><i className={styles.swatch} style={{ background: 'var(--layer)' }} />your layers</span>
          <span><i className={styles.swatch} style={{ background: 'color-mix(in srgb, var(--layer) 38%, var(--surface))' }} />from the base image</span>
          <span><i className={styles.swatch} style={{ background: 'var(--layer-thin)', height: '0.35rem' }} />metadata only</span>
          <span><i className={styles.swatch} style={{ border: '2px dashed var(--layer-cached)' }} />{tr('play.cached')}</span>
        </div>
      )}
    </section>
  );
}
