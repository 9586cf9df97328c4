// One row per learner; names are rendered as text like every other value.
import type { DashboardRow } from '@/lib/classroom/dashboard-rows';
import styles from './classroom.module.css';

export function RosterTable({ rows, followingId, spotlightId, onFollow, onSpotlight }: {
  rows: DashboardRow[];
  followingId: string | null;
  spotlightId: string | null;
  onFollow(id: string): void;
  onSpotlight(id: string): void;
}) {
  if (rows.length === 0) return <p className={styles.empty}>No one has joined yet. Learners open <strong>/join</strong> and type the code above.</p>;
  return (
    <table className={styles.roster} aria-label="Learners">
      <thead>
        <tr><th scope="col">Learner</th><th scope="col">Connection</th><th scope="col">Lesson</th><th scope="col">Last build</th><th scope="col">Layers</th><th scope="col">Running</th><th scope="col"><span className={styles.srOnly}>Actions</span></th></tr>
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
                {followingId === r.id ? 'Following' : 'Follow'}
              </button>
              <button type="button" className="button" aria-pressed={spotlightId === r.id} onClick={() => onSpotlight(r.id)}>
                Spotlight
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
