'use client';
// A read-only value with a Copy button; falls back to selecting the text
// where the clipboard API is refused (plain http, some iframes).
import { useId, useRef, useState } from 'react';
import { useT } from '@/components/playground/locale-context';
import styles from './share.module.css';

export function CopyField({ label, value, multiline = false, testId }: { label: string; value: string; multiline?: boolean; testId?: string }) {
  const tr = useT();
  const id = useId();
  const field = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      field.current?.select();
      document.execCommand?.('copy');
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1600);
  };
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <div className={styles.row}>
        {multiline
          ? <textarea id={id} ref={field} className={`${styles.input} ${styles.code}`} value={value} readOnly data-testid={testId} onFocus={(e) => e.currentTarget.select()} />
          : <input id={id} ref={field} className={`${styles.input} ${styles.mono}`} value={value} readOnly data-testid={testId} onFocus={(e) => e.currentTarget.select()} />}
        <button type="button" className="button" onClick={copy} aria-live="polite">{copied ? tr('share.copied') : tr('share.copy')}</button>
      </div>
    </div>
  );
}
