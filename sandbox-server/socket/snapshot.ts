// A whole-world snapshot on connect and on request, so a page that
// reconnects redraws from the engine's truth.
import type { Socket } from 'socket.io';
import { SocketEvents, type WorldUpdate } from '../../lib/protocol';
import type { WorldReader } from '../world/world-reader';
import { sessionOfSocket } from './rooms';

export function handleSnapshots(socket: Socket, world: WorldReader): void {
  const send = async () => {
    try {
      const update: WorldUpdate = { type: 'snapshot', snapshot: await world.snapshot(sessionOfSocket(socket).id) };
      socket.emit(SocketEvents.world, update);
    } catch (err) {
      socket.emit('error:server', { message: `snapshot failed: ${(err as Error).message}` });
    }
  };
  socket.on(SocketEvents.snapshotRequest, send);
  void send();
}
