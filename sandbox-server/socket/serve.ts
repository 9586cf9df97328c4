// The sandbox socket's events through the one table (lib/protocol.ts) and
// the one wrapper (lib/socket-calls/serve.ts). Refusals and failures answer
// {"error":{"code","message"}} as the HTTP API does.
import type { Socket } from 'socket.io';
import type { SandboxClientEvents } from '../../lib/protocol';
import { describeRefusal, type Refusal } from '../../lib/socket-calls/check';
import { serveEvents, type Handlers } from '../../lib/socket-calls/serve';
import { ApiFailure, type ErrorCode } from '../errors';
import { sessionOfSocket } from './rooms';

const codeOf: Record<Refusal['fault'], ErrorCode> = {
  unknown_event: 'unknown_event',
  bad_arguments: 'bad_request',
  too_large: 'too_large',
  invalid_body: 'bad_request',
  rate_limited: 'quota',
};

const answer = (code: ErrorCode, message: string) => ({ error: { code, message } });

export function serveSandboxEvents(socket: Socket, table: SandboxClientEvents, handlers: Handlers<SandboxClientEvents>, callsPerSecond: number): void {
  serveEvents(socket, table, handlers, {
    who: () => `session ${sessionOfSocket(socket)?.id ?? '?'} (socket ${socket.id})`,
    log: (line) => console.error(`socket: ${line}`),
    refused: (r) => answer(codeOf[r.fault], describeRefusal(r)),
    failed: (err) => (err instanceof ApiFailure
      ? { reply: answer(err.code, err.message), expected: true }
      : { reply: answer('internal', 'The sandbox server failed on this request; it is logged.'), expected: false }),
    accepted: { ok: true },
    budget: { perSecond: callsPerSecond, burst: callsPerSecond * 2 },
  });
}
