'use client';
// One sandbox session for the page: reuse the saved one if the server still
// knows it, else make a new one; then follow the engine's world over socket.io.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import { SocketEvents, type Session, type WorldSnapshot, type WorldUpdate } from '@/lib/protocol';
import { parseWorldUpdate } from './world-updates';
import { applyWorldUpdate } from '@/lib/world/reducer';
import { SandboxClient, SandboxError, createSession } from './sandbox-client';
import { sessionUsable } from './persist';
import { say, type Locale, type MessageKey, type Phrase, type Vars } from '@/lib/i18n';
import { isLimitName, limitPhrase } from '@/lib/rate-limits/messages';

export type ConnectionStatus =
  | { kind: 'connecting'; message: string }
  | { kind: 'ready'; message: string }
  | { kind: 'offline'; message: string };

// onUpdate hears every world update the page applies (the server's and its
// own), e.g. for a lesson's checks.
export function useSandboxSession(
  baseUrl: string, saved: Session | null | undefined, onSession: (s: Session) => void,
  opts: { locale?: Locale; onUpdate?: (u: WorldUpdate) => void } = {},
) {
  const locale = opts.locale ?? 'en';
  // The status is kept as words to say, not said, so a change of language
  // re-says it.
  const said = (key: MessageKey, vars?: Vars) => ({ key, vars });
  const trRef = useRef(said);
  const onUpdateRef = useRef(opts.onUpdate);
  onUpdateRef.current = opts.onUpdate;
  const [client, setClient] = useState<SandboxClient | null>(null);
  const [socket, setSocket] = useState<Socket | null>(null);
  const [world, setWorld] = useState<WorldSnapshot | null>(null);
  const [state, setStatus] = useState<{ kind: ConnectionStatus['kind']; message: Phrase }>({ kind: 'connecting', message: said('play.connecting') });
  const status = useMemo(() => ({ kind: state.kind, message: say(locale, state.message) }) as ConnectionStatus, [state, locale]);
  const [attempt, setAttempt] = useState(0);
  const savedRef = useRef(saved);
  const onSessionRef = useRef(onSession);
  onSessionRef.current = onSession;

  useEffect(() => {
    if (saved === undefined) return; // the saved state is not read yet
    let cancelled = false;
    (async () => {
      setStatus({ kind: 'connecting', message: trRef.current('play.connecting') });
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
      if (!cancelled) setStatus({ kind: 'offline', message: sessionFailure(e, baseUrl) });
    });
    return () => { cancelled = true; };
  // `saved` only matters for the first resolution; later saves are ours.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [baseUrl, attempt, saved === undefined]);

  useEffect(() => {
    if (!client) return;
    const s = io(baseUrl, { auth: { token: client.session.token, sessionId: client.session.id }, transports: ['websocket', 'polling'] });
    s.on('connect', () => {
      setStatus({ kind: 'ready', message: trRef.current('play.session', { id: client.session.id.slice(0, 8) }) });
      s.emit(SocketEvents.snapshotRequest);
    });
    s.on('connect_error', (err: Error) => setStatus({
      kind: 'offline',
      // The server refuses a session's socket over LAYERLAB_SOCKETS_PER_SESSION with this code first.
      message: err.message.startsWith('too_many_sockets') ? trRef.current('play.tooManyPages') : trRef.current('play.liveUnavailable', { error: err.message }),
    }));
    s.on('disconnect', () => setStatus({ kind: 'connecting', message: trRef.current('play.reconnecting') }));
    s.on(SocketEvents.world, (raw: unknown) => {
      const update = parseWorldUpdate(raw);
      if (!update) return;
      setWorld((w) => applyWorldUpdate(w, update));
      onUpdateRef.current?.(update);
    });
    setSocket(s);
    return () => { s.close(); setSocket(null); };
  }, [baseUrl, client]);

  // Local changes we fetched ourselves (e.g. a diff right after terminal
  // input) go through the same reducer as the server's pushes.
  const applyLocal = useCallback((u: WorldUpdate) => { setWorld((w) => applyWorldUpdate(w, u)); onUpdateRef.current?.(u); }, []);
  const retry = useCallback(() => { savedRef.current = null; setClient(null); setAttempt((a) => a + 1); }, []);

  return { client, socket, world, status, applyLocal, retry };
}

/**
 * Why no session: a refusal by a named limit in the reader's language, with
 * the wait the server gave; another reason the sandbox gave, in its words.
 */
export function sessionFailure(e: unknown, url: string): Phrase {
  if (e instanceof SandboxError && e.status === 429 && isLimitName(e.limit)) return limitPhrase(e.limit, e.retryAfter);
  return e instanceof SandboxError
    ? { key: 'play.refused', vars: { error: e.message } }
    : { key: 'play.offline', vars: { url, error: e instanceof Error ? e.message : String(e) } };
}
