'use client';
// The snapshot's context files, read-only. Contents are rendered as text
// nodes only: a file full of markup shows its markup.
import { useState } from 'react';
import type { ShareFile } from '@/lib/shares/snapshot';
import { useT } from '@/components/playground/locale-context';
import styles from './share.module.css';

function describe(file: ShareFile, binary: (bytes: number) => string): string {
  if (typeof file === 'string') return file;
  return binary(Math.floor((file.base64.replace(/\s+/g, '').length * 3) / 4));
}

export function SnapshotFiles({ files }: { files: Record<string, ShareFile> }) {
  const tr = useT();
  const names = Object.keys(files).sort();
  const [current, setCurrent] = useState(names[0] ?? null);
  if (names.length === 0) return <p className={styles.dim}>{tr('share.files.none')}</p>;
  return (
    <div className={styles.files}>
      <ul className={styles.fileList} aria-label={tr('share.files.list')}>
        {names.map((n) => (
          <li key={n}>
            <button type="button" className={styles.fileBtn} aria-current={n === current} onClick={() => setCurrent(n)} title={n}>{n}</button>
          </li>
        ))}
      </ul>
      {current !== null && <pre className={styles.fileText} data-testid="file-content" aria-label={tr('share.files.contents', { name: current })}>{describe(files[current], (bytes) => tr('share.files.binary', { bytes }))}</pre>}
    </div>
  );
}
