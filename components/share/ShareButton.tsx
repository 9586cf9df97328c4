'use client';
// "Share" for the playground: saves an immutable snapshot of what is in the
// editor and hands back a link and the iframe code. Mount it with the
// playground's current document:
//   <ShareButton dockerfile={doc.dockerfile} files={doc.files} title={title} commands={[['cat', '/hello.txt']]} />
import { useState } from 'react';
import type { ShareFile } from '@/lib/shares/snapshot';
import { createShare } from './share-client';
import { CopyField } from './CopyField';
import { Dialog } from './Dialog';
import { EmbedCode } from './EmbedDialog';
import styles from './share.module.css';

export interface ShareButtonProps {
  dockerfile: string;
  files?: Record<string, ShareFile>;
  title?: string;
  /** Container commands to replay after the build, one argv each. */
  commands?: string[][];
  className?: string;
}

type State =
  | { kind: 'editing' }
  | { kind: 'saving' }
  | { kind: 'shared'; slug: string; url: string }
  | { kind: 'failed'; message: string };

export function ShareButton({ dockerfile, files, title = '', commands, className }: ShareButtonProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(title);
  const [replay, setReplay] = useState(false);
  const [state, setState] = useState<State>({ kind: 'editing' });

  const openDialog = () => {
    setName(title);
    setState({ kind: 'editing' });
    setOpen(true);
  };
  const share = async () => {
    setState({ kind: 'saving' });
    const r = await createShare({ dockerfile, files, title: name, commands, replay });
    setState(r.ok ? { kind: 'shared', slug: r.slug, url: r.url } : { kind: 'failed', message: r.message });
  };

  return (
    <>
      <button type="button" className={className ?? 'button'} onClick={openDialog}>Share</button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Share this playground">
        {state.kind === 'shared' ? (
          <>
            <p className={styles.done} role="status">Link created. It shows this Dockerfile and its files exactly as they are now.</p>
            <CopyField label="Link" value={state.url} testId="share-url" />
            <EmbedCode origin={new URL(state.url).origin} slug={state.slug} title={name} initialReplay={replay} />
            <div className={styles.row}>
              <a className="button primary" href={state.url} target="_blank" rel="noopener">Open the link</a>
            </div>
          </>
        ) : (
          <form
            onSubmit={(e) => { e.preventDefault(); void share(); }}
            style={{ display: 'contents' }}
          >
            <p className={styles.fine}>
              A share is a snapshot: the Dockerfile, {Object.keys(files ?? {}).length} context file{Object.keys(files ?? {}).length === 1 ? '' : 's'}
              {commands?.length ? ` and ${commands.length} command${commands.length === 1 ? '' : 's'} to replay` : ''}. Later edits here do not change it; anyone with the link can read it and make their own copy.
            </p>
            <label className={styles.field}>
              Title
              <input className={styles.input} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} placeholder="e.g. Why COPY before RUN matters" />
            </label>
            {/* The replay-on-open choice returns once share pages build for real (issue #6). */}
            {state.kind === 'failed' && <p className={styles.error} role="alert">{state.message}</p>}
            <div className={styles.row}>
              <button type="submit" className="button primary" disabled={state.kind === 'saving' || !dockerfile.trim()}>
                {state.kind === 'saving' ? 'Creating link…' : 'Create link'}
              </button>
              <button type="button" className="button" onClick={() => setOpen(false)}>Cancel</button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
