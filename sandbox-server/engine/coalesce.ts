// Shares one in-flight call among identical concurrent callers. Under load
// a listing of the engine's images takes about a second, and every request
// of a class asks for the same one; one call serves them all.
//
// A caller joins a call only when no change has finished since that call
// was issued (`bump` marks a change): a request made after this server's
// own write must see that write, so it never reuses an older listing.
//
// With `reuse`, a settled answer also serves later callers while no change
// has been marked since its call was issued, for at most `maxAgeMs`, and
// only while `reuse.allowed()` says changes made outside this server are
// being heard (coalescing-engine.ts watches the engine's events for them).
export interface Reuse { maxAgeMs: number; allowed: () => boolean; now?: () => number }

export class Coalescer {
  private epoch = 0;
  private readonly inFlight = new Map<string, { epoch: number; promise: Promise<unknown> }>();
  private readonly settled = new Map<string, { epoch: number; issuedAt: number; value: unknown }>();

  constructor(private readonly reuse?: Reuse) {}

  // Counts finished changes; equal versions mean nothing changed in between.
  get version(): number { return this.epoch; }

  bump(): void { this.epoch++; this.settled.clear(); }

  run<T>(key: string, call: () => Promise<T>): Promise<T> {
    const now = this.reuse?.now ?? Date.now;
    const done = this.settled.get(key);
    if (done && this.reuse && done.epoch === this.epoch && now() - done.issuedAt <= this.reuse.maxAgeMs && this.reuse.allowed()) {
      return Promise.resolve(done.value as T);
    }
    const shared = this.inFlight.get(key);
    if (shared && shared.epoch === this.epoch) return shared.promise as Promise<T>;
    const entry = { epoch: this.epoch, promise: call() };
    const issuedAt = now();
    this.inFlight.set(key, entry);
    const clear = () => { if (this.inFlight.get(key) === entry) this.inFlight.delete(key); };
    entry.promise.then((value) => {
      clear();
      if (this.reuse && entry.epoch === this.epoch) this.settled.set(key, { epoch: entry.epoch, issuedAt, value });
    }, clear);
    return entry.promise;
  }
}
