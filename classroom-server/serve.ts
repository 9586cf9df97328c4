// The classroom socket's events through the one table
// (lib/classroom/client-events.ts) and the one wrapper
// (lib/socket-calls/serve.ts). A handler returns what its ack adds to
// {ok:true}; refusals and failures answer {ok:false, error:{code,message}},
// worded in the language of the page that connected.
import type { Socket } from 'socket.io';
import type { Ack } from '../lib/classroom/messages';
import { zodMessage } from '../lib/classroom/messages';
import type { BodyOf, EventTable, Refusal } from '../lib/socket-calls/check';
import { serveEvents, type Handlers } from '../lib/socket-calls/serve';
import { say, t, type Locale } from '../lib/i18n';
import { ClassroomError } from './errors';

export type ClassHandlers<T extends EventTable> = { [K in keyof T]: (body: BodyOf<T[K]>) => Promise<Record<string, unknown> | void> };

export interface ClassServeOptions {
  locale(): Locale;
  log(line: string): void;
  callsPerSecond: number;
}

function refusal(r: Refusal, locale: Locale): Ack<never> {
  switch (r.fault) {
    case 'invalid_body': return { ok: false, error: { code: 'invalid', message: zodMessage(r.error, locale) } };
    case 'bad_arguments': return { ok: false, error: { code: 'invalid', message: t(locale, 'classroom.error.invalid') } };
    case 'too_large': return { ok: false, error: { code: 'too-large', message: t(locale, 'classroom.error.tooLarge') } };
    case 'unknown_event': return { ok: false, error: { code: 'unknown-event', message: t(locale, 'classroom.error.unknownEvent') } };
    case 'rate_limited': return { ok: false, error: { code: 'rate-limited', message: t(locale, 'classroom.error.tooManyCalls', { perSecond: r.perSecond }) } };
  }
}

// Who sent a call, for the log: the class and member, never a secret.
function who(socket: Socket): string {
  const d = socket.data as { role?: string; classroomId?: string; memberId?: string } | undefined;
  const parts = [d?.role ?? 'unknown', d?.classroomId && `class ${d.classroomId}`, d?.memberId && `member ${d.memberId}`].filter(Boolean);
  return `${parts.join(' ')} (socket ${socket.id})`;
}

export function serveClassEvents<T extends EventTable>(socket: Socket, table: T, handlers: ClassHandlers<T>, o: ClassServeOptions): void {
  const answering = {} as Record<string, (body: unknown, reply: (r: unknown) => void) => Promise<void>>;
  for (const [event, fn] of Object.entries(handlers) as [string, (b: unknown) => Promise<Record<string, unknown> | void>][]) {
    answering[event] = async (body, reply) => reply({ ok: true, ...((await fn(body)) ?? {}) });
  }
  serveEvents(socket, table, answering as unknown as Handlers<T>, {
    who: () => who(socket),
    log: o.log,
    refused: (r) => refusal(r, o.locale()),
    failed: (e) => (e instanceof ClassroomError
      ? { reply: { ok: false, error: { code: e.code, message: say(o.locale(), e.phrase) } }, expected: true }
      : { reply: { ok: false, error: { code: 'internal', message: t(o.locale(), 'classroom.error.internal') } }, expected: false }),
    accepted: { ok: true },
    budget: { perSecond: o.callsPerSecond, burst: o.callsPerSecond * 2 },
  });
}
