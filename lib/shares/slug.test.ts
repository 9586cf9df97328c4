import { describe, expect, it } from 'vitest';
import { isSlug, makeSlug, SLUG_LENGTH } from './slug';

describe('share slugs', () => {
  it('are 12 base62 characters from the crypto source, all different', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const s = makeSlug();
      expect(s).toMatch(/^[0-9A-Za-z]{12}$/);
      seen.add(s);
    }
    expect(seen.size).toBe(2000);
    expect(SLUG_LENGTH).toBeGreaterThanOrEqual(10);
  });

  it('skip the bytes that would bias the alphabet', () => {
    // 248..255 are dropped; 0 → "0", 61 → "z", 62 → "0" again.
    const bytes = [255, 248, 0, 61, 62, 250, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    let i = 0;
    const slug = makeSlug((n) => Uint8Array.from({ length: n }, () => bytes[i++ % bytes.length]));
    expect(slug).toBe('0z0123456789');
  });

  it('use every letter of the alphabet about evenly', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) for (const c of makeSlug()) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(62);
    const mean = (3000 * 12) / 62;
    for (const n of counts.values()) expect(Math.abs(n - mean)).toBeLessThan(mean * 0.3);
  });

  it('are recognised by shape before any database look-up', () => {
    expect(isSlug('aZ09aZ09aZ09')).toBe(true);
    expect(isSlug('short')).toBe(false);
    expect(isSlug('../../etc/passwd')).toBe(false);
    expect(isSlug('abcdefghij<script>')).toBe(false);
    expect(isSlug('a'.repeat(33))).toBe(false);
  });
});
