// A learner's last image as a stack of layers, base at the bottom: one block
// per layer, labelled with what made it and its size; metadata-only layers
// drawn thin, as in the playground's diagram.
import type { CompactLayer } from '@/lib/classroom/messages';
import { formatBytes } from '@/lib/world/format';
import { useT } from '@/components/playground/locale-context';
import styles from './classroom.module.css';

function label(createdBy: string): string {
  // docker history prints "/bin/sh -c #(nop)  ENV A=b" for metadata steps.
  return createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c /, 'RUN ').trim();
}

export function LayerBlocks({ layers, big = false, title }: { layers: CompactLayer[]; big?: boolean; title: string }) {
  const tr = useT();
  if (layers.length === 0) return <p className={styles.dim}>{tr('classroom.view.noImage')}</p>;
  const top = [...layers].reverse(); // newest on top
  return (
    <ol className={`${styles.stack} ${big ? styles.big : ''}`} aria-label={title} reversed>
      {top.map((l, i) => (
        <li key={i} className={`${styles.block} ${l.empty ? styles.thin : ''}`} title={l.createdBy}>
          <span className={styles.blockText}>{label(l.createdBy) || tr('classroom.view.imported')}</span>
          <span className={styles.blockSize}>{l.empty ? tr('classroom.view.metadata') : formatBytes(l.sizeBytes)}{l.line ? ` · ${tr('classroom.view.line', { n: l.line })}` : ''}</span>
        </li>
      ))}
    </ol>
  );
}
