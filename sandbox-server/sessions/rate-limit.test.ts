import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('allows a burst, refuses the next with a retry time, refills over time', () => {
    let t = 0;
    const r = new RateLimiter(3, () => t);
    expect([r.take('a'), r.take('a'), r.take('a')].every((d) => d.ok)).toBe(true);
    expect(r.take('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(r.take('b').ok).toBe(true);
    t += 20_000;
    expect(r.take('a').ok).toBe(true);
    expect(r.take('a').ok).toBe(false);
  });
});
