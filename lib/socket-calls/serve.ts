// Every client event of a socket goes through here: one listener checks the
// call against the event table and runs its handler, so a handler never sees
// an unchecked body and a new event cannot skip the check. A handler that
// throws or rejects is logged with who sent it and answered; nothing a
// client sends escapes as an exception (which would end the process).
import { CallBudget, type Budget } from './budget';
import { checkCall, shownEvent, type Ack, type BodyOf, type EventTable, type Refusal, type ReplyOf } from './check';

// The part of a socket.io server socket this needs.
export interface CallSocket { onAny(listener: (event: string, ...args: unknown[]) => void): unknown }

export type Handler<E> = (body: BodyOf<E>, reply: (r: ReplyOf<E>) => void) => unknown;
export type Handlers<T extends EventTable> = { [K in keyof T]: Handler<T[K]> };

export interface ServeOptions {
  /** Who sent it, for the log: a session, a class member. */
  who(): string;
  log(line: string): void;
  /** The answer to a call that never reached its handler. */
  refused(r: Refusal): unknown;
  /** The answer to a handler's failure; `expected` ones (a refusal the handler meant) are not logged. */
  failed(err: unknown): { reply: unknown; expected: boolean };
  /** The answer when the handler finished without one and the client asked. */
  accepted: unknown;
  /** Calls this connection may make; over it they are refused before any check. */
  budget?: Budget;
}

// Generous for a person at a page (typing, resizing, reporting), tight for a loop.
export const DEFAULT_BUDGET: Budget = { perSecond: 200, burst: 400 };

export function serveEvents<T extends EventTable>(socket: CallSocket, table: T, handlers: Handlers<T>, o: ServeOptions): void {
  const budget = new CallBudget(o.budget ?? DEFAULT_BUDGET);
  socket.onAny((event: string, ...args: unknown[]) => {
    try {
      if (!budget.take()) {
        const last = args[args.length - 1];
        if (typeof last === 'function') once(last as Ack)(o.refused({ fault: 'rate_limited', event: shownEvent(String(event)), perSecond: (o.budget ?? DEFAULT_BUDGET).perSecond }));
        return;
      }
      const call = checkCall(table, event, args);
      const reply = once(call.ack);
      if (!call.ok) { reply(o.refused(call.refusal)); return; }
      const fail = (err: unknown) => {
        const f = safely(() => o.failed(err), { reply: undefined, expected: false });
        if (!f.expected) o.log(`${safely(o.who, 'unknown sender')}: ${event} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
        reply(f.reply);
      };
      const handler = handlers[event as keyof T] as (body: unknown, reply: (r: unknown) => void) => unknown;
      let result: unknown;
      try { result = handler(call.body, reply); } catch (err) { fail(err); return; }
      if (isThenable(result)) result.then(() => reply(o.accepted), fail);
      else reply(o.accepted);
    } catch (err) {
      // The checks themselves failed: log, never rethrow into socket.io.
      o.log(`${event}: dispatch failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  });
}

// An acknowledgement answers at most once; later answers are dropped.
function once(ack?: Ack): (r: unknown) => void {
  let done = false;
  return (r) => {
    if (done || !ack) return;
    done = true;
    try { ack(r); } catch { /* the connection is gone */ }
  };
}

function isThenable(v: unknown): v is PromiseLike<unknown> {
  return v !== null && (typeof v === 'object' || typeof v === 'function') && typeof (v as { then?: unknown }).then === 'function';
}

function safely<T>(fn: () => T, fallback: T): T {
  try { return fn(); } catch { return fallback; }
}
