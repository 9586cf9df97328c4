// The join rate limit's counters, kept by rate-limiter-flexible. An attempt
// is looked at first (nothing is charged yet) and charged once its outcome
// is known: a refusal to the address, a seat to the code
// (lib/classroom/join-rate.ts says why). Attempts on one code go through
// one at a time (`serve`), so a burst is counted attempt by attempt instead
// of every one of them passing the check before the first is charged; the
// store seats one learner at a time per class anyway.
import { RateLimiterMemory, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { decideJoin, type JoinLimitBy, type JoinRateDecision, type JoinRateLimits, type WindowCount } from '../lib/classroom/join-rate';

export interface JoinGateOptions extends JoinRateLimits { windowSeconds: number }

const count = (r: RateLimiterRes | null): WindowCount | null => (r ? { consumed: r.consumedPoints, msBeforeNext: r.msBeforeNext } : null);

export class JoinGate {
  private readonly counters: Record<JoinLimitBy, RateLimiterAbstract>;
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly opts: JoinGateOptions) {
    const counter = (keyPrefix: string, points: number) => new RateLimiterMemory({ keyPrefix, points, duration: opts.windowSeconds });
    this.counters = {
      address: counter('join-refused', opts.refusalsPerAddress),
      'address-in-class': counter('join-refused-class', opts.refusalsPerAddressInClass),
      code: counter('join-seats', opts.seatsPerCode),
    };
  }

  private keys(address: string, code: string): Record<JoinLimitBy, string> {
    return { address, 'address-in-class': `${address} ${code}`, code };
  }

  /** Runs `attempt` after every earlier attempt on this code has been decided and charged. */
  async serve<T>(code: string, attempt: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(code) ?? Promise.resolve()).catch(() => undefined).then(attempt);
    this.queues.set(code, run);
    try { return await run; } finally { if (this.queues.get(code) === run) this.queues.delete(code); }
  }

  async check(address: string, code: string): Promise<JoinRateDecision> {
    const k = this.keys(address, code);
    const [a, ac, c] = await Promise.all([this.counters.address.get(k.address), this.counters['address-in-class'].get(k['address-in-class']), this.counters.code.get(k.code)]);
    return decideJoin({ address: count(a), 'address-in-class': count(ac), code: count(c) }, this.opts);
  }

  async refused(address: string, code: string): Promise<void> {
    const k = this.keys(address, code);
    await Promise.all([this.counters.address.penalty(k.address), this.counters['address-in-class'].penalty(k['address-in-class'])]);
  }

  async seated(code: string): Promise<void> {
    await this.counters.code.penalty(code);
  }
}
