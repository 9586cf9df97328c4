'use client';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Container, WorldSnapshot } from '@/lib/protocol';
import { shortId } from '@/lib/world/reducer';
import { ContainersDiagram, type ContainersDiagramHandle } from '@/components/diagrams/ContainersDiagram';
import dstyles from '@/components/diagrams/diagrams.module.css';
import { CommandHistory, dockerExecLine, dockerRunLine, isMissingShell, shellCommand } from '@/lib/containers/command-line';
import { ContainerLogs, type FollowLogs } from './ContainerLogs';
import { useT } from './locale-context';

export interface ContainerActions {
  create(cmd: string[] | undefined, start: boolean): Promise<void>;
  action(id: string, what: 'start' | 'stop' | 'kill'): Promise<void>;
  remove(id: string): Promise<void>;
  commit(id: string, tag: string | undefined, animate: (id: string) => Promise<void>): Promise<void>;
  // `docker exec`: one command, its output and exit code (lessons check them).
  exec?(id: string, cmd: string[]): Promise<{ exitCode: number; output: string }>;
  // `docker logs -f`.
  followLogs?: FollowLogs;
}

type Busy = 'create' | 'run' | 'start' | 'stop' | 'commit' | 'remove' | 'exec';

// Up and down walk a box's earlier commands, as in a shell.
function historyKeys(history: CommandHistory, set: (line: string) => void) {
  return (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowUp') { const line = history.previous(); if (line !== undefined) { e.preventDefault(); set(line); } }
    else if (e.key === 'ArrowDown') { e.preventDefault(); set(history.next()); }
  };
}

