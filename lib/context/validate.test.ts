import { describe, expect, it } from 'vitest';
import { checkContextPath, validateContext } from './validate';

const limits = { maxFiles: 5, maxBytes: 1000 };

describe('checkContextPath', () => {
  it.each([
    ['app.py', 'app.py'],
    ['./src//main.c', 'src/main.c'],
    ['a/./b.txt', 'a/b.txt'],
  ])('accepts %s as %s', (raw, expected) => {
    expect(checkContextPath(raw)).toEqual({ ok: true, path: expected });
  });

  it.each([
    ['/etc/passwd', 'absolute'],
    ['../secret', '".."'],
    ['a/../../b', '".."'],
    ['a\\..\\b', 'backslash'],
    ['a\u0000b', 'control'],
    ['', 'empty'],
    ['./', 'names no file'],
    ['dir/', 'directory'],
    ['x'.repeat(300), 'longer'],
  ])('refuses %j', (raw, reason) => {
    const r = checkContextPath(raw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(reason);
  });
});

describe('validateContext', () => {
  it('puts the Dockerfile first and decodes text and base64', () => {
    const r = validateContext('FROM scratch\n', { 'a.txt': 'hé', 'b.bin': { base64: 'AAEC/w==' } }, limits);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.entries.map((e) => e.path)).toEqual(['Dockerfile', 'a.txt', 'b.bin']);
    expect(Array.from(r.entries[1].data)).toEqual([0x68, 0xc3, 0xa9]);
    expect(Array.from(r.entries[2].data)).toEqual([0, 1, 2, 255]);
    expect(r.totalBytes).toBe(13 + 3 + 4);
  });

  it('caps the number of files, counting the Dockerfile', () => {
    const files = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`f${i}`, 'x']));
    const r = validateContext('FROM scratch', files, limits);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.message).toContain('too many files');
  });

  it('caps total bytes', () => {
    const r = validateContext('FROM scratch', { big: 'x'.repeat(990) }, limits);
    expect(r).toMatchObject({ ok: false, path: 'big' });
  });

  it('refuses a second Dockerfile, duplicates after normalising and file/dir clashes', () => {
    expect(validateContext('', { './Dockerfile': 'x' }, limits).ok).toBe(false);
    expect(validateContext('', { 'a/b': 'x', 'a//b': 'y' }, limits).ok).toBe(false);
    expect(validateContext('', { a: 'x', 'a/b': 'y' }, limits).ok).toBe(false);
  });

  it('refuses bad base64 and bad paths, naming the path', () => {
    expect(validateContext('', { x: { base64: '!!!' } }, limits)).toMatchObject({ ok: false, path: 'x' });
    expect(validateContext('', { '../x': 'y' }, limits)).toMatchObject({ ok: false, path: '../x' });
  });
});
