'use client';
import { useRef, useState } from 'react';
import { formatBytes } from '@/lib/world/reducer';
import {
  bytesToBase64, checkFileName, checkLimits, contextUsage, fileBytes, looksLikeText, removeFile, renameFile,
  type ContextFiles, type ContextLimits,
} from './context-files';
import { useLocale, useT } from './locale-context';
import styles from './playground.module.css';

export function ContextPanel({ files, limits, onChange }: { files: ContextFiles; limits: ContextLimits; onChange(f: ContextFiles): void }) {
  const tr = useT();
  const locale = useLocale();
  const names = Object.keys(files).sort();
  const [selected, setSelected] = useState<string | null>(names[0] ?? null);
  const [renaming, setRenaming] = useState<{ from: string | null; value: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const upload = useRef<HTMLInputElement>(null);
  const usage = contextUsage(files);
  const current = selected && Object.prototype.hasOwnProperty.call(files, selected) ? selected : null;

  const commitName = () => {
    if (!renaming) return;
    const name = renaming.value.trim();
    const err = checkFileName(name, files, renaming.from ?? undefined, locale);
    if (err) { setProblem(err); return; }
    const next = renaming.from === null ? { ...files, [name]: '' } : renameFile(files, renaming.from, name);
    const over = checkLimits(next, limits, locale);
    if (over) { setProblem(over); return; }
    onChange(next);
    setSelected(name);
    setRenaming(null);
    setProblem(null);
  };

  const onUpload = async (list: FileList | null) => {
    if (!list) return;
    let next = { ...files };
    for (const f of Array.from(list)) {
      const bytes = new Uint8Array(await f.arrayBuffer());
      next = { ...next, [f.name]: looksLikeText(bytes) ? new TextDecoder().decode(bytes) : { base64: bytesToBase64(bytes) } };
    }
    const over = checkLimits(next, limits, locale);
    if (over) { setProblem(over); return; }
    setProblem(null);
    onChange(next);
    setSelected(list[list.length - 1]?.name ?? null);
    if (upload.current) upload.current.value = '';
  };

  const body = current !== null ? files[current] : null;
  return (
    <section className={styles.card} aria-labelledby="ctx-heading">
      <div className={styles.cardHead}>
        <h2 id="ctx-heading">{tr('play.files')}</h2>
        <div className={styles.headActions}>
          <button type="button" className="button" onClick={() => { setRenaming({ from: null, value: 'new-file.txt' }); setProblem(null); }}>{tr('play.addFile')}</button>
          <button type="button" className="button" onClick={() => upload.current?.click()}>{tr('play.upload')}</button>
          <input ref={upload} type="file" multiple hidden aria-label={tr('play.ctx.upload')} onChange={(e) => onUpload(e.target.files)} />
        </div>
      </div>
      <p className={styles.limits} aria-live="polite">
        {tr('play.ctx.usage', { count: usage.count, max: limits.maxFiles, bytes: formatBytes(usage.bytes), maxBytes: formatBytes(limits.maxBytes) })}
      </p>
      {renaming && (
        <form className={styles.renameRow} onSubmit={(e) => { e.preventDefault(); commitName(); }}>
          <input autoFocus className={styles.input} aria-label={renaming.from ? tr('play.ctx.newName', { name: renaming.from }) : tr('play.ctx.newFile')}
            value={renaming.value} onChange={(e) => setRenaming({ ...renaming, value: e.target.value })}
            onKeyDown={(e) => { if (e.key === 'Escape') { setRenaming(null); setProblem(null); } }} />
          <button type="submit" className="button primary">{renaming.from ? tr('play.ctx.rename') : tr('play.ctx.add')}</button>
          <button type="button" className="button" onClick={() => { setRenaming(null); setProblem(null); }}>{tr('play.cancel')}</button>
        </form>
      )}
      {problem && <p className={styles.problem} role="alert">{problem}</p>}
      <div className={styles.ctxBody}>
        <ul className={styles.fileList} aria-label={tr('play.ctx.list')}>
          {names.length === 0 && <li className={styles.dim}>{tr('play.ctx.empty')}</li>}
          {names.map((n) => (
            <li key={n} className={n === current ? styles.fileActive : undefined}>
              <button type="button" className={styles.fileName} onClick={() => setSelected(n)} aria-current={n === current ? 'true' : undefined}>
                {n}<span className={styles.dim}>{typeof files[n] === 'string' ? '' : ` · ${tr('play.ctx.binary')}`} · {formatBytes(fileBytes(files[n]))}</span>
              </button>
              <button type="button" className={styles.iconBtn} aria-label={tr('play.ctx.renameFile', { name: n })} title={tr('play.ctx.rename')} onClick={() => { setRenaming({ from: n, value: n }); setProblem(null); }}>✎</button>
              <button type="button" className={styles.iconBtn} aria-label={tr('play.ctx.deleteFile', { name: n })} title={tr('play.ctx.delete')} onClick={() => { onChange(removeFile(files, n)); if (n === current) setSelected(null); }}>✕</button>
            </li>
          ))}
        </ul>
        {current !== null && typeof body === 'string' && (
          <textarea className={styles.fileText} aria-label={tr('play.ctx.contents', { name: current })} spellCheck={false} value={body}
            onChange={(e) => onChange({ ...files, [current]: e.target.value })} />
        )}
        {current !== null && body !== null && typeof body !== 'string' && (
          <p className={styles.dim}>{tr('play.ctx.binaryNote', { name: current, size: formatBytes(fileBytes(body)) })}</p>
        )}
      </div>
    </section>
  );
}
