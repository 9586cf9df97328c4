// Hostile build contexts and Dockerfiles: what the daemon would fetch, read
// or unpack on the learner's behalf. Each must be refused with a clear error
// or contained, and nothing of the host may show up in the build.
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLeftovers, call, Client, engineObjects, lastEvent, runScript, startSandbox, waitExit, type Started } from './support/sandbox';

const DISK_CAP = 256 * 1024 * 1024;
let s: Started;
let a: Client;

beforeAll(async () => {
  s = await startSandbox({ LAYERLAB_DISK_PER_SESSION: '256m', LAYERLAB_CONTEXT_FILES: '200', LAYERLAB_CONTEXT_BYTES: '8m', LAYERLAB_BUILD_TIMEOUT: '60' });
  a = await Client.create(s.base);
});
afterAll(async () => {
  await a?.remove();
  await s?.server.close();
  if (a) expect(engineObjects(a.id)).toEqual({ containers: [], images: [] });
});

const nothingMade = () => expect(engineObjects(a.id).images).toEqual([]);
type Err = { type: string; code?: string; message: string; line?: number };

describe('what the daemon would fetch', () => {
  it('ADD from a URL is refused with the line, before the engine sees it', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nADD http://127.0.0.1:9/x /x\n', tag: 'url:1' });
    expect(r.status).toBe(200);
    expect(r.events).toHaveLength(1);
    expect(lastEvent(r.events)).toMatchObject({ type: 'error', code: 'policy', line: 2 });
    expect((lastEvent(r.events) as Err).message).toMatch(/URL/);
    nothingMade();
  });

  it('ADD with a URL hidden behind flags or JSON form is refused too', async () => {
    for (const line of ['ADD --chown=1:1 http://127.0.0.1:9/x /x', 'ADD ["https://127.0.0.1:9/x", "/x"]', 'ADD git@127.0.0.1:x/y.git /y']) {
      const r = await a.build({ dockerfile: `FROM busybox\n${line}\n` });
      expect(lastEvent(r.events), line).toMatchObject({ type: 'error', code: 'policy' });
    }
    nothingMade();
  });

  it('a remote context is refused, in the body and in the query', async () => {
    const body = await a.build({ dockerfile: 'FROM busybox\n', remote: 'http://127.0.0.1:9/ctx.tar' });
    const viaQuery = await fetch(`${s.base}/v1/sessions/${a.id}/builds?remote=http://127.0.0.1:9/ctx.tar`, {
      method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ dockerfile: 'FROM busybox\n' }),
    });
    const events = (await viaQuery.text()).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    for (const ev of [lastEvent(body.events), events[events.length - 1]]) expect(ev).toMatchObject({ type: 'error', code: 'policy' });
    nothingMade();
  });
});

describe('paths in the context', () => {
  const refused = ['../escape', 'a/../../escape', '/etc/passwd', 'ok/\u0000/x', 'a\u0000b', 'dir\\..\\x', '.', 'a/'];
  for (const path of refused) {
    it(`refuses ${JSON.stringify(path)} with 400 and builds nothing`, async () => {
      const r = await a.build({ dockerfile: 'FROM busybox\nCOPY . /ctx\n', files: { [path]: 'x' } });
      expect(r.status).toBe(400);
      expect((r.events[0] as unknown as { error: { code: string } }).error.code).toBe('bad_request');
      nothingMade();
    });
  }

  it('a file that claims to be a symlink is not a valid context entry', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nCOPY . /ctx\n', files: { link: { symlink: '/etc/shadow' } as unknown as string } });
    expect(r.status).toBe(400);
    nothingMade();
  });

  it('a symlink made in a RUN step resolves inside the image, never on the host', async () => {
    const name = `layerlab-abuse-${randomBytes(6).toString('hex')}`;
    const r = await a.build({ dockerfile: `FROM busybox\nRUN ln -s / /out && ln -s /tmp /out2\nCOPY f /out/tmp/${name}\nCOPY f /out2/${name}-2\nRUN cat /tmp/${name} /tmp/${name}-2\n`, files: { f: 'inside' }, tag: 'links:1' });
    expect(lastEvent(r.events).type).toBe('done');
    expect(existsSync(`/tmp/${name}`)).toBe(false);
    expect(existsSync(`/tmp/${name}-2`)).toBe(false);
    expect((await a.req('DELETE', '/images/links:1')).status).toBe(200);
  });

  it('NUL bytes in the Dockerfile are an error for the learner, never a 500', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nRUN echo \u0000 > /x\nCOPY f\u0000 /f\n', files: { f: 'x' } });
    expect([200, 400]).toContain(r.status);
    if (r.status === 200) expect(['done', 'error']).toContain(lastEvent(r.events).type);
  });
});

