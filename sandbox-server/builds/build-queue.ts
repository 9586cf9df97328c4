// A host-wide limit on builds running at once, first come first served.
// dockerd 20.10 under runsc deadlocked in libnetwork with 30 concurrent
// classic builds, and two cores gain nothing from more builds at once: the
// rest wait here, and each build's time limit starts when it leaves.
export class BuildQueue {
  private active = 0;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(readonly limit: number) {}

  get running(): number { return this.active; }
  get queued(): number { return this.waiting.length; }

  // A slot now, or undefined when all are taken.
  tryAcquire(): (() => void) | undefined {
    if (this.active >= this.limit || this.waiting.length > 0) return undefined;
    this.active++;
    return this.releaser();
  }

  // Waits for a slot; an abort while waiting leaves the queue and rejects.
  acquire(signal?: AbortSignal): Promise<() => void> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => { signal?.removeEventListener('abort', onAbort); this.active++; resolve(this.releaser()); },
      };
      const onAbort = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      if (signal?.aborted) { onAbort(); return; }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      if (this.active < this.limit) this.waiting.shift()?.grant();
    };
  }
}
