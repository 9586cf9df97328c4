'use client';
// A shared snapshot, read-only: the full page at /p/<slug> and the compact
// one at /embed/<slug>. Titles, files and commands reach the DOM only as
// text (React escapes them); the Dockerfile goes into Monaco as its value.
// Building runs it in the visitor's own sandbox; Fork makes an editable copy.
import { useState, type ReactNode } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { DockerfileEditor } from '@/components/editor/DockerfileEditor';
import { LocaleProvider } from '@/components/playground/locale-context';
import { forkIntoStorage } from '@/lib/shares/fork';
import { commandLine } from '@/lib/shares/replay';
import type { StoredShare } from '@/lib/shares/snapshot';
import { translator, type Locale } from '@/lib/i18n';
import { CopyField } from './CopyField';
import { EmbedDialog } from './EmbedDialog';
import { LayerPlan } from './LayerPlan';
import { SnapshotFiles } from './SnapshotFiles';
import { useSnapshotRun, type SnapshotRunProps } from './useSnapshotRun';
import { useSnapshotTheme } from './useSnapshotTheme';
import styles from './share.module.css';

export interface SnapshotViewProps {
  share: StoredShare;
  variant: 'page' | 'embed';
  replay: boolean;
  /** This site's origin as the visitor reached it, for links and embed code. */
  origin: string;
  locale: Locale;
  sandboxUrl?: string;
  sandboxPort?: number;
  /** `?theme=light|dark` from an embedder who wants to match their page. */
  theme?: string | null;
}

const editorHeight = (text: string, max: number) => Math.min(max, Math.max(140, text.split('\n').length * 19 + 24));

export function SnapshotView(props: SnapshotViewProps) {
  return <LocaleProvider value={props.locale}><SnapshotBody {...props} /></LocaleProvider>;
}

function SnapshotBody({ share, variant, replay, origin, locale, sandboxUrl, sandboxPort, theme: requestedTheme }: SnapshotViewProps) {
  const tr = translator(locale);
  const router = useRouter();
  const theme = useSnapshotTheme(requestedTheme);
  const [embedOpen, setEmbedOpen] = useState(false);
  const title = share.title || tr('share.untitled');
  const pageUrl = `${origin}/p/${share.slug}`;
  const run = { dockerfile: share.dockerfile, files: share.files, commands: share.commands, autoStart: replay, sandboxUrl, sandboxPort };
  const editorLabel = tr('share.dockerfileAria', { title });

  const [forkError, setForkError] = useState<string | null>(null);
  const fork = () => {
    try {
      forkIntoStorage(window.localStorage, share);
    } catch {
      setForkError(tr('share.forkBlocked'));
      return;
    }
    router.push('/play');
  };

  if (variant === 'embed') {
    return <EmbedPage title={title} pageUrl={pageUrl} dockerfile={share.dockerfile} theme={theme} locale={locale} editorLabel={editorLabel}
      run={{ ...run, compact: true, plan: <LayerPlan dockerfile={share.dockerfile} max={8} /> }} />;
  }

  return (
    <FullPage share={share} title={title} locale={locale} theme={theme} editorLabel={editorLabel} pageUrl={pageUrl}
      onFork={fork} forkError={forkError} onEmbed={() => setEmbedOpen(true)} run={{ ...run, plan: (
        <section className={styles.card} aria-labelledby="plan-h">
          <div className={styles.cardHead}><h2 id="plan-h">{tr('share.plan')}</h2><span className={styles.dim}>{tr('share.plan.baseBottom')}</span></div>
          <LayerPlan dockerfile={share.dockerfile} />
        </section>
      ) }}>
      <EmbedDialog open={embedOpen} onClose={() => setEmbedOpen(false)} origin={origin} slug={share.slug} title={share.title} initialReplay={share.replay} />
    </FullPage>
  );
}

interface FullPageProps {
  share: StoredShare; title: string; locale: Locale; theme: 'light' | 'dark'; editorLabel: string; pageUrl: string;
  onFork(): void; forkError: string | null; onEmbed(): void; run: SnapshotRunProps; children: ReactNode;
}

