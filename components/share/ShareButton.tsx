'use client';
// "Share" for the playground: saves an immutable snapshot of what is in the
// editor and hands back a link and the iframe code. Mount it with the
// playground's current document:
//   <ShareButton dockerfile={doc.dockerfile} files={doc.files} title={title} commands={[['cat', '/hello.txt']]} />
// Its words follow the playground's LocaleProvider.
import { useState } from 'react';
import type { ShareFile } from '@/lib/shares/snapshot';
import { useLocale, useT } from '@/components/playground/locale-context';
import { say, sentenceGap } from '@/lib/i18n';
import { waitPhrase } from '@/lib/rate-limits/messages';
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
  const tr = useT();
  const locale = useLocale();
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
    if (r.ok) { setState({ kind: 'shared', slug: r.slug, url: r.url }); return; }
    // The server's own words name the cap or the wait; without them, ours.
    // The share limit is worded here, in the reader's language; other refusals in the server's words.
    const message = r.status === 429 ? say(locale, { key: 'limits.shareCreate', vars: { wait: waitPhrase(r.retryAfter ?? 3600) } })
      : r.message ?? (r.status === 0 ? tr('share.dialog.unreachable') : tr('share.dialog.failed', { status: r.status }));
    setState({ kind: 'failed', message });
  };
  const fileCount = Object.keys(files ?? {}).length;

  return (
    <>
      <button type="button" className={className ?? 'button'} onClick={openDialog}>{tr('play.share')}</button>
      <Dialog open={open} onClose={() => setOpen(false)} title={tr('share.dialog.title')}>
        {state.kind === 'shared' ? (
          <>
            <p className={styles.done} role="status">{tr('share.dialog.created')}</p>
            <CopyField label={tr('share.link')} value={state.url} testId="share-url" />
            <EmbedCode origin={new URL(state.url).origin} slug={state.slug} title={name} initialReplay={replay} />
            <div className={styles.row}>
              <a className="button primary" href={state.url} target="_blank" rel="noopener">{tr('share.dialog.open')}</a>
            </div>
          </>
        ) : (
          <form
            onSubmit={(e) => { e.preventDefault(); void share(); }}
            style={{ display: 'contents' }}
          >
            <p className={styles.fine}>
              {tr('share.dialog.about', { n: fileCount })}
              {commands?.length ? `${sentenceGap(locale)}${tr('share.dialog.aboutCommands', { n: commands.length })}` : ''}
            </p>
            <label className={styles.field}>
              {tr('share.dialog.titleField')}
              <input className={styles.input} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} placeholder={tr('share.dialog.titlePlaceholder')} />
            </label>
            <div className={styles.checkBlock}>
              <label className={styles.check}>
                <input type="checkbox" checked={replay} onChange={(e) => setReplay(e.target.checked)} data-testid="share-replay" />
                {tr('share.dialog.replay')}
              </label>
              <p className={styles.fine}>{tr('share.dialog.replayHint')}</p>
            </div>
            {state.kind === 'failed' && <p className={styles.error} role="alert">{state.message}</p>}
            <div className={styles.row}>
              <button type="submit" className="button primary" disabled={state.kind === 'saving' || !dockerfile.trim()}>
                {state.kind === 'saving' ? tr('share.dialog.creating') : tr('share.dialog.create')}
              </button>
              <button type="button" className="button" onClick={() => setOpen(false)}>{tr('share.dialog.cancel')}</button>
            </div>
          </form>
        )}
      </Dialog>
    </>
  );
}
