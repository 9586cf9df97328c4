import { describe, expect, it } from 'vitest';
import { decideRate } from './rate-limit';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));

describe('decideRate', () => {
  it('allows until the limit, then says when the oldest counted share leaves the window', () => {
    expect(decideRate([], at(0), 2, 60)).toEqual({ allowed: true });
    expect(decideRate([at(0)], at(10), 2, 60)).toEqual({ allowed: true });
    expect(decideRate([at(0), at(20)], at(30), 2, 60)).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });
  it('forgets shares older than the window', () => {
    expect(decideRate([at(0), at(20)], at(61), 2, 60)).toEqual({ allowed: true });
  });
  it('with more shares than the limit (a race), waits for enough of them to leave', () => {
    expect(decideRate([at(0), at(10), at(20)], at(30), 2, 60)).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });
  it('never answers Retry-After 0', () => {
    expect(decideRate([new Date(at(0).getTime() + 999)], new Date(at(60).getTime() + 500), 1, 60)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
