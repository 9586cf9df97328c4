import { describe, expect, it } from 'vitest';
import { checkShareRequest, snapshotFromRow } from './snapshot';
import { DEFAULT_SHARE_LIMITS as L } from './limits';

const ok = (body: unknown) => {
  const r = checkShareRequest(body, L);
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r;
};
const fail = (body: unknown, limits = L) => {
  const r = checkShareRequest(body, limits);
  if (r.ok) throw new Error('expected a refusal');
  return r;
};

describe('checkShareRequest', () => {
  it('keeps the snapshot as sent, with defaults for what is optional', () => {
    const r = ok({ dockerfile: 'FROM busybox\nRUN echo hi > /a\n' });
    expect(r.snapshot).toEqual({ title: '', dockerfile: 'FROM busybox\nRUN echo hi > /a\n', files: {}, commands: [], replay: false });
    expect(r.sizeBytes).toBe(30);
  });

  it('keeps files, commands, replay and a trimmed title; normalises paths', () => {
    const r = ok({
      dockerfile: 'FROM busybox\nCOPY app /app\n',
      files: { './app/main.sh': 'echo hi\n', 'bin.dat': { base64: 'AAEC' } },
      title: '  Hello  ',
      commands: [['sh', '-c', 'cat /app/main.sh']],
      replay: true,
    });
    expect(r.snapshot.title).toBe('Hello');
    expect(r.snapshot.files).toEqual({ 'app/main.sh': 'echo hi\n', 'bin.dat': { base64: 'AAEC' } });
    expect(r.snapshot.commands).toEqual([['sh', '-c', 'cat /app/main.sh']]);
    expect(r.snapshot.replay).toBe(true);
  });

  it('keeps hostile text as plain data (escaping is the page’s job)', () => {
    const title = '<script>alert(1)</script>';
    expect(ok({ dockerfile: 'FROM busybox', title }).snapshot.title).toBe(title);
  });

  it.each([
    [{}, /dockerfile/],
    [{ dockerfile: 42 }, /dockerfile/],
    [{ dockerfile: '   ' }, /empty/],
    [{ dockerfile: 'FROM a', extra: 1 }, /extra|Unrecognized/i],
    [{ dockerfile: 'FROM a', files: { '../etc/passwd': 'x' } }, /\.\./],
    [{ dockerfile: 'FROM a', files: { '/abs': 'x' } }, /absolute/],
    [{ dockerfile: 'FROM a', files: { Dockerfile: 'x' } }, /dockerfile field/],
    [{ dockerfile: 'FROM a', files: { 'a.txt': 'x', './a.txt': 'y' } }, /twice/],
    [{ dockerfile: 'FROM a', files: { 'b.bin': { base64: '***' } } }, /base64/],
    [{ dockerfile: 'FROM a', commands: [[]] }, /commands/],
    [{ dockerfile: 'FROM a', title: 'a\u0000b' }, /control/],
  ])('refuses bad input with 400: %j', (body, message) => {
    const r = fail(body);
    expect(r.status).toBe(400);
    expect(r.message).toMatch(message);
  });

  it('refuses each cap with 413 and names the cap', () => {
    const cases: [unknown, string, RegExp][] = [
      [{ dockerfile: 'x'.repeat(L.maxDockerfileBytes + 1) }, 'dockerfile_too_large', /64 KiB/],
      [{ dockerfile: 'FROM a', title: 't'.repeat(L.maxTitleChars + 1) }, 'title_too_long', /limit is 120/],
      [{ dockerfile: 'FROM a', files: Object.fromEntries(Array.from({ length: L.maxFiles + 1 }, (_, i) => [`f${i}`, ''])) }, 'too_many_files', /at most 50/],
      [{ dockerfile: 'FROM a', files: { big: 'x'.repeat(L.maxFileBytes + 1) } }, 'file_too_large', /256 KiB/],
      [{ dockerfile: 'FROM a', files: Object.fromEntries(Array.from({ length: 3 }, (_, i) => [`f${i}`, 'x'.repeat(200 * 1024)])) }, 'share_too_large', /512 KiB/],
      [{ dockerfile: 'FROM a', commands: Array.from({ length: L.maxCommands + 1 }, () => ['true']) }, 'too_many_commands', /at most 20/],
      [{ dockerfile: 'FROM a', commands: [['echo', 'x'.repeat(L.maxArgChars + 1)]] }, 'command_too_long', /limit is 4096/],
    ];
    for (const [body, code, message] of cases) {
      const r = fail(body);
      expect([r.status, r.code]).toEqual([413, code]);
      expect(r.message).toMatch(message);
    }
  });

  it('counts multi-byte text in bytes and titles in characters', () => {
    expect(ok({ dockerfile: 'FROM a', title: '🐳'.repeat(L.maxTitleChars) }).snapshot.title).toHaveLength(L.maxTitleChars * 2);
    const r = fail({ dockerfile: 'é'.repeat(L.maxDockerfileBytes / 2 + 1) });
    expect(r.code).toBe('dockerfile_too_large');
  });

  it('counts base64 files by their decoded size', () => {
    const limits = { ...L, maxFileBytes: 3 };
    expect(checkShareRequest({ dockerfile: 'FROM a', files: { b: { base64: 'AAEC' } } }, limits).ok).toBe(true);
    expect(fail({ dockerfile: 'FROM a', files: { b: { base64: 'AAECAw==' } } }, limits).code).toBe('file_too_large');
  });
});

describe('snapshotFromRow', () => {
  const row = { slug: 'abcdefghijkl', title: 't', dockerfile: 'FROM a', files: '{"a":"b"}', commands: '[["ls"]]', replay: false, createdAt: new Date('2026-01-02T03:04:05Z') };
  it('parses the JSON columns', () => {
    expect(snapshotFromRow(row)).toEqual({ slug: 'abcdefghijkl', title: 't', dockerfile: 'FROM a', files: { a: 'b' }, commands: [['ls']], replay: false, createdAt: '2026-01-02T03:04:05.000Z' });
  });
  it('fails loudly on a damaged row', () => {
    expect(() => snapshotFromRow({ ...row, files: '[1]' })).toThrow();
    expect(() => snapshotFromRow({ ...row, commands: 'nope' })).toThrow();
  });
});
