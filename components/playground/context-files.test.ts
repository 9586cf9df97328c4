import { describe, expect, it } from 'vitest';
import { bytesToBase64, checkFileName, checkLimits, contextUsage, fileBytes, looksLikeText, renameFile } from './context-files';

describe('build context helpers', () => {
  it('counts UTF-8 bytes for text and decoded bytes for base64', () => {
    expect(fileBytes('héllo')).toBe(6);
    expect(fileBytes({ base64: bytesToBase64(new Uint8Array([0, 1, 2, 3, 4])) })).toBe(5);
    expect(contextUsage({ a: 'xx', b: { base64: 'AAAA' } })).toEqual({ count: 2, bytes: 5 });
  });
  it('refuses names the sandbox would refuse', () => {
    expect(checkFileName('/etc/passwd', {})).toMatch(/relative/);
    expect(checkFileName('a/../b', {})).toMatch(/\.\./);
    expect(checkFileName('Dockerfile', {})).toMatch(/Dockerfile/);
    expect(checkFileName('a.txt', { 'a.txt': '' })).toMatch(/exists/);
    expect(checkFileName('a.txt', { 'a.txt': '' }, 'a.txt')).toBeNull();
    expect(checkFileName('src/app.py', {})).toBeNull();
  });
  it('states the limits it enforces', () => {
    expect(checkLimits({ a: 'x', b: 'y' }, { maxFiles: 1, maxBytes: 100 })).toMatch(/at most 1 files/);
    expect(checkLimits({ a: 'x'.repeat(11) }, { maxFiles: 5, maxBytes: 10 })).toMatch(/at most 10 bytes/);
    expect(checkLimits({ a: 'x' }, { maxFiles: 5, maxBytes: 10 })).toBeNull();
  });
  it('renames in place and tells text from binary', () => {
    expect(Object.keys(renameFile({ a: '1', b: '2', c: '3' }, 'b', 'z'))).toEqual(['a', 'z', 'c']);
    expect(looksLikeText(new TextEncoder().encode('plain text'))).toBe(true);
    expect(looksLikeText(new Uint8Array([0x1f, 0x8b, 0x08, 0x00]))).toBe(false);
  });
  it('says what is wrong in the learner\'s language', () => {
    expect(checkFileName('a/../b', {}, undefined, 'zh')).toBe('路径中的每一段都不能为空，也不能是“.”或“..”。');
    expect(checkLimits({ a: 'x', b: 'y' }, { maxFiles: 1, maxBytes: 100 }, 'zh')).toBe('沙箱最多接受 1 个文件，这个上下文有 2 个。');
  });
});
