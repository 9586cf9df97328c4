// Cached steps arrive from the engine within a few milliseconds of each
// other; played back at that speed the run → modify → commit picture is a
// blur. The pacer keeps the engine's order and content and only spaces
// phase changes out to a minimum interval, so every real event is seen.
import type { BuildEvent } from '@/lib/protocol';

export function isPhaseEvent(e: BuildEvent): boolean {
  return e.type === 'step' || e.type === 'container' || e.type === 'layer';
}

export class EventPacer {
  private queue: BuildEvent[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastPhaseAt = -Infinity;

  constructor(
    private readonly apply: (e: BuildEvent) => void,
    private readonly minGapMs = 160,
    private readonly now: () => number = () => Date.now(),
    // Wrapped: browsers refuse setTimeout called as a method of another object.
    private readonly schedule: (fn: () => void, ms: number) => ReturnType<typeof setTimeout> = (fn, ms) => setTimeout(fn, ms),
  ) {}

  push(e: BuildEvent) { this.queue.push(e); this.drain(); }

  // Apply everything left at once (e.g. when the learner cancels).
  flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const e of this.queue.splice(0)) this.apply(e);
  }

  get pending() { return this.queue.length; }

  private drain = () => {
    this.timer = null;
    while (this.queue.length) {
      const next = this.queue[0];
      if (isPhaseEvent(next)) {
        const wait = this.lastPhaseAt + this.minGapMs - this.now();
        if (wait > 0) { this.timer = this.schedule(this.drain, wait); return; }
        this.lastPhaseAt = this.now();
      }
      this.queue.shift();
      this.apply(next);
    }
  };
}
