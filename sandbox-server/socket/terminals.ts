// Interactive terminals: an exec with a TTY in a running container of the
// session, bytes both ways, resize, exit code; closed when the socket goes.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { SocketEvents } from '../../lib/protocol';
import type { Engine, Terminal } from '../engine/engine';
import { ApiFailure } from '../errors';
import type { SessionScope } from '../sessions/scope';
import { sessionOfSocket } from './rooms';

const OpenRequest = z.object({
  containerId: z.string().min(1),
  cols: z.number().int().min(1).max(1000).default(80),
  rows: z.number().int().min(1).max(1000).default(24),
  cmd: z.array(z.string()).min(1).optional(),
});
const MAX_TERMINALS_PER_SOCKET = 4;

type Ack = (reply: unknown) => void;

export function handleTerminals(socket: Socket, engine: Engine, scope: SessionScope, changed: (sessionId: string, containerId: string) => void): void {
  const open = new Map<string, { terminal: Terminal; containerId: string }>();

  socket.on(SocketEvents.terminalOpen, async (body: unknown, ack?: Ack) => {
    const session = sessionOfSocket(socket);
    try {
      const req = OpenRequest.safeParse(body);
      if (!req.success) throw new ApiFailure('bad_request', req.error.issues.map((i) => i.message).join('; '));
      if (open.size >= MAX_TERMINALS_PER_SOCKET) throw new ApiFailure('quota', `At most ${MAX_TERMINALS_PER_SOCKET} terminals per page.`);
      const container = await scope.resolveContainer(session.id, req.data.containerId);
      if (!container.State.Running) throw new ApiFailure('conflict', 'The container is not running.');
      const terminal = await engine.openTerminal(container.Id, req.data.cmd ?? ['/bin/sh'], { cols: req.data.cols, rows: req.data.rows });
      const terminalId = randomBytes(6).toString('hex');
      open.set(terminalId, { terminal, containerId: container.Id });
      terminal.stream.on('data', (chunk: Buffer) => socket.emit(SocketEvents.terminalData, { terminalId, data: chunk.toString('utf8') }));
      let ended = false;
      const finish = async () => {
        if (ended) return;
        ended = true;
        open.delete(terminalId);
        const exitCode = await terminal.exitCode().catch(() => null);
        socket.emit(SocketEvents.terminalExit, { terminalId, exitCode });
        changed(session.id, container.Id);
      };
      terminal.stream.on('end', finish);
      terminal.stream.on('close', finish);
      terminal.stream.on('error', finish);
      ack?.({ terminalId });
    } catch (err) {
      const e = err instanceof ApiFailure ? err : new ApiFailure('engine', (err as Error).message);
      ack?.({ error: { code: e.code, message: e.message } });
    }
  });

  socket.on(SocketEvents.terminalInput, (body: { terminalId?: string; data?: unknown } | undefined) => {
    const t = open.get(String(body?.terminalId));
    if (!t || typeof body?.data !== 'string') return;
    t.terminal.stream.write(body.data);
    changed(sessionOfSocket(socket).id, t.containerId);
  });

  // The ack (optional) comes once the engine has resized the TTY.
  socket.on(SocketEvents.terminalResize, async (body: { terminalId?: string; cols?: number; rows?: number } | undefined, ack?: Ack) => {
    const t = open.get(String(body?.terminalId));
    const cols = Number(body?.cols); const rows = Number(body?.rows);
    if (!t || !(cols >= 1 && cols <= 1000 && rows >= 1 && rows <= 1000)) return ack?.({ ok: false });
    const ok = await t.terminal.resize(Math.floor(cols), Math.floor(rows)).then(() => true, () => false);
    ack?.({ ok });
  });

  const close = (terminalId: string) => {
    const t = open.get(terminalId);
    if (!t) return;
    // End of input first (a shell exits on EOF), then drop the connection.
    t.terminal.stream.end();
    setTimeout(() => t.terminal.stream.destroy(), 1000).unref();
  };
  socket.on(SocketEvents.terminalClose, (body: { terminalId?: string } | undefined) => close(String(body?.terminalId)));
  socket.on('disconnect', () => { for (const id of [...open.keys()]) close(id); });
}
