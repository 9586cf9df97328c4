// Backpressure from a browser to a container: while more than HIGH_WATER
// bytes wait to go out on a socket, the streams feeding it are paused, so
// the engine's connection stops being read, the container's writes block
// in its TTY, and the server holds no more than about HIGH_WATER per socket.
// They resume once the socket is below LOW_WATER again.
import type { Readable } from 'node:stream';
import type { Socket } from 'socket.io';

export const HIGH_WATER = 512 * 1024;
export const LOW_WATER = 128 * 1024;
const RECHECK_MS = 50;

// What socket.io has not yet handed to the kernel: engine.io's write buffer
// (packets waiting for the transport) and, on WebSocket, what ws queued.
interface EngineConn {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: number } };
}
export function pendingBytes(socket: Socket): number {
  const conn = socket.conn as unknown as EngineConn;
  let n = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const p of conn.writeBuffer ?? []) {
    const d = p.data;
    n += typeof d === 'string' ? d.length : d instanceof Uint8Array ? d.byteLength : 0;
  }
  return n;
}

export class OutputValve {
  private readonly paused = new Set<Readable>();
  private timer?: NodeJS.Timeout;
  /** How often a stream was paused (benchmark and tests read it). */
  pauses = 0;

  constructor(private readonly socket: Socket, private readonly limits = { high: HIGH_WATER, low: LOW_WATER }) {}

  /** After each chunk written to the socket: pause the source while the socket is full. */
  sent(source: Readable): void {
    if (this.paused.has(source) || pendingBytes(this.socket) <= this.limits.high) return;
    source.pause();
    this.paused.add(source);
    this.pauses++;
    this.timer ??= setInterval(() => this.recheck(), RECHECK_MS).unref();
  }

  /** A source that ended or was closed is no longer watched. */
  forget(source: Readable): void {
    this.paused.delete(source);
    if (!this.paused.size) this.stopTimer();
  }

  private recheck(): void {
    if (this.socket.disconnected) { this.paused.clear(); this.stopTimer(); return; }
    if (pendingBytes(this.socket) > this.limits.low) return;
    for (const s of this.paused) s.resume();
    this.paused.clear();
    this.stopTimer();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
