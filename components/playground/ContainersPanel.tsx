'use client';
import { useRef, useState } from 'react';
import type { Container, WorldSnapshot } from '@/lib/protocol';
import { shortId } from '@/lib/world/reducer';
import { ContainersDiagram, type ContainersDiagramHandle } from '@/components/diagrams/ContainersDiagram';
import dstyles from '@/components/diagrams/diagrams.module.css';
import { useT } from './locale-context';

export interface ContainerActions {
  create(cmd: string[] | undefined, start: boolean): Promise<void>;
  action(id: string, what: 'start' | 'stop' | 'kill'): Promise<void>;
  remove(id: string): Promise<void>;
  commit(id: string, tag: string | undefined, animate: (id: string) => Promise<void>): Promise<void>;
}

// Splits a command line the way a learner types it, honouring simple quotes.
export function splitCommand(s: string): string[] | undefined {
  const parts = s.match(/"[^"]*"|'[^']*'|\S+/g);
  return parts ? parts.map((p) => p.replace(/^(["'])(.*)\1$/, '$2')) : undefined;
}

export function ContainersPanel({ world, imageName, selected, onSelect, actions, onTerminal, onUnion, unionOpen, stepText }: {
  world: WorldSnapshot | null;
  imageName: string | null;
  selected: Container | null;
  onSelect(id: string): void;
  actions: ContainerActions;
  onTerminal(): void;
  onUnion(): void;
  unionOpen: boolean;
  stepText?: ReadonlyMap<string, string>;
}) {
  const tr = useT();
  const [cmd, setCmd] = useState('');
  const [commitTag, setCommitTag] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const diagram = useRef<ContainersDiagramHandle>(null);

  const go = async (label: string, fn: () => Promise<void>) => {
    setBusy(label); setError(null);
    try { await fn(); } catch (e) { setError(e instanceof Error ? e.message : String(e)); } finally { setBusy(null); }
  };
  const running = selected?.state === 'running';
  return (
    <section id="containers-panel" className={dstyles.panel} aria-label={tr('play.containers')}>
      <div className={dstyles.panelHead}>
        <h2>{tr('play.containers')}</h2>
        <span className={dstyles.hint}>{imageName ? `from ${imageName}` : 'build or pick an image first'}</span>
      </div>
      <div className={dstyles.actions}>
        <input className={dstyles.cmdInput} aria-label={tr('play.command')} placeholder={tr('play.command')}
          value={cmd} onChange={(e) => setCmd(e.target.value)} />
        <button type="button" className="button" disabled={!imageName || !!busy} onClick={() => go('create', () => actions.create(splitCommand(cmd), false))}>{tr('play.create')}</button>
        <button type="button" className="button primary" disabled={!imageName || !!busy} onClick={() => go('run', () => actions.create(splitCommand(cmd), true))}>{tr('play.run')}</button>
      </div>
      <ContainersDiagram ref={diagram} world={world} selected={selected?.id ?? null} onSelect={onSelect} stepText={stepText} />
      {selected && (
        <div className={dstyles.actions} aria-label={`Actions for container ${shortId(selected.id)}`} role="group">
          <strong style={{ fontSize: '0.92rem' }}>{shortId(selected.id)}</strong>
          <button type="button" className="button" disabled={running || !!busy} onClick={() => go('start', () => actions.action(selected.id, 'start'))}>{tr('play.start')}</button>
          <button type="button" className="button" disabled={!running || !!busy} onClick={() => go('stop', () => actions.action(selected.id, 'stop'))}>{tr('play.stop')}</button>
          <button type="button" className="button" disabled={!running} onClick={onTerminal}>{tr('play.terminal')}</button>
          <button type="button" className="button" aria-pressed={unionOpen} onClick={onUnion}>{tr('play.unionView')}</button>
          <input className={dstyles.cmdInput} style={{ flex: '0 1 9rem', minWidth: '7rem' }} aria-label="Tag for the committed image" placeholder="tag (optional)"
            value={commitTag} onChange={(e) => setCommitTag(e.target.value)} />
          <button type="button" className="button" disabled={!!busy}
            onClick={() => go('commit', () => actions.commit(selected.id, commitTag.trim() || undefined, (id) => diagram.current?.animateCommit(id) ?? Promise.resolve()))}>{tr('play.commit')}</button>
          <button type="button" className="button" disabled={!!busy} onClick={() => go('remove', () => actions.remove(selected.id))}>{tr('play.remove')}</button>
        </div>
      )}
      {busy && <p className={dstyles.hint} role="status">Asking the engine to {busy}…</p>}
      {error && <p className={dstyles.error} role="alert">{error}</p>}
    </section>
  );
}
