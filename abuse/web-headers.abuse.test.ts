// The web's public surface against a hostile visitor: security headers
// chosen on the path Next.js serves (not on the raw request line), a script
// nonce per response, and absolute URLs that never come from the request's
// Host or X-Forwarded-Host. First the rules as pure functions, then the
// same against a production build served by `tsx server.ts`, with requests
// written byte for byte (node:http sends the path as given: no dot segments
// resolved on the way).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, headersForPath, isEmbedPath } from '../lib/web/security-headers';
import { sparePort } from './support/child-server';
import { sleep } from './support/sandbox';

const ROOT = path.resolve(__dirname, '..');

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
const headerMap = (hs: { key: string; value: string }[]) => new Map(hs.map((h) => [h.key.toLowerCase(), h.value]));

const pages = ['/', '/play', '/lessons/first-image', '/p/abc', '/classroom/XYZ123', '/embedded', '/embeds/x', '/api/shares'];
const embeds = ['/embed', '/embed/abc', '/embed/share/abc', '/embed/abc?theme=dark'];
// Paths that a URL parser, or a decoder, reads as something other than an embed.
const disguised = [
  '/embed/../play', '/embed/./../play', '/embed/x/../../play', '/embed/%2e%2e/play', '/embed/%2E%2E/play', '/embed/.%2e/play',
  '/embed/%2e./play', '/embed/..%2fplay', '/embed/..%2Fplay', '/embed%2f..%2fplay', '/embed/..%5cplay', '/embed\\..\\play',
  '/embed/%252e%252e/play', '/embed/..%252fplay', '/embed/abc/../..', '/embed/..',
];

describe('headers per path (pure)', () => {
  it('every page and embed gets one CSP, nosniff and a referrer policy; only embeds may be framed', () => {
    const env = { NODE_ENV: 'production' };
    for (const p of [...pages, ...embeds]) {
      const h = headerMap(headersForPath(p, env, 'n0nce'));
      expect(h.get('x-content-type-options'), p).toBe('nosniff');
      expect(h.get('referrer-policy'), p).toBe('strict-origin-when-cross-origin');
      const embed = embeds.includes(p);
      expect(directives(h.get('content-security-policy')!).get('frame-ancestors'), p).toEqual(embed ? ['*'] : ["'none'"]);
      expect(h.get('x-frame-options'), p).toBe(embed ? undefined : 'DENY');
    }
  });

  it('a path that only looks like an embed before it is resolved or decoded gets the pages\' headers', () => {
    for (const p of disguised) {
      expect(isEmbedPath(p), p).toBe(false);
      expect(headerMap(headersForPath(p, {})).get('x-frame-options'), p).toBe('DENY');
    }
    for (const p of ['/embed/abc', '/embed/a%20b', '/embed/abc/./x', '/embed/x/../abc']) expect(isEmbedPath(p), p).toBe(true);
  });

  it('scripts run from our origin or under the response\'s nonce, never inline otherwise', () => {
    const csp = directives(contentSecurityPolicy({ NODE_ENV: 'production' }, "'none'", 'abc123'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123'"]);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://*:4000', 'ws://*:4000', 'https://*:4000', 'wss://*:4000']);
    for (const [name, values] of csp) expect(values.filter((v) => /^[a-z]+:$/.test(v) && v !== 'blob:' && v !== 'data:'), name).toEqual([]);
    expect(contentSecurityPolicy({ NODE_ENV: 'production' }, "'none'")).toContain("script-src 'self';");
    expect(contentSecurityPolicy({ NODE_ENV: 'development' }, "'none'", 'n')).toContain("'unsafe-eval'");
  });

  it('a configured sandbox URL is the only sandbox origin', () => {
    const csp = directives(contentSecurityPolicy({ NODE_ENV: 'production', LAYERLAB_SANDBOX_URL: 'https://sandbox.example.org' }, "'none'"));
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://sandbox.example.org', 'wss://sandbox.example.org']);
  });
});

// ---- live ----------------------------------------------------------------

interface Answer { status: number; headers: http.IncomingHttpHeaders; text: string }

let port = 0;
let server: ChildProcess | undefined;
// No LAYERLAB_PUBLIC_URL: the case where a request's Host was trusted before.
// Every absolute URL must then be localhost on the web's own port.
let PUBLIC_URL = '';
const SANDBOX_URL = 'https://sandbox.layerlab.example';

