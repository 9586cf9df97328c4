// A read-only Dockerfile with line numbers, the failing line marked: what an
// instructor sees when following or spotlighting a learner.
import { useT } from '@/components/playground/locale-context';
import styles from './classroom.module.css';

export function DockerfileView({ text, errorLine, label, big = false }: { text: string; errorLine?: number; label: string; big?: boolean }) {
  const tr = useT();
  const lines = text.replace(/\n$/, '').split('\n');
  if (!text.trim()) return <p className={styles.dim}>{tr('classroom.view.empty')}</p>;
  return (
    <pre className={`${styles.dockerfile} ${big ? styles.big : ''}`} aria-label={label} data-testid="dockerfile-view">
      {lines.map((l, i) => (
        <span key={i} className={`${styles.line} ${errorLine === i + 1 ? styles.errorLine : ''}`}>
          <span className={styles.lineNo} aria-hidden="true">{i + 1}</span>
          <span>{l || ' '}</span>
        </span>
      ))}
    </pre>
  );
}
