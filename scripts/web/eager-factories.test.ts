import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { chunkFactories, wrapFactories } from './eager-factories';

// The shape Turbopack writes (recorded from a production build, shortened).
const CHUNK = '(globalThis.TURBOPACK||(globalThis.TURBOPACK=[])).push(["object"==typeof document?document.currentScript:void 0,'
  + '101,e=>{"use strict";e.s(["a",()=>1]);let t=(e=>e+1)(1);e.v(t)},'
  + '102,function(e){e.v("two,103,e=>{")},'
  + '103,(e,t)=>{e.v([t,"}]);"])}]);';

function run(source: string) {
  const modules = new Map<number, unknown>();
  const g = { TURBOPACK: [] as unknown[][], document: undefined };
  vm.runInNewContext(source, { globalThis: g, document: undefined });
  const list = g.TURBOPACK[0] as unknown[];
  for (let i = 1; i < list.length; i += 2) {
    const ctx = { s: () => undefined, v: (x: unknown) => modules.set(list[i] as number, x) };
    (list[i + 1] as (e: unknown, t: unknown) => void)(ctx, 'T');
  }
  return modules;
}

describe('wrapFactories', () => {
  it('puts each factory in parentheses and nothing else', () => {
    const { source, wrapped } = wrapFactories(CHUNK);
    expect(wrapped).toBe(3);
    expect(source).toContain(',101,(e=>{"use strict";');
    expect(source).toContain('e.v(t)}),102,(function(e){');
    // Text inside a string that looks like a factory is left alone.
    expect(source).toContain('"two,103,e=>{"');
    expect(source.endsWith('"}]);"])})]);')).toBe(true);
  });

  it('keeps what every module exports', () => {
    expect([...run(wrapFactories(CHUNK).source)]).toEqual([...run(CHUNK)]);
    expect(run(CHUNK).get(102)).toBe('two,103,e=>{');
  });

  it('changes nothing the second time', () => {
    const once = wrapFactories(CHUNK).source;
    expect(wrapFactories(once)).toEqual({ source: once, wrapped: 0 });
    expect(chunkFactories(once)).toEqual([]);
  });

  it('leaves other scripts alone', () => {
    expect(wrapFactories('(()=>{let e=1})();')).toEqual({ source: '(()=>{let e=1})();', wrapped: 0 });
    expect(chunkFactories('self.__BUILD_MANIFEST={}')).toBeNull();
  });
});
