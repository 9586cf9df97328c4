'use client';
// The snapshot's context files, read-only. Contents are rendered as text
// nodes only: a file full of markup shows its markup.
import { useState } from 'react';
import type { ShareFile } from '@/lib/shares/snapshot';
import styles from './share.module.css';

function describe(file: ShareFile): string {
  if (typeof file === 'string') return file;
  const bytes = Math.floor((file.base64.replace(/\s+/g, '').length * 3) / 4);
  return `(binary file, about ${bytes} bytes)`;
}

export function SnapshotFiles({ files }: { files: Record<string, ShareFile> }) {
  const names = Object.keys(files).sort();
  const [current, setCurrent] = useState(names[0] ?? null);
  if (names.length === 0) return <p className={styles.dim}>No context files: the build sends the Dockerfile alone.</p>;
  return (
    <div className={styles.files}>
      <ul className={styles.fileList} aria-label="Context files">
        {names.map((n) => (
          <li key={n}>
            <button type="button" className={styles.fileBtn} aria-current={n === current} onClick={() => setCurrent(n)} title={n}>{n}</button>
          </li>
        ))}
      </ul>
      {current !== null && <pre className={styles.fileText} data-testid="file-content" aria-label={`Contents of ${current}`}>{describe(files[current])}</pre>}
    </div>
  );
}
