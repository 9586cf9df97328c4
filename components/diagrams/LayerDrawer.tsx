'use client';
import { useEffect, useRef, useState } from 'react';
import type { Layer } from '@/lib/protocol';
import type { LayerFile } from '@/lib/diagrams/union';
import { layerSummary } from '@/lib/diagrams/text';
import { formatBytes, shortId } from '@/lib/world/reducer';
import { useLocale, useT } from '@/components/playground/locale-context';
import styles from './diagrams.module.css';

const KIND_WORD = { A: 'dia.file.added', C: 'dia.file.changed', D: 'dia.file.deleted' } as const;

// The files one layer added, changed or deleted, as the engine's export of
// that layer shows them.
export function LayerDrawer({ layer, index, load, onClose }: {
  layer: Layer;
  index: number;
  load(index: number): Promise<LayerFile[]>;
  onClose(): void;
}) {
  const tr = useT();
  const locale = useLocale();
  const [files, setFiles] = useState<LayerFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLElement>(null);
  useEffect(() => { box.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }); }, [index]);
  useEffect(() => {
    let alive = true;
    setFiles(null); setError(null);
    load(index).then((f) => alive && setFiles(f), (e: unknown) => alive && setError(e instanceof Error ? e.message : String(e)));
    return () => { alive = false; };
  }, [index, load]);
  const { text } = layerSummary(layer.createdBy, locale);
  const counts = { A: 0, C: 0, D: 0 };
  for (const f of files ?? []) counts[f.kind]++;
  return (
    <section ref={box} className={styles.panel} aria-label={tr('dia.drawer.aria', { n: index + 1 })}>
      <div className={styles.panelHead}>
        <h2>{tr('dia.drawer.title', { n: index + 1 })}</h2>
        <button type="button" className="button" style={{ marginLeft: 'auto' }} onClick={onClose}>{tr('dia.drawer.close')}</button>
      </div>
      <p className={styles.hint}>
        <code>{text}</code> · {layer.id !== '<missing>' ? shortId(layer.id) : tr('dia.drawer.noId')} · {formatBytes(layer.sizeBytes)}
        {files && ` · ${tr('dia.drawer.counts', { added: counts.A, changed: counts.C, deleted: counts.D })}`}
      </p>
      {error && <p className={styles.error}>{error}</p>}
      {!files && !error && <p className={styles.hint}>{tr('dia.drawer.reading')}</p>}
      {files && files.length === 0 && <p className={styles.hint}>{tr('dia.drawer.noFiles')}</p>}
      {files && files.length > 0 && (
        <ul className={styles.files}>
          {files.slice(0, 2000).map((f) => (
            <li key={f.path} aria-label={tr(KIND_WORD[f.kind], { path: f.path })}>
              <span className={`${styles.kind} ${styles[f.kind]}`} aria-hidden="true">{f.kind}</span>
              <span className={f.kind === 'D' ? styles.gone : undefined}>{f.path}</span>
              {!!f.sizeBytes && f.kind !== 'D' && <span className={styles.size}>{formatBytes(f.sizeBytes)}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
