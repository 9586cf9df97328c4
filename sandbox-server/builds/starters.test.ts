import { describe, expect, it } from 'vitest';
import { starterKey } from './starters';

describe('starterKey', () => {
  it('names content: the same Dockerfile and files in any order give one key, any change another', () => {
    const k = starterKey({ dockerfile: 'FROM busybox\n', files: { a: 'x', b: 'y' } });
    expect(k).toMatch(/^[0-9a-f]{16}$/);
    expect(starterKey({ dockerfile: 'FROM busybox\n', files: { b: 'y', a: 'x' } })).toBe(k);
    expect(starterKey({ dockerfile: 'FROM busybox \n', files: { a: 'x', b: 'y' } })).not.toBe(k);
    expect(starterKey({ dockerfile: 'FROM busybox\n', files: { a: 'x', b: 'z' } })).not.toBe(k);
    expect(starterKey({ dockerfile: 'FROM busybox\n' })).toBe(starterKey({ dockerfile: 'FROM busybox\n', files: {} }));
  });
});
