// Security headers of the web: what the production server (server.ts, per
// request, through lib/web/security-headers.ts) gives each kind of page, the
// same entries matched the way Next's headers() would match them, then one
// live check against a production build served by `tsx server.ts`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getPathMatch } from 'next/dist/shared/lib/router/utils/path-match';
import { headersForPath, securityHeaders } from '../lib/web/security-headers';
import { sparePort } from './support/child-server';
import { sleep } from './support/sandbox';

const ROOT = path.resolve(__dirname, '..');

// Every header of every entry whose source matches, later entries winning.
function headersFor(entries: { source: string; headers: { key: string; value: string }[] }[], pathname: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    if (!getPathMatch(e.source, { removeUnnamedParams: true, strict: true })(pathname)) continue;
    for (const h of e.headers) out.set(h.key.toLowerCase(), [...(out.get(h.key.toLowerCase()) ?? []), h.value]);
  }
  return out;
}

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));

const pages = ['/', '/play', '/lessons/first-image', '/share/abc', '/classroom/XYZ123', '/embedded', '/api/shares'];
const embeds = ['/embed', '/embed/abc', '/embed/share/abc'];

describe('headers per path', () => {
  it('every page gets exactly one CSP, nosniff and a referrer policy, whichever way it is matched', () => {
    const env = { NODE_ENV: 'production' };
    for (const p of [...pages, ...embeds]) {
      const h = headersFor(securityHeaders(env), p);
      expect(h.get('content-security-policy'), p).toHaveLength(1);
      expect(h.get('x-content-type-options'), p).toEqual(['nosniff']);
      expect(h.get('referrer-policy'), p).toEqual(['strict-origin-when-cross-origin']);
      // server.ts picks per request: the same set as the source patterns.
      const direct = new Map(headersForPath(p, env).map((x) => [x.key.toLowerCase(), [x.value]]));
      expect(direct, p).toEqual(h);
    }
  });

  it('the CSP lets Monaco, Next and the sandbox work and nothing else', () => {
    const csp = directives(headersFor(securityHeaders({ NODE_ENV: 'production' }), '/play').get('content-security-policy')![0]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'http://*:4000', 'ws://*:4000', 'https://*:4000', 'wss://*:4000']);
    // No scheme-wide sources anywhere: http: or ws: would open every host.
    for (const [name, values] of csp) expect(values.filter((v) => /^[a-z]+:$/.test(v) && v !== 'blob:' && v !== 'data:'), name).toEqual([]);
  });

  it('a configured sandbox URL is the only sandbox origin', () => {
    const csp = directives(headersFor(securityHeaders({ NODE_ENV: 'production', LAYERLAB_SANDBOX_URL: 'https://sandbox.example.org' }), '/').get('content-security-policy')![0]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://sandbox.example.org', 'wss://sandbox.example.org']);
  });

  it('pages cannot be framed; embeds can be framed by any site', () => {
    const entries = securityHeaders({ NODE_ENV: 'production' });
    for (const p of pages) {
      const h = headersFor(entries, p);
      expect(directives(h.get('content-security-policy')![0]).get('frame-ancestors'), p).toEqual(["'none'"]);
      expect(h.get('x-frame-options'), p).toEqual(['DENY']);
    }
    for (const p of embeds) {
      const h = headersFor(entries, p);
      expect(directives(h.get('content-security-policy')![0]).get('frame-ancestors'), p).toEqual(['*']);
      expect(h.get('x-frame-options'), p).toBeUndefined();
    }
  });

  it('production drops the dev server\'s unsafe-eval', () => {
    const prod = headersFor(securityHeaders({ NODE_ENV: 'production' }), '/').get('content-security-policy')![0];
    const dev = headersFor(securityHeaders({ NODE_ENV: 'development' }), '/').get('content-security-policy')![0];
    expect(prod).not.toContain('unsafe-eval');
    expect(dev).toContain('unsafe-eval');
  });
});

describe('live, from the production server (tsx server.ts)', () => {
  let server: ChildProcess | undefined;
  // tsx runs the server in a child process: signal the whole group.
  afterAll(() => { if (server?.pid) { try { process.kill(-server.pid, 'SIGTERM'); } catch { /* gone */ } } });

  it('a production build answers pages and embeds with these headers', async () => {
    const distDir = process.env.NEXT_DIST_DIR || '.next';
    if (!existsSync(path.join(ROOT, distDir, 'BUILD_ID'))) {
      throw new Error(`No production build in ${distDir}/ (BUILD_ID missing): run \`npx next build\` (scripts/setup/web-build.sh) before the abuse tier.`);
    }
    const port = await sparePort();
    server = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server.ts'], {
      cwd: ROOT, stdio: 'ignore', detached: true,
      env: { ...process.env, NODE_ENV: 'production', LAYERLAB_WEB_PORT: String(port), LAYERLAB_WEB_HOST: '127.0.0.1' },
    });
    const get = async (p: string) => fetch(`http://127.0.0.1:${port}${p}`, { redirect: 'manual' });
    let page: Response | undefined;
    for (let i = 0; i < 120 && !page; i++) { try { page = await get('/'); } catch { await sleep(500); } }
    expect(page, 'the production server did not answer').toBeDefined();
    const csp = directives(page!.headers.get('content-security-policy') ?? '');
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(page!.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page!.headers.get('x-frame-options')).toBe('DENY');
    const embed = await get('/embed/abuse-check');
    expect(directives(embed.headers.get('content-security-policy') ?? '').get('frame-ancestors')).toEqual(['*']);
    expect(embed.headers.get('x-frame-options')).toBeNull();
  });
});
