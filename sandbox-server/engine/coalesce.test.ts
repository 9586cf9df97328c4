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
