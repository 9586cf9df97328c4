'use client';
// A shared snapshot, read-only: the full page at /p/<slug> and the compact
// one at /embed/<slug>. Titles, files and commands reach the DOM only as
// text (React escapes them); the Dockerfile goes into Monaco as its value.
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { DockerfileEditor } from '@/components/editor/DockerfileEditor';
import { forkIntoStorage } from '@/lib/shares/fork';
import type { StoredShare } from '@/lib/shares/snapshot';
import { BuildSlot } from './BuildSlot';
import { CopyField } from './CopyField';
import { EmbedDialog } from './EmbedDialog';
import { LayerPlan } from './LayerPlan';
import { SnapshotFiles } from './SnapshotFiles';
import { useSnapshotTheme } from './useSnapshotTheme';
import styles from './share.module.css';

export interface SnapshotViewProps {
  share: StoredShare;
  variant: 'page' | 'embed';
  replay: boolean;
  /** This site's origin as the visitor reached it, for links and embed code. */
  origin: string;
  /** `?theme=light|dark` from an embedder who wants to match their page. */
  theme?: string | null;
}

const editorHeight = (text: string, max: number) => Math.min(max, Math.max(140, text.split('\n').length * 19 + 24));

export function SnapshotView({ share, variant, replay, origin, theme: requestedTheme }: SnapshotViewProps) {
  const router = useRouter();
  const theme = useSnapshotTheme(requestedTheme);
  const [embedOpen, setEmbedOpen] = useState(false);
  const title = share.title || 'Untitled playground';
  const pageUrl = `${origin}/p/${share.slug}`;

  const [forkError, setForkError] = useState<string | null>(null);
  const fork = () => {
    try {
      forkIntoStorage(window.localStorage, share);
    } catch {
      setForkError('This browser does not let Layerlab save a copy here (site storage is blocked). Allow storage for this site and try again.');
      return;
    }
    router.push('/play');
  };

  if (variant === 'embed') {
    return (
      <div className={styles.embed} data-embed>
        <div className={styles.embedBar}>
          <h1 title={title}>{title}</h1>
          <a className={styles.brandLink} href={pageUrl} target="_blank" rel="noopener" data-testid="open-in-layerlab">
            <span className="brand-mark" aria-hidden="true"><span /><span /><span /></span>
            Open in Layerlab ↗
          </a>
        </div>
        <div className={styles.embedGrid}>
          <div className={styles.editorBox}>
            <DockerfileEditor value={share.dockerfile} readOnly height={editorHeight(share.dockerfile, 420)} theme={theme} ariaLabel={`Dockerfile of ${title} (read-only)`} />
          </div>
          <div className={styles.col} style={{ gap: '0.6rem' }}>
            <LayerPlan dockerfile={share.dockerfile} max={8} />
            <BuildSlot dockerfile={share.dockerfile} files={share.files} commands={share.commands} autoStart={replay}
              onBuild={() => window.open(pageUrl, '_blank', 'noopener')} buildLabel="Build in Layerlab ↗" compact />
          </div>
        </div>
      </div>
    );
  }

  const created = new Date(share.createdAt);
  return (
    <main className={styles.page}>
      <div className={styles.head}>
        <div className={styles.headText}>
          <h1 data-testid="share-title">{title}</h1>
          <p className={styles.meta}>
            <span className={styles.badge}>Read-only</span>
            Shared snapshot from <time dateTime={share.createdAt}>{created.toLocaleDateString('en', { year: 'numeric', month: 'long', day: 'numeric' })}</time>.
            {' '}Fork it to make your own editable copy; the original never changes.
          </p>
        </div>
        <div className={styles.actions}>
          <button type="button" className="button primary" onClick={fork} data-testid="fork">Fork and edit</button>
          <button type="button" className="button" onClick={() => setEmbedOpen(true)}>Embed</button>
        </div>
      </div>
      {forkError && <p role="alert" style={{ margin: 0, color: 'var(--danger)', fontWeight: 600 }}>{forkError}</p>}
      <div className={styles.grid}>
        <div className={styles.col}>
          <section className={styles.card} aria-labelledby="df-h">
            <div className={styles.cardHead}><h2 id="df-h">Dockerfile</h2><span className={styles.dim}>read-only</span></div>
            <div className={styles.editorBox} data-testid="share-dockerfile">
              <DockerfileEditor value={share.dockerfile} readOnly height={editorHeight(share.dockerfile, 560)} theme={theme} ariaLabel={`Dockerfile of ${title} (read-only)`} />
            </div>
          </section>
          <section className={styles.card} aria-labelledby="files-h">
            <div className={styles.cardHead}><h2 id="files-h">Build context</h2><span className={styles.dim}>{plural(Object.keys(share.files).length, 'file')}</span></div>
            <SnapshotFiles files={share.files} />
          </section>
          {share.commands.length > 0 && (
            <section className={styles.card} aria-labelledby="cmd-h">
              <h2 id="cmd-h">Commands to replay</h2>
              <ol className={styles.commands}>
                {share.commands.map((argv, i) => <li key={i}><code>{argv.map(shellQuote).join(' ')}</code></li>)}
              </ol>
            </section>
          )}
        </div>
        <div className={styles.col}>
          <BuildSlot dockerfile={share.dockerfile} files={share.files} commands={share.commands} autoStart={replay} onBuild={fork} buildLabel="Build in my playground" />
          <section className={styles.card} aria-labelledby="plan-h">
            <div className={styles.cardHead}><h2 id="plan-h">Layers it will make</h2><span className={styles.dim}>base at the bottom</span></div>
            <LayerPlan dockerfile={share.dockerfile} />
          </section>
          <section className={styles.card} aria-labelledby="link-h">
            <h2 id="link-h">Link</h2>
            <CopyField label="Share this page" value={pageUrl} />
            <p className={styles.fine}><Link href="/play">Back to my playground</Link></p>
          </section>
        </div>
      </div>
      <EmbedDialog open={embedOpen} onClose={() => setEmbedOpen(false)} origin={origin} slug={share.slug} title={share.title} initialReplay={share.replay} />
    </main>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
