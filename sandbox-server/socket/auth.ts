// The handshake carries the session token (auth.token); a socket without a
// live session is refused before it joins anything.
import type { Server } from 'socket.io';
import type { SessionStore } from '../sessions/session-store';
import { roomOf } from './rooms';

export function useSocketAuth(io: Server, sessions: SessionStore): void {
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const session = typeof token === 'string' ? sessions.findByToken(token) : undefined;
    if (!session) return next(new Error('unauthorized: no live session for this token'));
    sessions.touch(session);
    socket.data.session = session;
    void socket.join(roomOf(session.id));
    // Anything the page sends is activity that keeps the session alive.
    socket.use((_packet, nextPacket) => { sessions.touch(session); nextPacket(); });
    next();
  });
}

// A session that ends (deleted or reaped) takes its sockets with it.
export function disconnectSession(io: Server, sessionId: string): void {
  io.in(roomOf(sessionId)).disconnectSockets(true);
}