// One request exactly as written: raw path, any Host header.
function send(method: string, rawPath: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: rawPath, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cspOf = (a: Answer) => {
  const v = a.headers['content-security-policy'];
  expect(typeof v, 'exactly one Content-Security-Policy header').toBe('string');
  return directives(v as string);
};
const titleOf = (a: Answer) => /<title>([^<]*)<\/title>/.exec(a.text)?.[1] ?? '';
// Which page answered: a share shown as an embed or as a page (same title), else the title.
const servedAs = (a: Answer) => a.text.includes('\\"variant\\":\\"embed\\"') ? 'embed' : a.text.includes('\\"variant\\":\\"page\\"') ? 'share' : titleOf(a);

beforeAll(async () => {
  const distDir = process.env.NEXT_DIST_DIR || '.next';
  if (!existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
    throw new Error(`No production build in ${distDir}/ (BUILD_ID missing): run \`npx next build\` (scripts/setup/web-build.sh) before the abuse tier.`);
  }
  port = await sparePort();
  PUBLIC_URL = `http://localhost:${port}`;
  server = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server.ts'], {
    cwd: ROOT, stdio: 'ignore', detached: true,
    env: { ...process.env, NODE_ENV: 'production', LAYERLAB_WEB_PORT: String(port), LAYERLAB_WEB_HOST: '127.0.0.1', LAYERLAB_PUBLIC_URL: '', LAYERLAB_SANDBOX_URL: SANDBOX_URL,
      // This test makes a few shares from one address; share limits are tested elsewhere.
      LAYERLAB_SHARES_PER_HOUR: '10000' },
  });
  for (let i = 0; i < 240; i++) { try { await send('GET', '/'); return; } catch { await sleep(500); } }
  throw new Error('the production server did not answer');
});

// tsx runs the server in a child process: signal the whole group.
afterAll(() => { if (server?.pid) { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ } } });

