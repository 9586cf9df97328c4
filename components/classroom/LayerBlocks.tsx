// A learner's last image as a stack of layers, base at the bottom: one block
// per layer, labelled with what made it and its size; metadata-only layers
// drawn thin, as in the playground's diagram.
import type { CompactLayer } from '@/lib/classroom/messages';
import { formatBytes } from '@/lib/world/format';
import styles from './classroom.module.css';

function label(createdBy: string): string {
  // docker history prints "/bin/sh -c #(nop)  ENV A=b" for metadata steps.
  return createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c /, 'RUN ').trim() || 'base layer (imported)';
}

export function LayerBlocks({ layers, big = false, title }: { layers: CompactLayer[]; big?: boolean; title: string }) {
  if (layers.length === 0) return <p className={styles.dim}>No image built yet.</p>;
  const top = [...layers].reverse(); // newest on top
  return (
    <ol className={`${styles.stack} ${big ? styles.big : ''}`} aria-label={title} reversed>
      {top.map((l, i) => (
        <li key={i} className={`${styles.block} ${l.empty ? styles.thin : ''}`} title={l.createdBy}>
          <span className={styles.blockText}>{label(l.createdBy)}</span>
          <span className={styles.blockSize}>{l.empty ? 'metadata' : formatBytes(l.sizeBytes)}{l.line ? ` · line ${l.line}` : ''}</span>
        </li>
      ))}
    </ol>
  );
}
