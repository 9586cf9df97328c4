// The share API against real databases: a fresh SQLite file migrated by
// `prisma migrate deploy`, and the PostgreSQL that scripts/setup/postgres.sh
// starts (LAYERLAB_TEST_PG_URL), migrated by scripts/setup/pg-migrate.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/prisma/client';
import { DEFAULT_SHARE_LIMITS, type ShareLimits } from '@/lib/shares/limits';
import { forkedPlaygroundDoc } from '@/lib/shares/fork';
import { createShareResponse, getShareResponse } from './_lib/handlers';
import { createShareStore } from './_lib/store';
import { removeTestDatabases, testBackends } from '@/prisma/test-databases';
import { CLIENT_ADDRESS_HEADER } from '@/lib/net/client-address';
import { publicOrigin } from '@/lib/web/public-origin';

const backends = testBackends('shares');
afterAll(removeTestDatabases);

let ipCounter = 0;
// Each test its own address, so the rate limit of one cannot leak into another.
const freshIp = () => `198.51.100.${++ipCounter}-${process.pid}-${Date.now()}`;

function post(body: unknown, opts: { ip?: string; raw?: string; contentType?: string; headers?: Record<string, string> } = {}): Request {
  return new Request('http://layerlab.test:3000/api/shares', {
    method: 'POST',
    headers: { 'content-type': opts.contentType ?? 'application/json', [CLIENT_ADDRESS_HEADER]: opts.ip ?? freshIp(), ...opts.headers },
    body: opts.raw ?? JSON.stringify(body),
  });
}

const hostile = {
  title: '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">',
  dockerfile: 'FROM busybox:1.35\n# </textarea><script>window.__pwned=3</script>\nCOPY index.html /www/\nCMD ["cat", "/www/index.html"]\n',
  files: { 'index.html': '<img src=x onerror="window.__pwned=4"><script>window.__pwned=5</script>', 'bin/blob': { base64: 'AAECAwQ=' } },
  commands: [['sh', '-c', 'echo "<b>$HOSTNAME</b>"']],
};

