// What ADD unpacks, asked of the engine itself: the archive check
// (lib/context/archive-size.ts, builds/archive-check.ts) must call a file an
// archive exactly when the classic builder unpacks it, and count what the
// builder writes (sparse holes included). Then the same through the sandbox
// API: a small archive that would unpack past the session's disk is refused
// before the engine sees it, on its ADD line.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureArchives } from '../builds/archive-check';
import { Client, docker, engineObjects, lastEvent, startServer, type Started } from './harness';

const MiB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'layerlab-archive-'));
const tag = `layerlab-test-archive:${process.pid}`;
// Asynchronous where the server is live: a blocked event loop lets the
// server's keep-alive close a socket the client is about to reuse.
const run = async (cmd: string, args: string[]) => (await promisify(execFile)(cmd, args, { env: { ...process.env, DOCKER_BUILDKIT: '0' } })).stdout.trim();
const sh = (cmd: string) => execFileSync('bash', ['-c', cmd], { cwd: dir, encoding: 'utf8' });

let s: Started;
let a: Client;

beforeAll(async () => {
  sh(`mkdir src && echo hi > src/f && tar -C src -cf plain.tar f
    gzip -c plain.tar > a.tgz && bzip2 -c plain.tar > a.tbz && xz -c plain.tar > a.txz && zstd -qc plain.tar > a.tzst
    gzip -c plain.tar > noext && echo 'no archive' | gzip -c > text.gz
    truncate -s 64M src/hole && printf x | dd of=src/hole bs=1 seek=1000 conv=notrunc 2>/dev/null
    tar --format=pax --sparse -C src -cf - hole | gzip -9 > sparse.tgz
    head -c 300M /dev/zero > src/zeros && tar -C src -cf - zeros | gzip -9 > bomb.tgz && rm src/zeros`);
  s = await startServer({ LAYERLAB_DISK_PER_SESSION: '256m' });
  a = await Client.create(s.base);
});
afterAll(async () => {
  try { docker('rmi', '-f', tag); } catch { /* never built */ }
  rmSync(dir, { recursive: true, force: true });
  await a?.remove();
  await s?.server.close();
  if (a) expect(engineObjects(a.id)).toEqual({ containers: [], images: [] });
});

const FILES = ['plain.tar', 'a.tgz', 'a.tbz', 'a.txz', 'a.tzst', 'noext', 'text.gz', 'sparse.tgz'];

describe('the archive check against the classic builder', () => {
  it('calls a file an archive exactly when ADD unpacks it, by content and not by name', async () => {
    const entries = FILES.map((path) => ({ path, data: readFileSync(join(dir, path)) }));
    const measured = new Map((await measureArchives(entries, 1024 * MiB)).map((m) => [m.path, m]));
    expect([...measured.keys()].sort()).toEqual(['a.tbz', 'a.tgz', 'a.txz', 'noext', 'plain.tar', 'sparse.tgz']);

    writeFileSync(join(dir, 'Dockerfile'), ['FROM busybox', ...FILES.map((f) => `ADD ${f} /t/${f}/`)].join('\n') + '\n');
    await run('docker', ['build', '-q', '--rm', '--force-rm', '-t', tag, dir]);
    for (const f of FILES) {
      const listed = await run('docker', ['run', '--rm', '--network', 'none', tag, 'ls', `/t/${f}`]);
      // Unpacked: the archive's entries; copied: the file under its own name.
      expect(listed === f ? 'copied' : 'unpacked').toBe(measured.has(f) ? 'unpacked' : 'copied');
    }
    // The sparse file's holes are written out: the layer holds 64 MiB.
    const layers = (await run('docker', ['history', '--no-trunc', '--format', '{{.Size}} {{.CreatedBy}}', '--human=false', tag])).split('\n');
    const sparseLayer = layers.find((l) => l.includes('sparse.tgz'))!;
    const written = Number(sparseLayer.split(' ')[0]);
    expect(written).toBeGreaterThanOrEqual(64 * MiB);
    // The check counts at least what the engine wrote.
    expect(measured.get('sparse.tgz')!.bytes).toBeGreaterThanOrEqual(written);
  });
});

describe('through the sandbox API', () => {
  const b64 = (path: string) => ({ base64: readFileSync(join(dir, path)).toString('base64') });

  it('refuses an archive that would unpack past the session disk, on its ADD line, before the engine builds', async () => {
    // 300 MiB of zeros in one tar entry, gzip'd to a few hundred KB.
    const files = { 'data.bin': b64('bomb.tgz') };
    expect(files['data.bin'].base64.length).toBeLessThan(2 * MiB);
    const r = await a.build({ dockerfile: 'FROM busybox\n# unpack it\nADD data.bin /data/\nRUN echo never\n', files, tag: 'bomb:1' });
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ type: 'error', code: 'disk', line: 3 });
    expect((r.events[0] as { message: string }).message).toMatch(/"data\.bin" is a gzip-compressed tar archive.*COPY/);
    expect(engineObjects(a.id).images).toEqual([]);
    // COPY does not unpack: the same file builds.
    const copy = await a.build({ dockerfile: 'FROM busybox\nCOPY data.bin /data/\n', files, tag: 'copy:1' });
    expect(lastEvent(copy.events).type).toBe('done');
    await a.req('DELETE', '/images/copy:1');
  });

  it('shares the room among ADD instructions, which unpack again each time', async () => {
    // 64 MiB each time: once fits in 256 MiB, five times does not.
    const files = { 's.tgz': b64('sparse.tgz') };
    const once = await a.build({ dockerfile: 'FROM busybox\nADD s.tgz /a/\n', files, tag: 'once:1' });
    expect(lastEvent(once.events).type).toBe('done');
    await a.req('DELETE', '/images/once:1');
    const five = await a.build({ dockerfile: `FROM busybox\n${[1, 2, 3, 4, 5].map((i) => `ADD s.tgz /${i}/`).join('\n')}\n`, files });
    expect(five.events).toEqual([expect.objectContaining({ type: 'error', code: 'disk', line: 2 })]);
    expect((five.events[0] as { message: string }).message).toContain('5 ADD instructions');
  });

  it('counts a base image\'s ONBUILD ADD, reported on the FROM line, and a source named by a variable', async () => {
    const files = { 'data.bin': b64('bomb.tgz') };
    const base = await a.build({ dockerfile: 'FROM busybox\nONBUILD ADD data.bin /data/\n', tag: 'trap:1' });
    expect(lastEvent(base.events).type).toBe('done');
    const r = await a.build({ dockerfile: 'FROM trap:1\nRUN echo never\n', files });
    expect(r.events).toEqual([expect.objectContaining({ type: 'error', code: 'disk', line: 1 })]);
    const v = await a.build({ dockerfile: 'FROM busybox\nARG F=data.bin\nADD ${F} /data/\n', files });
    expect(v.events).toEqual([expect.objectContaining({ type: 'error', code: 'disk', line: 3 })]);
    await a.req('DELETE', '/images/trap:1');
  });
});
