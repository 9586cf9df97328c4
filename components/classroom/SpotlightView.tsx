// What the spotlight shows, sized for a projector: a learner's Dockerfile
// beside their layer stack, or the instructor's own Dockerfile.
import type { SpotlightView as View } from '@/lib/classroom/roster';
import { useT } from '@/components/playground/locale-context';
import { DockerfileView } from './DockerfileView';
import { LayerBlocks } from './LayerBlocks';
import { rich } from './rich';
import styles from './classroom.module.css';

export function SpotlightContent({ view }: { view: Exclude<View, null> }) {
  const tr = useT();
  if (view.kind === 'instructor') {
    return (
      <div className={styles.spotGrid}>
        <section>
          <h2 className={styles.spotTitle}>{tr('classroom.spot.instructor')}</h2>
          <DockerfileView text={view.dockerfile} label={tr('classroom.spot.instructor')} big />
        </section>
      </div>
    );
  }
  const d = view.detail;
  const failed = d.lastBuild && !d.lastBuild.ok ? d.lastBuild : null;
  return (
    <div className={styles.spotGrid}>
      <section>
        <h2 className={styles.spotTitle}>{rich(tr('classroom.dockerfileOf'), { name: <span className={styles.name}>{d.displayName}</span> })}</h2>
        {failed && <p className={`${styles.alert} ${styles.big}`}>{failed.line
          ? tr('classroom.spot.failedAt', { line: failed.line, message: failed.message })
          : tr('classroom.spot.failed', { message: failed.message })}</p>}
        <DockerfileView text={d.dockerfile} errorLine={failed?.line} label={tr('classroom.dockerfileOf', { name: d.displayName })} big />
      </section>
      <section>
        <h2 className={styles.spotTitle}>{tr('play.imageLayers')}</h2>
        <LayerBlocks layers={d.layers} title={tr('classroom.layersOf', { name: d.displayName })} big />
      </section>
    </div>
  );
}
