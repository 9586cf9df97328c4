'use client';
import { useEffect, useMemo, useRef, useState } from 'react';
import * as d3 from 'd3';
import type { Container, Layer } from '@/lib/protocol';
import { pathsToChanges, unionEntries, visibleEntries, type LayerFile, type Source } from '@/lib/diagrams/union';
import { layerSummary } from '@/lib/diagrams/text';
import { formatBytes, shortId } from '@/lib/world/reducer';
import { useLocale, useT } from '@/components/playground/locale-context';
import styles from './diagrams.module.css';

// One colour per layer along a ramp, the writable layer in its own colour,
// so "which layer gives me this file?" is answered at a glance.
function colourFor(source: Source | null, count: number): string {
  if (source === null) return 'transparent';
  if (source === 'rw') return 'var(--writable)';
  return d3.interpolateCool(count <= 1 ? 0.3 : 0.15 + (0.7 * source) / (count - 1));
}

export function UnionView({ container, layers, load }: {
  container: Container;
  layers: readonly Layer[];
  load(index: number): Promise<LayerFile[]>;
}) {
  const tr = useT();
  const locale = useLocale();
  const [files, setFiles] = useState<LayerFile[][] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const box = useRef<HTMLElement>(null);
  useEffect(() => { box.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }); }, [container.id]);
  useEffect(() => {
    let alive = true;
    setFiles(null); setError(null);
    // Every layer is asked: a step drawn as metadata-only may still have made a
    // directory (WORKDIR does), and the engine's export is the judge.
    Promise.all(layers.map((_, i) => load(i)))
      .then((f) => alive && setFiles(f), (e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => { alive = false; };
  }, [layers, load]);
  const entries = useMemo(() => (files ? unionEntries(files, container.diff) : []), [files, container.diff]);
  const open = expanded ?? pathsToChanges(entries);
  const rows = useMemo(() => visibleEntries(entries, open), [entries, open]);
  const toggle = (p: string) => {
    const next = new Set(open);
    if (next.has(p)) next.delete(p); else next.add(p);
    setExpanded(next);
  };
  const sourceName = (s: Source | null) => (s === 'rw' ? tr('dia.union.fromWritable') : s === null ? '' : tr('dia.union.fromLayer', { n: s + 1, instruction: layerSummary(layers[s].createdBy, locale).instruction }));
  return (
    <section ref={box} className={styles.panel} aria-label={tr('dia.union.aria', { id: shortId(container.id) })}>
      <div className={styles.panelHead}><h2>{tr('play.unionView')} · {shortId(container.id)}</h2></div>
      <p className={styles.hint}>{tr('dia.union.hint')}</p>
      <div className={styles.legend}>
        {layers.map((l, i) => (files && files[i]?.length ? (
          <span key={i}><i className={styles.swatch} style={{ background: colourFor(i, layers.length) }} />{i + 1}. {layerSummary(l.createdBy, locale).instruction}</span>
        ) : null))}
        <span><i className={styles.swatch} style={{ background: colourFor('rw', 0) }} />{tr('dia.union.writable')}</span>
      </div>
      {error && <p className={styles.error}>{error}</p>}
      {!files && !error && <p className={styles.hint}>{tr('dia.union.reading')}</p>}
      {files && (
        <ul className={styles.files} role="tree" aria-label={tr('dia.union.tree')}>
          {rows.map((e) => (
            <li key={e.path} role="treeitem" aria-expanded={e.hasChildren ? open.has(e.path) : undefined}
              aria-label={`${e.path}${e.whiteout ? tr('dia.union.itemDeleted') : ''}${e.source !== null ? tr('dia.union.itemFrom', { source: sourceName(e.source) }) : ''}`}
              style={{ paddingLeft: `${0.35 + e.depth * 1.1}rem` }}>
              {e.hasChildren
                ? <button type="button" className={styles.treeToggle} onClick={() => toggle(e.path)} aria-label={tr(open.has(e.path) ? 'dia.union.collapse' : 'dia.union.expand', { path: e.path })}>{open.has(e.path) ? '▾' : '▸'}</button>
                : <span className={styles.treeToggle} />}
              <i className={styles.dot} style={{ background: colourFor(e.source, layers.length), outline: e.source === null ? '1px solid var(--border)' : undefined }} title={sourceName(e.source)} />
              <span className={e.whiteout ? styles.gone : undefined}>{e.name}{e.hasChildren ? '/' : ''}</span>
              {e.whiteout && <span className={`${styles.kind} ${styles.D}`}>{tr('dia.union.whiteout')}</span>}
              {!!e.sizeBytes && !e.whiteout && <span className={styles.size}>{formatBytes(e.sizeBytes)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
