// Terminals open per session, across all of its sockets: each holds an exec
// and a connection to the engine, so one session may hold only so many.
export class TerminalSlots {
  private readonly open = new Map<string, number>();
  constructor(readonly max: number) {}

  take(sessionId: string): boolean {
    const n = this.open.get(sessionId) ?? 0;
    if (n >= this.max) return false;
    this.open.set(sessionId, n + 1);
    return true;
  }

  give(sessionId: string): void {
    const n = (this.open.get(sessionId) ?? 0) - 1;
    if (n > 0) this.open.set(sessionId, n); else this.open.delete(sessionId);
  }

  count(sessionId: string): number { return this.open.get(sessionId) ?? 0; }
}
