'use client';
// The selected container's output, live, as `docker logs -f` shows it:
// stderr lines marked, kept after the container exits, read again when it
// starts again (the engine keeps the log; the page keeps a bounded tail).
import { useEffect, useRef, useState } from 'react';
import type { ContainerLogEvent } from '@/lib/protocol';
import { appendLog, type LogLine } from '@/lib/containers/log-lines';
import dstyles from '@/components/diagrams/diagrams.module.css';
import { useT } from './locale-context';

const KEEP_CHARS = 256 * 1024;

export type FollowLogs = (id: string, onEvent: (e: ContainerLogEvent) => void, signal: AbortSignal) => Promise<void>;

export function ContainerLogs({ containerId, running, follow }: { containerId: string; running: boolean; follow: FollowLogs }) {
  const tr = useT();
  const [lines, setLines] = useState<LogLine[]>([]);
  const [truncated, setTruncated] = useState(false);
  const box = useRef<HTMLPreElement>(null);

  // Following restarts when the container starts (again): the engine's log
  // then holds everything from the first run on, as `docker logs` does.
  useEffect(() => {
    const ctrl = new AbortController();
    setLines([]); setTruncated(false);
    follow(containerId, (e) => {
      if (e.type === 'output') setLines((l) => appendLog(l, e, KEEP_CHARS));
      else if (e.type === 'end') setTruncated(e.truncated);
    }, ctrl.signal).catch(() => undefined);
    return () => ctrl.abort();
  }, [containerId, running, follow]);

  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines]);

  return (
    <div className={dstyles.execResult}>
      <div className={dstyles.execHead}><strong>{tr('play.logs')}</strong><code>docker logs -f {containerId.slice(0, 12)}</code></div>
      <pre ref={box} role="log" aria-label={tr('play.logs')} tabIndex={0} className={dstyles.logs}>
        {lines.length === 0 ? <span className={dstyles.hint}>{tr('play.logs.empty')}</span> : lines.map((l, i) => (
          <span key={i} className={l.stream === 'stderr' ? dstyles.stderr : undefined}>
            {l.stream === 'stderr' && <span className={dstyles.streamTag}>{tr('play.logs.stderr')} </span>}
            {l.text}{'\n'}
          </span>
        ))}
        {truncated && <span className={dstyles.hint}>{tr('play.logs.truncated')}</span>}
      </pre>
    </div>
  );
}