export function ContainersPanel({ world, imageName, selected, onSelect, actions, onTerminal, onUnion, unionOpen, stepText, picker }: {
  world: WorldSnapshot | null;
  imageName: string | null;
  selected: Container | null;
  onSelect(id: string): void;
  actions: ContainerActions;
  onTerminal(): void;
  onUnion(): void;
  unionOpen: boolean;
  stepText?: ReadonlyMap<string, string>;
  picker?: ReactNode;
}) {
  const tr = useT();
  const [cmd, setCmd] = useState('');
  const [commitTag, setCommitTag] = useState('');
  const [busy, setBusy] = useState<Busy | null>(null);
  const [execCmd, setExecCmd] = useState('');
  const [execResult, setExecResult] = useState<{ containerId: string; cmd: string; exitCode: number; output: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const diagram = useRef<ContainersDiagramHandle>(null);
  const runHistory = useRef(new CommandHistory());
  const execHistory = useRef(new CommandHistory());

  const go = async (label: Busy, fn: () => Promise<void>) => {
    setBusy(label); setError(null);
    try { await fn(); } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError(isMissingShell(message) ? tr('play.noShell') : message);
    } finally { setBusy(null); }
  };
  const runLine = cmd.trim();
  const create = (start: boolean) => go(start ? 'run' : 'create', async () => {
    await actions.create(runLine ? shellCommand(runLine) : undefined, start);
    runHistory.current.add(runLine);
    setCmd('');
  });
  const running = selected?.state === 'running';
  return (
    <section id="containers-panel" className={dstyles.panel} aria-label={tr('play.containers')}>
      <div className={dstyles.panelHead}>
        <h2>{tr('play.containers')}</h2>
        {picker || <span className={dstyles.hint}>{imageName ? tr('play.containers.from', { image: imageName }) : tr('play.containers.needImage')}</span>}
      </div>
      <div className={dstyles.actions}>
        <input className={dstyles.cmdInput} aria-label={tr('play.command')} placeholder={tr('play.command')}
          value={cmd} onChange={(e) => setCmd(e.target.value)} onKeyDown={historyKeys(runHistory.current, setCmd)} />
        <button type="button" className="button" disabled={!imageName || !!busy} onClick={() => void create(false)}>{tr('play.create')}</button>
        <button type="button" className="button primary" disabled={!imageName || !!busy} onClick={() => void create(true)}>{tr('play.run')}</button>
        {imageName && <code className={dstyles.cliLine} aria-label={tr('play.cliLine')}>{dockerRunLine(imageName, runLine, true)}</code>}
      </div>
      <ContainersDiagram ref={diagram} world={world} selected={selected?.id ?? null} onSelect={onSelect} stepText={stepText} />
      {selected && (
        <div className={dstyles.actions} aria-label={tr('play.containers.actions', { id: shortId(selected.id) })} role="group">
          <strong style={{ fontSize: '0.92rem' }}>{shortId(selected.id)}</strong>
          <button type="button" className="button" disabled={running || !!busy} onClick={() => go('start', () => actions.action(selected.id, 'start'))}>{tr('play.start')}</button>
          <button type="button" className="button" disabled={!running || !!busy} onClick={() => go('stop', () => actions.action(selected.id, 'stop'))}>{tr('play.stop')}</button>
          <button type="button" className="button" disabled={!running} onClick={onTerminal}>{tr('play.terminal')}</button>
          <button type="button" className="button" aria-pressed={unionOpen} onClick={onUnion}>{tr('play.unionView')}</button>
          <input className={dstyles.cmdInput} style={{ flex: '0 1 9rem', minWidth: '7rem' }} aria-label={tr('play.commitTag')} placeholder={tr('play.commitTagPlaceholder')}
            value={commitTag} onChange={(e) => setCommitTag(e.target.value)} />
          <button type="button" className="button" disabled={!!busy}
            onClick={() => go('commit', () => actions.commit(selected.id, commitTag.trim() || undefined, (id) => diagram.current?.animateCommit(id) ?? Promise.resolve()))}>{tr('play.commit')}</button>
          <button type="button" className="button" disabled={!!busy} onClick={() => go('remove', () => actions.remove(selected.id))}>{tr('play.remove')}</button>
        </div>
      )}
      {selected && actions.exec && (
        <form className={dstyles.actions} onSubmit={(e) => {
          e.preventDefault();
          const line = execCmd.trim();
          const exec = actions.exec;
          if (!line || !exec) return;
          const id = selected.id;
          void go('exec', async () => {
            const r = await exec(id, shellCommand(line));
            execHistory.current.add(line);
            setExecCmd('');
            setExecResult({ containerId: id, cmd: dockerExecLine(shortId(id), line), ...r });
          });
        }}>
          <input className={dstyles.cmdInput} aria-label={tr('play.exec.label', { id: shortId(selected.id) })} placeholder={tr('play.exec.placeholder')}
            value={execCmd} onChange={(e) => setExecCmd(e.target.value)} onKeyDown={historyKeys(execHistory.current, setExecCmd)} disabled={!running} />
          <button type="submit" className="button" disabled={!running || !!busy || !execCmd.trim()}>{tr('play.exec')}</button>
          {!running && <span className={dstyles.hint}>{tr('play.exec.needsRunning')}</span>}
        </form>
      )}
      {selected && execResult?.containerId === selected.id && (
        <div className={dstyles.execResult} role="log" aria-label={tr('play.exec')}>
          <div className={dstyles.execHead}><code>$ {execResult.cmd}</code><span className={execResult.exitCode === 0 ? dstyles.ok : dstyles.error}>{tr('play.exec.result', { code: execResult.exitCode })}</span></div>
          <pre>{isMissingShell(execResult.output) ? tr('play.noShell') : execResult.output.replace(/\n$/, '') || tr('play.exec.noOutput')}</pre>
        </div>
      )}
      {selected && actions.followLogs && <ContainerLogs containerId={selected.id} running={running} follow={actions.followLogs} />}
      {busy && <p className={dstyles.hint} role="status">{tr(`play.busy.${busy}`)}</p>}
      {error && <p className={dstyles.error} role="alert">{error}</p>}
    </section>
  );
}
