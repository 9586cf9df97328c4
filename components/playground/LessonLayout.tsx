'use client';
// The playground in a lesson's column: the bar and the editor stay in view,
// the diagrams take turns in tabs so a step can bring its own one forward.
import type { ReactNode } from 'react';
import type { PlaygroundView } from '@/lib/lessons/playground-view';
import { useT } from './locale-context';
import styles from './playground.module.css';

export type PlaygroundTab = PlaygroundView | 'files';
const TABS: readonly PlaygroundTab[] = ['layers', 'build', 'containers', 'files'];

export function LessonLayout({ bar, editor, editorLines, panels, tab, onTab, sandboxUrl, badges }: {
  bar: ReactNode;
  // The editor is as tall as the Dockerfile needs, within bounds, so a
  // one-line starter leaves the room to the diagrams.
  editorLines: number;
  editor: ReactNode;
  panels: Record<PlaygroundTab, ReactNode>;
  tab: PlaygroundTab;
  onTab(tab: PlaygroundTab): void;
  sandboxUrl: string;
  // Small counts beside tab names (files in the context, containers).
  badges?: Partial<Record<PlaygroundTab, number>>;
}) {
  const tr = useT();
  // Arrow keys move between tabs, as the WAI-ARIA tabs pattern expects.
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = TABS[(TABS.indexOf(tab) + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    onTab(next);
    document.getElementById(`pg-tab-${next}`)?.focus();
  };
  return (
    <div className={styles.lessonPage} data-sandbox-url={sandboxUrl} data-playground-view={tab}>
      <div className={styles.lessonBar}>{bar}</div>
      <div className={styles.lessonEditor} style={{ '--editor-lines': Math.max(3, editorLines) } as React.CSSProperties}>{editor}</div>
      <div className={styles.tabs} role="tablist" aria-label={tr('play.views')} onKeyDown={onKey}>
        {TABS.map((t) => (
          <button key={t} id={`pg-tab-${t}`} type="button" role="tab" aria-selected={t === tab} aria-controls={`pg-panel-${t}`}
            tabIndex={t === tab ? 0 : -1} className={styles.tab} onClick={() => onTab(t)}>
            {tr(`play.view.${t}`)}
            {!!badges?.[t] && <span className={styles.tabBadge}>{badges[t]}</span>}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t} id={`pg-panel-${t}`} role="tabpanel" aria-labelledby={`pg-tab-${t}`} hidden={t !== tab} className={styles.tabPanel}>
          {panels[t]}
        </div>
      ))}
    </div>
  );
}
