// What the spotlight shows, sized for a projector: a learner's Dockerfile
// beside their layer stack, or the instructor's own Dockerfile.
import type { SpotlightView as View } from '@/lib/classroom/roster';
import { DockerfileView } from './DockerfileView';
import { LayerBlocks } from './LayerBlocks';
import styles from './classroom.module.css';

export function SpotlightContent({ view }: { view: Exclude<View, null> }) {
  if (view.kind === 'instructor') {
    return (
      <div className={styles.spotGrid}>
        <section>
          <h2 className={styles.spotTitle}>Instructor&apos;s Dockerfile</h2>
          <DockerfileView text={view.dockerfile} label="Instructor's Dockerfile" big />
        </section>
      </div>
    );
  }
  const d = view.detail;
  const failed = d.lastBuild && !d.lastBuild.ok ? d.lastBuild : null;
  return (
    <div className={styles.spotGrid}>
      <section>
        <h2 className={styles.spotTitle}><span className={styles.name}>{d.displayName}</span>&apos;s Dockerfile</h2>
        {failed && <p className={`${styles.alert} ${styles.big}`}>Failed{failed.line ? ` at line ${failed.line}` : ''}: {failed.message}</p>}
        <DockerfileView text={d.dockerfile} errorLine={failed?.line} label={`${d.displayName}'s Dockerfile`} big />
      </section>
      <section>
        <h2 className={styles.spotTitle}>Image layers</h2>
        <LayerBlocks layers={d.layers} title={`${d.displayName}'s layers`} big />
      </section>
    </div>
  );
}
