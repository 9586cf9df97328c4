import { describe, expect, it } from 'vitest';
import { clientAddress, decideRate } from './rate-limit';

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

describe('clientAddress', () => {
  const h = (o: Record<string, string>) => new Headers(o);
  it('takes the entry the nearest proxy added', () => {
    expect(clientAddress(h({ 'x-forwarded-for': '10.0.0.1, 203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress(h({ 'x-forwarded-for': '::1' }))).toBe('::1');
  });
  it('falls back to X-Real-IP, then to one shared bucket', () => {
    expect(clientAddress(h({ 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddress(h({}))).toBe('unknown');
  });
});
