'use client';
// What each of the snapshot's commands printed, run in a container from the
// built image. Output is the engine's, shown as text.
import { useId } from 'react';
import { commandLine, type CommandRun } from '@/lib/shares/replay';
import { useT } from '@/components/playground/locale-context';
import styles from './share.module.css';

export function CommandOutputs({ runs }: { runs: CommandRun[] }) {
  const tr = useT();
  const headingId = useId();
  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h2 id={headingId}>{tr('share.cmd.title')}</h2>
      <ol className={styles.runs}>
        {runs.map((r, i) => {
          const line = commandLine(r.argv);
          return (
            <li key={i} className={styles.runItem} data-testid="command-run" data-status={r.status}>
              <div className={styles.runHead}>
                <code>$ {line}</code>
                <span className={r.status === 'failed' || (r.exitCode ?? 0) !== 0 ? styles.runBad : r.status === 'done' ? styles.runOk : styles.dim}>
                  {r.status === 'waiting' ? tr('share.cmd.waiting')
                    : r.status === 'running' ? tr('share.cmd.running')
                      : r.status === 'done' ? tr('share.cmd.exit', { code: r.exitCode ?? 0 }) : tr('share.run.stage.failed')}
                </span>
              </div>
              {r.status === 'done' && (
                <pre className={styles.runOut} data-testid="command-output" aria-label={tr('share.cmd.aria', { cmd: line })}>
                  {r.output?.replace(/\n$/, '') || tr('share.cmd.noOutput')}
                </pre>
              )}
              {r.status === 'failed' && <p className={styles.error} role="alert">{tr('share.cmd.failed', { message: r.error ?? '' })}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
