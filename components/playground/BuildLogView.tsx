'use client';
import { useEffect, useRef } from 'react';
import type { LogLine } from './build-log';
import { useT } from './locale-context';
import styles from './playground.module.css';

export function BuildLogView({ lines }: { lines: LogLine[] }) {
  const tr = useT();
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => { if (box.current) box.current.scrollTop = box.current.scrollHeight; }, [lines]);
  return (
    <pre ref={box} className={styles.log} aria-label={tr('play.buildLog')} tabIndex={0}>
      {lines.length === 0 && <span className={styles.dim}>{tr('play.buildLogEmpty')}</span>}
      {lines.map((l, i) => <div key={i} className={styles[`log_${l.kind}`]}>{l.text}</div>)}
    </pre>
  );
}
