// Shares one in-flight call among identical concurrent callers. Under load
// a listing of the engine's images takes about a second, and every request
// of a class asks for the same one; one call serves them all.
//
// A caller joins a call only when no change has finished since that call
// was issued (`bump` marks a change): a request made after this server's
// own write must see that write, so it never reuses an older listing.
export class Coalescer {
  private epoch = 0;
  private readonly inFlight = new Map<string, { epoch: number; promise: Promise<unknown> }>();

  // Counts finished changes; equal versions mean nothing changed in between.
  get version(): number { return this.epoch; }

  bump(): void { this.epoch++; }

  run<T>(key: string, call: () => Promise<T>): Promise<T> {
    const shared = this.inFlight.get(key);
    if (shared && shared.epoch === this.epoch) return shared.promise as Promise<T>;
    const entry = { epoch: this.epoch, promise: call() };
    this.inFlight.set(key, entry);
    const clear = () => { if (this.inFlight.get(key) === entry) this.inFlight.delete(key); };
    entry.promise.then(clear, clear);
    return entry.promise;
  }
}
