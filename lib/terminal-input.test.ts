import { describe, expect, it } from 'vitest';
import { inputChunks } from './terminal-input';

describe('inputChunks', () => {
  it('keeps short input whole', () => {
    expect(inputChunks('ls\r', 10)).toEqual(['ls\r']);
  });

  it('cuts long input into parts of at most max that join back to it', () => {
    const text = 'abcdefghij'.repeat(7) + 'x';
    const parts = inputChunks(text, 16);
    expect(parts.every((p) => p.length <= 16)).toBe(true);
    expect(parts.join('')).toBe(text);
  });

  it('never splits a surrogate pair', () => {
    const text = 'a'.repeat(15) + '😀' + 'b'.repeat(20);
    const parts = inputChunks(text, 16);
    expect(parts[0]).toBe('a'.repeat(15));
    expect(parts[1].startsWith('😀')).toBe(true);
    expect(parts.join('')).toBe(text);
  });
});
