// Every path by which one session could take the host's disk past its cap,
// each spelled several ways, judged by effect: the free space of the
// engine's data root (statfs), sampled all through the attack, never drops
// by more than the session cap plus MARGIN, nothing of the attack is left,
// and another session still builds afterwards.
//
// MARGIN: what the server allows past the cap by construction (one file up
// to the fsize limit, which is the cap, or one step's commit before its
// layer is measured) plus what other tests on the shared engine write
// meanwhile. Each attack, uncontained, would take 4 GiB or more.
import { execFile } from 'node:child_process';
import { statfs } from 'node:fs/promises';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, dockerJson, engineObjects, lastEvent, runScript, startSandbox, waitExit, type Started } from './support/sandbox';

const MiB = 1024 * 1024;
const CAP = 128 * MiB;
const MARGIN = 1024 * MiB;
const VOLUME = 32 * MiB;
const sh = async (cmd: string, cwd?: string) => (await promisify(execFile)('bash', ['-c', cmd], { cwd, maxBuffer: 64 * MiB })).stdout.trim();

let s: Started;
let a: Client;
let b: Client;
let dataRoot: string;
const dir = mkdtempSync(join(tmpdir(), 'layerlab-disk-'));

const free = async () => { const f = await statfs(dataRoot); return f.bavail * f.bsize; };

// Runs the attack while sampling the data root's free space every 100 ms;
// returns the largest drop seen from before the attack.
async function worstDrop(attack: () => Promise<void>): Promise<number> {
  const before = await free();
  let lowest = before;
  let sampling = true;
  const sampler = (async () => { while (sampling) { lowest = Math.min(lowest, await free()); await new Promise((r) => setTimeout(r, 100)); } })();
  try { await attack(); } finally { sampling = false; await sampler; }
  lowest = Math.min(lowest, await free());
  // The figures the README quotes.
  console.log(`disk drop: ${expect.getState().currentTestName}: ${Math.round((before - lowest) / MiB)} MiB`);
  return before - lowest;
}

const b64 = (file: string) => ({ base64: readFileSync(join(dir, file)).toString('base64') });

async function clean(c: Client) {
  for (const x of (await c.req('GET', '/containers')).body) await c.req('DELETE', `/containers/${x.id}`);
  for (const i of ((await c.req('GET', '/images')).body as { id: string; catalog: boolean }[]).filter((i) => !i.catalog)) await c.req('DELETE', `/images/${i.id}`);
}

beforeAll(async () => {
  dataRoot = (await sh("docker info --format '{{.DockerRootDir}}'"));
  // Bombs: tars whose entries unpack to 4 GiB, made from sparse files (GNU
  // tar stores only the data) and from a dense stream of zeros.
  await sh(`mkdir src && truncate -s 4G src/big && printf x | dd of=src/big bs=1 seek=4096 conv=notrunc 2>/dev/null
    tar --format=pax --sparse -C src -cf sparse.tar big
    gzip -c sparse.tar > bomb.tar.gz && xz -c sparse.tar > bomb.tar.xz && bzip2 -c sparse.tar > bomb.tar.bz2
    cp bomb.tar.gz notes.txt && rm src/big`, dir);
  // One dense 1 GiB entry of zeros, gzip'd as a stream.
  const p = pack();
  const out = createWriteStream(join(dir, 'dense.tgz'));
  const written = pipeline(p, createGzip({ level: 1 }), out);
  const entry = p.entry({ name: 'zeros', size: 1 << 30 }) as unknown as Writable;
  const chunk = Buffer.alloc(MiB);
  for (let i = 0; i < 1024; i++) if (!entry.write(chunk)) await new Promise<void>((r) => entry.once('drain', () => r()));
  entry.end();
  p.finalize();
  await written;
  s = await startSandbox({ LAYERLAB_DISK_PER_SESSION: '128m', LAYERLAB_DISK_CHECK: '1', LAYERLAB_VOLUME_SIZE: '32m', LAYERLAB_EXEC_TIMEOUT: '30', LAYERLAB_BUILD_TIMEOUT: '120', LAYERLAB_CONTEXT_BYTES: '16m' });
  a = await Client.create(s.base);
  b = await Client.create(s.base);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await a?.remove();
  await b?.remove();
  await s?.server.close();
  if (a) expect(engineObjects(a.id)).toEqual({ containers: [], images: [] });
});

// Another session builds a fresh layer right after each attack.
async function neighbourBuilds() {
  const r = await b.build({ dockerfile: `FROM busybox\nRUN echo ${Math.random()} > /n\n`, noCache: true });
  expect(lastEvent(r.events).type).toBe('done');
  await clean(b);
}

describe('archives that ADD unpacks', () => {
  it.each([
    ['bomb.tar.gz', 'gzip'],
    ['bomb.tar.xz', 'xz'],
    ['bomb.tar.bz2', 'bzip2'],
    ['notes.txt', 'gzip'], // named as text, gzip inside
    ['sparse.tar', 'plain tar'], // no compression at all: 4 GiB of holes in a few KB
    ['dense.tgz', 'gzip'], // 1 GiB of real zeros
  ])('%s (%s) is refused before the engine unpacks it', async (file) => {
    let events: { type: string; code?: string; line?: number }[] = [];
    const drop = await worstDrop(async () => {
      events = (await a.build({ dockerfile: `FROM busybox\nWORKDIR /x\nADD ${file} /x/\n`, files: { [file]: b64(file) }, tag: 'bomb:1' })).events;
    });
    expect(events).toEqual([expect.objectContaining({ type: 'error', code: 'disk', line: 3 })]);
    expect(drop).toBeLessThan(CAP + MARGIN);
    expect(engineObjects(a.id).images).toEqual([]);
    await neighbourBuilds();
  });
});

