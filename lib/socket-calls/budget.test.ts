import { describe, expect, it } from 'vitest';
import { CallBudget } from './budget';

describe('CallBudget', () => {
  it('takes a burst, then refills at its rate and never above the burst', () => {
    let t = 0;
    const b = new CallBudget({ perSecond: 10, burst: 3 }, () => t);
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
    t += 100; // one token
    expect([b.take(), b.take()]).toEqual([true, false]);
    t += 60_000;
    expect([b.take(), b.take(), b.take(), b.take()]).toEqual([true, true, true, false]);
  });
});
