'use client';
// ─── MOUNT POINT: build + live layer diagram of a shared snapshot ───────────
// The playground's build panel (session, build stream, LayerStack) cannot yet
// run a given snapshot read-only, so a share opens it in the learner's own
// playground instead. When it can, render it here with these props:
//   { dockerfile, files, commands, autoStart: replay }
// and start the build on mount when autoStart is true (`?replay=1` or the
// share's own replay flag). The e2e test finds this slot by
// [data-mount="share-build"].
import type { ShareFile } from '@/lib/shares/snapshot';
import styles from './share.module.css';

export interface BuildSlotProps {
  dockerfile: string;
  files: Record<string, ShareFile>;
  commands: string[][];
  autoStart: boolean;
  onBuild(): void;
  buildLabel: string;
  compact?: boolean;
}

export function BuildSlot({ commands, autoStart, onBuild, buildLabel, compact = false }: BuildSlotProps) {
  return (
    <section className={styles.mount} data-mount="share-build" data-autostart={autoStart ? '1' : '0'} aria-label="Build">
      <h2>Build it for real</h2>
      {compact ? <p className={styles.dim}>Build it on a real Docker Engine and watch each layer land.</p> : <p className={styles.dim}>
        Builds run on a real Docker Engine in a sandbox of your own: each instruction runs in a short-lived container and
        what it changed is frozen into a layer.
        {commands.length > 0 && ` Afterwards, ${commands.length === 1 ? 'one container runs' : `${commands.length} containers run`} from the image.`}
      </p>}
      {autoStart && <p className={styles.replayNote}>This link asks to build as soon as it opens; the build starts in your copy.</p>}
      <div><button type="button" className="button primary" onClick={onBuild}>{buildLabel}</button></div>
    </section>
  );
}