describe.each(backends.filter((b) => b.run))('share API on $name', ({ prepare }) => {
  let url: string;
  let db: Db;
  let limits: ShareLimits;
  const deps = () => ({ store: createShareStore(db), limits });

  beforeAll(async () => {
    url = await prepare();
    db = createDb(url);
    limits = { ...DEFAULT_SHARE_LIMITS, sharesPerWindow: 3 };
  });
  afterAll(async () => { await db?.$disconnect(); });

  it('creates a share (201 {slug, url}) and gives the same snapshot back', async () => {
    const res = await createShareResponse(post(hostile), deps());
    expect(res.status).toBe(201);
    const { slug, url } = await res.json();
    expect(slug).toMatch(/^[0-9A-Za-z]{12}$/);
    // The link is the configured public origin's, never the Host the request named.
    expect(url).toBe(`${publicOrigin(process.env)}/p/${slug}`);
    expect(url).not.toContain('layerlab.test');
    expect(res.headers.get('location')).toBe(url);

    const got = await getShareResponse(slug, deps());
    expect(got.status).toBe(200);
    const share = await got.json();
    expect(share).toMatchObject({ slug, ...hostile, replay: false });
    expect(Date.parse(share.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    // What is stored is what was sent, byte for byte: markup stays text.
    const row = await db.share.findUniqueOrThrow({ where: { slug } });
    expect(row.title).toBe(hostile.title);
    expect(JSON.parse(row.files)).toEqual(hostile.files);
  });

  it('gives each share its own slug', async () => {
    const slugs = new Set<string>();
    for (let i = 0; i < 3; i++) slugs.add((await (await createShareResponse(post({ dockerfile: 'FROM busybox' }), deps())).json()).slug);
    expect(slugs.size).toBe(3);
  });

  it('keeps the original when a fork is edited and shared again', async () => {
    const ip = freshIp();
    const original = { dockerfile: 'FROM busybox\nCOPY a.txt /\n', files: { 'a.txt': 'one\n' }, title: 'Original' };
    const { slug } = await (await createShareResponse(post(original, { ip }), deps())).json();
    const before = await (await getShareResponse(slug, deps())).json();

    const fork = forkedPlaygroundDoc(before, null) as { dockerfile: string; files: Record<string, string>; title: string };
    fork.dockerfile += 'RUN echo edited\n';
    fork.files['a.txt'] = 'two\n';
    const edited = await (await createShareResponse(post({ dockerfile: fork.dockerfile, files: fork.files, title: 'Edited' }, { ip }), deps())).json();

    expect(edited.slug).not.toBe(slug);
    expect(await (await getShareResponse(slug, deps())).json()).toEqual(before);
    expect((await (await getShareResponse(edited.slug, deps())).json()).files['a.txt']).toBe('two\n');
  });

  it('answers an unknown or malformed slug with a JSON 404', async () => {
    for (const slug of ['ZZZZZZZZZZZZ', 'nope', '../../etc', "a' OR '1'='1"]) {
      const res = await getShareResponse(slug, deps());
      expect(res.status).toBe(404);
      const body = await res.json();
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toMatch(/No share/);
    }
  });

  it('refuses oversized and malformed requests with 413/400/415 naming the problem, storing nothing', async () => {
    const count = await db.share.count();
    const cases: [Request, number, string, RegExp][] = [
      [post({ dockerfile: 'FROM a', files: { big: 'x'.repeat(limits.maxFileBytes + 1) } }), 413, 'file_too_large', /256 KiB/],
      [post({ dockerfile: 'x'.repeat(limits.maxDockerfileBytes + 1) }), 413, 'dockerfile_too_large', /64 KiB/],
      [post(null, { raw: JSON.stringify({ dockerfile: 'x'.repeat(limits.maxBodyBytes) }) }), 413, 'body_too_large', /1024 KiB/],
      [post(null, { raw: '{"dockerfile": ' }), 400, 'invalid_json', /not valid JSON/],
      [post({ files: {} }), 400, 'invalid_share', /dockerfile/],
      [post({ dockerfile: 'FROM a', files: { '../x': 'y' } }), 400, 'invalid_share', /\.\./],
      [post({ dockerfile: 'FROM a' }, { contentType: 'text/plain' }), 415, 'unsupported_media_type', /application\/json/],
    ];
    for (const [req, status, code, message] of cases) {
      const res = await createShareResponse(req, deps());
      const body = await res.json();
      expect([res.status, body.error.code]).toEqual([status, code]);
      expect(body.error.message).toMatch(message);
    }
    expect(await db.share.count()).toBe(count);
  });

  it('refuses a body larger than the cap even without a Content-Length', async () => {
    const big = JSON.stringify({ dockerfile: 'x'.repeat(limits.maxBodyBytes + 10) });
    const stream = new ReadableStream<Uint8Array>({
      start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); },
    });
    const req = new Request('http://layerlab.test/api/shares', {
      method: 'POST', headers: { 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: freshIp() }, body: stream, duplex: 'half',
    } as RequestInit);
    expect(req.headers.get('content-length')).toBeNull();
    expect((await createShareResponse(req, deps())).status).toBe(413);
  });

  it('rate-limits each address with 429 and Retry-After, from the stored shares', async () => {
    const ip = freshIp();
    for (let i = 0; i < limits.sharesPerWindow; i++) {
      expect((await createShareResponse(post({ dockerfile: `FROM busybox\nRUN echo ${i}` }, { ip }), deps())).status).toBe(201);
    }
    const limited = await createShareResponse(post({ dockerfile: 'FROM busybox' }, { ip }), deps());
    expect(limited.status).toBe(429);
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(limits.windowSeconds - 120);
    expect(retry).toBeLessThanOrEqual(limits.windowSeconds);
    const body = await limited.json();
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/3 shares in the last 60 minutes/);

    // A forwarded-for header naming someone else changes nothing: the address is the one server.ts stamped.
    expect((await createShareResponse(post({ dockerfile: 'FROM busybox' }, { ip, headers: { 'x-forwarded-for': freshIp(), 'x-real-ip': freshIp() } }), deps())).status).toBe(429);

    // Another address is not affected.
    expect((await createShareResponse(post({ dockerfile: 'FROM busybox' }), deps())).status).toBe(201);

    // A restart (a new client on the same database) still remembers.
    const again = createDb(url);
    try {
      const res = await createShareResponse(post({ dockerfile: 'FROM busybox' }, { ip }), { store: createShareStore(again), limits });
      expect(res.status).toBe(429);
    } finally {
      await again.$disconnect();
    }

    // An hour later the address may share again.
    const later = new Date(Date.now() + (limits.windowSeconds + 5) * 1000);
    expect((await createShareResponse(post({ dockerfile: 'FROM busybox' }, { ip }), { ...deps(), now: () => later })).status).toBe(201);
  });
});