describe('build steps that write past the cap', () => {
  it.each([
    ['dd', 'dd if=/dev/zero of=/fill bs=1M count=4096'],
    ['head -c', 'head -c 4294967296 /dev/zero > /fill'],
    ['fallocate', 'fallocate -l 4294967296 /fill'],
    ['truncate (sparse)', 'truncate -s 4G /fill'],
    ['dd seek (sparse)', 'dd if=/dev/zero of=/fill bs=1 count=1 seek=4294967296'],
    ['many files below the file limit', 'i=0; while [ $i -lt 40 ]; do dd if=/dev/zero of=/f$i bs=1M count=100 2>/dev/null || exit 1; i=$((i+1)); done'],
    // Each below the fsize limit, 4 GiB of holes together: the commit would write them out.
    ['many sparse files below the file limit', 'i=0; while [ $i -lt 40 ]; do truncate -s 100M /s$i || exit 1; i=$((i+1)); done'],
  ])('%s: the build fails on disk and keeps nothing', async (_, script) => {
    let events: { type: string; index?: number }[] = [];
    const drop = await worstDrop(async () => {
      events = (await a.build({ dockerfile: `FROM busybox\nRUN ${script}\nRUN echo never\n`, tag: 'fill:1', noCache: true })).events;
    });
    const last = lastEvent(events as never) as { type: string; code?: string; message: string };
    expect(last.type).toBe('error');
    expect(last.message).toMatch(/disk/i);
    expect(drop).toBeLessThan(CAP + MARGIN);
    expect(engineObjects(a.id).images).toEqual([]);
    expect(events.some((e) => e.type === 'step' && e.index === 3)).toBe(false);
    await clean(a);
    await neighbourBuilds();
  });

  it('a sparse file below the file limit, copied by the next steps, is stopped after the step that crosses the cap', async () => {
    let events: { type: string }[] = [];
    const drop = await worstDrop(async () => {
      events = (await a.build({
        dockerfile: 'FROM busybox\nRUN truncate -s 100M /s\nRUN cp /s /c1\nRUN cp /s /c2\nRUN cp /s /c3\nRUN cp /s /c4\n', tag: 'copies:1', noCache: true,
      })).events;
    });
    const last = lastEvent(events as never) as { type: string; message: string };
    expect(last.type).toBe('error');
    expect(last.message).toMatch(/disk/i);
    // Stopped at the second step that writes (100 + 100 MiB > 128 MiB), not after all four.
    expect(events.filter((e) => e.type === 'step').length).toBeLessThanOrEqual(3);
    expect(drop).toBeLessThan(CAP + MARGIN);
    expect(engineObjects(a.id).images).toEqual([]);
    await neighbourBuilds();
  });
});

describe('containers', () => {
  it('writes into a VOLUME land in a tmpfs of fixed size, not an anonymous volume', async () => {
    const built = await a.build({ dockerfile: 'FROM busybox\nVOLUME /data\nVOLUME ["/var/cache/app"]\n', tag: 'vol:1' });
    expect(lastEvent(built.events).type).toBe('done');
    const volumesBefore = (await sh('docker volume ls -q')).split('\n').filter(Boolean);
    let cid = '';
    const drop = await worstDrop(async () => {
      cid = await runScript(a, 'dd if=/dev/zero of=/data/fill bs=1M count=4096 2>&1; dd if=/dev/zero of=/var/cache/app/fill bs=1M count=4096 2>&1; df -k /data /var/cache/app', 'vol:1');
      await waitExit(cid, 60_000);
    });
    const done = await waitExit(cid, 1000);
    expect(done.logs).toMatch(/No space left on device/);
    const [d] = dockerJson('inspect', cid);
    const mounts = d.Mounts.map((m: { Type: string; Destination: string }) => `${m.Type} ${m.Destination}`).sort();
    expect(mounts).toEqual(['tmpfs /data', 'tmpfs /var/cache/app']);
    // Each tmpfs stopped at its size: the dd wrote VOLUME bytes, no more.
    expect(done.logs.match(new RegExp(`^${VOLUME / MiB}\\+0 records out`, 'gm'))).toHaveLength(2);
    expect((await sh('docker volume ls -q')).split('\n').filter(Boolean)).toEqual(volumesBefore);
    expect(drop).toBeLessThan(CAP + MARGIN);
    await clean(a);
    await neighbourBuilds();
  });

  it.each([
    ['one big file', 'dd if=/dev/zero of=/fill bs=1M count=4096; sleep 30'],
    ['sparse files', 'i=0; while [ $i -lt 40 ]; do truncate -s 100M /s$i; i=$((i+1)); done; sleep 30'],
    ['a stream of files', 'i=0; while :; do dd if=/dev/zero of=/f$i bs=1M count=50 2>/dev/null; i=$((i+1)); done'],
  ])('a container writing %s past the cap is stopped, and its writes cannot be committed', async (_, script) => {
    let cid = '';
    const drop = await worstDrop(async () => {
      cid = await runScript(a, script);
      await waitExit(cid, 60_000);
    });
    expect(dockerJson('inspect', cid)[0].State.Running).toBe(false);
    const commit = await a.req('POST', `/containers/${cid}/commit`, { tag: 'big:1' });
    expect(commit.status).toBe(429);
    expect(drop).toBeLessThan(CAP + MARGIN);
    await clean(a);
    await neighbourBuilds();
  });
});
