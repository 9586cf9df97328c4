import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { detectCompression, ENTRY_OVERHEAD, TarSizer } from './archive-size';

const GiB = 1024 ** 3;

async function tarOf(entries: { name: string; size?: number; type?: 'file' | 'directory' | 'symlink'; pax?: Record<string, string> }[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((r) => p.on('end', () => r()));
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => p.entry(
      { name: e.name, type: e.type ?? 'file', ...(e.type === 'symlink' ? { linkname: 'x' } : {}), ...(e.pax ? { pax: e.pax } : {}) },
      e.type && e.type !== 'file' ? Buffer.alloc(0) : Buffer.alloc(e.size ?? 0, 7),
      (err) => (err ? reject(err) : resolve()),
    ));
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

const sizeOf = (data: Uint8Array, cap = GiB * 8, piece = data.length) => {
  const s = new TarSizer(cap);
  for (let i = 0; i < data.length && !s.result.finished; i += piece) s.push(data.subarray(i, i + piece));
  return s.result.finished ? s.result : s.end();
};

describe('detectCompression', () => {
  it.each([
    [[0x1f, 0x8b, 0x08, 0], 'gzip'],
    [[0x42, 0x5a, 0x68, 0x39], 'bzip2'],
    [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1], 'xz'],
    // zstd: Engine 20.10 copies it as it is (sandbox-server/test/archive-add.docker.test.ts).
    [[0x28, 0xb5, 0x2f, 0xfd], 'none'],
    [[0x1f, 0x8b, 0x07], 'none'],
    [[], 'none'],
  ])('%j is %s', (bytes, kind) => expect(detectCompression(new Uint8Array(bytes))).toBe(kind));
});

describe('TarSizer', () => {
  it('sums entries rounded to 4 KiB, each with its overhead, in any chunking', async () => {
    const tar = await tarOf([{ name: 'a', size: 10 }, { name: 'd', type: 'directory' }, { name: 'b', size: 5000 }, { name: 'l', type: 'symlink' }]);
    const want = { kind: 'tar', entries: 4, bytes: 4 * ENTRY_OVERHEAD + 4096 + 8192, over: false, finished: true };
    expect(sizeOf(tar)).toEqual(want);
    expect(sizeOf(tar, GiB, 1)).toEqual(want);
    expect(sizeOf(tar, GiB, 700)).toEqual(want);
  });

  it('stops at the cap without reading the rest', async () => {
    const tar = await tarOf(Array.from({ length: 20 }, (_, i) => ({ name: `f${i}`, size: 100_000 })));
    const r = sizeOf(tar, 500_000, 512);
    expect(r.over).toBe(true);
    expect(r.finished).toBe(true);
    expect(r.entries).toBeLessThan(20);
    expect(r.bytes).toBeGreaterThan(500_000);
  });

  it('reads a PAX size that overrides the header', async () => {
    const tar = await tarOf([{ name: 'a', size: 0, pax: { size: String(3 * GiB) } }]);
    const r = sizeOf(tar, GiB);
    expect(r).toMatchObject({ kind: 'tar', over: true });
  });

  it('counts PAX sparse entries at their real size', async () => {
    const tar = await tarOf([{ name: 'a', size: 10, pax: { 'GNU.sparse.realsize': String(5 * GiB), 'GNU.sparse.major': '1', 'GNU.sparse.minor': '0' } }]);
    expect(sizeOf(tar, GiB)).toMatchObject({ kind: 'tar', over: true });
  });

  // Made by GNU tar --sparse from a 1 GiB file with one byte of data: the
  // gzip files are 143 and 295 bytes, and the engine writes the holes out.
  it.each(['gnu-sparse-1g.tar.gz', 'pax-sparse-1g.tar.gz'])('counts %s at 1 GiB', (file) => {
    const tar = gunzipSync(readFileSync(join(__dirname, 'fixtures', file)));
    expect(tar.length).toBeLessThan(20_000);
    const r = sizeOf(tar);
    expect(r).toMatchObject({ kind: 'tar', entries: 1, over: false });
    expect(r.bytes).toBe(GiB + ENTRY_OVERHEAD);
    expect(sizeOf(tar, GiB / 2).over).toBe(true);
  });

  it('reads base-256 sizes', async () => {
    const tar = await tarOf([{ name: 'a', size: 0 }]);
    const h = tar.subarray(0, 512);
    h.fill(0, 124, 136);
    h[124] = 0x80;
    h[131] = 0x01; // 2^32 bytes
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const c of h) sum += c;
    h.set(Buffer.from(sum.toString(8).padStart(6, '0') + '\0 '), 148);
    expect(sizeOf(tar, GiB)).toMatchObject({ kind: 'tar', over: true });
  });

  it('a header that breaks later stops the count where the engine stops', async () => {
    const tar = await tarOf([{ name: 'a', size: 10 }, { name: 'b', size: 10 }]);
    tar[512 + 512] ^= 0xff; // the second header's name: its checksum fails
    expect(sizeOf(tar)).toMatchObject({ kind: 'tar', entries: 1, finished: true });
  });

  it.each([
    ['text', Buffer.from('hello, this is no archive\n'.repeat(40))],
    ['zeros', Buffer.alloc(2048)],
    ['short', Buffer.from('abc')],
    ['empty', Buffer.alloc(0)],
  ])('%s is no tar', (_, data) => {
    expect(sizeOf(data)).toMatchObject({ kind: 'not-tar', bytes: 0, finished: true });
  });
});
