// How often a class may be joined (and created): per client address (guessing codes, or a
// script filling classes) and per join code (a code shared too widely). One
// sliding window per key, the same rule as share links (lib/shares/rate-limit.ts),
// kept in memory: the classroom socket lives in one web process, and after a
// restart counting from zero is harmless. Pure: the clock comes in.
import { decideRate, type RateDecision } from '../shares/rate-limit';
import type { Phrase } from '../i18n';

export interface JoinRateLimits { perAddress: number; perCode: number; windowSeconds: number }

export type JoinRateDecision = { allowed: true } | { allowed: false; by: 'address' | 'code'; retryAfterSeconds: number };

// Recent events per key (an address, a code), each key a sliding window:
// how join attempts and class creations are counted.
export class SlidingWindows {
  private readonly events = new Map<string, Date[]>();

  constructor(private readonly windowSeconds: number) {}

  decide(key: string, limit: number, now: Date): RateDecision {
    return decideRate(this.recent(key, now), now, limit, this.windowSeconds);
  }

  record(key: string, now: Date) {
    const list = this.events.get(key) ?? [];
    list.push(now);
    this.events.set(key, list);
    // Forget idle keys now and then, so a stream of one-off addresses cannot grow the map for ever.
    if (this.events.size > 10_000) this.prune(now);
  }

  /** Keys with an event still inside the window (for tests and memory checks). */
  size(now: Date): number {
    this.prune(now);
    return this.events.size;
  }

  private recent(key: string, now: Date): Date[] {
    const start = now.getTime() - this.windowSeconds * 1000;
    const kept = (this.events.get(key) ?? []).filter((d) => d.getTime() > start);
    if (kept.length) this.events.set(key, kept); else this.events.delete(key);
    return kept;
  }

  private prune(now: Date) {
    for (const key of [...this.events.keys()]) this.recent(key, now);
  }
}

export class JoinRateLimiter {
  private readonly windows: SlidingWindows;

  constructor(private readonly limits: JoinRateLimits) { this.windows = new SlidingWindows(limits.windowSeconds); }

  /** Counts one join attempt unless either window is full; a refused attempt is not counted. */
  take(address: string, code: string, now: Date): JoinRateDecision {
    const byAddress = this.windows.decide(`a:${address}`, this.limits.perAddress, now);
    if (!byAddress.allowed) return { allowed: false, by: 'address', retryAfterSeconds: byAddress.retryAfterSeconds };
    const byCode = this.windows.decide(`c:${code}`, this.limits.perCode, now);
    if (!byCode.allowed) return { allowed: false, by: 'code', retryAfterSeconds: byCode.retryAfterSeconds };
    this.windows.record(`a:${address}`, now);
    this.windows.record(`c:${code}`, now);
    return { allowed: true };
  }

  /** Keys with an attempt still inside the window (for tests and memory checks). */
  size(now: Date): number { return this.windows.size(now); }
}

// The wait in whole seconds, or minutes once it is a minute or more; the
// words come from the dictionary, in the language of whoever asked to join.
export function waitPhrase(retryAfterSeconds: number): Phrase {
  return retryAfterSeconds < 60
    ? { key: 'classroom.wait.seconds', vars: { n: retryAfterSeconds } }
    : { key: 'classroom.wait.minutes', vars: { n: Math.ceil(retryAfterSeconds / 60) } };
}

export function joinRateMessage(d: Extract<JoinRateDecision, { allowed: false }>): Phrase {
  return { key: d.by === 'address' ? 'classroom.error.rateAddress' : 'classroom.error.rateCode', vars: { wait: waitPhrase(d.retryAfterSeconds) } };
}

/** A class creation refused by the per-address window. */
export function createRateMessage(retryAfterSeconds: number): Phrase {
  return { key: 'classroom.error.rateCreate', vars: { wait: waitPhrase(retryAfterSeconds) } };
}
