'use client';
// A modal on the native <dialog>: focus trap, Escape and the backdrop come
// from the browser; open follows the prop.
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '@/components/playground/locale-context';
import styles from './share.module.css';

export function Dialog({ open, onClose, title, children }: { open: boolean; onClose(): void; title: string; children: ReactNode }) {
  const tr = useT();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-label={title}
      onClose={onClose}
      onClick={(e) => { if (e.target === e.currentTarget) onClose(); }}
    >
      <div className={styles.dialogBody}>
        <div className={styles.dialogHead}>
          <h2>{title}</h2>
          <button type="button" className={styles.close} onClick={onClose} aria-label={tr('share.close')}>×</button>
        </div>
        {open && children}
      </div>
    </dialog>
  );
}
