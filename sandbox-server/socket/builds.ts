// Builds started over the socket; their events reach every socket of the
// session through the build service's broadcast, like HTTP builds do.
import type { Socket } from 'socket.io';
import { SocketEvents, type SandboxClientEvents } from '../../lib/protocol';
import type { Handlers } from '../../lib/socket-calls/serve';
import type { BuildService } from '../builds/build-service';
import { sessionOfSocket } from './rooms';

type BuildHandlers = Pick<Handlers<SandboxClientEvents>, typeof SocketEvents.buildStart | typeof SocketEvents.buildCancel>;

export function buildHandlers(socket: Socket, builds: BuildService): BuildHandlers {
  return {
    // Answered once the build is accepted; its events follow on the room.
    [SocketEvents.buildStart]: async (body, reply) => {
      const build = await builds.prepare(sessionOfSocket(socket), body);
      reply({ buildId: build.buildId });
      await builds.run(build, () => {});
    },
    [SocketEvents.buildCancel]: ({ buildId }, reply) => {
      reply({ ok: builds.cancel(sessionOfSocket(socket).id, buildId) });
    },
  };
}
