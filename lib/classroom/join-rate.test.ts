import { describe, expect, it } from 'vitest';
import { JoinRateLimiter, joinRateMessage } from './join-rate';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('JoinRateLimiter', () => {
  it('refuses an address over its limit, whatever the code, and says when to come back', () => {
    const l = new JoinRateLimiter({ perAddress: 2, perCode: 10, windowSeconds: 60 });
    expect(l.take('1.2.3.4', 'AAAAAA', at(0))).toEqual({ allowed: true });
    expect(l.take('1.2.3.4', 'BBBBBB', at(10))).toEqual({ allowed: true });
    expect(l.take('1.2.3.4', 'CCCCCC', at(20))).toEqual({ allowed: false, by: 'address', retryAfterSeconds: 40 });
    expect(l.take('5.6.7.8', 'CCCCCC', at(20))).toEqual({ allowed: true });
    expect(l.take('1.2.3.4', 'CCCCCC', at(61))).toEqual({ allowed: true });
  });

  it('refuses a code over its limit from every address', () => {
    const l = new JoinRateLimiter({ perAddress: 10, perCode: 2, windowSeconds: 60 });
    l.take('a', 'ABC234', at(0));
    l.take('b', 'ABC234', at(1));
    expect(l.take('c', 'ABC234', at(2))).toEqual({ allowed: false, by: 'code', retryAfterSeconds: 58 });
    expect(l.take('c', 'XYZ789', at(2))).toEqual({ allowed: true });
  });

  it('does not count refused attempts, so waiting is enough', () => {
    const l = new JoinRateLimiter({ perAddress: 1, perCode: 10, windowSeconds: 60 });
    l.take('a', 'ABC234', at(0));
    for (let s = 1; s < 60; s += 5) expect(l.take('a', 'ABC234', at(s)).allowed).toBe(false);
    expect(l.take('a', 'ABC234', at(60.5)).allowed).toBe(true);
  });

  it('a refusal by code does not use up the address', () => {
    const l = new JoinRateLimiter({ perAddress: 2, perCode: 1, windowSeconds: 60 });
    l.take('a', 'ABC234', at(0));
    expect(l.take('a', 'ABC234', at(1)).allowed).toBe(false);
    expect(l.take('a', 'XYZ789', at(2)).allowed).toBe(true);
  });

  it('forgets keys whose attempts left the window', () => {
    const l = new JoinRateLimiter({ perAddress: 5, perCode: 5, windowSeconds: 60 });
    l.take('a', 'ABC234', at(0));
    expect(l.size(at(30))).toBe(2);
    expect(l.size(at(61))).toBe(0);
  });

  it('words the refusal for the join form', () => {
    expect(joinRateMessage({ allowed: false, by: 'address', retryAfterSeconds: 40 })).toBe('Too many tries to join from your network. Wait 40 s and try again.');
    expect(joinRateMessage({ allowed: false, by: 'code', retryAfterSeconds: 90 })).toBe('Too many people tried this code just now. Wait 2 min and try again.');
  });
});