// The page at /p/<slug>: the snapshot on the left, its build on the right;
// once built, each command's output takes the place of its bare listing.
function FullPage({ share, title, locale, theme, editorLabel, pageUrl, onFork, forkError, onEmbed, run, children }: FullPageProps) {
  const tr = translator(locale);
  const parts = useSnapshotRun(run);
  const date = new Date(share.createdAt).toLocaleDateString(locale === 'zh' ? 'zh-CN' : 'en', { year: 'numeric', month: 'long', day: 'numeric' });
  const fileCount = Object.keys(share.files).length;
  return (
    <main className={styles.page}>
      <div className={styles.head}>
        <div className={styles.headText}>
          <h1 data-testid="share-title">{title}</h1>
          <p className={styles.meta}>
            <span className={styles.badge}>{tr('share.readOnly')}</span>
            {tr('share.meta', { date })}
          </p>
        </div>
        <div className={styles.actions}>
          <button type="button" className="button primary" onClick={onFork} data-testid="fork">{tr('share.fork')}</button>
          <button type="button" className="button" onClick={onEmbed}>{tr('share.embed')}</button>
        </div>
      </div>
      {forkError && <p role="alert" style={{ margin: 0, color: 'var(--danger)', fontWeight: 600 }}>{forkError}</p>}
      <div className={styles.grid}>
        <div className={styles.col}>
          <section className={styles.card} aria-labelledby="df-h">
            <div className={styles.cardHead}><h2 id="df-h">Dockerfile</h2><span className={styles.dim}>{tr('share.readOnlyHint')}</span></div>
            <div className={styles.editorBox} data-testid="share-dockerfile">
              <DockerfileEditor value={share.dockerfile} readOnly height={editorHeight(share.dockerfile, 560)} theme={theme} locale={locale} ariaLabel={editorLabel} highlightLines={parts.highlight} />
            </div>
          </section>
          <section className={styles.card} aria-labelledby="files-h">
            <div className={styles.cardHead}>
              <h2 id="files-h">{tr('share.context')}</h2>
              <span className={styles.dim}>{fileCount === 1 ? tr('share.fileCountOne') : tr('share.fileCount', { n: fileCount })}</span>
            </div>
            <SnapshotFiles files={share.files} />
          </section>
          {parts.commandOutputs || (share.commands.length > 0 && (
            <section className={styles.card} aria-labelledby="cmd-h">
              <h2 id="cmd-h">{tr('share.commands')}</h2>
              <ol className={styles.commands}>
                {share.commands.map((argv, i) => <li key={i}><code>{commandLine(argv)}</code></li>)}
              </ol>
            </section>
          ))}
          {parts.timeline}
        </div>
        <div className={styles.col}>
          {parts.runCard}
          {parts.layers}
          <section className={styles.card} aria-labelledby="link-h">
            <h2 id="link-h">{tr('share.link')}</h2>
            <CopyField label={tr('share.link.label')} value={pageUrl} />
            <p className={styles.fine}><Link href="/play">{tr('share.backToPlayground')}</Link></p>
          </section>
        </div>
      </div>
      {children}
    </main>
  );
}

interface EmbedPageProps { title: string; pageUrl: string; dockerfile: string; theme: 'light' | 'dark'; locale: Locale; editorLabel: string; run: SnapshotRunProps }

// The compact page at /embed/<slug>, framed by other sites: the Dockerfile
// and what its commands printed on the left, the build and its layers on
// the right.
function EmbedPage({ title, pageUrl, dockerfile, theme, locale, editorLabel, run }: EmbedPageProps) {
  const tr = translator(locale);
  const parts = useSnapshotRun(run);
  return (
    <div className={styles.embed} data-embed>
      <div className={styles.embedBar}>
        <h1 title={title}>{title}</h1>
        <a className={styles.brandLink} href={pageUrl} target="_blank" rel="noopener" data-testid="open-in-layerlab">
          <span className="brand-mark" aria-hidden="true"><span /><span /><span /></span>
          {tr('share.openInLayerlab')}
        </a>
      </div>
      <div className={styles.embedGrid}>
        <div className={styles.embedCol}>
          <div className={styles.editorBox}>
            <DockerfileEditor value={dockerfile} readOnly height={editorHeight(dockerfile, 420)} theme={theme} locale={locale} ariaLabel={editorLabel} highlightLines={parts.highlight} />
          </div>
          {parts.commandOutputs}
        </div>
        <div className={styles.embedCol}>
          {parts.runCard}
          {parts.built ? parts.layers : parts.timeline || parts.layers}
        </div>
      </div>
    </div>
  );
}
