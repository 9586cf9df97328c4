// Builds started over the socket; their events reach every socket of the
// session through the build service's broadcast, like HTTP builds do.
import type { Socket } from 'socket.io';
import { BuildRequest, SocketEvents } from '../../lib/protocol';
import type { BuildService } from '../builds/build-service';
import { ApiFailure } from '../errors';
import { sessionOfSocket } from './rooms';

type Ack = (reply: unknown) => void;

export function handleBuilds(socket: Socket, builds: BuildService): void {
  socket.on(SocketEvents.buildStart, async (body: unknown, ack?: Ack) => {
    const parsed = BuildRequest.safeParse(body);
    if (!parsed.success) return ack?.({ error: { code: 'bad_request', message: parsed.error.issues.map((i) => i.message).join('; ') } });
    try {
      const build = await builds.prepare(sessionOfSocket(socket), parsed.data);
      ack?.({ buildId: build.buildId });
      await builds.run(build, () => {});
    } catch (err) {
      const e = err instanceof ApiFailure ? err : new ApiFailure('internal', (err as Error).message);
      ack?.({ error: { code: e.code, message: e.message } });
    }
  });
  socket.on(SocketEvents.buildCancel, (body: { buildId?: string } | undefined, ack?: Ack) => {
    ack?.({ ok: builds.cancel(sessionOfSocket(socket).id, String(body?.buildId ?? '')) });
  });
}
