'use client';
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef } from 'react';
import type { WorldSnapshot } from '@/lib/protocol';
import { containersAttrs } from '@/lib/diagrams/containers';
import { animateCommit, drawContainers } from './draw-containers';
import { useElementWidth } from './useElementWidth';
import { useLocale, useT } from '@/components/playground/locale-context';
import styles from './diagrams.module.css';

export interface ContainersDiagramHandle { animateCommit(containerId: string): Promise<void> }

export const ContainersDiagram = forwardRef<ContainersDiagramHandle, {
  world: WorldSnapshot | null;
  selected: string | null;
  onSelect(id: string): void;
  stepText?: ReadonlyMap<string, string>;
}>(function ContainersDiagram({ world, selected, onSelect, stepText }, ref) {
  const tr = useT();
  const locale = useLocale();
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useElementWidth(wrap);
  const attrs = useMemo(() => containersAttrs(world, { width, stepText, locale }), [world, width, stepText, locale]);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (svg.current) drawContainers(svg.current, attrs, selected, { onSelect: (id) => select.current(id) });
  }, [attrs, selected]);
  useImperativeHandle(ref, () => ({
    animateCommit: (id: string) => (svg.current ? animateCommit(svg.current, attrs, id) : Promise.resolve()),
  }), [attrs]);

  const count = world?.containers.length ?? 0;
  return (
    <div ref={wrap} className={styles.scroll}>
      <svg ref={svg} className={styles.svg} role="list" aria-label={count === 1 ? tr('dia.containers.countOne') : tr('dia.containers.count', { n: count })} style={{ display: count ? 'block' : 'none' }} />
      {count === 0 && (
        <div className={styles.empty}>{tr('play.noContainers')}</div>
      )}
    </div>
  );
});
