// Diffs for a page that is behind. A running container's diff goes out whole
// each time it changes, so a page that stops reading would pile them up in
// the server (one with many changed files costs that much per change).
// While a socket has more than HIGH_WATER bytes waiting, its diffs are held
// back (only which containers are owed is kept) and the latest of each is
// sent once it is below LOW_WATER again.
import type { Server, Socket } from 'socket.io';
import { SocketEvents, type DiffEntry, type WorldUpdate } from '../../lib/protocol';
import { HIGH_WATER, LOW_WATER, pendingBytes } from './output-valve';
import { roomOf } from './rooms';

export class DiffOutbox {
  private readonly owed = new Map<string, Set<string>>(); // socket id → container ids
  /** How many diffs were held back (tests read it). */
  held = 0;

  constructor(private readonly io: Server, private readonly limits = { high: HIGH_WATER, low: LOW_WATER }) {}

  send(sessionId: string, containerId: string, diff: DiffEntry[]): void {
    const update: WorldUpdate = { type: 'diff', containerId, diff };
    for (const socket of this.socketsOf(sessionId)) {
      if (pendingBytes(socket) > this.limits.high) {
        let ids = this.owed.get(socket.id);
        if (!ids) this.owed.set(socket.id, ids = new Set());
        ids.add(containerId);
        this.held++;
        continue;
      }
      socket.emit(SocketEvents.world, update);
    }
  }

  /** Sends what is owed to sockets that caught up; `latest` is a container's current diff, undefined once it is gone. */
  flush(latest: (containerId: string) => DiffEntry[] | undefined): void {
    for (const [socketId, ids] of this.owed) {
      const socket = this.io.sockets.sockets.get(socketId);
      if (!socket) { this.owed.delete(socketId); continue; }
      if (pendingBytes(socket) > this.limits.low) continue;
      this.owed.delete(socketId);
      for (const containerId of ids) {
        const diff = latest(containerId);
        if (diff) socket.emit(SocketEvents.world, { type: 'diff', containerId, diff } satisfies WorldUpdate);
      }
    }
  }

  private socketsOf(sessionId: string): Socket[] {
    const ids = this.io.sockets.adapter.rooms.get(roomOf(sessionId)) ?? new Set<string>();
    return [...ids].map((id) => this.io.sockets.sockets.get(id)).filter((s): s is Socket => s !== undefined);
  }
}
