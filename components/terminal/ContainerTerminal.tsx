'use client';
// A shell inside a running container, over the session's socket. The bytes
// are the container's own; what the learner changes there reaches the
// diagrams through the engine's diff, not through anything we infer here.
import { useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { SocketEvents, TERMINAL_INPUT_MAX } from '@/lib/protocol';
import { inputChunks } from '@/lib/terminal-input';
import { useT } from '@/components/playground/locale-context';
import styles from './terminal.module.css';

export interface ContainerTerminalProps {
  socket: Socket;
  containerId: string;
  dark: boolean;
  onInput?(): void;
}

const LIGHT = { background: '#ffffff', foreground: '#1b2230', cursor: '#2f6fed', selectionBackground: '#c9d8fb' };
const DARK = { background: '#0b1018', foreground: '#e6ebf2', cursor: '#5b8dff', selectionBackground: '#2c3f66' };

export function ContainerTerminal({ socket, containerId, dark, onInput }: ContainerTerminalProps) {
  const host = useRef<HTMLDivElement>(null);
  const termRef = useRef<Terminal | null>(null);
  const [state, setState] = useState<'opening' | 'open' | 'closed' | 'error'>('opening');
  const [message, setMessage] = useState('');
  const inputRef = useRef(onInput);
  inputRef.current = onInput;
  const tr = useT();
  // Read inside the effect, which must not restart when only the language changes.
  const trRef = useRef(tr);
  trRef.current = tr;

  useEffect(() => {
    if (!host.current) return;
    const term = new Terminal({
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, monospace', fontSize: 15, cursorBlink: true,
      theme: dark ? DARK : LIGHT, scrollback: 2000,
    });
    termRef.current = term;
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(host.current);
    try { fit.fit(); } catch { /* not laid out yet */ }
    let terminalId: string | null = null;
    let disposed = false;
    const onData = (m: { terminalId: string; data: string }) => { if (m.terminalId === terminalId) term.write(m.data); };
    const onExit = (m: { terminalId: string; exitCode?: number }) => {
      if (m.terminalId !== terminalId) return;
      const said = m.exitCode !== undefined ? trRef.current('play.term.exitedWith', { code: m.exitCode }) : trRef.current('play.term.exited');
      term.write(`\r\n\x1b[2m[${said}]\x1b[0m\r\n`);
      setState('closed');
    };
    socket.on(SocketEvents.terminalData, onData);
    socket.on(SocketEvents.terminalExit, onExit);
    socket.emit(SocketEvents.terminalOpen, { containerId, cols: term.cols, rows: term.rows },
      (ack: { terminalId?: string; error?: { code?: string; message?: string } | string }) => {
        if (disposed) {
          if (ack?.terminalId) socket.emit(SocketEvents.terminalClose, { terminalId: ack.terminalId });
          return;
        }
        if (ack?.terminalId) { terminalId = ack.terminalId; setState('open'); term.focus(); }
        else {
          setState('error');
          const msg = typeof ack?.error === 'string' ? ack.error
            : ack?.error?.code === 'quota' ? trRef.current('play.term.tooMany')
              : ack?.error?.message ?? trRef.current('play.term.refused');
          setMessage(msg);
          term.write(`\x1b[31m${trRef.current('play.term.couldNotOpen', { message: msg })}\x1b[0m\r\n`);
        }
      });
    const input = term.onData((data) => {
      if (!terminalId) return;
      // A paste may be longer than one message takes (TERMINAL_INPUT_MAX).
      for (const part of inputChunks(data, TERMINAL_INPUT_MAX)) socket.emit(SocketEvents.terminalInput, { terminalId, data: part });
      if (data.includes('\r')) inputRef.current?.();
    });
    const resize = term.onResize(({ cols, rows }) => { if (terminalId) socket.emit(SocketEvents.terminalResize, { terminalId, cols, rows }); });
    const ro = new ResizeObserver(() => { try { fit.fit(); } catch { /* hidden */ } });
    ro.observe(host.current);
    return () => {
      disposed = true;
      ro.disconnect();
      input.dispose(); resize.dispose();
      socket.off(SocketEvents.terminalData, onData);
      socket.off(SocketEvents.terminalExit, onExit);
      if (terminalId) socket.emit(SocketEvents.terminalClose, { terminalId });
      term.dispose();
      termRef.current = null;
    };
  }, [socket, containerId]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => { if (termRef.current) termRef.current.options.theme = dark ? DARK : LIGHT; }, [dark]);

  return (
    <div className={styles.wrap}>
      <div className={styles.status} role="status">
        {state === 'opening' && tr('play.term.opening')}
        {state === 'open' && tr('play.term.open', { id: containerId.slice(0, 12) })}
        {state === 'closed' && tr('play.term.closed')}
        {state === 'error' && tr('play.term.error', { message })}
      </div>
      <div ref={host} className={styles.term} aria-label={tr('play.term.label', { id: containerId.slice(0, 12) })} />
    </div>
  );
}
