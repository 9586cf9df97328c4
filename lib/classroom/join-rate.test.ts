import { describe, expect, it } from 'vitest';
import { createRateMessage, JoinRateLimiter, joinRateMessage, SlidingWindows } from './join-rate';
import { say } from '../i18n';

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
    expect(say('en', joinRateMessage({ allowed: false, by: 'address', retryAfterSeconds: 40 }))).toBe('Too many tries to join from your network. Wait 40 s and try again.');
    expect(say('en', joinRateMessage({ allowed: false, by: 'code', retryAfterSeconds: 90 }))).toBe('Too many people tried this code just now. Wait 2 min and try again.');
  });

  it('words the refusal in Chinese, the wait included', () => {
    expect(say('zh', joinRateMessage({ allowed: false, by: 'address', retryAfterSeconds: 40 }))).toBe('你所在的网络尝试加入的次数太多了。请等 40 秒后再试。');
    expect(say('zh', joinRateMessage({ allowed: false, by: 'code', retryAfterSeconds: 60 }))).toBe('刚才尝试这个加入码的人太多了。请等 1 分钟后再试。');
  });
});

describe('SlidingWindows and class creations', () => {
  it('counts only what was recorded, per key, and forgets it after the window', () => {
    const w = new SlidingWindows(3600);
    w.record('a', at(0));
    w.record('a', at(10));
    expect(w.decide('a', 2, at(20))).toEqual({ allowed: false, retryAfterSeconds: 3580 });
    expect(w.decide('b', 2, at(20))).toEqual({ allowed: true });
    expect(w.decide('a', 2, new Date(at(0).getTime() + 3600_500))).toEqual({ allowed: true });
    expect(w.size(new Date(at(0).getTime() + 7200_000))).toBe(0);
  });

  it('says how long to wait for a new class, in both languages', () => {
    expect(say('en', createRateMessage(3580))).toBe('Too many classes were opened from your network in the last hour. Wait 60 min and try again.');
    expect(say('zh', createRateMessage(42))).toBe('你所在的网络在一小时内开设的课堂太多了。请等 42 秒后再试。');
  });
});
