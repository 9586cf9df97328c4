import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { staticGzip } from './static-gzip';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-static-'));
fs.mkdirSync(path.join(dist, 'static/chunks'), { recursive: true });
fs.writeFileSync(path.join(dist, 'static/chunks/abc123.js'), 'console.log("hi");'.repeat(100));
fs.writeFileSync(path.join(dist, 'secret.js'), 'nope');
afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

function call(pathname: string, headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate, br' }, method = 'GET') {
  const sent: { status?: number; headers?: Record<string, unknown>; body?: Buffer } = {};
  const res = {
    writeHead(status: number, h: Record<string, unknown>) { sent.status = status; sent.headers = h; },
    end(body?: Buffer) { sent.body = body; },
  } as unknown as ServerResponse;
  const served = staticGzip(dist).serve({ method, headers } as IncomingMessage, res, pathname);
  return { served, ...sent };
}

describe('staticGzip', () => {
  it('serves a hashed chunk gzipped, cacheable for a year', () => {
    const r = call('/_next/static/chunks/abc123.js');
    expect(r.served).toBe(true);
    expect(r.headers).toMatchObject({ 'content-encoding': 'gzip', 'content-type': 'application/javascript; charset=UTF-8', 'cache-control': 'public, max-age=31536000, immutable' });
    expect(gunzipSync(r.body!).toString()).toBe('console.log("hi");'.repeat(100));
  });

  it('leaves everything else to Next.js', () => {
    expect(call('/_next/static/chunks/abc123.js', {}).served).toBe(false); // no gzip asked for
    expect(call('/_next/static/chunks/missing.js').served).toBe(false);
    expect(call('/_next/static/../secret.js').served).toBe(false);
    expect(call('/_next/static/chunks/%2e%2e/secret.js').served).toBe(false);
    expect(call('/play').served).toBe(false);
    expect(call('/_next/static/chunks/abc123.js', undefined, 'POST').served).toBe(false);
  });
});
