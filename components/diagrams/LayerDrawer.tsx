'use client';
import { useEffect, useRef, useState } from 'react';
import type { Layer } from '@/lib/protocol';
import type { LayerFile } from '@/lib/diagrams/union';
import { layerSummary } from '@/lib/diagrams/text';
import { formatBytes, shortId } from '@/lib/world/reducer';
import styles from './diagrams.module.css';

const KIND_WORD = { A: 'added', C: 'changed', D: 'deleted' } as const;

// The files one layer added, changed or deleted, as the engine's export of
// that layer shows them.
export function LayerDrawer({ layer, index, load, onClose }: {
  layer: Layer;
  index: number;
  load(index: number): Promise<LayerFile[]>;
  onClose(): void;
}) {
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
  const { text } = layerSummary(layer.createdBy);
  const counts = { A: 0, C: 0, D: 0 };
  for (const f of files ?? []) counts[f.kind]++;
  return (
    <section ref={box} className={styles.panel} aria-label={`Files of layer ${index + 1}`}>
      <div className={styles.panelHead}>
        <h2>Layer {index + 1}: files</h2>
        <button type="button" className="button" style={{ marginLeft: 'auto' }} onClick={onClose}>Close</button>
      </div>
      <p className={styles.hint}>
        <code>{text}</code> · {layer.id !== '<missing>' ? shortId(layer.id) : 'no id'} · {formatBytes(layer.sizeBytes)}
        {files && ` · ${counts.A} added, ${counts.C} changed, ${counts.D} deleted`}
      </p>
      {error && <p className={styles.error}>{error}</p>}
      {!files && !error && <p className={styles.hint}>Reading the layer from the engine…</p>}
      {files && files.length === 0 && <p className={styles.hint}>This layer holds no files: it only changed the image&apos;s settings.</p>}
      {files && files.length > 0 && (
        <ul className={styles.files}>
          {files.slice(0, 2000).map((f) => (
            <li key={f.path} aria-label={`${KIND_WORD[f.kind]} ${f.path}`}>
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
