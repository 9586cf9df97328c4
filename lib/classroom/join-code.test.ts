import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, formatJoinCode, generateJoinCode, normalizeJoinCode } from './join-code';

describe('join codes', () => {
  it('are 6 characters from an alphabet without look-alikes', () => {
    for (const ch of '0O1IL') expect(JOIN_CODE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 500; i++) {
      const code = generateJoinCode((n) => randomBytes(n));
      expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    }
  });

  it('skip bytes that would bias the draw', () => {
    // 255 is above the unbiased bound and must be dropped, not mapped.
    let calls = 0;
    const code = generateJoinCode((n) => { calls++; return Uint8Array.from({ length: n }, (_, i) => (calls === 1 && i < 4 ? 255 : i)); });
    expect(code).toHaveLength(6);
    expect(code.startsWith(JOIN_CODE_ALPHABET[4])).toBe(true);
  });

  it('spread over the whole alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) for (const ch of generateJoinCode((n) => randomBytes(n))) seen.add(ch);
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('accept what a learner types and refuse the rest', () => {
    expect(normalizeJoinCode(' abc-234 ')).toBe('ABC234');
    expect(normalizeJoinCode('abc 234')).toBe('ABC234');
    expect(normalizeJoinCode('ABC23')).toBeNull();
    expect(normalizeJoinCode('ABC2340')).toBeNull();
    expect(normalizeJoinCode('ABCO23')).toBeNull(); // O is not in the alphabet
    expect(formatJoinCode('ABC234')).toBe('ABC 234');
  });
});
