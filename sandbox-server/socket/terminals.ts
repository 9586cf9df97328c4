// Interactive terminals: an exec with a TTY in a running container of the
// session, bytes both ways, resize, exit code; closed when the socket goes.
// Output is paused while the browser is behind (output-valve.ts); input
// that the container does not read is refused once INPUT_WAITING_MAX bytes
// wait, so neither direction grows the server's memory.
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Socket } from 'socket.io';
import { SocketEvents, type SandboxClientEvents } from '../../lib/protocol';
import type { Handlers } from '../../lib/socket-calls/serve';
import type { Engine, Terminal } from '../engine/engine';
import { ApiFailure } from '../errors';
import type { SessionScope } from '../sessions/scope';
import { OutputValve } from './output-valve';
import { sessionOfSocket } from './rooms';
import type { TerminalSlots } from './terminal-slots';

export const INPUT_WAITING_MAX = 256 * 1024;

type TerminalHandlers = Pick<Handlers<SandboxClientEvents>,
  typeof SocketEvents.terminalOpen | typeof SocketEvents.terminalInput | typeof SocketEvents.terminalResize | typeof SocketEvents.terminalClose>;

export interface TerminalDeps {
  engine: Engine;
  scope: SessionScope;
  slots: TerminalSlots;
  changed(sessionId: string, containerId: string): void;
}

export function terminalHandlers(socket: Socket, deps: TerminalDeps): TerminalHandlers {
  const open = new Map<string, { terminal: Terminal; containerId: string }>();
  const valve = new OutputValve(socket);

  const find = (terminalId: string) => {
    const t = open.get(terminalId);
    if (!t) throw new ApiFailure('not_found', 'No open terminal has that id on this connection.');
    return t;
  };

  const close = (terminalId: string) => {
    const t = open.get(terminalId);
    if (!t) return;
    // End of input first (a shell exits on EOF), then drop the connection.
    t.terminal.stream.end();
    setTimeout(() => t.terminal.stream.destroy(), 1000).unref();
  };
  socket.on('disconnect', () => { for (const id of [...open.keys()]) close(id); });

  return {
    [SocketEvents.terminalOpen]: async (req, reply) => {
      const session = sessionOfSocket(socket);
      if (!deps.slots.take(session.id)) {
        throw new ApiFailure('quota', `This session already has ${deps.slots.max} terminals open (LAYERLAB_TERMINALS_PER_SESSION); close one first.`);
      }
      let terminal: Terminal | undefined;
      let opened = false;
      try {
        const container = await deps.scope.resolveContainer(session.id, req.containerId);
        if (!container.State.Running) throw new ApiFailure('conflict', 'The container is not running.');
        terminal = await deps.engine.openTerminal(container.Id, req.cmd ?? ['/bin/sh'], { cols: req.cols, rows: req.rows });
        if (socket.disconnected) throw new ApiFailure('conflict', 'The connection closed while the terminal opened.');
        const term = terminal;
        const stream = term.stream;
        const terminalId = randomBytes(6).toString('hex');
        open.set(terminalId, { terminal: term, containerId: container.Id });
        opened = true;
        const text = new StringDecoder('utf8');
        stream.on('data', (chunk: Buffer) => {
          socket.emit(SocketEvents.terminalData, { terminalId, data: text.write(chunk) });
          valve.sent(stream);
        });
        let ended = false;
        const finish = async () => {
          if (ended) return;
          ended = true;
          open.delete(terminalId);
          valve.forget(stream);
          deps.slots.give(session.id);
          const code = await term.exitCode().catch(() => null);
          socket.emit(SocketEvents.terminalExit, { terminalId, exitCode: code });
          deps.changed(session.id, container.Id);
        };
        stream.on('end', finish);
        stream.on('close', finish);
        stream.on('error', finish);
        reply({ terminalId });
      } catch (err) {
        // A terminal that opened gives its slot back when its stream ends.
        if (!opened) { terminal?.stream.destroy(); deps.slots.give(session.id); }
        throw err instanceof ApiFailure ? err : new ApiFailure('engine', (err as Error).message);
      }
    },

    [SocketEvents.terminalInput]: ({ terminalId, data }) => {
      const t = find(terminalId);
      const stream = t.terminal.stream;
      if (stream.writableLength > INPUT_WAITING_MAX) {
        throw new ApiFailure('busy', `The terminal is not reading its input: ${stream.writableLength} bytes already wait, so this input was dropped.`);
      }
      stream.write(data);
      deps.changed(sessionOfSocket(socket).id, t.containerId);
    },

    // Answered once the engine has resized the TTY.
    [SocketEvents.terminalResize]: async ({ terminalId, cols, rows }, reply) => {
      const t = find(terminalId);
      const ok = await t.terminal.resize(cols, rows).then(() => true, () => false);
      reply({ ok });
    },

    [SocketEvents.terminalClose]: ({ terminalId }) => close(terminalId),
  };
}
