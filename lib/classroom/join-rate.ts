// How often a class may be joined: per client address (guessing codes, or a
// script filling classes) and per join code (a code shared too widely). One
// sliding window per key, the same rule as share links (lib/shares/rate-limit.ts),
// kept in memory: the classroom socket lives in one web process, and after a
// restart counting from zero is harmless. Pure: the clock comes in.
import { decideRate, type RateDecision } from '../shares/rate-limit';

export interface JoinRateLimits { perAddress: number; perCode: number; windowSeconds: number }

export type JoinRateDecision = { allowed: true } | { allowed: false; by: 'address' | 'code'; retryAfterSeconds: number };

export class JoinRateLimiter {
  private readonly attempts = new Map<string, Date[]>();

  constructor(private readonly limits: JoinRateLimits) {}

  /** Counts one join attempt unless either window is full; a refused attempt is not counted. */
  take(address: string, code: string, now: Date): JoinRateDecision {
    const byAddress = this.decide(`a:${address}`, this.limits.perAddress, now);
    if (!byAddress.allowed) return { allowed: false, by: 'address', retryAfterSeconds: byAddress.retryAfterSeconds };
    const byCode = this.decide(`c:${code}`, this.limits.perCode, now);
    if (!byCode.allowed) return { allowed: false, by: 'code', retryAfterSeconds: byCode.retryAfterSeconds };
    this.record(`a:${address}`, now);
    this.record(`c:${code}`, now);
    return { allowed: true };
  }

  /** Keys with an attempt still inside the window (for tests and memory checks). */
  size(now: Date): number {
    this.prune(now);
    return this.attempts.size;
  }

  private decide(key: string, limit: number, now: Date): RateDecision {
    return decideRate(this.recent(key, now), now, limit, this.limits.windowSeconds);
  }

  private recent(key: string, now: Date): Date[] {
    const start = now.getTime() - this.limits.windowSeconds * 1000;
    const kept = (this.attempts.get(key) ?? []).filter((d) => d.getTime() > start);
    if (kept.length) this.attempts.set(key, kept); else this.attempts.delete(key);
    return kept;
  }

  private record(key: string, now: Date) {
    const list = this.attempts.get(key) ?? [];
    list.push(now);
    this.attempts.set(key, list);
    // Forget idle keys now and then, so a stream of one-off addresses cannot grow the map for ever.
    if (this.attempts.size > 10_000) this.prune(now);
  }

  private prune(now: Date) {
    for (const key of [...this.attempts.keys()]) this.recent(key, now);
  }
}

export function joinRateMessage(d: Extract<JoinRateDecision, { allowed: false }>): string {
  const wait = d.retryAfterSeconds < 60 ? `${d.retryAfterSeconds} s` : `${Math.ceil(d.retryAfterSeconds / 60)} min`;
  return d.by === 'address'
    ? `Too many tries to join from your network. Wait ${wait} and try again.`
    : `Too many people tried this code just now. Wait ${wait} and try again.`;
}
