import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalesce';

function deferred<T>() {
  let resolve!: (v: T) => void; let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

describe('Coalescer', () => {
  it('shares one in-flight call among identical callers', async () => {
    const c = new Coalescer();
    const d = deferred<number>();
    let calls = 0;
    const call = () => { calls++; return d.promise; };
    const a = c.run('k', call);
    const b = c.run('k', call);
    d.resolve(7);
    expect(await Promise.all([a, b])).toEqual([7, 7]);
    expect(calls).toBe(1);
  });

  it('keeps different keys apart', async () => {
    const c = new Coalescer();
    let calls = 0;
    await Promise.all([c.run('a', async () => ++calls), c.run('b', async () => ++calls)]);
    expect(calls).toBe(2);
  });

  it('starts afresh once the call settled', async () => {
    const c = new Coalescer();
    let calls = 0;
    await c.run('k', async () => ++calls);
    expect(await c.run('k', async () => ++calls)).toBe(2);
  });

  it('never lets a caller after a change join a call issued before it', async () => {
    const c = new Coalescer();
    const old = deferred<string>();
    const first = c.run('k', () => old.promise);
    c.bump();
    const second = c.run('k', async () => 'fresh');
    // A third caller after the bump shares the fresh call, not the old one.
    const third = c.run('k', async () => 'unused');
    old.resolve('stale');
    expect(await first).toBe('stale');
    expect(await second).toBe('fresh');
    expect(await third).toBe('fresh');
    expect(c.version).toBe(1);
  });

  it('shares a failure and then forgets it', async () => {
    const c = new Coalescer();
    const d = deferred<number>();
    const a = c.run('k', () => d.promise);
    const b = c.run('k', () => d.promise);
    d.reject(new Error('engine down'));
    await expect(a).rejects.toThrow('engine down');
    await expect(b).rejects.toThrow('engine down');
    expect(await c.run('k', async () => 1)).toBe(1);
  });
});

describe('Coalescer with reuse', () => {
  function clocked(allowed = () => true) {
    let t = 0;
    const c = new Coalescer({ maxAgeMs: 1000, allowed, now: () => t });
    return { c, tick: (ms: number) => { t += ms; } };
  }

  it('answers again from the last result while nothing changed', async () => {
    const { c, tick } = clocked();
    let calls = 0;
    expect(await c.run('k', async () => ++calls)).toBe(1);
    tick(500);
    expect(await c.run('k', async () => ++calls)).toBe(1);
    expect(calls).toBe(1);
  });

  it('reads again after a change, after its age, or while changes by others cannot be heard', async () => {
    let hearing = true;
    const { c, tick } = clocked(() => hearing);
    let calls = 0;
    await c.run('k', async () => ++calls);
    c.bump();
    expect(await c.run('k', async () => ++calls)).toBe(2);
    tick(1001);
    expect(await c.run('k', async () => ++calls)).toBe(3);
    hearing = false;
    expect(await c.run('k', async () => ++calls)).toBe(4);
  });

  it('keeps no result of a call that a change overtook', async () => {
    const { c } = clocked();
    const old = deferred<string>();
    const first = c.run('k', () => old.promise);
    c.bump();
    old.resolve('before the change');
    expect(await first).toBe('before the change');
    expect(await c.run('k', async () => 'after')).toBe('after');
  });
});
