import { describe, expect, it } from 'vitest';
import { createRateMessage, decideJoin, joinRateMessage } from './join-rate';
import { say } from '../i18n';

describe('decideJoin', () => {
  const limits = { refusalsPerAddress: 10, refusalsPerAddressInClass: 3, seatsPerCode: 5 };
  const none = { address: null, 'address-in-class': null, code: null };
  const n = (consumed: number, msBeforeNext = 30_000) => ({ consumed, msBeforeNext });

  it('lets an attempt through while every window has room', () => {
    expect(decideJoin(none, limits)).toEqual({ allowed: true });
    expect(decideJoin({ address: n(9), 'address-in-class': n(2), code: n(4) }, limits)).toEqual({ allowed: true });
  });

  it('refuses an address whose refusals fill its window over all classes, with the wait', () => {
    expect(decideJoin({ ...none, address: n(10, 40_000) }, limits)).toEqual({ allowed: false, by: 'address', retryAfterSeconds: 40 });
  });

  it('refuses an address whose refusals fill its window on this code', () => {
    expect(decideJoin({ ...none, 'address-in-class': n(3, 12_300) }, limits)).toEqual({ allowed: false, by: 'address-in-class', retryAfterSeconds: 13 });
  });

  it('refuses a code whose seats fill its window, and waits at least a second', () => {
    expect(decideJoin({ ...none, code: n(5, 10) }, limits)).toEqual({ allowed: false, by: 'code', retryAfterSeconds: 1 });
  });

  it('names the address before the code, so a flooder is told it is them', () => {
    expect(decideJoin({ address: n(10), 'address-in-class': n(3), code: n(5) }, limits)).toMatchObject({ by: 'address' });
  });

  it('words the refusal for the join form', () => {
    expect(say('en', joinRateMessage({ allowed: false, by: 'address', retryAfterSeconds: 40 }))).toBe('Too many tries to join from your network. Wait 40 s and try again.');
    expect(say('en', joinRateMessage({ allowed: false, by: 'code', retryAfterSeconds: 90 }))).toBe('Too many people tried this code just now. Wait 2 min and try again.');
    expect(say('en', joinRateMessage({ allowed: false, by: 'address-in-class', retryAfterSeconds: 5 }))).toBe('Too many refused tries to join this class from your network. Wait 5 s and try again.');
  });

  it('words the refusal in Chinese, the wait included', () => {
    expect(say('zh', joinRateMessage({ allowed: false, by: 'address', retryAfterSeconds: 40 }))).toBe('你所在的网络尝试加入的次数太多了。请等 40 秒后再试。');
    expect(say('zh', joinRateMessage({ allowed: false, by: 'code', retryAfterSeconds: 60 }))).toBe('刚才尝试这个加入码的人太多了。请等 1 分钟后再试。');
    expect(say('zh', joinRateMessage({ allowed: false, by: 'address-in-class', retryAfterSeconds: 5 }))).toBe('你所在的网络加入这个课堂被拒绝的次数太多了。请等 5 秒后再试。');
  });
});

describe('class creations', () => {
  it('says how long to wait for a new class, in both languages', () => {
    expect(say('en', createRateMessage(3580))).toBe('Too many classes were opened from your network in the last hour. Wait 60 min and try again.');
    expect(say('zh', createRateMessage(42))).toBe('你所在的网络在一小时内开设的课堂太多了。请等 42 秒后再试。');
  });
});
