// One session holds at most so many sockets: each costs a diff poll share,
// a snapshot and terminals. Runs after auth, which put the socket in its
// session's room (a refused socket leaves every room again).
import type { Server } from 'socket.io';
import { roomOf, sessionOfSocket } from './rooms';

export function useSocketLimit(io: Server, max: number): void {
  io.use((socket, next) => {
    const session = sessionOfSocket(socket);
    if (!session) return next();
    const held = io.sockets.adapter.rooms.get(roomOf(session.id))?.size ?? 0;
    if (held > max) return next(new Error(`too_many_sockets: this session already has ${max} connections open (LAYERLAB_SOCKETS_PER_SESSION); close a page first.`));
    next();
  });
}
