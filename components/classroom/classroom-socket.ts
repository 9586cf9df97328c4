// The browser's side of the classroom socket: same origin as the page, at
// /classroom-io (served by server.ts, not by the sandbox host).
import { io, type Socket } from 'socket.io-client';
import type { Ack, SocketAuth } from '@/lib/classroom/messages';
import { t, type Locale } from '@/lib/i18n';

export const CLASSROOM_IO_PATH = '/classroom-io';

export function openClassroomSocket(auth?: SocketAuth): Socket {
  return io(window.location.origin, { path: CLASSROOM_IO_PATH, auth, transports: ['websocket', 'polling'] });
}

// Create or join: a short-lived connection without credentials. The server
// words its refusals in the page's language; the locale is for ours.
export async function askLobby<T extends Record<string, unknown>>(event: string, payload: unknown, locale: Locale): Promise<Ack<T>> {
  const s = openClassroomSocket();
  try {
    return (await s.timeout(10_000).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    return { ok: false, error: { code: 'internal', message: t(locale, 'classroom.error.noAnswer') } };
  } finally {
    s.close();
  }
}

// Instructor requests share one shape of answer; a refusal becomes an Error
// whose message the page shows.
export async function ask(socket: Socket, event: string, payload: unknown, locale: Locale): Promise<Record<string, unknown>> {
  let answer: Ack<Record<string, unknown>>;
  try {
    answer = (await socket.timeout(8000).emitWithAck(event, payload)) as Ack<Record<string, unknown>>;
  } catch {
    throw new Error(t(locale, 'classroom.error.timeout'));
  }
  if (!answer.ok) throw new Error(answer.error.message);
  return answer;
}
