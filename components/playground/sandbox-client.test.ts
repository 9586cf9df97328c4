import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BuildEvent } from '@/lib/protocol';
import { SandboxClient, SandboxError } from './sandbox-client';

const session = { id: 's1', token: 't1', expiresAt: '2030-01-01T00:00:00Z' };

// A response body that arrives in the given chunks, as a slow network would
// cut an NDJSON stream: lines split across reads, several lines in one read.
function chunked(chunks: string[], status = 200): Response {
  const enc = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(c) { for (const ch of chunks) c.enqueue(enc.encode(ch)); c.close(); },
  });
  return new Response(body, { status, headers: { 'content-type': 'application/x-ndjson' } });
}

afterEach(() => { vi.unstubAllGlobals(); });

describe('SandboxClient.build', () => {
  it('reassembles NDJSON events cut anywhere, and skips lines that are not events', async () => {
    const lines = [
      '{"type":"step","index":1,"total":2,"instruction":"FROM busybox:1.35","line":1}',
      '{"type":"layer","index":1,"imageId":"ab0dd57574b6","cached":false}',
      'not json',
      '{"type":"something-else"}',
      '{"type":"done","imageId":"sha256:8ac4948dc48d","tag":"myapp:1"}',
    ].join('\n');
    const cuts = [lines.slice(0, 30), lines.slice(30, 95), lines.slice(95, 96), lines.slice(96)];
    const calls: { url: string; init: RequestInit }[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => { calls.push({ url, init }); return chunked(cuts); });
    const seen: BuildEvent[] = [];
    await new SandboxClient('http://sandbox', session).build({ dockerfile: 'FROM busybox:1.35\n' }, (e) => seen.push(e));
    expect(seen.map((e) => e.type)).toEqual(['step', 'layer', 'done']);
    expect(calls[0].url).toBe('http://sandbox/v1/sessions/s1/builds');
    expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer t1');
  });

  it('turns the sandbox\'s error answers into SandboxError with code and message', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'quota', message: 'Too many builds at once.' } }), { status: 429 }));
    const err = await new SandboxClient('http://sandbox', session).build({ dockerfile: 'FROM x' }, () => undefined).catch((e) => e);
    expect(err).toBeInstanceOf(SandboxError);
    expect(err).toMatchObject({ code: 'quota', message: 'Too many builds at once.', status: 429 });
  });

  it('knows a session the server forgot', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'no such session' } }), { status: 401 }));
    expect(await new SandboxClient('http://sandbox', session).alive()).toBe(false);
  });
});

describe('SandboxClient.layerFiles', () => {
  it('reads each layer of an image once, and reads again after a failure', async () => {
    const urls: string[] = [];
    let fail = true;
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      if (url.includes('/layers/2/') && fail) { fail = false; return new Response(JSON.stringify({ error: { code: 'engine', message: 'busy' } }), { status: 502 }); }
      return new Response(JSON.stringify({ files: [{ path: 'app/x', kind: 'A', sizeBytes: 3 }] }), { status: 200 });
    });
    const client = new SandboxClient('http://sandbox', session);
    const [one, again] = await Promise.all([client.layerFiles('sha256:abc', 1), client.layerFiles('sha256:abc', 1)]);
    expect(one).toEqual([{ path: 'app/x', kind: 'A', sizeBytes: 3 }]);
    expect(again).toBe(one);
    await expect(client.layerFiles('sha256:abc', 2)).rejects.toBeInstanceOf(SandboxError);
    expect(await client.layerFiles('sha256:abc', 2)).toHaveLength(1);
    expect(urls.filter((u) => u.endsWith('/layers/1/files'))).toHaveLength(1);
    expect(urls.filter((u) => u.endsWith('/layers/2/files'))).toHaveLength(2);
  });
});
