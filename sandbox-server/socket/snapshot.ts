// A whole-world snapshot on connect and on request, so a page that
// reconnects redraws from the engine's truth. Requests that arrive while one
// is being read share the next read (a flood of requests costs the engine
// one read at a time, not one each).
import type { Socket } from 'socket.io';
import { SocketEvents, type SandboxClientEvents, type WorldUpdate } from '../../lib/protocol';
import type { Handlers } from '../../lib/socket-calls/serve';
import type { WorldReader } from '../world/world-reader';
import { sessionOfSocket } from './rooms';

type SnapshotHandlers = Pick<Handlers<SandboxClientEvents>, typeof SocketEvents.snapshotRequest>;

export function snapshotHandlers(socket: Socket, world: WorldReader): SnapshotHandlers {
  let reading = false;
  let again = false;
  const send = async (): Promise<void> => {
    if (reading) { again = true; return; }
    reading = true;
    try {
      do {
        again = false;
        const update: WorldUpdate = { type: 'snapshot', snapshot: await world.snapshot(sessionOfSocket(socket).id) };
        socket.emit(SocketEvents.world, update);
      } while (again && socket.connected);
    } catch (err) {
      socket.emit('error:server', { message: `snapshot failed: ${(err as Error).message}` });
    } finally {
      reading = false;
    }
  };
  void send();
  return { [SocketEvents.snapshotRequest]: () => { void send(); } };
}