describe('live, from the production server (tsx server.ts)', () => {
  let slug = '';
  const served: Record<string, string> = {};

  beforeAll(async () => {
    const made = await send('POST', '/api/shares', { 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` },
      JSON.stringify({ title: 'Headers check', dockerfile: 'FROM busybox:1.35\nRUN echo hi\n' }));
    expect(made.status, made.text).toBe(201);
    slug = JSON.parse(made.text).slug;
    for (const p of ['/', '/play', `/embed/${slug}`, `/p/${slug}`]) served[p] = servedAs(await send('GET', p));
    expect(new Set(Object.values(served)).size, 'each page is told apart').toBe(4);
  });

  it('pages are not frameable and embeds are, with nosniff and a referrer policy on each', async () => {
    for (const p of ['/', '/play', '/lessons', `/p/${slug}`, '/classroom', '/join', '/api/shares/' + slug]) {
      const r = await send('GET', p);
      expect(cspOf(r).get('frame-ancestors'), p).toEqual(["'none'"]);
      expect(r.headers['x-frame-options'], p).toBe('DENY');
      expect(r.headers['x-content-type-options'], p).toBe('nosniff');
      expect(r.headers['referrer-policy'], p).toBe('strict-origin-when-cross-origin');
    }
    const embed = await send('GET', `/embed/${slug}`);
    expect(embed.status).toBe(200);
    expect(cspOf(embed).get('frame-ancestors')).toEqual(['*']);
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(cspOf(embed).get('connect-src')).toEqual(["'self'", SANDBOX_URL, 'wss://sandbox.layerlab.example']);
  });

  it('a dot-segment or escaped path is judged by the page it serves: the playground is never frameable', async () => {
    const framable: string[] = [];
    for (const raw of [...disguised, ...disguised.map((p) => p.replace(/play$/, `p/${slug}`)), ...disguised.map((p) => p.replace(/play$/, ''))]) {
      const r = await send('GET', raw);
      const csp = cspOf(r);
      const page = servedAs(r);
      expect(r.headers['x-content-type-options'], raw).toBe('nosniff');
      // Framing is allowed only on what is really the embed page.
      if (csp.get('frame-ancestors')?.includes('*')) {
        framable.push(raw);
        expect(page === 'embed' || r.status === 404, `${raw} served "${page}" with frame-ancestors *`).toBe(true);
      } else {
        expect(r.headers['x-frame-options'], raw).toBe('DENY');
      }
    }
    // The spellings a URL parser resolves reach the playground itself, and get its headers.
    for (const raw of ['/embed/../play', '/embed/%2e%2e/play', '/embed/.%2E/play', '/embed/x/../../play']) {
      const r = await send('GET', raw);
      expect(servedAs(r), raw).toBe(served['/play']);
      expect(cspOf(r).get('frame-ancestors'), raw).toEqual(["'none'"]);
      expect(r.headers['x-frame-options'], raw).toBe('DENY');
    }
    expect(framable).toEqual([]);
  });

  it('a fresh nonce on every page, on every script tag Next.js writes, and no inline script without it', async () => {
    const seen = new Set<string>();
    for (const p of ['/', '/play', '/lessons', `/p/${slug}`, `/embed/${slug}`, '/classroom', '/join']) {
      const r = await send('GET', p);
      const script = cspOf(r).get('script-src')!;
      expect(script, p).not.toContain("'unsafe-inline'");
      expect(script, p).not.toContain("'unsafe-eval'");
      const nonce = script.find((s) => s.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, p).toMatch(/^[A-Za-z0-9+/]{22,}={0,2}$/);
      expect(seen.has(nonce!), `${p}: nonce reused`).toBe(false);
      seen.add(nonce!);
      const tags = [...r.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(tags.length, p).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, p).toContain(`nonce="${nonce}"`);
    }
  });

  it('static files, served before the proxy runs or after, carry nosniff and a page\'s policy', async () => {
    const play = await send('GET', '/play');
    const chunk = /\/_next\/static\/[\w/.-]+\.js/.exec(play.text)![0];
    for (const enc of ['gzip', 'identity']) {
      const r = await send('GET', chunk, { 'accept-encoding': enc });
      expect(r.status, enc).toBe(200);
      expect(r.headers['x-content-type-options'], enc).toBe('nosniff');
      expect(cspOf(r).get('frame-ancestors'), enc).toEqual(["'none'"]);
      // gzip: web-server/static-gzip.ts answers before Next.js, so the net in server.ts sets the policy.
      if (enc === 'gzip') expect(cspOf(r).get('script-src'), enc).toEqual(["'self'"]);
    }
  });

  // ---- absolute URLs ------------------------------------------------------

  const forged = 'attacker.example';
  const forgeries: Record<string, string>[] = [
    { host: forged },
    { host: `${forged}:443` },
    { 'x-forwarded-host': forged },
    { 'x-forwarded-host': `${forged}, layerlab.example`, 'x-forwarded-proto': 'https' },
    { host: forged, 'x-forwarded-host': forged, 'x-forwarded-proto': 'http', 'x-forwarded-port': '8443' },
    { forwarded: `host=${forged};proto=https`, 'x-original-host': forged, 'x-host': forged },
    { 'X-Forwarded-Host': forged.toUpperCase() },
  ];
  // Every absolute http(s) URL in a text, as printed (JSON-escaped slashes too).
  const absoluteUrls = (text: string) => [...text.replace(/\\\//g, '/').matchAll(/https?:\/\/[^\s"'<>\\)]+/g)].map((m) => m[0]);

  it('a share\'s link, in the API answer and its Location, is on our own origin whatever Host the request names', async () => {
    for (const headers of forgeries) {
      const r = await send('POST', '/api/shares', { ...headers, 'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250) + 1}` },
        JSON.stringify({ dockerfile: 'FROM busybox:1.35\n' }));
      expect(r.status, r.text).toBe(201);
      const { url, slug: made } = JSON.parse(r.text);
      expect(url, JSON.stringify(headers)).toBe(`${PUBLIC_URL}/p/${made}`);
      expect(r.headers.location).toBe(url);
      expect(r.text.toLowerCase().includes(forged), r.text).toBe(false);
    }
  });

  it('pages, link previews and embed code print our URL only, whatever Host the request names', async () => {
    const paths = ['/', '/play', '/lessons', '/lessons/first-image', `/p/${slug}`, `/embed/${slug}`, '/classroom', '/join', `/api/shares/${slug}`];
    for (const p of paths) {
      for (const headers of forgeries) {
        const r = await send('GET', p, headers);
        const what = `${p} with ${JSON.stringify(headers)}`;
        expect(r.status, what).toBeLessThan(500);
        // Where it shows, if it does (the whole page would drown the message).
        const at = r.text.toLowerCase().indexOf(forged);
        expect(at < 0 ? '' : r.text.slice(Math.max(0, at - 80), at + 40), what).toBe('');
        expect(JSON.stringify(r.headers).toLowerCase().includes(forged), what).toBe(false);
        for (const u of absoluteUrls(r.text)) {
          const origin = new URL(u).origin;
          if (origin === PUBLIC_URL || origin === SANDBOX_URL) continue;
          // Third-party URLs the page names (lesson links to Docker's docs, XML namespaces).
          expect(origin, `${what}: ${u}`).not.toMatch(/127\.0\.0\.1|layerlab/);
        }
      }
    }
    // The link preview names the canonical URL, its own URL and its images on the public origin.
    const share = await send('GET', `/p/${slug}`, { host: forged, 'x-forwarded-host': forged });
    const meta = (attr: string) => new RegExp(`<(?:meta|link)[^>]*(?:property|name|rel)="${attr}"[^>]*(?:content|href)="([^"]+)"`).exec(share.text)?.[1];
    expect(meta('canonical')).toBe(`${PUBLIC_URL}/p/${slug}`);
    expect(meta('og:url')).toBe(`${PUBLIC_URL}/p/${slug}`);
    expect(meta('og:image')).toMatch(new RegExp(`^${PUBLIC_URL}/p/${slug}/opengraph-image`));
    expect(meta('twitter:image')).toMatch(new RegExp(`^${PUBLIC_URL}/p/${slug}/twitter-image`));
    // The link the page hands out, and the origin its embed code is made from.
    expect(share.text).toContain(`value="${PUBLIC_URL}/p/${slug}"`);
    expect(share.text).toContain(`\\"origin\\":\\"${PUBLIC_URL}\\"`);
  });
});
