import { describe, expect, it } from 'vitest';
import { formatBytes, shortId } from './format';

describe('shortId', () => {
  it.each([
    ['sha256:2c2b49ceb4a32c5a0e891a35ca140efbbc9b563712663fa8cef89a8f3046f31a', '2c2b49ceb4a3'],
    ['70072a619db1e3c7c6d7b0e0fbd1cb0e6f6d2f7a1e0b5c5d5f7c3a2b1c0d9e8f', '70072a619db1'],
    ['ab0dd57574b6', 'ab0dd57574b6'],
    ['abc', 'abc'],
    ['', ''],
  ])('%s → %s', (id, short) => expect(shortId(id)).toBe(short));
});

describe('formatBytes prints sizes as the docker CLI does', () => {
  // Sizes of real images here, with what `docker images` printed for them.
  it.each([
    [1984230, '1.98MB'],
    [284664266, '285MB'],
    [138107948, '138MB'],
    [19, '19B'],
    [0, '0B'],
    [999, '999B'],
    [1000, '1kB'],
    [1500, '1.5kB'],
    [999_999, '1MB'],
    [2_500_000_000, '2.5GB'],
    [-5, '0B'],
    [Number.NaN, '0B'],
  ])('%d → %s', (n, text) => expect(formatBytes(n)).toBe(text));
});
