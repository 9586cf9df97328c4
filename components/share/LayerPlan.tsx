'use client';
// The stack the snapshot's Dockerfile will make, read from its instructions
// (the same picture the link preview draws). The real layers, ids and sizes
// come from a build.
import { previewLayers } from '@/lib/shares/layer-preview';
import { useT } from '@/components/playground/locale-context';
import styles from './share.module.css';

export function LayerPlan({ dockerfile, max = 10 }: { dockerfile: string; max?: number }) {
  const tr = useT();
  const { layers, hidden } = previewLayers(dockerfile, max);
  if (layers.length === 0) return <p className={styles.dim}>{tr('share.plan.empty')}</p>;
  return (
    <ol className={styles.plan} aria-label={tr('share.plan.aria')}>
      {layers.map((l, i) => (
        <li key={i} className={`${styles.planLayer} ${l.thin ? styles.planThin : ''} ${l.base ? styles.planBase : ''}`}>
          <b>{l.keyword}</b>
          <code>{l.text}</code>
          {i === 0 && hidden > 0 && <span className={styles.dim} style={{ marginLeft: 'auto' }}>{tr('share.plan.more', { n: hidden })}</span>}
        </li>
      ))}
    </ol>
  );
}
