// One row per learner; names are rendered as text like every other value.
import type { DashboardRow } from '@/lib/classroom/dashboard-rows';
import { useT } from '@/components/playground/locale-context';
import { rich } from './rich';
import styles from './classroom.module.css';

export function RosterTable({ rows, followingId, spotlightId, onFollow, onSpotlight, onRemove }: {
  rows: DashboardRow[];
  followingId: string | null;
  spotlightId: string | null;
  onFollow(id: string): void;
  onSpotlight(id: string): void;
  onRemove(row: DashboardRow): void;
}) {
  const tr = useT();
  if (rows.length === 0) return <p className={styles.empty}>{rich(tr('classroom.roster.empty'), { join: <strong>/join</strong> })}</p>;
  return (
    <table className={styles.roster} aria-label={tr('classroom.teach.learners')}>
      <thead>
        <tr>
          <th scope="col">{tr('classroom.roster.learner')}</th><th scope="col">{tr('classroom.roster.connection')}</th><th scope="col">{tr('classroom.roster.lesson')}</th>
          <th scope="col">{tr('classroom.roster.lastBuild')}</th><th scope="col">{tr('classroom.roster.layers')}</th><th scope="col">{tr('classroom.roster.running')}</th>
          <th scope="col"><span className={styles.srOnly}>{tr('classroom.roster.actions')}</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-member={r.id} className={followingId === r.id ? styles.followingRow : undefined}>
            <th scope="row" className={styles.name}>{r.name}</th>
            <td><span className={`${styles.dot} ${styles[r.connection.tone]}`} aria-hidden="true" />{r.connection.label}</td>
            <td>{r.lesson}</td>
            <td className={styles[r.build.tone]}>
              <strong>{r.build.label}</strong>
              {r.build.detail && <span className={styles.buildDetail}>{r.build.detail}</span>}
            </td>
            <td className={styles.num}>{r.layers}</td>
            <td className={styles.num}>{r.containers}</td>
            <td className={styles.rowActions}>
              <button type="button" className="button" aria-pressed={followingId === r.id} onClick={() => onFollow(r.id)}>
                {followingId === r.id ? tr('classroom.roster.following') : tr('classroom.roster.follow')}
              </button>
              <button type="button" className="button" aria-pressed={spotlightId === r.id} onClick={() => onSpotlight(r.id)}>
                {tr('classroom.roster.spotlight')}
              </button>
              <button type="button" className="button danger" aria-label={tr('classroom.roster.removeLabel', { name: r.name })} onClick={() => onRemove(r)}>
                {tr('classroom.roster.remove')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
