// A learner's last image as a stack of layers, base at the bottom: one block
// per layer, labelled with what made it and its size; metadata-only layers
// drawn thin, as in the playground's diagram.
import type { CompactLayer } from '@/lib/classroom/messages';
import { formatBytes } from '@/lib/world/format';
import { layerSummary } from '@/lib/diagrams/text';
import { useLocale, useT } from '@/components/playground/locale-context';
import styles from './classroom.module.css';

export function LayerBlocks({ layers, big = false, title }: { layers: CompactLayer[]; big?: boolean; title: string }) {
  const tr = useT();
  const locale = useLocale();
  if (layers.length === 0) return <p className={styles.dim}>{tr('classroom.view.noImage')}</p>;
  const top = [...layers].reverse(); // newest on top
  return (
    <ol className={`${styles.stack} ${big ? styles.big : ''}`} aria-label={title} reversed>
      {top.map((l, i) => (
        <li key={i} className={`${styles.block} ${l.empty ? styles.thin : ''}`} title={l.createdBy}>
          {/* The playground's wording: "RUN …", hashes cut short, the sandbox's labels named, not printed. */}
          <span className={styles.blockText}>{layerSummary(l.createdBy, locale).text}</span>
          <span className={styles.blockSize}>{l.empty ? tr('classroom.view.metadata') : formatBytes(l.sizeBytes)}{l.line ? ` · ${tr('classroom.view.line', { n: l.line })}` : ''}</span>
        </li>
      ))}
    </ol>
  );
}