describe('size and count', () => {
  it('a context over the byte cap is refused with 400', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nCOPY big /big\n', files: { big: { base64: randomBytes(9 * 1024 * 1024).toString('base64') } } });
    expect(r.status).toBe(400);
    nothingMade();
  });

  it('a body far over the JSON limit is refused with 4xx (413), not 500', async () => {
    const res = await fetch(`${s.base}/v1/sessions/${a.id}/builds`, {
      method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ dockerfile: 'FROM busybox\n', files: { f: 'x'.repeat(40 * 1024 * 1024) } }),
    });
    expect([400, 413]).toContain(res.status);
    expect((await res.json()).error.code).toMatch(/bad_request|too_large/);
  });

  it('thousands of files are refused with 400', async () => {
    const files = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`d${i % 50}/f${i}`, 'x']));
    const r = await a.build({ dockerfile: 'FROM busybox\nCOPY . /ctx\n', files });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.events[0])).toMatch(/too many files/);
    nothingMade();
  });
});

// A 600 MB file of zeros gzips to well under the context cap.
async function tarBomb(): Promise<Buffer> {
  const pack = tar.pack();
  const gz = pack.pipe(createGzip({ level: 9 }));
  const chunks: Buffer[] = [];
  gz.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => gz.on('end', r));
  const size = 600 * 1024 * 1024;
  const entry = pack.entry({ name: 'zeros', size });
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < size / block.length; i++) if (!entry.write(block)) await new Promise<void>((r) => entry.once('drain', () => r()));
  (entry as unknown as { end(): void }).end();
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

describe('tar bomb via ADD archive.tar.gz', () => {
  it('is refused or removed: the session never keeps more than its disk cap', async () => {
    const bomb = await tarBomb();
    expect(bomb.length).toBeLessThan(8 * 1024 * 1024);
    const r = await a.build({ dockerfile: 'FROM busybox\nADD bomb.tar.gz /unpacked/\nRUN ls -la /unpacked\n', files: { 'bomb.tar.gz': { base64: bomb.toString('base64') } }, tag: 'bomb:1' });
    try {
      const last = r.status === 200 ? lastEvent(r.events) as Err : { type: 'error', message: JSON.stringify(r.events[0]) };
      expect(last.type).toBe('error');
      expect(last.message).toMatch(/disk|size|large/i);
      const images = ((await a.req('GET', '/images')).body as { sizeBytes: number; catalog: boolean }[]).filter((i) => !i.catalog);
      const total = images.reduce((n, i) => n + i.sizeBytes, 0);
      expect(total).toBeLessThan(DISK_CAP);
      expect(buildLeftovers(a.id)).toEqual([]);
    } finally {
      // A bomb that got through must not starve the cases after this one.
      for (const i of (await a.req('GET', '/images')).body.filter((i: { catalog: boolean }) => !i.catalog)) await a.req('DELETE', `/images/${i.id}`);
    }
  });
});

describe('WORKDIR /proc/self/fd/N (CVE-2024-21626 pattern)', () => {
  const secret = randomBytes(12).toString('hex');
  const marker = `/tmp/layerlab-abuse-marker-${secret.slice(0, 8)}`;
  const climb = (fd: number) => `cat ../../../../../../..${marker} 2>/dev/null; cat /proc/self/cwd/../../../../..${marker} 2>/dev/null; echo fd${fd}`;
  beforeAll(() => writeFileSync(marker, secret));
  afterAll(() => rmSync(marker, { force: true }));

  it('in a build: no file of the host is reached from a leaked fd as working directory', async () => {
    for (const fd of [3, 5, 7, 8]) {
      const r = await a.build({ dockerfile: `FROM busybox\nWORKDIR /proc/self/fd/${fd}\nRUN ${climb(fd)}\n`, noCache: true });
      const output = r.events.filter((e) => e.type === 'output').map((e) => (e as { text: string }).text).join('');
      expect(output, `fd ${fd}`).not.toContain(secret);
      expect(r.status).toBe(200);
    }
  });

  it('in a container: the same working directory reaches nothing of the host', async () => {
    for (const fd of [3, 7]) {
      const created = await a.req('POST', '/containers', { image: 'busybox', cmd: ['sh', '-c', climb(fd)], workingDir: `/proc/self/fd/${fd}` });
      if (created.status !== 201) { expect(created.status).toBeLessThan(500); continue; }
      await a.req('POST', `/containers/${created.body.id}/start`);
      const done = await waitExit(created.body.id, 20_000);
      expect(done.logs).not.toContain(secret);
      await a.req('DELETE', `/containers/${created.body.id}`);
    }
  });

  it('also via exec in a running container', async () => {
    const cid = await runScript(a, 'sleep 120');
    for (const fd of [3, 5, 7]) {
      const r = await a.req('POST', `/containers/${cid}/exec`, { cmd: ['sh', '-c', `cd /proc/self/fd/${fd} 2>/dev/null; ${climb(fd)}`] });
      expect(JSON.stringify(r.body)).not.toContain(secret);
    }
    await a.req('DELETE', `/containers/${cid}`);
  });
});

it('the server never answered 500 to any of it', async () => {
  expect((await call(s.base, 'GET', '/healthz')).status).toBe(200);
});
