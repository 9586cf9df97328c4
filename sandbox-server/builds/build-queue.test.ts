import { describe, expect, it } from 'vitest';
import { BuildQueue } from './build-queue';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('BuildQueue', () => {
  it('grants up to the limit at once, then queues', () => {
    const q = new BuildQueue(2);
    expect(q.tryAcquire()).toBeTypeOf('function');
    expect(q.tryAcquire()).toBeTypeOf('function');
    expect(q.tryAcquire()).toBeUndefined();
    expect(q.running).toBe(2);
  });

  it('hands freed slots out first come, first served', async () => {
    const q = new BuildQueue(1);
    const first = q.tryAcquire()!;
    const order: string[] = [];
    const b = q.acquire().then((release) => { order.push('b'); return release; });
    const c = q.acquire().then((release) => { order.push('c'); return release; });
    expect(q.queued).toBe(2);
    await tick();
    expect(order).toEqual([]);
    first();
    (await b)();
    (await c)();
    expect(order).toEqual(['b', 'c']);
    expect(q.running).toBe(0);
    expect(q.queued).toBe(0);
  });

  it('does not let a newcomer overtake the queue', async () => {
    const q = new BuildQueue(1);
    const first = q.tryAcquire()!;
    const waiting = q.acquire();
    first();
    expect(q.tryAcquire()).toBeUndefined();
    (await waiting)();
  });

  it('a release counts once, however often it is called', () => {
    const q = new BuildQueue(1);
    const release = q.tryAcquire()!;
    release(); release();
    expect(q.running).toBe(0);
    q.tryAcquire();
    expect(q.running).toBe(1);
  });

  it('an abort while waiting leaves the queue', async () => {
    const q = new BuildQueue(1);
    const first = q.tryAcquire()!;
    const ctl = new AbortController();
    const gone = q.acquire(ctl.signal);
    const next = q.acquire();
    ctl.abort('cancelled');
    await expect(gone).rejects.toBe('cancelled');
    expect(q.queued).toBe(1);
    first();
    (await next)();
    expect(q.running).toBe(0);
  });
});
