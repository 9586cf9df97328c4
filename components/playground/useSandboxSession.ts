'use client';
// One sandbox session for the page: reuse the saved one if the server still
// knows it, else make a new one; then follow the engine's world over socket.io.
import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { SocketEvents, type Session, type WorldSnapshot, type WorldUpdate } from '@/lib/protocol';
import { parseWorldUpdate } from './world-updates';
import { applyWorldUpdate } from '@/lib/world/reducer';
import { SandboxClient, createSession } from './sandbox-client';
import { sessionUsable } from './persist';

export type ConnectionStatus =
  | { kind: 'connecting'; message: string }
  | { kind: 'ready'; message: string }
  | { kind: 'offline'; message: string };

export function useSandboxSession(baseUrl: string, saved: Session | null | undefined, onSession: (s: Session) => void) {
  const [client, setClient] = useState<SandboxClient | null>(null);
  const [socket, setSocket] = useState<Socket | null>(null);
  const [world, setWorld] = useState<WorldSnapshot | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>({ kind: 'connecting', message: 'Connecting to the sandbox…' });
  const [attempt, setAttempt] = useState(0);
  const savedRef = useRef(saved);
  const onSessionRef = useRef(onSession);
  onSessionRef.current = onSession;

  useEffect(() => {
    if (saved === undefined) return; // the saved state is not read yet
    let cancelled = false;
    (async () => {
      setStatus({ kind: 'connecting', message: 'Connecting to the sandbox…' });
      let session = savedRef.current ?? saved;
      if (session && sessionUsable(session, new Date())) {
        const probe = new SandboxClient(baseUrl, session);
        if (!(await probe.alive())) session = null;
      } else session = null;
      if (!session) {
        session = await createSession(baseUrl);
        onSessionRef.current(session);
      }
      savedRef.current = session;
      if (!cancelled) setClient(new SandboxClient(baseUrl, session));
    })().catch((e: unknown) => {
      if (!cancelled) setStatus({ kind: 'offline', message: `The sandbox at ${baseUrl} did not answer (${e instanceof Error ? e.message : String(e)}).` });
    });
    return () => { cancelled = true; };
  // `saved` only matters for the first resolution; later saves are ours.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [baseUrl, attempt, saved === undefined]);

  useEffect(() => {
    if (!client) return;
    const s = io(baseUrl, { auth: { token: client.session.token, sessionId: client.session.id }, transports: ['websocket', 'polling'] });
    s.on('connect', () => {
      setStatus({ kind: 'ready', message: `Session ${client.session.id.slice(0, 8)}` });
      s.emit(SocketEvents.snapshotRequest);
    });
    s.on('connect_error', (err: Error) => setStatus({ kind: 'offline', message: `Live updates unavailable: ${err.message}` }));
    s.on('disconnect', () => setStatus({ kind: 'connecting', message: 'Reconnecting to the sandbox…' }));
    s.on(SocketEvents.world, (raw: unknown) => {
      const update = parseWorldUpdate(raw);
      if (update) setWorld((w) => applyWorldUpdate(w, update));
    });
    setSocket(s);
    return () => { s.close(); setSocket(null); };
  }, [baseUrl, client]);

  // Local changes we fetched ourselves (e.g. a diff right after terminal
  // input) go through the same reducer as the server's pushes.
  const applyLocal = useCallback((u: WorldUpdate) => setWorld((w) => applyWorldUpdate(w, u)), []);
  const retry = useCallback(() => { savedRef.current = null; setClient(null); setAttempt((a) => a + 1); }, []);

  return { client, socket, world, status, applyLocal, retry };
}
