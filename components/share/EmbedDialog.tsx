'use client';
// The iframe code for a share, with the replay choice. The embed opens in
// the language this dialog is shown in.
import { useState } from 'react';
import { embedSnippet, embedUrl } from '@/lib/shares/embed-code';
import { useLocale, useT } from '@/components/playground/locale-context';
import { CopyField } from './CopyField';
import { Dialog } from './Dialog';
import styles from './share.module.css';

export function EmbedCode({ origin, slug, title, initialReplay = false }: { origin: string; slug: string; title: string; initialReplay?: boolean }) {
  const tr = useT();
  const locale = useLocale();
  const [replay, setReplay] = useState(initialReplay);
  const opts = { replay, lang: locale === 'en' ? undefined : locale };
  return (
    <>
      <CopyField label={tr('share.embed.code')} value={embedSnippet(origin, slug, title, opts)} multiline testId="embed-code" />
      <label className={styles.check}>
        <input type="checkbox" checked={replay} onChange={(e) => setReplay(e.target.checked)} data-testid="embed-replay" />
        {tr('share.embed.replay')}
      </label>
      <p className={styles.fine}>
        {tr('share.embed.about')}{' '}
        <a href={embedUrl(origin, slug, opts)} target="_blank" rel="noopener">{tr('share.embed.preview')}</a>
      </p>
    </>
  );
}

export function EmbedDialog({ open, onClose, origin, slug, title, initialReplay }: { open: boolean; onClose(): void; origin: string; slug: string; title: string; initialReplay?: boolean }) {
  const tr = useT();
  return (
    <Dialog open={open} onClose={onClose} title={tr('share.embed.title')}>
      <EmbedCode origin={origin} slug={slug} title={title} initialReplay={initialReplay} />
    </Dialog>
  );
}
