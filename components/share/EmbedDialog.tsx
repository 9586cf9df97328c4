'use client';
// The iframe code for a share, with the replay choice.
import { useState } from 'react';
import { embedSnippet, embedUrl } from '@/lib/shares/embed-code';
import { CopyField } from './CopyField';
import { Dialog } from './Dialog';
import styles from './share.module.css';

export function EmbedCode({ origin, slug, title, initialReplay = false }: { origin: string; slug: string; title: string; initialReplay?: boolean }) {
  const [replay, setReplay] = useState(initialReplay);
  return (
    <>
      <CopyField label="Embed code" value={embedSnippet(origin, slug, title, { replay })} multiline testId="embed-code" />
      <label className={styles.check}>
        <input type="checkbox" checked={replay} onChange={(e) => setReplay(e.target.checked)} />
        Build it as soon as the page opens
      </label>
      <p className={styles.fine}>
        Paste it into any page or blog post. Readers see the Dockerfile and its layers, and can open it in Layerlab.{' '}
        <a href={embedUrl(origin, slug, { replay })} target="_blank" rel="noopener">Preview the embed</a>
      </p>
    </>
  );
}

export function EmbedDialog({ open, onClose, origin, slug, title, initialReplay }: { open: boolean; onClose(): void; origin: string; slug: string; title: string; initialReplay?: boolean }) {
  return (
    <Dialog open={open} onClose={onClose} title="Embed this playground">
      <EmbedCode origin={origin} slug={slug} title={title} initialReplay={initialReplay} />
    </Dialog>
  );
}
