// One socket.io room per session: every build event and world update of a
// session goes to all of its sockets.
import type { Server, Socket } from 'socket.io';
import type { SessionRecord } from '../sessions/session-store';

export const roomOf = (sessionId: string): string => `session:${sessionId}`;

export const sessionOfSocket = (socket: Socket): SessionRecord => socket.data.session as SessionRecord;

export function connectedSessions(io: Server): string[] {
  const ids: string[] = [];
  for (const room of io.sockets.adapter.rooms.keys()) if (room.startsWith('session:')) ids.push(room.slice('session:'.length));
  return ids;
}
