// The join rate limit's counters, on the shared limiters
// (rate-limiter/limiters.ts: rate-limiter-flexible, in memory or in
// PostgreSQL). An attempt is looked at first (nothing is charged yet) and
// charged once its outcome is known: a refusal to the address, a seat to
// the code (lib/classroom/join-rate.ts says why). Attempts on one code go
// through one at a time (`serve`), so a burst is counted attempt by attempt
// instead of every one of them passing the check before the first is
// charged; the store seats one learner at a time per class anyway.
import { decideJoin, type JoinRateDecision, type JoinRateLimits } from '../lib/classroom/join-rate';
import { joinLimitSpecs, type JoinLimitName } from '../lib/rate-limits/table';
import { createLimiters, limiterStore, type Limiter } from '../rate-limiter/limiters';

export type JoinLimiters = Record<JoinLimitName, Limiter>;

/** Memory limiters of the gate's own, for a server given none (tests, benchmarks). */
export function memoryJoinLimiters(limits: JoinRateLimits, windowSeconds: number): JoinLimiters {
  return createLimiters(joinLimitSpecs(limits, windowSeconds), limiterStore('memory'));
}

export class JoinGate {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly limits: JoinRateLimits, private readonly counters: JoinLimiters) {}

  /** Runs `attempt` after every earlier attempt on this code has been decided and charged. */
  async serve<T>(code: string, attempt: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(code) ?? Promise.resolve()).catch(() => undefined).then(attempt);
    this.queues.set(code, run);
    try { return await run; } finally { if (this.queues.get(code) === run) this.queues.delete(code); }
  }

  async check(address: string, code: string): Promise<JoinRateDecision> {
    const [a, ac, c] = await Promise.all([
      this.counters['join-refused'].peek(address), this.counters['join-refused-class'].peek(`${address} ${code}`), this.counters['join-seats'].peek(code),
    ]);
    return decideJoin({ address: a, 'address-in-class': ac, code: c }, this.limits);
  }

  async refused(address: string, code: string): Promise<void> {
    await Promise.all([this.counters['join-refused'].charge(address), this.counters['join-refused-class'].charge(`${address} ${code}`)]);
  }

  async seated(code: string): Promise<void> {
    await this.counters['join-seats'].charge(code);
  }
}
