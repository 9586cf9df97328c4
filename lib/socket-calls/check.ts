// One table of the events a client may send over a socket: for each, the
// schema of its one argument, the largest body taken, and (for typing the
// clients) the schema of its answer. checkCall decides, without I/O, whether
// a received call may reach its handler.
import type { z } from 'zod';
import { sizeWithin } from './size';

export interface ClientEvent<B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly body: B;
  /** The body's size cap, counted as sizeWithin counts: characters of its strings, a few for each other value. */
  readonly maxBytes: number;
  readonly reply?: R;
}
export type EventTable = Record<string, ClientEvent>;
export type BodyOf<E> = E extends ClientEvent<infer B, z.ZodType> ? z.output<B> : never;
export type ReplyOf<E> = E extends ClientEvent<z.ZodType, infer R> ? z.input<R> : never;

export function clientEvent<B extends z.ZodType, R extends z.ZodType = z.ZodType<{ ok: true }>>(body: B, maxBytes: number, reply?: R): ClientEvent<B, R> {
  return { body, maxBytes, reply };
}

export type Ack = (reply: unknown) => void;

export type Refusal =
  | { fault: 'unknown_event'; event: string }
  | { fault: 'bad_arguments'; event: string; count: number }
  | { fault: 'too_large'; event: string; maxBytes: number }
  | { fault: 'invalid_body'; event: string; error: z.ZodError }
  | { fault: 'rate_limited'; event: string; perSecond: number };

export type Checked =
  | { ok: true; body: unknown; ack?: Ack }
  | { ok: false; refusal: Refusal; ack?: Ack };

// Event names are echoed back in refusals: only so much of a hostile one.
export const shownEvent = (event: string): string => (event.length > 64 ? `${event.slice(0, 64)}…` : event);

/** `args` are what socket.io hands a listener: the client's arguments, then an acknowledgement function when the client asked for one. */
export function checkCall(table: EventTable, event: string, args: readonly unknown[]): Checked {
  // Only socket.io makes functions: a client's own values arrive as data.
  const last = args[args.length - 1];
  const ack = typeof last === 'function' ? (last as Ack) : undefined;
  const data = ack ? args.slice(0, -1) : args;
  const name = shownEvent(String(event));
  // An own property only: "__proto__" or "constructor" name no event.
  const spec = typeof event === 'string' && Object.prototype.hasOwnProperty.call(table, event) ? table[event] : undefined;
  if (!spec) return { ok: false, ack, refusal: { fault: 'unknown_event', event: name } };
  if (data.length > 1) return { ok: false, ack, refusal: { fault: 'bad_arguments', event: name, count: data.length } };
  if (!sizeWithin(data[0], spec.maxBytes)) return { ok: false, ack, refusal: { fault: 'too_large', event: name, maxBytes: spec.maxBytes } };
  const parsed = spec.body.safeParse(data[0]);
  if (!parsed.success) return { ok: false, ack, refusal: { fault: 'invalid_body', event: name, error: parsed.error } };
  return { ok: true, body: parsed.data, ack };
}

/** A refusal in plain English, for servers whose clients show it as is. */
export function describeRefusal(r: Refusal): string {
  switch (r.fault) {
    case 'unknown_event': return `No event "${r.event}" is served on this connection.`;
    case 'bad_arguments': return `"${r.event}" takes one body and an optional acknowledgement, not ${r.count} arguments.`;
    case 'too_large': return `The body of "${r.event}" is larger than the ${r.maxBytes} bytes it may be.`;
    case 'rate_limited': return `Too many calls on this connection: at most ${r.perSecond} a second; "${r.event}" was dropped.`;
    case 'invalid_body': return `The body of "${r.event}" is not valid: ${r.error.issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ')}.`;
  }
}
